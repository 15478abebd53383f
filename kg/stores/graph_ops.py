"""What both stores do, written once over a ``Run`` callable (query, params) -> rows.

A store supplies ``Run`` bound to its transaction or connection and wraps the
driver's errors; the order of writes, the replacement of a re-ingested document
and the assembly of domain records live here, so Neo4j and LadybugDB follow
the same steps and return the same records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from kg import cypher, rows
from kg.model import Actor, Document, DocumentGraph, Event, Statement
from kg.stores.base import ActorQuery, EventQuery, GraphSnapshot, Page, StatementQuery
from ontology.mapping import Label, Rel

Run = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]

# --- writes ------------------------------------------------------------------------


# A transaction holds the graphs of one ``upsert`` call, up to about this many
# rows: Neo4j's cost is per statement and per transaction far more than per row,
# but one transaction must stay well inside a small server's heap.
ROUND_ROWS = 40_000


def plan_rounds(data: list[rows.GraphRows], stored: set[str]) -> list[list[rows.GraphRows]]:
    """Split graphs into write rounds that give the same result as writing them one by
    one: a document stored already (or repeated in ``data``) opens a new round, so
    its old facts are dropped before any later graph is written, as they would be."""
    rounds: list[list[rows.GraphRows]] = []
    seen: set[str] = set()
    size = 0
    for graph in data:
        again = graph.document_id in stored or graph.document_id in seen
        if not rounds or again or size + graph.size > ROUND_ROWS:
            rounds.append([])
            size = 0
        rounds[-1].append(graph)
        seen.add(graph.document_id)
        size += graph.size
    return rounds


def plan_upsert(graphs: list[DocumentGraph],
                stored_of: Callable[[list[str]], set[str]]) -> list[list[rows.GraphRows]]:
    """The rows of ``graphs`` (every graph checked before anything is written), in
    rounds; ``stored_of`` reads which of their documents the store holds already."""
    data = [rows.graph_rows(g) for g in graphs]
    ids = [d.document_id for d in data]
    return plan_rounds(data, stored_of(ids) if ids else set())


def stored_documents(run: Run, ids: list[str]) -> set[str]:
    return {r["id"] for r in _select(run, cypher.NODE_ROWS[Label.DOCUMENT], sorted(set(ids)))}


def write_round(run: Run, data: list[rows.GraphRows], dialect: cypher.Dialect,
                batch_size: int) -> None:
    """Write one round (``plan_rounds``) with one statement per table, rows batched
    across its documents, replacing a stored document's earlier facts (``kg.merge``)."""
    for doc_id in sorted(stored_documents(run, [d.document_id for d in data])):
        _drop_contribution(run, doc_id)
    batched = _Batched(run, batch_size)
    fresh: set[str] = set()
    for label, node_rows in rows.united_nodes(data):
        fresh |= _upsert_nodes(batched, dialect, label, node_rows)
    place_ids = sorted({r["id"] for d in data for r in d.nodes[Label.LOCATION]})
    for query in (cypher.LINK_TO_PARENTS, cypher.LINK_FROM_CHILDREN):
        batched.by_ids(query, place_ids)
    for link, link_rows in rows.united_links(data).items():
        _write_links(batched, dialect, link, link_rows, fresh)


def _write_links(batched: _Batched, dialect: cypher.Dialect, link: rows.Link,
                 link_rows: list[dict[str, Any]], fresh: set[str]) -> None:
    """CREATE the links that cannot exist yet (their owning end was just created),
    MERGE the others: MERGE must look at the stored links first. Rows are grouped by
    query text, so where the dialect MERGEs both kinds (Neo4j) they are one stream."""
    owners = {"src": ("src",), "dst": ("dst",), None: ("src", "dst")}[rows.RELATIONS[link.rel].single]
    create, merge = dialect.create_link[link], dialect.merge_link[link]
    split: dict[str, list[dict[str, Any]]] = {create: [], merge: []}
    for row in link_rows:
        split[create if any(row[end] in fresh for end in owners) else merge].append(row)
    for query, group in split.items():
        batched.write(query, group)


class _Batched:
    """Runs a query over a long list of rows or ids in batches. Empty lists run
    nothing: LadybugDB cannot type an empty list parameter."""

    def __init__(self, run: Run, size: int) -> None:
        self._run = run
        self._size = max(size, 1)

    def write(self, query: str, items: list[dict[str, Any]]) -> None:
        for start in range(0, len(items), self._size):
            self._run(query, {"rows": items[start:start + self._size]})

    def by_ids(self, query: str, ids: list[str]) -> list[dict[str, Any]]:
        return [row for start in range(0, len(ids), self._size)
                for row in self._run(query, {"ids": ids[start:start + self._size]})]


def _upsert_nodes(batched: _Batched, dialect: cypher.Dialect, label: Label,
                  new_rows: list[dict[str, Any]]) -> set[str]:
    """Create the nodes not stored yet; rewrite the ``update`` columns of the others
    (their aliases united with the stored ones, their other columns left as first
    written). Returns the ids created (all of them where the label is not looked up)."""
    # Neo4j MERGEs every node and link: only aliased labels need the stored rows
    # there (LadybugDB CREATEs, and must know).
    stored = {r["id"]: r for r in batched.by_ids(cypher.STORED[label], [r["id"] for r in new_rows])
              } if label in dialect.looked_up else {}
    fresh: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in new_rows:
        if row["id"] not in stored:
            fresh[dialect.create(label, row)].append(row)
    for query, group in fresh.items():
        batched.write(query, group)
    if label in dialect.update_node:
        old = [r for r in new_rows if r["id"] in stored]
        changed = [r for r in rows.merge_aliases(old, stored) if not rows.adds_nothing(r, stored[r["id"]])]
        batched.write(dialect.update_node[label], changed)
    return {r["id"] for group in fresh.values() for r in group}


def _drop_contribution(run: Run, doc_id: str) -> None:
    """Remove a document's evidence and entries, then the facts only it supported."""
    params = {"id": doc_id}
    facts = {label: [r["id"] for r in run(cypher.FACTS_OF_DOCUMENT[label], params)]
             for label in cypher.FACTS_OF_DOCUMENT}
    run(cypher.DELETE_EVIDENCE_OF_DOCUMENT, params)
    run(cypher.DELETE_ENTRIES_OF_DOCUMENT, params)
    for label, ids in facts.items():
        if ids:
            run(cypher.DELETE_UNSUPPORTED[label], {"ids": ids})


def delete_document(run: Run, doc_id: str) -> bool:
    if not run(cypher.DOCUMENT_HASH, {"id": doc_id}):
        return False
    _drop_contribution(run, doc_id)
    run(cypher.DELETE_DOCUMENT, {"id": doc_id})
    run(cypher.DELETE_UNUSED_ACTORS, {})
    run(cypher.DELETE_UNUSED_LOCATIONS, {})
    return True


# --- reads -------------------------------------------------------------------------


def document_hash(run: Run, doc_id: str) -> str | None:
    found = run(cypher.DOCUMENT_HASH, {"id": doc_id})
    return found[0]["content_hash"] if found else None


def counts(run: Run) -> dict[str, int]:
    nodes = {str(label): run(q, {})[0]["n"] for label, q in cypher.COUNT_NODES.items()}
    rels = {str(rel): run(q, {})[0]["n"] for rel, q in cypher.COUNT_RELS.items()}
    return nodes | rels


def snapshot(run: Run) -> GraphSnapshot:
    return GraphSnapshot(
        documents=tuple(_documents(run)),
        actors=tuple(rows.actor_from_row(r) for r in _select(run, cypher.NODE_ROWS[Label.ACTOR], None)),
        locations=tuple(rows.location_from_row(r)
                        for r in _select(run, cypher.NODE_ROWS[Label.LOCATION], None)),
        events=tuple(events_by_id(run, None)),
        statements=tuple(statements_by_id(run, None)))


def _select(run: Run, select: cypher.Select, ids: list[str] | None) -> list[dict[str, Any]]:
    """Every row (``ids`` None) or the rows of ``ids``."""
    if ids is None:
        return run(select.every, {})
    return run(select.some, {"ids": ids}) if ids else []


def _documents(run: Run) -> list[Document]:
    entries: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in run(cypher.ENTRIES, {}):
        entries[entry["document"]].append(entry)
    return [rows.document_from_row(r, entries[r["id"]])
            for r in _select(run, cypher.NODE_ROWS[Label.DOCUMENT], None)]


def events_by_id(run: Run, ids: list[str] | None) -> list[Event]:
    """Events with participants, places and evidence: those of ``ids`` in that order, or all."""
    parts = _fact_parts(run, Label.EVENT, ids)
    for r in _select(run, cypher.PARTICIPANTS_OF, ids):
        parts[r["fact"]].participants.append((r["actor"], r["role"]))
    for r in _select(run, cypher.LOCATIONS_OF, ids):
        parts[r["fact"]].locations.append(r["location"])
    return [rows.event_from_row(r, parts[r["id"]]) for r in _in_order(run, Label.EVENT, ids)]


def statements_by_id(run: Run, ids: list[str] | None) -> list[Statement]:
    """Statements with speaker, channel, about and evidence: those of ``ids``, or all."""
    parts = _fact_parts(run, Label.STATEMENT, ids)
    for r in _select(run, cypher.SPEAKERS_OF, ids):
        parts[r["fact"]].speaker = r["actor"]
    for r in _select(run, cypher.CHANNELS_OF, ids):
        parts[r["fact"]].channel = r["actor"]
    for r in _select(run, cypher.ABOUT_OF, ids):
        parts[r["fact"]].about.append(r["actor"])
    return [rows.statement_from_row(r, parts[r["id"]]) for r in _in_order(run, Label.STATEMENT, ids)]


def _in_order(run: Run, label: Label, ids: list[str] | None) -> list[dict[str, Any]]:
    found = _select(run, cypher.NODE_ROWS[label], ids)
    if ids is None:
        return found
    by_id = {r["id"]: r for r in found}
    return [by_id[i] for i in ids if i in by_id]


def _fact_parts(run: Run, label: Label, ids: list[str] | None) -> dict[str, rows.FactParts]:
    parts: dict[str, rows.FactParts] = defaultdict(rows.FactParts)
    for r in _select(run, cypher.EVIDENCE_OF[label], ids):
        parts[r["fact"]].evidence.append(rows.evidence_from_row(r))
    return parts


# --- filtered reads ----------------------------------------------------------------

Chosen = dict[str, dict[str, Any]]  # filter fragment name -> the parameters it binds


def _whole(run: Run, label: Label, ids: list[str]) -> list[dict[str, Any]]:
    """Neo4j: the rows of ``ids`` in that order, each with its parts (one round trip)."""
    by_id = {r["id"]: r for r in run(cypher.WHOLE_FACTS_NEO4J[label], {"ids": ids})} if ids else {}
    return [by_id[i] for i in ids if i in by_id]


def _whole_events(run: Run, ids: list[str]) -> list[Event]:
    return [rows.event_from_row(r, rows.FactParts(
        evidence=[rows.evidence_from_row(v) for v in r["evidence"]], locations=r["locations"],
        participants=[(a, role) for a, role in r["participants"]])) for r in _whole(run, Label.EVENT, ids)]


def _whole_statements(run: Run, ids: list[str]) -> list[Statement]:
    return [rows.statement_from_row(r, rows.FactParts(
        evidence=[rows.evidence_from_row(v) for v in r["evidence"]], about=r["about"],
        speaker=_only(r["speakers"]), channel=_only(r["channels"])))
        for r in _whole(run, Label.STATEMENT, ids)]


def _only(values: list[str]) -> str | None:
    """The one end of a single-valued link (the store guards it), or None."""
    return values[0] if values else None


def _page_of_ids(run: Run, label: Label, fragments: Mapping[str, str], chosen: Chosen,
                 page: Page, dialect: cypher.Dialect) -> list[str]:
    query = cypher.select_ids(label, fragments, chosen, neo4j=dialect.neo4j)
    params = {k: v for bound in chosen.values() for k, v in bound.items()}
    if dialect.neo4j:
        return [r["id"] for r in run(query, params | {"offset": page.offset, "limit": page.limit})]
    # LadybugDB is not given SKIP (see kg.cypher.select_ids): the first rows are skipped here.
    return [r["id"] for r in run(query, params | {"upto": page.offset + page.limit})][page.offset:]


def _present(**params: Any) -> Chosen:
    """One fragment per non-null parameter, named like it."""
    return {name: {name: value} for name, value in params.items() if value is not None}


def find_events(run: Run, q: EventQuery, dialect: cypher.Dialect) -> list[Event]:
    chosen = _present(type=q.type.value if q.type else None, location=q.location,
                      date_from=rows.iso(q.date_from), date_to=rows.iso(q.date_to))
    if q.actor and q.role:
        chosen["actor_role"] = {"actor": q.actor, "role": q.role}
    else:
        chosen |= _present(actor=q.actor, role=q.role)
    ids = _page_of_ids(run, Label.EVENT, cypher.EVENT_FILTERS, chosen, q.page, dialect)
    return _whole_events(run, ids) if dialect.neo4j else events_by_id(run, ids)


def find_actors(run: Run, q: ActorQuery, dialect: cypher.Dialect) -> list[Actor]:
    chosen = _present(text=rows.fold(q.text) if q.text else None, type=q.type)
    ids = _page_of_ids(run, Label.ACTOR, cypher.ACTOR_FILTERS, chosen, q.page, dialect)
    return [rows.actor_from_row(r) for r in _in_order(run, Label.ACTOR, ids)]


def find_statements(run: Run, q: StatementQuery, dialect: cypher.Dialect) -> list[Statement]:
    chosen = _present(speaker=q.speaker, about=q.about, stance=q.stance,
                      date_from=rows.iso(q.date_from), date_to=rows.iso(q.date_to))
    ids = _page_of_ids(run, Label.STATEMENT, cypher.STATEMENT_FILTERS, chosen, q.page, dialect)
    return _whole_statements(run, ids) if dialect.neo4j else statements_by_id(run, ids)


def actor(run: Run, actor_id: str) -> Actor | None:
    found = _select(run, cypher.NODE_ROWS[Label.ACTOR], [actor_id])
    return rows.actor_from_row(found[0]) if found else None


# --- the actor network around some actors (kg.network) ------------------------------

Bounds = tuple[str, str]  # (lo, hi) on the links' date_key: kg.network.bounds


def recent_facts(run: Run, actors: list[str], bounds: Bounds, per_actor: int,
                 dialect: cypher.Dialect) -> GraphSnapshot:
    """The ``per_actor`` most recent events, statements said and statements about, of
    each actor (newest first, within ``bounds``), with the actors they name."""
    params = {"lo": bounds[0], "hi": bounds[1], "n": per_actor}
    if dialect.neo4j:
        params["actors"] = actors
        events = [e for r in run(cypher.RECENT_EVENTS_NEO4J, params) for e in rows.network_events(r)]
        said = [s for r in run(cypher.RECENT_STATEMENTS_NEO4J, params) for s in rows.network_statements(r)]
        return _network_snapshot(run, events, said)
    found: dict[Rel, set[str]] = defaultdict(set)
    for rel, query in cypher.RECENT_FACTS_LADYBUG.items():
        for actor_id in actors:
            found[rel].update(i for r in run(query, params | {"actor": actor_id}) for i in r["ids"])
    return facts(run, found[Rel.PARTICIPATED_IN], found[Rel.SAID] | found[Rel.ABOUT])


def neighbours(run: Run, actors: list[str], bounds: Bounds, statements: bool) -> list[tuple[str, str]]:
    """(actor, other) for every neighbour of ``actors`` in the interaction network."""
    params = {"ids": actors, "lo": bounds[0], "hi": bounds[1]}
    queries = (cypher.NEIGHBOURS_BY_EVENT, *(cypher.NEIGHBOURS_BY_STATEMENT if statements else ()))
    return [(r["actor"], other) for q in queries for r in run(q, params) for other in r["others"]]


def degrees(run: Run, actors: list[str]) -> dict[str, int]:
    """Facts per actor (events, statements said and about it)."""
    return {r["id"]: r["degree"] for r in run(cypher.ACTOR_DEGREES, {"ids": actors})} if actors else {}


def linking_facts(run: Run, pairs: list[tuple[str, str]], bounds: Bounds, per_pair: int,
                  statements: bool, dialect: cypher.Dialect) -> GraphSnapshot:
    """The most recent facts linking each pair directly (events; statements either way),
    read from the pair's first actor: put the one with fewer facts first."""
    queries = cypher.LINKING_NEO4J if dialect.neo4j else cypher.LINKING_LADYBUG
    found: list[set[str]] = [set() for _ in queries]
    for a, b in pairs:
        params = {"a": a, "b": b, "lo": bounds[0], "hi": bounds[1], "n": per_pair}
        for ids, query in zip(found, queries if statements else queries[:1], strict=False):
            ids.update(r["id"] for r in run(query, params))
    return facts(run, found[0], found[1] | found[2])


def linked(run: Run, pairs: list[tuple[str, str]], bounds: Bounds,
           statements: bool) -> list[tuple[str, str]]:
    """The pairs linked directly by at least one fact (events; statements either way)."""
    if not pairs:
        return []
    params = {"pairs": [{"a": a, "b": b} for a, b in pairs], "lo": bounds[0], "hi": bounds[1],
              "statements": statements}
    return [(r["a"], r["b"]) for r in run(cypher.LINKED_PAIRS, params)]


def facts(run: Run, event_ids: set[str], statement_ids: set[str]) -> GraphSnapshot:
    """These events and statements, as far as the interaction network needs them
    (``rows.network_events``: no evidence, no text), and the actors they name."""
    events = [e for r in run(cypher.NETWORK_EVENTS, {"ids": sorted(event_ids)})
              for e in rows.network_events(r)] if event_ids else []
    said = [s for r in run(cypher.NETWORK_STATEMENTS, {"ids": sorted(statement_ids)})
            for s in rows.network_statements(r)] if statement_ids else []
    return _network_snapshot(run, events, said)


def _network_snapshot(run: Run, events: list[Event], said: list[Statement]) -> GraphSnapshot:
    named = sorted({p.actor for e in events for p in e.participants}
                   | {a for s in said for a in (s.speaker, *s.about) if a})
    actors = [rows.actor_from_row(r) for r in _in_order(run, Label.ACTOR, named)]
    return GraphSnapshot(actors=tuple(actors), events=tuple(sorted(events, key=lambda e: e.id)),
                         statements=tuple(sorted(said, key=lambda s: s.id)))
