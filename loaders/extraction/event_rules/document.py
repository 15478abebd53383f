"""Document-level event coreference: one happening reported by several entries becomes one event.

Within an entry, mentions are merged while drafting. Across entries, events of
one type are joined when they are dated to the same day and their acting sides
agree (or one side is unnamed: "it carried out a massive strike"), or when an
undated mention repeats the exact count of a dated one ("54 missiles"). Entries
never join with themselves: the entry-level merge already kept those apart.
The joined event keeps the id of its best-described member, so documents that
describe the same happening equally well still land on one node.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.model import Event, EventType, Participant

from .assemble import AGENT_ROLE, AGENT_SIDE, _countries, event_key
from .sides import sides


def _entries(ev: Event) -> set[str]:
    return {e.entry or "" for e in ev.evidence}


def _first(ev: Event) -> int:
    return min(e.start for e in ev.evidence)


def _acting_sides(ev: Event) -> set[str]:
    agents = {p.actor for p in ev.participants if p.role in AGENT_SIDE}
    if ev.type in AGENT_ROLE:
        return sides(agents)
    return {p.actor for p in ev.participants}


def _shared_count(a: Event, b: Event) -> bool:
    return any(a.quantities[k] == b.quantities[k] and b.quantities[k] > 1
               for k in a.quantities.keys() & b.quantities.keys())


def _same_day(cluster: list[Event], ev: Event) -> bool:
    days = {m.date for m in cluster if m.date is not None}
    if ev.date is not None and days:
        return days == {ev.date}
    if ev.date is None and not days:
        return False  # undated mentions join through their ids only (campaigns, wars)
    return any(_shared_count(m, ev) for m in cluster)


def _sides_agree(cluster: list[Event], ev: Event) -> bool:
    mine = set().union(*(_acting_sides(m) for m in cluster))
    theirs = _acting_sides(ev)
    if mine and theirs:
        return bool(mine & theirs)
    places = set().union(*(_countries(m.locations) for m in cluster))
    theirs_places = _countries(ev.locations)
    return not (places and theirs_places and not places & theirs_places)


def _joinable(cluster: list[Event], ev: Event) -> bool:
    if cluster[0].type != ev.type:
        return False
    if any(_entries(m) & _entries(ev) for m in cluster):
        return False
    return _same_day(cluster, ev) and _sides_agree(cluster, ev)


def _merge_same_id(events: Iterable[Event]) -> list[Event]:
    table: dict[str, Event] = {}
    for ev in events:
        old = table.get(ev.id)
        table[ev.id] = ev if old is None else _union(old, [ev], old.id)
    return list(table.values())


def _union(base: Event, others: list[Event], eid: str) -> Event:
    members = [base, *others]
    quantities: dict[str, float] = {}
    for m in members:
        for k, v in m.quantities.items():
            quantities.setdefault(k, v)
    participants: dict[tuple[str, str], Participant] = {}
    for m in members:
        for p in m.participants:
            participants.setdefault((p.actor, p.role.value), p)
    return base.model_copy(update={
        "id": eid,
        "date": next((m.date for m in members if m.date is not None), None),
        "evidence": tuple(sorted({e for m in members for e in m.evidence}, key=lambda e: (e.start, e.end))),
        "participants": tuple(participants[k] for k in sorted(participants)),
        "locations": tuple(sorted({loc for m in members for loc in m.locations})),
        "quantities": dict(sorted(quantities.items())),
        "confidence": max((m.confidence or 0.0) for m in members) or None,
    })


def _best(cluster: list[Event]) -> Event:
    def informative(ev: Event) -> tuple:
        actors, places = event_key(ev.type, ev.participants, ev.locations)
        return (-len(actors), ev.date is None, -len(places), -len(ev.participants), _first(ev), ev.id)

    return min(cluster, key=informative)


def merge_document_events(events: Iterable[Event]) -> list[Event]:
    """Events of one document with mentions of one happening joined; sorted by id."""
    clusters: list[list[Event]] = []
    for ev in sorted(_merge_same_id(events), key=lambda e: (e.date is None, _first(e), e.id)):
        home = next((c for c in clusters if _joinable(c, ev)), None)
        if home is None:
            clusters.append([ev])
        else:
            home.append(ev)
    merged = []
    for cluster in clusters:
        best = _best(cluster)
        first = min(cluster, key=lambda e: (_first(e), e.id))
        joined = _union(best, [m for m in cluster if m is not best], best.id)
        merged.append(joined.model_copy(update={"summary": first.summary}))
    return sorted(merged, key=lambda e: e.id)


__all__ = ["EventType", "merge_document_events"]
