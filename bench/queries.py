"""Query latency against graph size, on Neo4j and LadybugDB, over one growing synthetic graph.

One deterministic stream (``bench.synthetic``, seed 5) is loaded in steps
(10k -> 100k -> 1M events at full scale); after each step every query kind is
timed on a sample of actors. Loading:

- Neo4j: store-equivalent write statements batched across documents
  (``bench.bulk``; the same graph as ``Neo4jStore.upsert``, checked in
  ``bench.writes``), because the store's one-transaction-per-document upsert
  is the bottleneck measured there. Loading stops at ``LOAD_BUDGET_S``; the
  queries are then timed at the size reached, which is reported as such.
- LadybugDB: ``LadybugStore.upsert`` (batching does not help it: its MERGE is
  the limit), up to 100k events.

Query kinds (50 rows a page where paged):

- ``events_by_actor_dates``: ``store.events(EventQuery(actor, 30-day window))``;
- ``statements_by_speaker``: ``store.statements(StatementQuery(speaker))``,
  who-said-what-about-whom for one actor;
- ``ego2`` / ``shortest_path``: direct Cypher written here (``EGO_HOP``,
  ``SHORTEST_PATH``), over the actor interaction network (co-participation in
  an event, speaker->about of a statement), run on a driver/connection owned
  by the benchmark. The API's ``/network/ego`` and ``/network/path`` build the
  network from ``store.snapshot()`` with networkx (``kg.analytics``) on every
  request; that path is timed only at the smallest size (``api_*``).

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

from bench import bulk
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
LOAD_CHUNK = 300  # documents per bulk write
BULK_BATCH = 10_000

EGO_HOP = (
    "MATCH (a:Actor)-[:PARTICIPATED_IN]->(:Event)<-[:PARTICIPATED_IN]-(b:Actor) "
    "WHERE a.id IN $ids RETURN DISTINCT b.id AS id "
    "UNION MATCH (a:Actor)-[:SAID]->(:Statement)-[:ABOUT]->(b:Actor) "
    "WHERE a.id IN $ids RETURN DISTINCT b.id AS id "
    "UNION MATCH (a:Actor)<-[:ABOUT]-(:Statement)<-[:SAID]-(b:Actor) "
    "WHERE a.id IN $ids RETURN DISTINCT b.id AS id")
SHORTEST_PATH = {
    "neo4j": ("MATCH (a:Actor {id: $s}), (b:Actor {id: $t}) "
              "MATCH p = shortestPath((a)-[:PARTICIPATED_IN|SAID|ABOUT*..8]-(b)) "
              "RETURN [n IN nodes(p) | n.id] AS ids"),
    "ladybug": ("MATCH p = (a:Actor)-[:PARTICIPATED_IN|SAID|ABOUT* SHORTEST 1..8]-(b:Actor) "
                "WHERE a.id = $s AND b.id = $t RETURN properties(nodes(p), 'id') AS ids"),
}

Cypher = Callable[[str, dict[str, Any]], list]


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


def ego2(cypher: Cypher, actor: str) -> int:
    """Actors within two hops; one query per hop, the frontier passed as a parameter."""
    hop1 = {r[0] for r in cypher(EGO_HOP, {"ids": [actor]})} - {actor}
    hop2 = {r[0] for r in cypher(EGO_HOP, {"ids": sorted(hop1)})} - hop1 - {actor} if hop1 else set()
    return 1 + len(hop1) + len(hop2)


def _time_kind(call: Callable[[Any], Any], args: list[Any]) -> dict[str, Any]:
    """Latencies of ``call`` over ``args``; a failing query is counted, not fatal."""
    samples, spent, sizes, errors = [], 0.0, [], []
    for i, arg in enumerate([*args[:2], *args]):  # the first two: warm-up (plans compile on first use)
        try:
            seconds, result = timed(lambda a=arg: call(a))
        except Exception as exc:  # noqa: BLE001 -- one broken sample must not lose the run
            errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            continue
        if i < 2:
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


def measure(store: Any, cypher: Cypher, dialect: str, stream: Stream, reps: int) -> dict[str, Any]:
    from kg.stores.base import EventQuery, Page, StatementQuery

    rng = random.Random(SEED)
    actors, speakers = _sample(stream.degree, reps, rng), _sample(stream.speakers, reps, rng)
    windows = [_window(rng) for _ in range(reps)]
    pairs = [(a, b) for a, b in zip(actors, _sample(stream.degree, 2 * reps, rng), strict=False) if a != b][:reps]
    page = Page(limit=50)
    return {
        "events_by_actor_dates": _time_kind(lambda i: store.events(EventQuery(
            actor=actors[i], date_from=windows[i][0], date_to=windows[i][1], page=page)),
            list(range(reps))),
        "statements_by_speaker": _time_kind(
            lambda s: store.statements(StatementQuery(speaker=s, page=page)), speakers),
        "ego2": _time_kind(lambda a: ego2(cypher, a), actors),
        "shortest_path": _time_kind(
            lambda p: (cypher(SHORTEST_PATH[dialect], {"s": p[0], "t": p[1]}) or [[None]])[0][0], pairs),
    }


def measure_api(store: Any, stream: Stream, reps: int = 3) -> dict[str, Any]:
    """The API's network endpoints today: snapshot -> networkx on every request."""
    from kg import analytics

    rng = random.Random(SEED + 1)
    actors = _sample(stream.degree, reps, rng)

    def ego(actor: str) -> int:
        graph = analytics.interaction_graph(store.snapshot())
        return len(analytics.ego_network(graph, actor, 2)["nodes"])

    def path(actor: str) -> Any:
        graph = analytics.interaction_graph(store.snapshot())
        return analytics.shortest_path(graph, actor, "ukraine")

    return {"api_ego2": _time_kind(ego, actors), "api_shortest_path": _time_kind(path, actors)}


# --- stores ------------------------------------------------------------------------------


def _neo4j_cypher(driver: Any) -> Cypher:
    def run(query: str, params: dict[str, Any]) -> list:
        records, _, _ = driver.execute_query(query, params, routing_="r")
        return [tuple(r.values()) for r in records]
    return run


def _ladybug_cypher(path: Path) -> tuple[Cypher, Callable[[], None]]:
    """A read-only connection beside the store's (it sees what was committed when opened)."""
    import ladybug

    db = ladybug.Database(str(path), read_only=True)
    conn = ladybug.Connection(db)

    def run(query: str, params: dict[str, Any]) -> list:
        result = conn.execute(query, params)
        try:
            return [tuple(row) for row in result.get_all()]
        finally:
            result.close()

    def close() -> None:
        conn.close()
        db.close()
    return run, close


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
            runner = bulk.neo4j_runner(driver)
            load = lambda chunk: bulk.write_groups(bulk.batched_groups(chunk), runner, BULK_BATCH)
            for size in cfg["sizes"]:
                step = _step(size, stream, load, cfg["budget_s"], spent)
                spent += step["load_s"]
                step["counts"] = store.counts()
                step["queries"] = measure(store, _neo4j_cypher(driver), "neo4j", stream, cfg["reps"])
                if size == cfg["sizes"][0]:
                    step["queries"] |= measure_api(store, stream)
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
    from kg.stores.ladybug_store import DATABASE_FILE, LadybugStore

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
                cypher, close = _ladybug_cypher(folder / DATABASE_FILE)
                try:
                    step["queries"] = measure(store, cypher, "ladybug", stream, cfg["reps"])
                    if size == sizes[0]:
                        step["queries"] |= measure_api(store, stream)
                finally:
                    close()
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
