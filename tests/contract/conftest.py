"""The ``store`` fixture: every contract test runs once per GraphStore implementation.

LadybugDB gets a fresh directory per test. Neo4j is the session's shared server
(``neo4j_uri`` in tests/conftest.py), wiped before each test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import cypher
from kg.stores.base import GraphStore
from kg.stores.ladybug_store import LadybugStore
from kg.stores.neo4j_store import Neo4jStore

# A small batch size, so multi-batch writes are exercised by these small graphs.
BATCH = 2


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.integration)])
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    opened = _open(store_kind, request, tmp_path)
    try:
        opened.setup()
        yield opened
    finally:
        opened.close()


def _open(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    if kind == "ladybug":
        return LadybugStore(tmp_path / "store", write_batch_size=BATCH, cypher_timeout_s=2)
    driver = request.getfixturevalue("neo4j_driver")
    with driver.session() as session:
        session.run(cypher.NEO4J_WIPE).consume()
    return Neo4jStore(request.getfixturevalue("neo4j_uri"), write_batch_size=BATCH,
                      cypher_timeout_s=2)
