"""Reads the API needs, built on the ``GraphStore`` protocol.

The protocol pages its lists but has no lookup of one event or of locations, no
totals and no corroboration filter; where a store offers an optional method
(``event``, ``locations``) it is used, otherwise the reader falls back on
``snapshot()``, taken at most once per request. A ``Reader`` lives for one
request, so its caches never serve stale data across requests; the one cache
that outlives a request, ``PlaceBook``, holds only what never changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from kg.errors import NotFound
from kg.model import Actor, Event, Location, Statement
from kg.stores.base import ActorQuery, EventQuery, GraphSnapshot, GraphStore, Page, StatementQuery

# One read from offset 0: a large SKIP crashes LadybugDB 0.22 (see api.deps.MAX_OFFSET).
ALL = 2**31 - 1
Q = TypeVar("Q", EventQuery, ActorQuery, StatementQuery)
R = TypeVar("R")


def fetch_all(fetch: Callable[[Q], list[R]], query: Q) -> list[R]:
    """Every record matching ``query``."""
    return fetch(query.model_copy(update={"page": Page(limit=ALL, offset=0)}))


def sources(fact: Event | Statement) -> int:
    return len({e.document for e in fact.evidence})


class PlaceBook:
    """Locations by id, kept across requests for naming the places of events.

    Sound because a stored location's name and coordinates never change (first
    write wins, ``kg.merge``); an id not yet in the book reloads it, at most once
    per request. Without it every event list would need a whole snapshot.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._places: dict[str, Location] = {}

    def get(self, reader: Reader, location_id: str) -> Location | None:
        with self._lock:
            found = self._places.get(location_id)
        if found is None and not reader.reloaded_places:
            reader.reloaded_places = True
            fresh = reader.locations()
            with self._lock:
                self._places = dict(fresh)
            found = fresh.get(location_id)
        return found


class Reader:
    def __init__(self, store: GraphStore, places: PlaceBook | None = None) -> None:
        self.store = store
        self.places = places or PlaceBook()
        self.reloaded_places = False
        self._snapshot: GraphSnapshot | None = None
        self._actors: dict[str, Actor | None] = {}
        self._locations: dict[str, Location] | None = None

    def snapshot(self) -> GraphSnapshot:
        if self._snapshot is None:
            self._snapshot = self.store.snapshot()
        return self._snapshot

    def _optional(self, name: str) -> Callable[..., Any] | None:
        method = getattr(self.store, name, None)
        return method if callable(method) else None

    def page(self, fetch: Callable[[Q], list[R]], query: Q, limit: int, offset: int
             ) -> tuple[list[R], int | None]:
        """One page plus the next offset, from a single read of ``limit + 1`` records."""
        got = fetch(query.model_copy(update={"page": Page(limit=limit + 1, offset=offset)}))
        return got[:limit], (offset + limit if len(got) > limit else None)

    def events(self, query: EventQuery) -> list[Event]:
        return fetch_all(self.store.events, query)

    def statements(self, query: StatementQuery) -> list[Statement]:
        return fetch_all(self.store.statements, query)

    def actors(self, query: ActorQuery) -> list[Actor]:
        return fetch_all(self.store.actors, query)

    def event(self, event_id: str) -> Event:
        lookup = self._optional("event")
        found = lookup(event_id) if lookup else next(
            (e for e in self.snapshot().events if e.id == event_id), None)
        if found is None:
            raise NotFound(f"no event {event_id!r}")
        return found

    def actor(self, actor_id: str) -> Actor:
        found = self.actor_or_none(actor_id)
        if found is None:
            raise NotFound(f"no actor {actor_id!r}")
        return found

    def actor_or_none(self, actor_id: str) -> Actor | None:
        if actor_id not in self._actors:
            self._actors[actor_id] = self.store.actor(actor_id)
        return self._actors[actor_id]

    def place(self, location_id: str) -> Location | None:
        return self.places.get(self, location_id)

    def locations(self) -> dict[str, Location]:
        if self._locations is None:
            listing = self._optional("locations")
            found = listing() if listing else self.snapshot().locations
            self._locations = {loc.id: loc for loc in sorted(found, key=lambda loc: loc.id)}
        return self._locations

    def event_counts_by_location(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for ev in self.snapshot().events:
            for loc in set(ev.locations):
                counts[loc] = counts.get(loc, 0) + 1
        return counts
