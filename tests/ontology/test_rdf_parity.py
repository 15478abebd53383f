"""Both stores give the same RDF for the same ingest, and it matches the reference merge.

Integration tier: the Neo4j half needs the session's server
(tests/conftest.py), which it wipes first, as the contract tests do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.model import DocumentGraph
from kg.stores import ladybug_store, neo4j_store
from kg.stores.base import GraphSnapshot, GraphStore
from ontology.rdf import serialize, snapshot_to_rdf, validate

pytestmark = pytest.mark.integration


def _ingest(store: GraphStore, graphs: list[DocumentGraph]) -> Graph:
    store.setup()
    store.upsert(graphs)
    return snapshot_to_rdf(store.snapshot())


@pytest.fixture
def ladybug(tmp_path: Path) -> Iterator[GraphStore]:
    store = ladybug_store.LadybugStore(tmp_path / "store", write_batch_size=2)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def neo4j(neo4j_uri: str, neo4j_driver) -> Iterator[GraphStore]:
    from kg import cypher

    with neo4j_driver.session() as session:
        session.run(cypher.NEO4J_WIPE).consume()
    store = neo4j_store.Neo4jStore(neo4j_uri, write_batch_size=2)
    try:
        yield store
    finally:
        store.close()


def _explain(left: Graph, right: Graph) -> str:
    """The triples only one side has, in Turtle, for a readable failure."""
    _, only_left, only_right = graph_diff(to_isomorphic(left), to_isomorphic(right))
    return (f"only in first:\n{serialize(only_left)}\nonly in second:\n{serialize(only_right)}")


def test_ladybug_export_matches_the_reference_merge(ladybug: GraphStore, document_graphs,
                                                    snapshot: GraphSnapshot) -> None:
    stored = _ingest(ladybug, document_graphs)
    reference = snapshot_to_rdf(snapshot)
    assert isomorphic(stored, reference), _explain(stored, reference)
    assert validate(stored)[0]


def test_neo4j_and_ladybug_exports_are_isomorphic(ladybug: GraphStore, neo4j: GraphStore,
                                                  document_graphs) -> None:
    from_ladybug = _ingest(ladybug, document_graphs)
    from_neo4j = _ingest(neo4j, document_graphs)
    assert isomorphic(from_neo4j, from_ladybug), _explain(from_neo4j, from_ladybug)
    conforms, report = validate(from_neo4j)
    assert conforms, report


def test_reingest_leaves_the_rdf_unchanged(ladybug: GraphStore, document_graphs) -> None:
    first = _ingest(ladybug, document_graphs)
    again = _ingest(ladybug, document_graphs)
    assert isomorphic(first, again), _explain(first, again)
