"""The GraphStore protocol and the query/filter records it takes.

Both stores implement exactly this; one contract test suite runs against both.
Reads return domain records (``kg.model``), so the export and the API are built
once, above the stores.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, runtime_checkable

from pydantic import Field

from kg.model import (
    Actor,
    Document,
    DocumentGraph,
    Event,
    EventType,
    Location,
    Record,
    Statement,
)


class Page(Record):
    limit: int = Field(default=100, ge=1)
    offset: int = Field(default=0, ge=0)


class EventQuery(Record):
    type: EventType | None = None
    actor: str | None = None  # actor id
    role: str | None = None  # with actor: only this role
    location: str | None = None  # location id
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: Page = Page()


class ActorQuery(Record):
    text: str | None = None  # matches name or any alias, case-insensitive
    type: str | None = None
    page: Page = Page()


class StatementQuery(Record):
    speaker: str | None = None  # actor id
    about: str | None = None  # actor id
    stance: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: Page = Page()


class GraphSnapshot(Record):
    """The whole graph (or the part a query selected) as domain records."""

    documents: tuple[Document, ...] = ()
    actors: tuple[Actor, ...] = ()
    locations: tuple[Location, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()


@runtime_checkable
class GraphStore(Protocol):
    """What every store does. Errors raised are ``kg.errors`` classes only."""

    def setup(self) -> None:
        """Create constraints / tables; idempotent. Called once before first use."""

    def close(self) -> None: ...

    def ping(self) -> None:
        """Raise ``StoreUnavailable`` when the store cannot answer."""

    def document_hash(self, document_id: str) -> str | None:
        """The content hash of a stored document, or ``None`` if absent."""

    def upsert(self, graphs: list[DocumentGraph]) -> None:
        """Write documents with their facts, replacing each document's earlier facts.

        Idempotent: writing the same graphs twice leaves the store unchanged.
        Facts shared with other documents (a corroborated event, an actor) keep
        the other documents' evidence and aliases.
        """

    def delete_document(self, document_id: str) -> bool:
        """Remove a document, its entries, its evidence and every fact left without
        evidence, and actors/locations no remaining fact uses. False if absent."""

    def snapshot(self) -> GraphSnapshot:
        """Everything, in a stable order (ids ascending)."""

    def counts(self) -> dict[str, int]:
        """Node counts by label plus relationship counts by type."""

    def events(self, query: EventQuery) -> list[Event]: ...

    def actors(self, query: ActorQuery) -> list[Actor]: ...

    def actor(self, actor_id: str) -> Actor | None: ...

    def statements(self, query: StatementQuery) -> list[Statement]: ...

    def recent_facts(self, actors: list[str], bounds: tuple[str, str], per_actor: int) -> GraphSnapshot:
        """Each actor's ``per_actor`` most recent events, statements said and statements
        about it, dated within ``bounds`` (``kg.network.bounds``), and the actors they name."""

    def neighbours(self, actors: list[str], bounds: tuple[str, str],
                   statements: bool) -> list[tuple[str, str]]:
        """(actor, other) for every interaction-network neighbour of ``actors``."""

    def degrees(self, actors: list[str]) -> dict[str, int]:
        """How many facts each actor takes part in, says or is spoken about in."""

    def linking_facts(self, pairs: list[tuple[str, str]], bounds: tuple[str, str], per_pair: int,
                      statements: bool) -> GraphSnapshot:
        """The most recent facts linking each pair of actors directly."""

    def linked(self, pairs: list[tuple[str, str]], bounds: tuple[str, str],
               statements: bool) -> list[tuple[str, str]]:
        """The pairs of ``pairs`` linked directly by at least one fact within ``bounds``."""

    def read_cypher(self, query: str, params: dict[str, Any], row_cap: int) -> list[dict[str, Any]]:
        """Run a read-only query in the store's own dialect; refuse writes."""
