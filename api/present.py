"""Domain records -> response models, adding the names and places analysts read."""

from __future__ import annotations

from api.reader import Reader, sources
from api.schemas import (ActorOut, ActorRef, EventOut, EvidenceOut, LocationOut, ParticipantOut,
                         PlaceOut, StatementOut)
from kg.model import Actor, Event, Evidence, Location, Statement


def evidence_out(items: tuple[Evidence, ...]) -> list[EvidenceOut]:
    ordered = sorted(items, key=lambda e: (e.document, e.start, e.end))
    return [EvidenceOut(document=e.document, entry=e.entry, start=e.start, end=e.end, text=e.text)
            for e in ordered]


def actor_ref(reader: Reader, actor_id: str) -> ActorRef:
    actor = reader.actor_or_none(actor_id)
    return ActorRef(id=actor_id, name=actor.name if actor else None)


def place_out(reader: Reader, location_id: str) -> PlaceOut:
    loc = reader.place(location_id)
    if loc is None:
        return PlaceOut(id=location_id, name=None, lat=None, lon=None)
    return PlaceOut(id=loc.id, name=loc.name, lat=loc.lat, lon=loc.lon)


def event_out(reader: Reader, ev: Event) -> EventOut:
    participants = sorted(ev.participants, key=lambda p: (p.actor, p.role))
    return EventOut(
        id=ev.id, type=ev.type, date=ev.date, summary=ev.summary,
        participants=[ParticipantOut(actor=p.actor, name=actor_ref(reader, p.actor).name, role=p.role)
                      for p in participants],
        locations=[place_out(reader, loc) for loc in sorted(set(ev.locations))],
        quantities=dict(sorted(ev.quantities.items())), confidence=ev.confidence,
        sources=sources(ev), evidence=evidence_out(ev.evidence))


def statement_out(reader: Reader, st: Statement) -> StatementOut:
    return StatementOut(
        id=st.id, speaker=actor_ref(reader, st.speaker) if st.speaker else None,
        about=[actor_ref(reader, a) for a in sorted(set(st.about))], quote=st.quote,
        direct=st.direct, date=st.date, stance=st.stance,
        channel=actor_ref(reader, st.channel) if st.channel else None,
        evidence=evidence_out(st.evidence))


def actor_out(actor: Actor, counts: dict[str, int] | None = None) -> ActorOut:
    return ActorOut(id=actor.id, name=actor.name, type=actor.type, aliases=sorted(set(actor.aliases)),
                    role=actor.role, country=actor.country, affiliation=actor.affiliation,
                    **(counts or {}))


def location_out(loc: Location, events: int) -> LocationOut:
    return LocationOut(id=loc.id, name=loc.name, type=loc.type, country=loc.country, lat=loc.lat,
                       lon=loc.lon, parent=loc.parent, aliases=sorted(set(loc.aliases)), events=events)
