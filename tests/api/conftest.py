"""Fixtures of the API tests: the same app over each real store.

``store_kind`` is parametrized over LadybugDB and Neo4j (the latter marked
``integration``). Stores loaded here are module-scoped and read-only for the tests
that use them; tests that write get a fresh store of their own.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package: reach the helpers

from api import create_app  # noqa: E402
from api_fixture_graphs import fixture_graphs  # noqa: E402
from api_support import STORES, client_for, open_loaded  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.stores.base import GraphStore  # noqa: E402


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module", params=STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def loaded(request: pytest.FixtureRequest, store_kind: str,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, GraphStore]]:
    """A store holding the two hand-built fixture documents."""
    settings, store = open_loaded(request, store_kind, tmp_path_factory.mktemp("kg"),
                                  fixture_graphs())
    yield settings, store
    store.close()


@pytest.fixture(scope="module")
def app(loaded: tuple[Settings, GraphStore]) -> FastAPI:
    settings, store = loaded
    return create_app(settings, store)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as c:
        yield c
