"""Query latency against graph size, on Neo4j and LadybugDB, over one growing synthetic graph.

One deterministic stream (``bench.synthetic``, seed 5) is loaded in steps
(10k -> 100k -> 1M events at full scale); after each step every query kind is
timed on a sample of actors. Loading:

- both stores: ``store.upsert`` in chunks of 50 documents, as ``kg ingest`` writes
  (Neo4j up to ``LOAD_BUDGET_S``; the queries are then timed at the size reached,
  reported as such; LadybugDB up to 100k events).

Query kinds, each the code path the API runs (50 rows a page where paged):

- ``events_by_actor_dates``: ``store.events(EventQuery(actor, 30-day window))``;
- ``statements_by_speaker``: ``store.statements(StatementQuery(speaker))``,
  who-said-what-about-whom for one actor;
- ``ego2``: ``kg.network.ego(store, actor, 2)`` with the API's default bounds
  (``/network/ego/{actor}?depth=2``);
- ``shortest_path``: ``kg.network.path(store, a, b)`` (``/network/path``): the exact
  shortest path and the facts of each step.

Actors are sampled half in proportion to their degree (the actors people ask
about are the ones in the news) and half uniformly (the long tail).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.common import neo4j_uri, neo4j_version, percentiles, timed
from bench.synthetic import Generator, Spec

log = logging.getLogger(__name__)

SEED = 5
SCALES: dict[str, dict[str, Any]] = {
    "small": {"sizes": (1_000, 4_000), "ladybug_max": 4_000, "reps": 8, "budget_s": 120,
              "ladybug_budget_s": 60},
    "full": {"sizes": (10_000, 100_000, 1_000_000), "ladybug_max": 100_000, "reps": 30,
             "budget_s": 20 * 60, "ladybug_budget_s": 7 * 60},
}
QUERY_TIME_CAP_S = 45  # per query kind and size: stop sampling after this much time
WARM_UP = 10  # untimed calls per query kind and size, on arguments of their own
LOAD_CHUNK = 50  # documents per upsert call, as kg ingest writes them



# --- the growing graph ------------------------------------------------------------------


class Stream:
    """The synthetic stream, consumed step by step, remembering who is in it."""

    def __init__(self, max_events: int) -> None:
        self.gen = Generator(Spec(events=max_events, seed=SEED))
        self._docs: Iterator = self.gen.documents()
        self.degree: Counter[str] = Counter()
        self.speakers: Counter[str] = Counter()
        self.documents = 0

    def take_until(self, events: int, chunk: int) -> Iterator[list]:
        """Chunks of graphs until ``events`` distinct events have been produced."""
        batch: list = []
        for graph in self._docs:
            self._note(graph)
            batch.append(graph)
            if len(batch) >= chunk or self.gen.events_written >= events:
                yield batch
                batch = []
            if self.gen.events_written >= events:
                return
        if batch:
            yield batch

    def _note(self, graph: Any) -> None:
        self.documents += 1
        for ev in graph.events:
            self.degree.update(p.actor for p in ev.participants)
        for st in graph.statements:
            if st.speaker:
                self.speakers[st.speaker] += 1
                self.degree[st.speaker] += 1


def _sample(counter: Counter[str], n: int, rng: random.Random) -> list[str]:
    keys = sorted(counter)
    weights = [counter[k] for k in keys]
    half = n // 2
    return rng.choices(keys, weights=weights, k=half) + rng.choices(keys, k=n - half)


def _window(rng: random.Random) -> tuple[dt.date, dt.date]:
    start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(700))
    return start, start + dt.timedelta(days=30)


# --- query kinds ---------------------------------------------------------------------------


def _time_kind(call: Callable[[Any], Any], args: list[Any], warm: list[Any]) -> dict[str, Any]:
    """Latencies of ``call`` over ``args``, after untimed calls over ``warm`` (other
    arguments of the same kind: plans compile on first use, and the server's JIT and
    page cache warm up as a running API's would); a failing query is counted, not fatal."""
    samples, spent, sizes, errors = [], 0.0, [], []
    for i, arg in enumerate([*warm, *args]):
        try:
            seconds, result = timed(lambda a=arg: call(a))
        except Exception as exc:  # noqa: BLE001 -- one broken sample must not lose the run
            errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            continue
        if i < len(warm):
            continue
        samples.append(seconds)
        sizes.append(result if isinstance(result, int) else len(result or ()))
        spent += seconds
        if spent > QUERY_TIME_CAP_S:
            break
    out = {**percentiles(samples), "mean_result": round(sum(sizes) / len(sizes), 1) if sizes else None}
    if errors:
        out["errors"] = len(errors)
        out["first_error"] = errors[0]
    return out


def measure(store: Any, stream: Stream, reps: int) -> dict[str, Any]:
    from kg import network, runtime
    from kg.stores.base import EventQuery, Page, StatementQuery

    timed_args, warm_args = _arguments(stream, reps, SEED), _arguments(stream, WARM_UP, SEED + 1)
    page = Page(limit=50)
    calls: dict[str, Callable[[Any], Any]] = {
        "events_by_actor_dates": lambda a: store.events(EventQuery(
            actor=a[0], date_from=a[1][0], date_to=a[1][1], page=page)),
        "statements_by_speaker": lambda s: store.statements(StatementQuery(speaker=s, page=page)),
        "ego2": lambda a: len(network.ego(store, a, 2)["nodes"]),
        "shortest_path": lambda p: (network.path(store, p[0], p[1]) or {"path": []})["path"],
    }
    # As the API server does at start-up (api.app): long-lived objects (here the
    # stream's bookkeeping) leave the collector's generations.
    runtime.freeze_heap()
    try:
        return {kind: _time_kind(call, timed_args[kind], warm_args[kind]) for kind, call in calls.items()}
    finally:
        runtime.thaw_heap()  # the next graph size, or section, runs in this process


def _arguments(stream: Stream, n: int, seed: int) -> dict[str, list[Any]]:
    """``n`` arguments for each query kind, drawn with ``seed``."""
    rng = random.Random(seed)
    actors, speakers = _sample(stream.degree, n, rng), _sample(stream.speakers, n, rng)
    windows = [_window(rng) for _ in range(n)]
    pairs = [(a, b) for a, b in zip(actors, _sample(stream.degree, 2 * n, rng), strict=False) if a != b][:n]
    return {"events_by_actor_dates": list(zip(actors, windows, strict=True)),
            "statements_by_speaker": speakers, "ego2": actors, "shortest_path": pairs}


def _step(size: int, stream: Stream, load: Callable[[list], None], budget_s: float,
          spent_s: float) -> dict[str, Any]:
    start = time.perf_counter()
    for chunk in stream.take_until(size, LOAD_CHUNK):
        load(chunk)
        if spent_s + time.perf_counter() - start > budget_s:
            break
    seconds = time.perf_counter() - start
    return {"target_events": size, "events": stream.gen.events_written,
            "documents": stream.documents, "load_s": round(seconds, 1),
            "reached": stream.gen.events_written >= size}


def run_neo4j(cfg: dict[str, Any]) -> dict[str, Any]:
    from neo4j import GraphDatabase

    from kg.stores.neo4j_store import Neo4jStore

    out: dict[str, Any] = {"steps": []}
    with neo4j_uri() as uri:
        driver = GraphDatabase.driver(uri, auth=None)
        store = Neo4jStore(uri, None, cypher_timeout_s=600)
        try:
            store.setup()
            out["version"] = neo4j_version(driver)
            stream, spent = Stream(max(cfg["sizes"])), 0.0
            for size in cfg["sizes"]:
                step = _step(size, stream, store.upsert, cfg["budget_s"], spent)
                spent += step["load_s"]
                step["counts"] = store.counts()
                step["queries"] = measure(store, stream, cfg["reps"])
                out["steps"].append(step)
                log.info("neo4j step: %s", {k: v for k, v in step.items() if k != "counts"})
                if not step["reached"]:
                    break
        finally:
            store.close()
            driver.close()
    return out


def run_ladybug(cfg: dict[str, Any], prepared: dict[int, tuple[Path, int]] | None = None
                ) -> dict[str, Any]:
    """Up to ``ladybug_max`` events (or the load budget); a step ``prepared`` holds
    ((directory, events) already loaded with this stream, by ``bench.memory``) is reused."""
    from kg.stores.ladybug_store import LadybugStore

    out: dict[str, Any] = {"steps": []}
    sizes = [s for s in cfg["sizes"] if s <= cfg["ladybug_max"]]
    stream = Stream(max(sizes))
    with tempfile.TemporaryDirectory(prefix="kg-bench-lbug-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            reuse = (prepared or {}).get(size)
            if reuse is not None:
                folder, loaded = reuse
                stream = _replayed(loaded, max(sizes))
            store = LadybugStore(folder)
            try:
                store.setup()
                step = _step(size, stream, store.upsert, cfg["ladybug_budget_s"], 0.0) if (
                    reuse is None) else {
                    "target_events": size, "events": stream.gen.events_written,
                    "documents": stream.documents, "load_s": None,
                    "reached": stream.gen.events_written >= size,
                    "loaded_by": "bench.memory (subprocess), see section 4"}
                step["counts"] = store.counts()
                step["queries"] = measure(store, stream, cfg["reps"])
            finally:
                store.close()
            out["steps"].append(step)
            log.info("ladybug step: %s", {k: v for k, v in step.items() if k != "counts"})
            if not step["reached"]:
                break
    return out


def _replayed(size: int, max_events: int) -> Stream:
    """The stream state after ``size`` events, regenerated (cheap) to know who is in it."""
    stream = Stream(max_events)
    for _ in stream.take_until(size, LOAD_CHUNK):
        pass
    return stream


def run(scale: str = "full", prepared_ladybug: dict[int, tuple[Path, int]] | None = None
        ) -> dict[str, Any]:
    cfg = SCALES[scale]
    return {"scale": scale, "reps": cfg["reps"], "load_budget_s": cfg["budget_s"],
            "neo4j": run_neo4j(cfg), "ladybug": run_ladybug(cfg, prepared_ladybug)}
