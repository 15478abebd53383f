"""Event drafts -> ``kg.model.Event`` records, merged within an entry and keyed to merge across.

An event id is built from what happened (type, day, agent-side actors, places
when no actor is known) so the same strike reported in several entries or
documents lands on one node; a thin mention (no day, or nobody and nowhere)
is anchored to its entry so unrelated mentions never fuse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.ids import event_id
from kg.model import Event, EventType, Evidence, Participant, Role

from ..base import EntryContext, Mention
from .sides import country_of_place, is_country, is_town, sides

AGENT_ROLE = {EventType.STRIKE: Role.ATTACKER, EventType.SANCTION: Role.IMPOSER, EventType.AID: Role.DONOR,
              EventType.INTERCEPT: Role.INTERCEPTOR, EventType.OTHER: Role.ATTACKER}
PATIENT_ROLE = {EventType.STRIKE: Role.TARGET, EventType.SANCTION: Role.SANCTIONED,
                EventType.AID: Role.RECIPIENT, EventType.IMPACT: Role.VICTIM, EventType.OTHER: Role.TARGET}
OWNER_ROLE = {EventType.STRIKE: Role.ATTACKER, EventType.INTERCEPT: Role.ATTACKER,
              EventType.OTHER: Role.ATTACKER, EventType.INCIDENT: Role.PARTICIPANT}
AGENT_SIDE = frozenset({Role.ATTACKER, Role.IMPOSER, Role.DONOR, Role.INTERCEPTOR})
# Types that happen somewhere: different countries mean different happenings.
PLACED = frozenset({EventType.STRIKE, EventType.INTERCEPT, EventType.IMPACT, EventType.INCIDENT, EventType.OTHER})
# The role whose side identifies a happening across reports (the attacker of a downed drone
# is named more often than the air-defence unit that downed it).
KEY_ROLES = {EventType.STRIKE: frozenset({Role.ATTACKER}), EventType.INTERCEPT: frozenset({Role.ATTACKER}),
             EventType.SANCTION: frozenset({Role.IMPOSER}), EventType.AID: frozenset({Role.DONOR}),
             EventType.OTHER: frozenset({Role.ATTACKER})}
# Types whose happenings are told apart by place even when the actor is known.
PLACE_KEYED = frozenset({EventType.IMPACT, EventType.INCIDENT})
SUMMARY_MAX = 200
NEARBY = 3  # sentences within which a partial description may refer to the same happening


@dataclass
class Draft:
    type: EventType
    group: str
    aggregate: bool
    date: dt.date | None
    participants: list[Participant]
    locations: list[str]
    quantities: dict[str, float]
    spans: list[tuple[int, int]]  # document offsets of evidence sentences
    summary: str
    confidence: float
    order: int
    anaphoric: bool = False  # "the visit": refers back, is no event on its own
    sentence: int = 0  # index of the evidence sentence in the entry
    ongoing: bool = False  # perfect/present aspect: a tally or trend, not one past happening
    vague: bool = False  # set at a time that names no day ("last week"): not the story's day

    def actors(self, roles: frozenset[Role] | None = None) -> set[str]:
        return {p.actor for p in self.participants if roles is None or p.role in roles}

    def add_participant(self, actor: str, role: Role) -> None:
        if all(p.actor != actor for p in self.participants):
            self.participants.append(Participant(actor=actor, role=role))


def participants_for(kind: EventType, agents: list[Mention], patients: list[Mention],
                     owners: list[Mention]) -> tuple[list[Participant], list[str]]:
    """Roles of the mentioned actors; patient-side places become locations too."""
    out: list[Participant] = []
    places: list[str] = []

    def put(actor: str, role: Role | None) -> None:
        if role is not None and all(p.actor != actor for p in out):
            out.append(Participant(actor=actor, role=role))

    for m in owners:
        if m.kind == "actor":
            put(m.ref, OWNER_ROLE.get(kind))
    for m in agents:
        if m.kind == "actor":
            put(m.ref, AGENT_ROLE.get(kind, Role.PARTICIPANT if kind != EventType.IMPACT else None))
    for m in patients:
        if m.kind == "location":
            places.append(m.ref)
            if is_country(m.ref):  # a country named as a place is also the country acted on
                put(m.ref, PATIENT_ROLE.get(kind))
        else:
            put(m.ref, PATIENT_ROLE.get(kind, Role.PARTICIPANT))
    return out, places


def _compatible(a: Draft, b: Draft) -> bool:
    if (a.type, a.group) != (b.type, b.group):
        return False
    if abs(a.sentence - b.sentence) > NEARBY and not _agree(a, b):
        return False  # far apart in a long article: only a full match is the same happening
    if (a.aggregate or b.aggregate) and (a.date or b.date):
        return False  # a campaign is not one dated happening
    if _ongoing_vs_dated(a, b):
        return False
    if a.date and b.date and a.date != b.date:
        return False
    same_day = a.date is not None and a.date == b.date
    if not same_day and any(a.quantities[k] != b.quantities[k] for k in a.quantities.keys() & b.quantities.keys()):
        return False  # unless the day says otherwise, different counts mean different happenings
    if a.type in AGENT_ROLE:
        agents_a, agents_b = sides(a.actors(AGENT_SIDE)), sides(b.actors(AGENT_SIDE))
    else:  # a call, an appointment: the same people take part
        agents_a, agents_b = a.actors(), b.actors()
    if agents_a and agents_b and not agents_a & agents_b:
        return False
    if a.type not in PLACED:
        return True
    places_a, places_b = _countries(a.locations), _countries(b.locations)
    if places_a and places_b and not places_a & places_b:
        return False
    return a.sentence == b.sentence or not _different_towns(a, b)


def _different_towns(a: Draft, b: Draft) -> bool:
    """A strike on Kharkiv told sentences away from one on Kyiv is another strike; places one
    sentence names together, and countries or regions (too broad), keep drafts compatible."""
    towns_a = {x for x in a.locations if is_town(x)}
    towns_b = {x for x in b.locations if is_town(x)}
    return bool(towns_a and towns_b) and not towns_a & towns_b


def _ongoing_vs_dated(a: Draft, b: Draft) -> bool:
    """"Shelling has intensified" (no day, not a past report) is not the attack "on Friday"."""
    if a.anaphoric or b.anaphoric:  # "has denied responsibility for the strike": that strike
        return False
    if a.vague != b.vague and a.sentence != b.sentence:
        return True  # "pledged £100m last week" is an earlier pledge than today's
    return (a.date is None and a.ongoing and b.date is not None) or \
        (b.date is None and b.ongoing and a.date is not None)


def _countries(locations: list[str] | tuple[str, ...]) -> set[str]:
    """Places compared at country level: "Kyiv" and "Ukraine" do not contradict."""
    return {country_of_place(x) or x for x in locations}


def _agree(a: Draft, b: Draft) -> bool:
    """Same day named in both, or both undated with the same acting side named."""
    if a.date is not None and a.date == b.date:
        return True
    roles = AGENT_SIDE if a.type in AGENT_ROLE else None
    return a.date == b.date and bool(sides(a.actors(roles)) & sides(b.actors(roles)))


def _absorb(into: Draft, other: Draft) -> None:
    into.date = into.date or other.date
    into.aggregate = into.aggregate or other.aggregate
    for p in other.participants:
        into.add_participant(p.actor, p.role)
    into.locations.extend(x for x in other.locations if x not in into.locations)
    for k, v in other.quantities.items():
        into.quantities.setdefault(k, v)
    into.spans.extend(s for s in other.spans if s not in into.spans)
    into.sentence = max(into.sentence, other.sentence)  # the window moves with the story
    into.confidence = max(into.confidence, other.confidence)


def merge_in_entry(drafts: list[Draft]) -> list[Draft]:
    """Mentions in one entry of the same happening ("the attack ... the drones") become one draft."""
    kept: list[Draft] = []
    for d in sorted(drafts, key=lambda x: x.order):
        home = next((k for k in reversed(kept) if _compatible(k, d)), None)
        if home is not None:
            _absorb(home, d)
        elif not d.anaphoric:
            kept.append(d)
    _attackers_for_intercepts(kept)
    _victims_from_strikes(kept)
    for d in kept:
        _default_patient(d)
    return [d for d in kept if d.participants or d.locations]  # nobody, nowhere: nothing to record


def _victims_from_strikes(drafts: list[Draft]) -> None:
    """"The strikes disrupted production": damage with nobody and nowhere named was done to
    the target of the attack the entry reports (the one in its sentence, else the nearest)."""
    strikes = [d for d in drafts if d.type == EventType.STRIKE and (d.actors(frozenset({Role.TARGET})) or d.locations)]
    for d in drafts:
        if d.type != EventType.IMPACT or d.participants or d.locations:
            continue
        same_day = [s for s in strikes if _related(s, d)]
        if not same_day:
            continue
        source = min(same_day, key=lambda s: (s.sentence != d.sentence, abs(s.order - d.order)))
        for actor in sorted(source.actors(frozenset({Role.TARGET}))):
            d.add_participant(actor, Role.VICTIM)
        d.locations.extend(x for x in source.locations if x not in d.locations)


def _default_patient(d: Draft) -> None:
    """A strike on, or damage in, a place with nobody named hits the country it lies in
    ("outages in Kyiv region" -> Ukraine is the victim)."""
    role = {EventType.STRIKE: Role.TARGET, EventType.IMPACT: Role.VICTIM}.get(d.type)
    if role is None or any(p.role == role for p in d.participants):
        return
    countries = sorted({c for c in map(country_of_place, d.locations) if c})
    for c in countries:
        if c not in sides(d.actors(AGENT_SIDE)):
            d.add_participant(c, role)


def _related(strike: Draft, other: Draft) -> bool:
    """Could ``other`` be a consequence of ``strike``: same day named, or told nearby with no other day."""
    if strike.date and other.date:
        return strike.date == other.date
    return abs(strike.sentence - other.sentence) <= NEARBY


def _attackers_for_intercepts(drafts: list[Draft]) -> None:
    """Downed weapons belong to the attack the entry reports: the interception's attacker is its attacker."""
    strikes = [d for d in drafts if d.type == EventType.STRIKE and d.actors(frozenset({Role.ATTACKER}))]
    for d in drafts:
        if d.type != EventType.INTERCEPT or d.actors(frozenset({Role.ATTACKER})):
            continue
        same_day = [s for s in strikes if _related(s, d)]
        if same_day:
            source = min(same_day, key=lambda s: abs(s.order - d.order))
            for actor in sorted(source.actors(frozenset({Role.ATTACKER})) - d.actors()):
                d.add_participant(actor, Role.ATTACKER)


def event_key(kind: EventType, participants: tuple[Participant, ...] | list[Participant],
              locations: tuple[str, ...] | list[str], aggregate: bool = False) -> tuple[tuple, tuple]:
    """(sides, places) identifying a happening: the countries acting, places only when needed."""
    everyone = {p.actor for p in participants}
    keyed = {p.actor for p in participants if p.role in KEY_ROLES.get(kind, ())}
    agents = {p.actor for p in participants if p.role in AGENT_SIDE}
    # a call or an appointment is told apart by who takes part, not by their countries
    actors = sides(keyed or agents or everyone) if kind in AGENT_ROLE else set(everyone)
    if aggregate and kind == EventType.OTHER:  # one war, keyed by where it is fought
        patients = {p.actor for p in participants if p.role not in AGENT_SIDE}
        theatre = {c for c in sides(patients) | {country_of_place(x) for x in locations} if c and is_country(c)}
        return ((), tuple(sorted(theatre))) if theatre else (tuple(sorted(actors)), ())
    places = set(locations) if (kind in PLACE_KEYED or not actors) else set()
    return tuple(sorted(actors)), tuple(sorted(places))


def _key(d: Draft) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return event_key(d.type, d.participants, d.locations, d.aggregate)


def _anchor(d: Draft, ctx: EntryContext, actors: tuple, places: tuple) -> str:
    known = bool(actors or places)
    if known and d.date is not None:
        return ""
    if known and d.aggregate:  # the war is one happening everywhere it is named with its theatre
        return "" if d.type == EventType.OTHER and places else ctx.document.id
    # the entry-level merge kept this mention apart from the entry's others: its first sentence
    # keeps it apart in the id too (a long article reports many undated Russian strikes)
    return f"{ctx.document.id}/{ctx.entry.id}/{min(s for s, _ in d.spans)}"


def _summary(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[:SUMMARY_MAX - 1].rsplit(" ", 1)[0]
    return cut + "…"


def to_event(d: Draft, ctx: EntryContext) -> Event:
    actors, places = _key(d)
    kind = d.type.value + (f"/{d.group}" if d.group else "")
    eid = event_id(kind, d.date, actors, places, _anchor(d, ctx, actors, places))
    text = ctx.document.text
    evidence = tuple(Evidence(document=ctx.document.id, entry=ctx.entry.id, start=s, end=e, text=text[s:e])
                     for s, e in sorted(d.spans))
    return Event(id=eid, type=d.type, date=d.date, summary=_summary(d.summary),
                 participants=tuple(sorted(d.participants, key=lambda p: (p.actor, p.role))),
                 locations=tuple(sorted(set(d.locations))), quantities=dict(sorted(d.quantities.items())),
                 confidence=round(d.confidence, 2), evidence=evidence)
