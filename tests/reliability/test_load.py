"""A bounded load test over loopback: ``kg serve`` as a real process, 50 concurrent
clients on the main queries for KG_LOAD_SECONDS (20 s here; 60 s for the report),
on each store. Only errors are asserted (none); throughput and latency percentiles
go to test-artifacts/load.json."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import time
from collections.abc import Iterator
from itertools import cycle
from pathlib import Path

import httpx
import pytest
from reliability_support import REPO, clean_env, free_port, kg_command, open_fresh

from kg.model import DocumentGraph

pytestmark = pytest.mark.e2e

CLIENTS = 50
SECONDS = float(os.environ.get("KG_LOAD_SECONDS", "20"))
ARTIFACT = REPO / "test-artifacts" / "load.json"


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.integration)])
def served(request: pytest.FixtureRequest, tmp_path: Path,
           seed_graphs: list[DocumentGraph]) -> Iterator[tuple[str, str, list[DocumentGraph]]]:
    kind = request.param
    location = str(tmp_path / "kg") if kind == "ladybug" else request.getfixturevalue("neo4j_uri")
    store = open_fresh(kind, location)
    store.upsert(seed_graphs)
    store.close()  # the server opens it
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen(kg_command("serve", "--store", location, "--port", str(port)),
                                  cwd=tmp_path, env=clean_env() | {"PYTHONPATH": str(REPO)},
                                  stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(server, base, tmp_path / "serve.log")
        yield kind, base, seed_graphs
    finally:
        server.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_healthy(server: subprocess.Popen, base: str, log: Path, within_s: float = 120) -> None:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        assert server.poll() is None, f"kg serve exited: {log.read_text()[-2000:]}"
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("kg serve did not become healthy")


def _targets(graphs: list[DocumentGraph]) -> list[tuple[str, dict]]:
    """The main analyst queries, on the most-connected actor and speaker of the data."""
    actors = [p.actor for g in graphs for e in g.events for p in e.participants]
    speakers = [s.speaker for g in graphs for s in g.statements if s.speaker]
    actor = max(set(actors), key=actors.count)
    speaker = max(set(speakers), key=speakers.count)
    return [("/events", {"actor": actor}), ("/statements", {"speaker": speaker}),
            ("/actors", {"q": "kiev"}), (f"/network/ego/{actor}", {})]


async def _client(client: httpx.AsyncClient, queries, until: float,
                  latencies: dict[str, list[float]], errors: list[str]) -> None:
    for path, params in queries:
        if time.monotonic() >= until:
            return
        started = time.monotonic()
        try:
            response = await client.get(path, params=params)
            if response.status_code != 200:
                errors.append(f"{path}: {response.status_code} {response.text[:200]}")
        except httpx.HTTPError as exc:
            errors.append(f"{path}: {type(exc).__name__} {exc}")
        latencies.setdefault(path.split("/ego/")[0] + ("/ego" if "/ego/" in path else ""),
                             []).append(time.monotonic() - started)


async def _load(base: str, targets: list[tuple[str, dict]]) -> dict:
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        for path, params in targets:  # every query answers before the clock starts
            assert (await client.get(path, params=params)).status_code == 200, path
        started = time.monotonic()
        until = started + SECONDS
        # Each client starts at a different query, so all four run at once.
        await asyncio.gather(*(_client(client, _rotated(targets, i), until, latencies, errors)
                               for i in range(CLIENTS)))
        elapsed = time.monotonic() - started
    return _summary(latencies, errors, elapsed)


def _rotated(targets: list, start: int):
    return cycle(targets[start % len(targets):] + targets[:start % len(targets)])


def _percentiles(latencies: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1), "max_ms": round(max(latencies) * 1000, 1)}


def _summary(latencies: dict[str, list[float]], errors: list[str], elapsed: float) -> dict:
    every = [t for times in latencies.values() for t in times]
    return {"clients": CLIENTS, "seconds": round(elapsed, 1), "requests": len(every),
            "errors": len(errors), "error_samples": errors[:5],
            "throughput_rps": round(len(every) / elapsed, 1), **_percentiles(every),
            "by_query": {path: {"requests": len(times), **_percentiles(times)}
                         for path, times in sorted(latencies.items())}}


def test_50_clients_on_the_main_queries_get_no_errors(served) -> None:
    kind, base, graphs = served
    result = asyncio.run(_load(base, _targets(graphs)))
    ARTIFACT.parent.mkdir(exist_ok=True)
    recorded = json.loads(ARTIFACT.read_text()) if ARTIFACT.exists() else {}
    ARTIFACT.write_text(json.dumps(recorded | {kind: result}, indent=2) + "\n")
    print(f"load on {kind}: {json.dumps(result)}")
    assert result["requests"] > CLIENTS
    assert result["errors"] == 0, result["error_samples"]


@pytest.mark.parametrize("served", ["ladybug"], indirect=True)  # Neo4j takes concurrent writers
def test_a_second_writer_on_a_served_embedded_store_is_refused_cleanly(served, tmp_path: Path) -> None:
    _, base, _ = served
    location = str(tmp_path / "kg")
    done = subprocess.run(kg_command("ingest", str(REPO / "examples"), "--store", location),
                          cwd=tmp_path, env=clean_env() | {"PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 2 and "busy" in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert httpx.get(f"{base}/health", timeout=10).status_code == 200  # the server is unharmed
