"""Fixtures of the reliability tests.

``store_kind`` runs a test on the embedded LadybugDB store and on the session's
Neo4j (marked ``integration``). ``store_location`` gives an empty store of that
kind: a fresh directory, or the shared Neo4j wiped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach the helpers

from reliability_support import SEEDS, open_fresh, wipe_neo4j

from kg.model import DocumentGraph
from kg.stores.base import GraphStore

STORE_KINDS = [pytest.param("ladybug", id="ladybug"),
               pytest.param("neo4j", id="neo4j", marks=pytest.mark.integration)]


@pytest.fixture(params=STORE_KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store_location(request: pytest.FixtureRequest, store_kind: str, tmp_path: Path) -> str:
    """Where an empty store of ``store_kind`` is: a new directory or the wiped Neo4j."""
    if store_kind == "ladybug":
        return str(tmp_path / "kg")
    uri = request.getfixturevalue("neo4j_uri")
    wipe_neo4j(uri)
    return uri


@pytest.fixture
def fresh_store(store_kind: str, store_location: str) -> Iterator[GraphStore]:
    store = open_fresh(store_kind, store_location)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def make_store(store_kind: str, request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Opens further empty stores of ``store_kind`` (Neo4j: the same wiped server, so
    only one may be open at a time)."""
    opened: list[GraphStore] = []

    def make() -> GraphStore:
        location = (str(tmp_path_factory.mktemp("kg") / "kg") if store_kind == "ladybug"
                    else request.getfixturevalue("neo4j_uri"))
        opened.append(open_fresh(store_kind, location))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


@pytest.fixture(scope="session")
def extractor():
    """The real rule extractor (its spaCy model loads once per session)."""
    from loaders.extraction import get_extractor

    return get_extractor("rules")


@pytest.fixture(scope="session")
def seed_graphs(extractor) -> list[DocumentGraph]:
    """The seed live blogs, extracted once."""
    from loaders import LoadFailure, iter_documents

    docs = list(iter_documents(SEEDS))
    assert docs and not any(isinstance(d, LoadFailure) for d in docs)
    return [extractor(d) for d in docs]
