"""Cross-document batched writers, the references ``bench.writes`` measures the store against.

``batched_groups`` writes what ``Neo4jStore.upsert`` writes -- the same labels
(events also get their kind label), the same properties (``kg.rows`` columns:
the ``update`` ones rewritten, the others set on creation), the same
relationships with their properties -- but with rows batched across documents,
so each statement runs once per ``batch`` rows instead of once per document.
It is only for fresh documents (no earlier version to replace, no stored aliases
to union, no ``parent`` links: what ``bench.synthetic`` produces), writes no
listing keys (``kg.rows.LISTING_KEYS``), and is built
from ``kg.rows`` / ``ontology.mapping`` only, so it does not depend on the
store's internals. ``bench.writes`` checks it yields the same node and
relationship counts as the store.

``raw_groups`` is the physical reference: a plain
``UNWIND $rows AS r MERGE (n:Label {id: r.id}) SET n += r`` per label and a plain
MATCH-MATCH-MERGE per relationship type, on the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from kg.model import DocumentGraph, EventType
from kg.rows import NODE_COLUMNS, RELATIONS, Link, graph_rows
from ontology.mapping import EVENT_LABELS, Label

Row = dict[str, Any]
Run = Callable[[str, list[Row]], None]  # (query, rows) -> None, one transaction
Groups = list[tuple[str, list[Row]]]  # (query, rows) in write order: every node before any link

NODE_ORDER = (Label.DOCUMENT, Label.ENTRY, Label.ACTOR, Label.LOCATION, Label.EVENT,
              Label.STATEMENT, Label.EVIDENCE)


def row_count(graph: DocumentGraph) -> int:
    """Rows one graph writes: nodes (document, entries, facts, evidence...) plus relationships."""
    data = graph_rows(graph)
    return (1 + len(data.entries) + sum(len(r) for r in data.nodes.values())
            + sum(len(r) for r in data.links.values()))


def _q(name: str) -> str:
    return f"`{name}`"


def node_query(label: Label, kind: EventType | None = None) -> str:
    """MERGE by id; set-once columns on creation, ``update`` columns every time."""
    columns = NODE_COLUMNS[label][1:]
    once = [f"n.{_q(c.name)} = row.{_q(c.name)}" for c in columns if not c.update]
    every = [f"n.{_q(c.name)} = row.{_q(c.name)}" for c in columns if c.update]
    if kind is not None:
        once.insert(0, f"n:{EVENT_LABELS[kind]}")
    return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}})"
            + (f" ON CREATE SET {', '.join(once)}" if once else "")
            + (f" SET {', '.join(every)}" if every else ""))


def link_query(link: Link) -> str:
    props = ", ".join(f"{_q(c.name)}: row.{_q(c.name)}" for c in RELATIONS[link.rel].properties)
    return (f"UNWIND $rows AS row MATCH (a:{link.src} {{id: row.src}}) "
            f"MATCH (b:{link.dst} {{id: row.dst}}) "
            f"MERGE (a)-[:{link.rel}{' {' + props + '}' if props else ''}]->(b)")


def batched_groups(graphs: Iterable[DocumentGraph]) -> Groups:
    """The rows of many graphs keyed by store-equivalent Neo4j statements."""
    nodes: dict[str, list[Row]] = defaultdict(list)
    links: dict[str, list[Row]] = defaultdict(list)
    for graph in graphs:
        data = graph_rows(graph)
        nodes[node_query(Label.DOCUMENT)].append(data.document)
        nodes[node_query(Label.ENTRY)].extend(data.entries)
        for label in NODE_ORDER[2:]:
            for row in data.nodes[label]:
                kind = EventType(row["type"]) if label is Label.EVENT else None
                nodes[node_query(label, kind)].append(row)
        for link, link_rows in data.links.items():
            links[link_query(link)].extend(link_rows)
    return [*nodes.items(), *links.items()]


def raw_groups(graphs: Iterable[DocumentGraph]) -> Groups:
    """The same rows keyed by plain ``MERGE ... SET n += r`` statements."""
    nodes: dict[str, list[Row]] = defaultdict(list)
    links: dict[str, list[Row]] = defaultdict(list)
    for graph in graphs:
        data = graph_rows(graph)
        nodes[raw_node_query(Label.DOCUMENT)].append(data.document)
        nodes[raw_node_query(Label.ENTRY)].extend(data.entries)
        for label in NODE_ORDER[2:]:
            nodes[raw_node_query(label)].extend(data.nodes[label])
        for link, link_rows in data.links.items():
            links[raw_link_query(link.rel, link.src, link.dst)].extend(
                {"src": r["src"], "dst": r["dst"],
                 "props": {k: v for k, v in r.items() if k not in ("src", "dst")}}
                for r in link_rows)
    return [*nodes.items(), *links.items()]


def raw_node_query(label: Label) -> str:
    return f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r"


def raw_link_query(rel: str, src: Label, dst: Label) -> str:
    return (f"UNWIND $rows AS r MATCH (a:{src} {{id: r.src}}) MATCH (b:{dst} {{id: r.dst}}) "
            f"MERGE (a)-[x:{rel}]->(b) SET x += r.props")


def write_groups(groups: Groups, run: Run, batch: int) -> None:
    """Each statement in ``batch``-row chunks, one transaction per chunk."""
    for query, rows in groups:
        for start in range(0, len(rows), batch):
            run(query, rows[start:start + batch])


# --- runners ---------------------------------------------------------------------------


def neo4j_runner(driver: Any) -> Run:
    """One managed write transaction per call (retried by the driver on transient errors)."""
    def run(query: str, rows: list[Row]) -> None:
        with driver.session() as session:
            session.execute_write(lambda tx: tx.run(query, rows=rows).consume())
    return run


def ladybug_runner(conn: Any) -> Run:
    """One auto-committed statement per call on a LadybugDB connection."""
    def run(query: str, rows: list[Row]) -> None:
        if rows:  # LadybugDB cannot type an empty list parameter
            conn.execute(query, {"rows": rows}).close()
    return run
