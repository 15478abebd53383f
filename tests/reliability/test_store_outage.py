"""Neo4j going away and coming back: the API answers 503 problem+json while it is down
and recovers by itself; ingest rides the outage out with backoff. A private server
is stopped and started again on the same port (the session's server is shared)."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from private_neo4j import RestartableNeo4j, unavailable_reason
from reliability_support import free_port, make_settings

from api import create_app
from kg.ingest import IngestReport, ingest
from kg.model import DocumentGraph
from kg.retry import RetryPolicy
from kg.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.integration

# Answering takes the driver's own short retry (kg.stores.neo4j_store.DRIVER_RETRY_S)
# plus scheduling slack on a busy 2-core machine: not the driver's default 30 s.
ANSWER_WITHIN_S = 15.0
RECOVER_WITHIN_S = 120.0


@pytest.fixture(scope="module")
def neo4j(seed_graphs: list[DocumentGraph]) -> Iterator[RestartableNeo4j]:
    reason = unavailable_reason()
    if reason:  # as tests/conftest.py: skip locally, fail in CI
        (pytest.fail if os.environ.get("CI") else pytest.skip)(reason)
    server = RestartableNeo4j()
    try:
        server.start()
        store = Neo4jStore(server.uri)
        store.setup()
        store.upsert(seed_graphs)
        store.close()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def api_url(neo4j: RestartableNeo4j) -> Iterator[str]:
    """The app as deployed: it opens its own Neo4j store from its settings."""
    port = free_port()
    app = create_app(make_settings(neo4j.uri))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=60)


def _assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["status"] == 503 and body["title"] == "Service Unavailable"
    assert "store is unavailable" in body["detail"]
    assert "bolt://" not in response.text  # the driver's detail goes to the log, not the client


def _wait_healthy(client: httpx.Client, within_s: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < within_s:
        try:
            if client.get("/health").status_code == 200:
                return time.monotonic() - start
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"the API did not recover within {within_s}s")


def test_api_answers_503_while_neo4j_is_down_and_recovers_by_itself(
        neo4j: RestartableNeo4j, api_url: str) -> None:
    with httpx.Client(base_url=api_url, timeout=60) as client:
        assert client.get("/health").json() == {"status": "ok", "store": "neo4j"}
        events = client.get("/events", params={"limit": 50}).json()
        assert events["items"]

        neo4j.stop()
        for path in ("/health", "/events", "/statements", "/actors?q=kiev", "/export"):
            started = time.monotonic()
            response = client.get(path)
            assert time.monotonic() - started < ANSWER_WITHIN_S, path
            _assert_unavailable(response)

        neo4j.start()  # same port, same data; the app is not restarted
        _wait_healthy(client, RECOVER_WITHIN_S)
        assert client.get("/events", params={"limit": 50}).json() == events


def test_ingest_retries_through_an_outage_and_finishes(
        neo4j: RestartableNeo4j, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    article = tmp_path / "outage_article.txt"
    article.write_text("Talks resume\n\nUkraine's foreign minister Dmytro Kuleba said on Monday "
                       "that talks with Turkey would resume in Istanbul.\n", encoding="utf-8")
    store = Neo4jStore(neo4j.uri)
    store.setup()
    outcome: dict[str, IngestReport | BaseException] = {}
    # Generous: the restart below takes tens of seconds on a loaded machine.
    policy = RetryPolicy(attempts=60, base_delay_s=0.5, max_delay_s=4.0)

    def run() -> None:
        try:
            outcome["report"] = ingest([article], store, retry_policy=policy)
        except Exception as exc:  # noqa: BLE001 - handed over to the test's thread
            outcome["error"] = exc

    try:
        neo4j.stop()
        with caplog.at_level(logging.WARNING, logger="kg.retry"):
            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            _wait_for(lambda: any("retrying in" in r.getMessage() for r in caplog.records), 120)
            neo4j.start()
            worker.join(timeout=300)
        assert not worker.is_alive(), "ingest did not finish after the store came back"
        assert "error" not in outcome, outcome.get("error")
        report = outcome["report"]
        assert report.documents == 1 and report.failures == []
        assert store.document_hash(_doc_id(article)) is not None
    finally:
        store.close()


def _doc_id(path: Path) -> str:
    from kg.ids import document_id

    return document_id(path.name)


def _wait_for(condition, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)
