"""Shared types of the extraction stage.

An extractor is a pure function from a ``Document`` to a ``DocumentGraph``. Inside
it, one spaCy pass per entry feeds three components that communicate only
through these types: the entity resolver (mentions), the event extractor and the
statement extractor. All offsets here are offsets into ``Document.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, Protocol

from spacy.tokens import Doc as SpacyDoc

from kg.model import Actor, Document, DocumentGraph, Entry, Event, Location, Statement

MentionKind = Literal["actor", "location"]


@dataclass(frozen=True, order=True)
class Mention:
    """A span of the document resolved to an actor or a location."""

    start: int
    end: int
    text: str  # == document.text[start:end]
    kind: MentionKind
    ref: str  # actor id or location id
    how: str = "registry"  # registry | ner | gazetteer | description | short_form | coref | metonymy


@dataclass
class EntryContext:
    """One entry under extraction: its spaCy parse and the mentions resolved in it.

    ``sdoc`` parses ``document.text[entry.start:entry.end]``: a token's document
    offset is ``entry.start + token.idx``.
    """

    document: Document
    entry: Entry
    sdoc: SpacyDoc
    mentions: list[Mention] = field(default_factory=list)

    @property
    def published(self) -> dt.date | None:
        if isinstance(self.entry.published, dt.datetime):
            return self.entry.published.date()
        return self.entry.published or self.document.published

    def doc_offset(self, entry_char: int) -> int:
        return self.entry.start + entry_char

    def mentions_in(self, start: int, end: int, kind: MentionKind | None = None) -> list[Mention]:
        """Mentions lying inside document span [start, end)."""
        return [m for m in self.mentions
                if m.start >= start and m.end <= end and (kind is None or m.kind == kind)]


class Resolver(Protocol):
    """Finds and resolves actor and location mentions; remembers what it resolved."""

    def resolve(self, ctx: EntryContext, previous: list[EntryContext]) -> list[Mention]: ...

    def actor(self, actor_id: str) -> Actor: ...

    def location(self, location_id: str) -> Location: ...


class EventExtractor(Protocol):
    def __call__(self, ctx: EntryContext) -> list[Event]: ...


class StatementExtractor(Protocol):
    def __call__(self, ctx: EntryContext, previous: list[EntryContext]) -> list[Statement]: ...


class Extractor(Protocol):
    """Registered by name and version; pure: same document, same graph."""

    name: str
    version: str

    def __call__(self, document: Document) -> DocumentGraph: ...
