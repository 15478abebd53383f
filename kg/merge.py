"""In-memory merge of document graphs: the reference semantics every store matches.

Graphs are applied in order. A record met again keeps its first-written scalar
attributes; its set-valued parts (aliases, evidence, participants, places,
about) become the union. Writing a document again first removes what that
document contributed, so an edited document replaces its own facts.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from kg.model import Actor, DocumentGraph, Event, Location, Statement
from kg.stores.base import GraphSnapshot


def _key(item: object) -> str:
    return item.model_dump_json() if isinstance(item, BaseModel) else str(item)


def _union(a: tuple, b: tuple) -> tuple:
    return tuple(sorted(set(a) | set(b), key=_key))


def _merge_actor(old: Actor, new: Actor) -> Actor:
    return old.model_copy(update={"aliases": _union(old.aliases, new.aliases)})


def _merge_location(old: Location, new: Location) -> Location:
    return old.model_copy(update={"aliases": _union(old.aliases, new.aliases)})


def _merge_event(old: Event, new: Event) -> Event:
    return old.model_copy(update={
        "evidence": _union(old.evidence, new.evidence),
        "participants": _union(old.participants, new.participants),
        "locations": _union(old.locations, new.locations),
    })


def _merge_statement(old: Statement, new: Statement) -> Statement:
    return old.model_copy(update={"evidence": _union(old.evidence, new.evidence),
                                  "about": _union(old.about, new.about)})


def _put(table: dict, record, merge) -> None:
    table[record.id] = merge(table[record.id], record) if record.id in table else record


def _without_document(table: dict, doc_id: str) -> dict:
    kept = {}
    for key, fact in table.items():
        evidence = tuple(e for e in fact.evidence if e.document != doc_id)
        if evidence:
            kept[key] = fact.model_copy(update={"evidence": evidence})
    return kept


def merge_graphs(graphs: Iterable[DocumentGraph]) -> GraphSnapshot:
    docs: dict = {}
    actors: dict = {}
    locations: dict = {}
    events: dict = {}
    statements: dict = {}
    for g in graphs:
        doc_id = g.document.id
        if doc_id in docs:
            events = _without_document(events, doc_id)
            statements = _without_document(statements, doc_id)
        docs[doc_id] = g.document
        # Set-valued parts are unions from the first write on (sorted, no duplicates),
        # whether or not the record is ever met again.
        for a in g.actors:
            _put(actors, _merge_actor(a, a), _merge_actor)
        for loc in g.locations:
            _put(locations, _merge_location(loc, loc), _merge_location)
        for ev in g.events:
            _put(events, _merge_event(ev, ev), _merge_event)
        for st in g.statements:
            _put(statements, _merge_statement(st, st), _merge_statement)
    return _snapshot(docs, actors, locations, events, statements)


def _snapshot(docs, actors, locations, events, statements) -> GraphSnapshot:
    def ordered(table: dict) -> tuple:
        return tuple(table[k] for k in sorted(table))

    return GraphSnapshot(documents=ordered(docs), actors=ordered(actors), locations=ordered(locations),
                         events=ordered(events), statements=ordered(statements))
