"""Actors: search by alias, detail with counts, and a timeline of what they did and said."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagingDep, ReaderDep
from api.errors import problem_responses
from api.present import actor_out, event_out, statement_out
from api.reader import Reader
from api.schemas import ActorOut, Page, TimelineItem
from kg.model import Actor, ActorType, Event, Statement
from kg.rows import fold  # the stores' search folding, so ranking agrees with matching
from kg.stores.base import ActorQuery, EventQuery, StatementQuery

router = APIRouter(tags=["actors"])


def _match_rank(actor: Actor, needle: str) -> int:
    """0: a name or alias equals the query; 1: one starts with it; 2: it occurs inside one."""
    forms = [fold(actor.name), *(fold(a) for a in actor.aliases)]
    if needle in forms:
        return 0
    return 1 if any(f.startswith(needle) for f in forms) else 2


def _skeleton() -> Callable[[str], str] | None:
    """The resolver's transliteration-tolerant key (Zelenskiy = Zelenskyy), if present."""
    try:
        from kg.resolution.normalize import skeleton
    except ImportError:
        return None
    return skeleton


def _spelling_variants(reader: Reader, text: str, kind: str | None) -> list[Actor]:
    """Actors whose name or an alias matches ``text`` up to romanisation variants."""
    skeleton = _skeleton()
    needle = skeleton(text) if skeleton else ""
    if not needle:
        return []
    return [a for a in reader.actors(ActorQuery(type=kind))
            if any(needle in skeleton(form) for form in (a.name, *a.aliases))]


def search(reader: Reader, text: str, actor_type: ActorType | None) -> list[Actor]:
    """The store's case- and accent-insensitive match, then spelling variants; best first:
    exact name or alias, prefix, inside a name, then transliteration variants only."""
    kind = actor_type.value if actor_type else None
    found = {a.id: (_match_rank(a, fold(text)), a) for a in reader.actors(ActorQuery(text=text, type=kind))}
    for actor in _spelling_variants(reader, text, kind):
        found.setdefault(actor.id, (3, actor))
    return [actor for _, actor in sorted(found.values(), key=lambda r: (r[0], r[1].id))]


@router.get("/actors", response_model=Page[ActorOut], responses=problem_responses(422, 500, 503))
def list_actors(
    reader: ReaderDep, paging: PagingDep,
    q: Annotated[str | None, Query(min_length=1, max_length=200,
                                   description="Any name or alias; case, accents and common "
                                               "romanisation variants ignored.")] = None,
    actor_type: Annotated[ActorType | None, Query(alias="type")] = None,
) -> Page[ActorOut]:
    """Actors by id, or the matches of ``q``: exact name or alias first, then prefix, then
    substring, then transliteration variants (Zelenskiy finds Zelenskyy)."""
    if q is None or not fold(q):
        query = ActorQuery(type=actor_type.value if actor_type else None)
        items, nxt = reader.page(reader.store.actors, query, paging.limit, paging.offset)
        return Page[ActorOut](items=[actor_out(a) for a in items], limit=paging.limit,
                              offset=paging.offset, next=nxt)
    found = search(reader, q, actor_type)
    part, meta = paging.cut(found)
    return Page[ActorOut](items=[actor_out(a) for a in part], **meta)


@router.get("/actors/{actor_id}", response_model=ActorOut, responses=problem_responses(404, 500, 503))
def get_actor(actor_id: str, reader: ReaderDep) -> ActorOut:
    """One actor with aliases and how many events, statements and mentions involve it."""
    actor = reader.actor(actor_id)
    counts = {"events": len(reader.events(EventQuery(actor=actor_id))),
              "statements": len(reader.statements(StatementQuery(speaker=actor_id))),
              "mentioned_in": len(reader.statements(StatementQuery(about=actor_id)))}
    return actor_out(actor, counts)


def _timeline_key(fact: Event | Statement) -> tuple:
    kind = "event" if isinstance(fact, Event) else "statement"
    return (fact.date is None, fact.date or dt.date.min, kind, fact.id)


def _timeline_item(reader: Reader, fact: Event | Statement) -> TimelineItem:
    if isinstance(fact, Event):
        return TimelineItem(date=fact.date, kind="event", event=event_out(reader, fact))
    return TimelineItem(date=fact.date, kind="statement", statement=statement_out(reader, fact))


@router.get("/actors/{actor_id}/timeline", response_model=Page[TimelineItem],
            responses=problem_responses(404, 422, 500, 503))
def actor_timeline(
    actor_id: str, reader: ReaderDep, paging: PagingDep,
    date_from: dt.date | None = None, date_to: dt.date | None = None,
) -> Page[TimelineItem]:
    """The actor's events and statements (made or about it) by date; undated ones last."""
    reader.actor(actor_id)
    window = {"date_from": date_from, "date_to": date_to}
    events = reader.events(EventQuery(actor=actor_id, **window))
    said = reader.statements(StatementQuery(speaker=actor_id, **window))
    about = reader.statements(StatementQuery(about=actor_id, **window))
    statements = {s.id: s for s in [*said, *about]}
    facts = sorted([*events, *statements.values()], key=_timeline_key)
    part, meta = paging.cut(facts)
    return Page[TimelineItem](items=[_timeline_item(reader, f) for f in part], **meta)
