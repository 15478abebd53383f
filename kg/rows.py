"""Rows: the flat form both stores write and read.

One table spec (``NODE_COLUMNS``, ``RELATIONS``) describes every node label's
columns and every relationship's endpoints; LadybugDB's DDL and every generated
query in ``kg.cypher`` come from it, so the two stores cannot drift apart.
A ``DocumentGraph`` becomes row dicts (``graph_rows``); rows read back become
domain records (``*_from_row``). Values are plain JSON types: dates and times as
ISO strings, ``Event.quantities`` as a JSON string, so both stores hold the same.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from kg.errors import InputError
from kg.ids import evidence_id
from kg.model import (
    Actor,
    Document,
    DocumentGraph,
    Entry,
    Event,
    EventType,
    Evidence,
    Location,
    Participant,
    Role,
    Stance,
    Statement,
)
from ontology.mapping import Label, Rel

Row = dict[str, Any]


class Column(NamedTuple):
    name: str
    kind: str  # LadybugDB column type; Neo4j is schema-free
    update: bool = False  # rewritten on every upsert (else only set when the node is created)


class RelSpec(NamedTuple):
    pairs: tuple[tuple[Label, Label], ...]
    properties: tuple[Column, ...] = ()
    # Which end owns a single-valued link (a statement has one speaker): only the
    # first written link is kept, as for scalar attributes.
    single: Literal["src", "dst"] | None = None
    # Copied into the link when it is written, from its ends (``kg.cypher``): the
    # actor's id and the fact's date, the keys of the index that lists an actor's
    # facts newest first without reading them all. Never read back into records.
    listing: Literal["src", "dst"] | None = None  # the actor's end


def _columns(*spec: str, update: bool = False) -> tuple[Column, ...]:
    """``"name:KIND"`` items; KIND defaults to STRING."""
    return tuple(Column(*(item.split(":") if ":" in item else (item, "STRING")), update)
                 for item in spec)


_ALIASED = (Column("aliases", "STRING[]", True),)

NODE_COLUMNS: dict[Label, tuple[Column, ...]] = {
    Label.DOCUMENT: _columns("id", "source", "title", "published", "text", "content_hash",
                             "ingested_at", update=True),
    Label.ENTRY: _columns("id", "document", "index:INT64", "headline", "published",
                          "start:INT64", "end:INT64", "content_hash", update=True),
    Label.ACTOR: _columns("id", "name", "type", "role", "country", "affiliation")
    + _ALIASED + (Column("search", "STRING", True),),
    Label.LOCATION: _columns("id", "name", "type", "country", "lat:DOUBLE", "lon:DOUBLE",
                             "parent") + _ALIASED,
    Label.EVENT: _columns("id", "type", "date", "summary", "quantities", "confidence:DOUBLE"),
    Label.STATEMENT: _columns("id", "quote", "direct:BOOLEAN", "date", "stance"),
    Label.EVIDENCE: _columns("id", "document", "entry", "start:INT64", "end:INT64", "text"),
}

RELATIONS: dict[Rel, RelSpec] = {
    Rel.HAS_ENTRY: RelSpec(((Label.DOCUMENT, Label.ENTRY),)),
    Rel.IN_ENTRY: RelSpec(((Label.EVIDENCE, Label.ENTRY),)),
    Rel.SUPPORTS: RelSpec(((Label.EVIDENCE, Label.EVENT), (Label.EVIDENCE, Label.STATEMENT))),
    Rel.PARTICIPATED_IN: RelSpec(((Label.ACTOR, Label.EVENT),), _columns("role"), listing="src"),
    Rel.OCCURRED_AT: RelSpec(((Label.EVENT, Label.LOCATION),)),
    Rel.SAID: RelSpec(((Label.ACTOR, Label.STATEMENT),), single="dst", listing="src"),
    Rel.ABOUT: RelSpec(((Label.STATEMENT, Label.ACTOR),), listing="dst"),
    Rel.CARRIED_BY: RelSpec(((Label.STATEMENT, Label.ACTOR),), single="src"),
    Rel.WITHIN: RelSpec(((Label.LOCATION, Label.LOCATION),)),
}


# The listing keys (``RelSpec.listing``): ``actor`` is the actor's id, ``date_key``
# the fact's ISO date, or "" when it has none (an index skips null keys).
LISTING_KEYS: tuple[Column, ...] = _columns("actor", "date_key")


class Link(NamedTuple):
    """One (type, from, to) pair of a relationship table; link rows are ``{src, dst, ...props}``."""

    rel: Rel
    src: Label
    dst: Label


# WITHIN is derived from stored ``Location.parent`` values, not written from rows.
LINKS: tuple[Link, ...] = tuple(Link(rel, a, b) for rel, spec in RELATIONS.items()
                                if rel is not Rel.WITHIN for a, b in spec.pairs)


@dataclass(frozen=True)
class GraphRows:
    """One document graph as rows, deduplicated by id (first occurrence wins)."""

    document: Row
    entries: list[Row]
    nodes: dict[Label, list[Row]]  # actors, locations, events, statements, evidence: write order
    links: dict[Link, list[Row]]

    @property
    def document_id(self) -> str:
        return self.document["id"]

    @property
    def size(self) -> int:
        """Rows written: nodes plus links."""
        return (1 + len(self.entries) + sum(map(len, self.nodes.values()))
                + sum(map(len, self.links.values())))


# --- values ------------------------------------------------------------------------


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def when(value: str | None) -> dt.date | dt.datetime | None:
    """Parse what ``iso`` wrote, keeping a date a date and a date-time a date-time."""
    if value is None:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


@lru_cache(maxsize=1 << 16)  # the same names and aliases recur in every document
def fold(text: str) -> str:
    """Case- and accent-insensitive form used for name search."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def search_text(name: str, aliases: Iterable[str]) -> str:
    """Folded name and aliases, one per line, so ``CONTAINS`` matches within one of them."""
    return "\n".join(fold(n) for n in (name, *aliases))


def canonical(items: Iterable[BaseModel]) -> tuple:
    """Sorted and deduplicated the way ``kg.merge`` orders unions."""
    return tuple(sorted(set(items), key=lambda item: item.model_dump_json()))


# --- graph -> rows -----------------------------------------------------------------


def graph_rows(graph: DocumentGraph) -> GraphRows:
    """Rows of one document graph; raises ``InputError`` on dangling references."""
    _check_references(graph)
    doc = graph.document
    facts = [*graph.events, *graph.statements]
    keys = {_span(e): "" for f in facts for e in f.evidence}
    keys = {span: evidence_id(*span) for span in keys}  # hashed once: the most numerous id
    evidence = _unique((keys[_span(e)], e) for f in facts for e in f.evidence)
    nodes = {Label.ACTOR: _actor_rows(graph.actors),
             Label.LOCATION: _aliased_rows(graph.locations),
             Label.EVENT: [_event_row(e) for e in _unique((e.id, e) for e in graph.events).values()],
             Label.STATEMENT: [_statement_row(s)
                               for s in _unique((s.id, s) for s in graph.statements).values()],
             Label.EVIDENCE: [_evidence_row(i, e) for i, e in evidence.items()]}
    entries = [_entry_row(e) for e in _unique((e.id, e) for e in doc.entries).values()]
    links = {link: _distinct(found) for link, found in _links(graph, evidence, keys).items()}
    return GraphRows(document=_document_row(doc), entries=entries, nodes=nodes, links=links)


def united_nodes(data: list[GraphRows]) -> list[tuple[Label, list[Row]]]:
    """The node rows of several graphs per label, in write order (parents before
    children), one row per id as successive upserts would leave it: the first
    written, with the ``update`` columns of the later ones (aliases united)."""
    labels = (Label.DOCUMENT, Label.ENTRY, *data[0].nodes) if data else ()
    tables: dict[Label, list[Row]] = {label: [] for label in labels}
    for graph in data:
        tables[Label.DOCUMENT].append(graph.document)
        tables[Label.ENTRY].extend(graph.entries)
        for label, found in graph.nodes.items():
            tables[label].extend(found)
    return [(label, _unite(label, found)) for label, found in tables.items()]


def _unite(label: Label, found: list[Row]) -> list[Row]:
    updated = [c.name for c in NODE_COLUMNS[label][1:] if c.update]
    first: dict[str, Row] = {}
    for row in found:
        kept = first.get(row["id"])
        if kept is None:
            first[row["id"]] = row
        elif updated:
            later = merge_aliases([row], {row["id"]: kept})[0]
            first[row["id"]] = {**kept, **{name: later[name] for name in updated}}
    return list(first.values())


def united_links(data: list[GraphRows]) -> dict[Link, list[Row]]:
    """The link rows of several graphs, distinct, in order; of a single-valued link
    only the first row per owning end (``RelSpec.single``), as the store keeps it."""
    united: dict[Link, list[Row]] = {}
    for link in LINKS:
        found = [r for graph in data for r in graph.links.get(link, ())]
        distinct = _distinct(found)
        end = RELATIONS[link.rel].single
        if end is not None:
            owners: set[str] = set()
            distinct = [r for r in distinct if not (r[end] in owners or owners.add(r[end]))]
        united[link] = distinct
    return united


def _distinct(link_rows: list[Row]) -> list[Row]:
    """Distinct link rows, in order (one link type's rows have the same keys in the same order)."""
    return list({tuple(r.values()): r for r in link_rows}.values())


def _span(e: Evidence) -> tuple[str, int, int]:
    return e.document, e.start, e.end


def _links(graph: DocumentGraph, evidence: dict[str, Evidence],
           keys: dict[tuple[str, int, int], str]) -> dict[Link, list[Row]]:
    doc, events, statements = graph.document, graph.events, graph.statements
    entry_ids = {e.id for e in doc.entries}
    return {
        Link(Rel.HAS_ENTRY, Label.DOCUMENT, Label.ENTRY): [_link(doc.id, e.id) for e in doc.entries],
        Link(Rel.IN_ENTRY, Label.EVIDENCE, Label.ENTRY): [
            _link(i, e.entry) for i, e in evidence.items() if e.entry in entry_ids],
        Link(Rel.SUPPORTS, Label.EVIDENCE, Label.EVENT): _supports(events, keys),
        Link(Rel.SUPPORTS, Label.EVIDENCE, Label.STATEMENT): _supports(statements, keys),
        Link(Rel.PARTICIPATED_IN, Label.ACTOR, Label.EVENT): [
            _link(p.actor, e.id, role=str(p.role)) for e in events for p in e.participants],
        Link(Rel.OCCURRED_AT, Label.EVENT, Label.LOCATION): [
            _link(e.id, loc) for e in events for loc in e.locations],
        Link(Rel.SAID, Label.ACTOR, Label.STATEMENT): [
            _link(s.speaker, s.id) for s in statements if s.speaker],
        Link(Rel.ABOUT, Label.STATEMENT, Label.ACTOR): [_link(s.id, a) for s in statements for a in s.about],
        Link(Rel.CARRIED_BY, Label.STATEMENT, Label.ACTOR): [
            _link(s.id, s.channel) for s in statements if s.channel],
    }


def _check_references(graph: DocumentGraph) -> None:
    """A graph must carry every actor and location its facts name, and only its own
    evidence: a store cannot invent an actor's name, and replacing a document
    removes exactly the evidence that names it."""
    actors = {a.id for a in graph.actors}
    places = {loc.id for loc in graph.locations}
    used_actors = {p.actor for e in graph.events for p in e.participants} | {
        a for s in graph.statements for a in (s.speaker, s.channel, *s.about) if a}
    used_places = {loc for e in graph.events for loc in e.locations}
    foreign = {e.document for f in (*graph.events, *graph.statements) for e in f.evidence}
    problems = [f"unknown actor {a}" for a in sorted(used_actors - actors)]
    problems += [f"unknown location {p}" for p in sorted(used_places - places)]
    problems += [f"evidence from document {d}" for d in sorted(foreign - {graph.document.id})]
    if problems:
        raise InputError(graph.document.source, "graph is not self-contained: " + ", ".join(problems))


def _unique(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def _evidence_row(evidence_key: str, e: Evidence) -> Row:
    # By hand, not model_dump: evidence is the most numerous row, and its fields are plain.
    return {"id": evidence_key, "document": e.document, "entry": e.entry, "start": e.start,
            "end": e.end, "text": e.text}


def _link(src: str, dst: str, **props: Any) -> Row:
    return {"src": src, "dst": dst, **props}


def _supports(facts: Iterable[Event | Statement], keys: dict[tuple[str, int, int], str]) -> list[Row]:
    return [_link(keys[_span(e)], f.id) for f in facts for e in f.evidence]


def _document_row(doc: Document) -> Row:
    return {"id": doc.id, "source": doc.source, "title": doc.title, "published": iso(doc.published),
            "text": doc.text, "content_hash": doc.content_hash, "ingested_at": iso(doc.ingested_at)}


def _entry_row(e: Entry) -> Row:
    return {"id": e.id, "document": e.document, "index": e.index, "headline": e.headline,
            "published": iso(e.published), "start": e.start, "end": e.end,
            "content_hash": e.content_hash}


def _aliased_rows(records: Iterable[Actor | Location]) -> list[Row]:
    """First occurrence's scalars, union of every occurrence's aliases (as ``kg.merge``)."""
    rows: dict[str, Row] = {}
    for record in records:
        row = rows[record.id] if record.id in rows else rows.setdefault(record.id, _record_row(record))
        row["aliases"] = sorted(set(row["aliases"]) | set(record.aliases))
    return list(rows.values())


def _record_row(record: Actor | Location) -> Row:
    """``model_dump(mode="json")`` by hand: pydantic's enum handling made that call a
    third of all row building, and these fields are plain (strings, enums, tuples, floats)."""
    row: Row = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        row[name] = str(value) if isinstance(value, StrEnum) else list(value) if isinstance(value, tuple) else value
    return row


def _actor_rows(actors: Iterable[Actor]) -> list[Row]:
    return [{**row, "search": search_text(row["name"], row["aliases"])} for row in _aliased_rows(actors)]


def merge_aliases(rows: list[Row], stored: Mapping[str, Row]) -> list[Row]:
    """Rows whose aliases include the stored ones (and whose search text uses the stored,
    first-written name): ``stored`` maps id -> ``{name, aliases}`` already in the store."""
    merged = []
    for row in rows:
        old = stored.get(row["id"])
        if old is not None and "aliases" in row:  # labels without aliases pass unchanged
            row = {**row, "aliases": sorted(set(row["aliases"]) | set(old["aliases"] or ()))}
            if "search" in row:
                row["search"] = search_text(old["name"], row["aliases"])
        merged.append(row)
    return merged


def adds_nothing(row: Row, stored: Row) -> bool:
    """Whether rewriting an aliased node's ``update`` columns (aliases, and the search
    text made of them) would change nothing: hubs recur in every write."""
    return "aliases" in stored and set(row["aliases"]) == set(stored["aliases"] or ())


def _event_row(e: Event) -> Row:
    return {"id": e.id, "type": e.type.value, "date": iso(e.date), "summary": e.summary,
            "quantities": json.dumps(e.quantities, sort_keys=True) if e.quantities else "{}",
            "confidence": e.confidence}


def _statement_row(s: Statement) -> Row:
    return {"id": s.id, "quote": s.quote, "direct": s.direct, "date": iso(s.date),
            "stance": s.stance.value if s.stance else None}


# --- rows -> records ---------------------------------------------------------------


def document_from_row(row: Row, entries: Iterable[Row]) -> Document:
    return Document(id=row["id"], source=row["source"], title=row["title"],
                    published=when(row["published"]), text=row["text"],
                    content_hash=row["content_hash"], ingested_at=when(row["ingested_at"]),
                    entries=tuple(entry_from_row(e) for e in entries))


def entry_from_row(row: Row) -> Entry:
    return Entry(id=row["id"], document=row["document"], index=row["index"], headline=row["headline"],
                 published=when(row["published"]), start=row["start"], end=row["end"],
                 content_hash=row["content_hash"])


def actor_from_row(row: Row) -> Actor:
    return Actor.model_validate(_fields(row, Actor))


def location_from_row(row: Row) -> Location:
    return Location.model_validate(_fields(row, Location))


def evidence_from_row(row: Row) -> Evidence:
    return Evidence.model_validate(_fields(row, Evidence))


def event_from_row(row: Row, parts: FactParts) -> Event:
    return Event(id=row["id"], type=row["type"], date=when(row["date"]), summary=row["summary"],
                 quantities=json.loads(row["quantities"] or "{}"), confidence=row["confidence"],
                 participants=canonical(Participant(actor=a, role=r) for a, r in parts.participants),
                 locations=tuple(sorted(set(parts.locations))), evidence=canonical(parts.evidence))


def statement_from_row(row: Row, parts: FactParts) -> Statement:
    return Statement(id=row["id"], quote=row["quote"], direct=row["direct"], date=when(row["date"]),
                     stance=row["stance"], speaker=parts.speaker, channel=parts.channel,
                     about=tuple(sorted(set(parts.about))), evidence=canonical(parts.evidence))


@dataclass
class FactParts:
    """What an event or statement holds through relationships, gathered before building it."""

    evidence: list[Evidence] = field(default_factory=list)
    participants: list[tuple[str, str]] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    speaker: str | None = None
    channel: str | None = None


def _fields(row: Row, model: type[BaseModel]) -> Row:
    return {name: row[name] for name in model.model_fields if name in row}


# --- facts as the interaction network needs them -----------------------------------

# A network read carries no evidence; records need some, so each gets this stand-in,
# which names no document and is never shown (kg.network keeps only actors and edges).
NETWORK_EVIDENCE = Evidence(document="-", entry=None, start=0, end=0, text="")


def network_events(row: Row) -> list[Event]:
    """Events from ``kg.cypher.NETWORK_EVENTS``'s parallel lists. ``model_construct``:
    rows read back from the store are valid already, and an ego network reads thousands."""
    # Every field is given: model_construct would otherwise inspect each default factory.
    return [Event.model_construct(
        id=i, type=EventType(kind), date=when(date or None), summary=None, locations=(), quantities={},
        confidence=None, evidence=(NETWORK_EVIDENCE,),
        participants=tuple(Participant.model_construct(actor=a, role=Role(r))
                           for a, r in sorted(set(zip(actors, roles, strict=True)))))
        for i, kind, date, actors, roles in zip(row["ids"], row["types"], row["dates"], row["actors"],
                                                row["roles"], strict=True)]


def network_statements(row: Row) -> list[Statement]:
    """Statements from ``kg.cypher.NETWORK_STATEMENTS``'s parallel lists."""
    return [Statement.model_construct(
        id=i, quote="", direct=False, date=when(date or None), stance=Stance(stance) if stance else None,
        speaker=speaker or None, channel=None, about=tuple(sorted(set(about))), evidence=(NETWORK_EVIDENCE,))
        for i, date, stance, speaker, about in zip(row["ids"], row["dates"], row["stances"],
                                                   row["speakers"], row["about"], strict=True)]
