"""Events: typed happenings with participants, places and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagingDep, ReaderDep
from api.errors import problem_responses
from api.present import event_out
from api.reader import sources
from api.schemas import EventOut, Page
from kg.errors import InputError
from kg.model import EventType, Role
from kg.stores.base import EventQuery

router = APIRouter(tags=["events"])


@router.get("/events", response_model=Page[EventOut], responses=problem_responses(422, 500, 503))
def list_events(
    reader: ReaderDep, paging: PagingDep,
    event_type: Annotated[EventType | None, Query(alias="type")] = None,
    actor: Annotated[str | None, Query(description="Actor id taking part.")] = None,
    role: Annotated[Role | None, Query(description="With `actor`: only in this role.")] = None,
    location: Annotated[str | None, Query(description="Location id.")] = None,
    date_from: Annotated[dt.date | None, Query(description="Occurrence date, inclusive.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Occurrence date, inclusive.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="Distinct evidence documents.")] = None,
) -> Page[EventOut]:
    """Events in a stable order, filtered; undated events fall outside any date range."""
    if role is not None and actor is None:
        raise InputError("role", "filtering by role needs an actor")
    query = EventQuery(type=event_type, actor=actor, role=role.value if role else None,
                       location=location, date_from=date_from, date_to=date_to)
    if (min_sources or 1) <= 1:
        items, nxt = reader.page(reader.store.events, query, paging.limit, paging.offset)
        meta = {"limit": paging.limit, "offset": paging.offset, "next": nxt}
    else:
        # Not in the protocol's EventQuery: filter the full match above the store.
        items, meta = paging.cut([e for e in reader.events(query) if sources(e) >= min_sources])
    return Page[EventOut](items=[event_out(reader, e) for e in items], **meta)


@router.get("/events/{event_id}", response_model=EventOut, responses=problem_responses(404, 500, 503))
def get_event(event_id: str, reader: ReaderDep) -> EventOut:
    """One event with its participants (id, name, role), places, quantities and evidence."""
    return event_out(reader, reader.event(event_id))
