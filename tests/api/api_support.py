"""Helpers shared by the API test modules (fixtures live in ``conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from kg.model import DocumentGraph
from kg.settings import Settings
from kg.stores import open_store
from kg.stores.base import GraphStore

REPO = Path(__file__).resolve().parents[2]
SEED_FILES = sorted((REPO / "examples").glob("*.txt"))
API_KEY = "test-key-0123456789"
PAGE_SIZE_MAX = 50
STORES = [pytest.param("ladybug", id="ladybug"),
          pytest.param("neo4j", id="neo4j", marks=pytest.mark.integration)]


def make_settings(store: str, **overrides) -> Settings:
    """Explicit settings, unaffected by KG_* variables or a .env file of the developer."""
    values = {"store": store, "api_key": None, "page_size_max": PAGE_SIZE_MAX, "cypher_row_cap": 5,
              "cypher_timeout_s": 5.0, "body_size_max": 200_000, "cors_origins": []}
    return Settings(_env_file=None, **(values | overrides))


def _store_location(request: pytest.FixtureRequest, kind: str, tmp: Path) -> str:
    if kind == "ladybug":
        return str(tmp / "kg")
    driver = request.getfixturevalue("neo4j_driver")
    driver.execute_query("MATCH (n) DETACH DELETE n")  # the server is shared by the session
    return request.getfixturevalue("neo4j_uri")


def open_loaded(request: pytest.FixtureRequest, kind: str, tmp: Path,
                graphs: list[DocumentGraph], **overrides) -> tuple[Settings, GraphStore]:
    settings = make_settings(_store_location(request, kind, tmp), **overrides)
    store = open_store(settings)
    store.setup()
    if graphs:
        store.upsert(graphs)
    return settings, store


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test")


async def get_all(client: httpx.AsyncClient, url: str, **params) -> list[dict]:
    """Every item of a paged list, following ``next``."""
    items, offset = [], 0
    while offset is not None:
        r = await client.get(url, params=params | {"offset": offset})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        offset = page["next"]
    return items
