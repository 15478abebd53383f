"""End to end over real HTTP: uvicorn on a free 127.0.0.1 port, store opened by the app."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from api_fixture_graphs import STRIKE_KYIV, STRIKE_ODESA, fixture_graphs
from api_support import API_KEY, SEED_FILES, STORES, open_loaded

from api import create_app

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=STORES)
def server(request, tmp_path_factory) -> Iterator[str]:
    # Load, then close: the app opens the store itself from its settings (lifespan).
    settings, store = open_loaded(request, request.param, tmp_path_factory.mktemp("http"),
                                  fixture_graphs(), api_key=API_KEY, body_size_max=50_000)
    store.close()
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=30)
    assert not thread.is_alive()


@pytest.fixture
def http(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client


def test_health_and_a_filtered_list_over_http(http):
    assert http.get("/health").json()["status"] == "ok"
    r = http.get("/events", params={"type": "strike", "date_from": "2022-12-29",
                                    "date_to": "2022-12-29"})
    assert r.status_code == 200
    assert {e["id"] for e in r.json()["items"]} == {STRIKE_KYIV, STRIKE_ODESA}


def test_ingest_over_http_then_read_it_back(http):
    text = SEED_FILES[-1].read_text(encoding="utf-8")
    assert http.post("/documents", json={"source": "e2e.txt", "text": text}).status_code == 401
    r = http.post("/documents", json={"source": "e2e.txt", "text": text},
                  headers={"X-API-Key": API_KEY})
    assert r.status_code == 200, r.text
    result = r.json()
    exported = http.get("/export").json()
    assert result["document"] in {d["id"] for d in exported["documents"]}


def test_oversized_body_is_refused_before_reading_it(http):
    r = http.post("/documents", content=b"x" * 60_000,
                  headers={"X-API-Key": API_KEY, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")


def test_openapi_and_docs_are_served(http):
    assert http.get("/openapi.json").json()["openapi"].startswith("3.1")
    assert http.get("/docs").status_code == 200
