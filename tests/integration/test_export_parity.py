"""Neo4j and LadybugDB hold the same graph after the same upserts: identical exports,
counts and query answers, both equal to the in-memory reference merge.

Two inputs: the hand-built contract graphs (an edited re-ingest included) and a
synthetic corpus-shaped stream (bench.synthetic) large enough to span many write
batches, every event type, corroborated events and location hierarchies.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.synthetic import generate
from kg import cypher
from kg.export import export_json
from kg.merge import merge_graphs
from kg.model import DocumentGraph, EventType
from kg.stores.base import ActorQuery, EventQuery, GraphStore, Page, StatementQuery
from kg.stores.ladybug_store import LadybugStore
from kg.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.integration

BATCH = 50


def _contract_graphs() -> list[DocumentGraph]:
    """tests/contract/graphs.py, loaded by path (tests/ is not a package)."""
    name = "kg_tests_contract_graphs"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).parents[1] / "contract" / "graphs.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    g = sys.modules[name]
    return [*g.all_graphs(), g.doc_a_edited()]


INPUTS = {"hand-built": _contract_graphs, "synthetic": lambda: list(generate(600, seed=11))}


@pytest.fixture
def both(neo4j_uri: str, neo4j_driver, tmp_path: Path) -> Iterator[tuple[GraphStore, GraphStore]]:
    with neo4j_driver.session() as session:
        session.run(cypher.NEO4J_WIPE).consume()
    stores = (LadybugStore(tmp_path / "store", write_batch_size=BATCH),
              Neo4jStore(neo4j_uri, write_batch_size=BATCH))
    try:
        for store in stores:
            store.setup()
        yield stores
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_both_stores_export_the_reference_graph(both: tuple[GraphStore, GraphStore],
                                                name: str) -> None:
    graphs = INPUTS[name]()
    ladybug, neo4j = both
    for store in both:
        store.upsert(graphs)
    reference = export_json(merge_graphs(graphs))
    assert reference["events"] and reference["statements"]
    assert export_json(ladybug.snapshot()) == reference
    assert export_json(neo4j.snapshot()) == reference
    assert ladybug.counts() == neo4j.counts()


def test_both_stores_answer_queries_alike(both: tuple[GraphStore, GraphStore]) -> None:
    graphs = INPUTS["synthetic"]()
    for store in both:
        store.upsert(graphs)
    snap = merge_graphs(graphs)
    busiest = max(snap.actors, key=lambda a: sum(
        p.actor == a.id for e in snap.events for p in e.participants))
    place = next(loc for e in snap.events for loc in e.locations)
    speaker = next(s.speaker for s in snap.statements if s.speaker)
    queries = [
        EventQuery(page=Page(limit=500)),
        EventQuery(type=EventType.STRIKE, page=Page(limit=20, offset=5)),
        EventQuery(actor=busiest.id, page=Page(limit=500)),
        EventQuery(actor=busiest.id, role="attacker", page=Page(limit=500)),
        EventQuery(location=place, date_from=dt.date(2022, 6, 1), date_to=dt.date(2023, 6, 1)),
    ]
    ladybug, neo4j = both
    for query in queries:
        assert ladybug.events(query) == neo4j.events(query), query
    assert ladybug.events(queries[2]), "the busiest actor takes part in events"
    for actors in (ActorQuery(text=busiest.name[:4]), ActorQuery(type="person")):
        assert ladybug.actors(actors) == neo4j.actors(actors)
    said = StatementQuery(speaker=speaker)
    assert ladybug.statements(said) == neo4j.statements(said) != []
