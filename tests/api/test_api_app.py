"""The app as a whole: health, problem+json errors, limits, CORS, OpenAPI, lifespan."""

from __future__ import annotations

import socket

import pytest
from api_support import client_for, make_settings

from api import create_app
from kg.errors import KGError, StoreError
from kg.stores import open_store

pytestmark = [pytest.mark.contract, pytest.mark.anyio]
PROBLEM = "application/problem+json"


async def test_health_names_the_store(client, store_kind):
    r = await client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "store": store_kind}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_unreachable_store_is_503_with_retry_after():
    settings = make_settings(f"bolt://127.0.0.1:{_closed_port()}")
    store = open_store(settings)  # the driver connects lazily: nothing listens there
    try:
        # Slow (~30 s): the store's managed read retries before it gives up.
        async with client_for(create_app(settings, store)) as client:
            r = await client.get("/health")
    finally:
        store.close()
    assert r.status_code == 503
    assert r.headers["content-type"].startswith(PROBLEM)
    assert int(r.headers["retry-after"]) > 0
    assert r.json()["status"] == 503


async def test_store_errors_are_500_without_internals(loaded):
    settings, store = loaded
    app = create_app(settings, store)

    @app.get("/boom")
    def boom() -> None:
        raise StoreError("connection string bolt://admin:hunter2@db")

    async with client_for(app) as client:
        r = await client.get("/boom")
    assert r.status_code == 500
    assert r.headers["content-type"].startswith(PROBLEM)
    assert "hunter2" not in r.text


@pytest.mark.parametrize(("method", "url", "status"), [
    ("GET", "/nowhere", 404), ("DELETE", "/events", 405), ("GET", "/events?limit=x", 422)])
async def test_http_errors_are_problems(client, method, url, status):
    r = await client.request(method, url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"


async def test_validation_problem_lists_the_errors(client):
    r = await client.get("/events", params={"date_from": "yesterday"})
    errors = r.json()["errors"]
    assert errors and errors[0]["loc"] == ["query", "date_from"]


async def test_body_over_the_limit_is_413(client):
    big = {"query": "RETURN 1", "params": {"pad": "x" * 250_000}}  # limit: 200 kB
    r = await client.post("/cypher", json=big)
    assert r.status_code == 413
    assert r.headers["content-type"].startswith(PROBLEM)


async def test_chunked_body_over_the_limit_is_413(client):
    async def chunks():
        yield b'{"query": "RETURN 1", "params": {"pad": "'
        for _ in range(30):
            yield b"x" * 10_000
        yield b'"}}'

    r = await client.post("/cypher", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


async def test_cors_only_when_origins_are_configured(loaded):
    settings, store = loaded
    preflight = {"Origin": "https://analyst.example", "Access-Control-Request-Method": "GET"}
    with_cors = create_app(settings.model_copy(update={"cors_origins": ["https://analyst.example"]}),
                           store)
    async with client_for(with_cors) as client:
        r = await client.options("/events", headers=preflight)
        assert r.headers["access-control-allow-origin"] == "https://analyst.example"
    async with client_for(create_app(settings, store)) as client:
        r = await client.get("/events", headers={"Origin": "https://analyst.example"})
        assert "access-control-allow-origin" not in r.headers


async def test_openapi_31_with_problem_schema_and_page_maximum(client):
    spec = (await client.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.1")
    assert "Problem" in spec["components"]["schemas"]
    limit = next(p for p in spec["paths"]["/events"]["get"]["parameters"] if p["name"] == "limit")
    assert {"type": "integer", "minimum": 1, "maximum": 50} in limit["schema"]["anyOf"]
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


async def test_lifespan_opens_and_closes_its_own_store(tmp_path):
    settings = make_settings(str(tmp_path / "kg"))
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        store = app.state.store
        async with client_for(app) as client:
            assert (await client.get("/health")).status_code == 200
            assert (await client.get("/events")).json()["items"] == []
    with pytest.raises(KGError):
        store.ping()
