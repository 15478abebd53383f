"""Neo4j write throughput: the store's batched upsert against a raw UNWIND/MERGE baseline.

Rows are counted the same way for every writer: per document graph, its nodes
(document, entries, actors, locations, events, statements, evidence) plus its
relationships, as ``kg.rows.graph_rows`` lays them out (``bench.bulk.row_count``).
Three writers get the same synthetic graphs, each on an emptied database with
the store's constraints and indexes in place, ``REPEATS`` times in turn (medians):

- ``store``: ``Neo4jStore.upsert`` (what ``kg ingest`` does), 50 graphs per call,
  with ``write_batch_size`` set; includes its Python row building and checks;
- ``store_statements_batched``: store-equivalent statements (same labels,
  properties and relationships) with rows batched across documents
  (``bench.bulk``): what the store would cost if it grouped documents into one
  transaction per statement batch;
- ``raw``: ``UNWIND $rows AS r MERGE (n:Label {id: r.id}) SET n += r`` per label and
  MATCH/MATCH/MERGE per relationship type, rows built beforehand (the physical limit).
"""

from __future__ import annotations

import logging
import statistics
import time
from typing import Any

from bench import bulk
from bench.common import neo4j_uri, neo4j_version, timed, wipe_neo4j
from bench.synthetic import generate

log = logging.getLogger(__name__)

SCALES = {"small": {"events": 800, "batches": (500, 5000)},
          "full": {"events": 6000, "batches": (200, 1000, 5000)}}
INGEST_CHUNK = 50  # graphs per upsert call, as kg.ingest hands them over
REPEATS = 5  # runs of each writer per batch size (the median is reported)
Inputs = tuple[list, bulk.Groups, bulk.Groups]  # graphs, their batched rows, their raw rows


def _store_upsert(store: Any, graphs: list) -> None:
    for start in range(0, len(graphs), INGEST_CHUNK):
        store.upsert(graphs[start:start + INGEST_CHUNK])


def _rate(rows: int, seconds: float) -> dict[str, float]:
    return {"seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}


def _one_batch_size(uri: str, driver: Any, inputs: Inputs, rows: int, batch: int) -> dict[str, Any]:
    """Each writer ``REPEATS`` times, interleaved, on an emptied database; the median
    time of each (one run moves by up to ±20% with the machine's other work)."""
    from kg.stores.neo4j_store import Neo4jStore

    run = bulk.neo4j_runner(driver)
    store = Neo4jStore(uri, None, write_batch_size=batch)
    graphs, groups, raw = inputs
    writers = {"store": lambda: _store_upsert(store, graphs),
               "store_statements_batched": lambda: bulk.write_groups(groups, run, batch),
               "raw": lambda: bulk.write_groups(raw, run, batch)}
    seconds: dict[str, list[float]] = {name: [] for name in writers}
    graphs_written: dict[str, dict[str, int]] = {}
    try:
        for _ in range(REPEATS):
            for name, write in writers.items():
                wipe_neo4j(driver)
                seconds[name].append(timed(write)[0])
                graphs_written[name] = store.counts()
    finally:
        store.close()
    paired = [base / mine for base, mine in zip(seconds["raw"], seconds["store"], strict=True)]
    return {"batch": batch, **{name: _rate(rows, statistics.median(s)) for name, s in seconds.items()},
            # each run's store time against the raw run next to it: drift of the machine cancels
            "store_vs_raw_paired": round(statistics.median(paired), 3),
            "batched_graph_equals_store_graph":
                graphs_written["store_statements_batched"] == graphs_written["store"]}


def _warm_up(uri: str, driver: Any, graphs: list) -> None:
    """Compile every statement once (Neo4j plans on first use), then empty the database."""
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(uri, None)
    try:
        store.setup()
        store.upsert(graphs)
    finally:
        store.close()
    wipe_neo4j(driver)
    bulk.write_groups(bulk.batched_groups(graphs), bulk.neo4j_runner(driver), 1000)
    wipe_neo4j(driver)
    bulk.write_groups(bulk.raw_groups(graphs), bulk.neo4j_runner(driver), 1000)
    wipe_neo4j(driver)


def run(scale: str = "full") -> dict[str, Any]:
    from neo4j import GraphDatabase

    from kg import runtime

    cfg = SCALES[scale]
    graphs = list(generate(cfg["events"], seed=11))
    rows = sum(bulk.row_count(g) for g in graphs)
    to_rows_s, groups = timed(lambda: bulk.batched_groups(graphs))
    inputs = (graphs, groups, bulk.raw_groups(graphs))
    out: dict[str, Any] = {"events": cfg["events"], "documents": len(graphs), "rows": rows, "repeats": REPEATS,
                           "python_row_building_s": round(to_rows_s, 2), "runs": []}
    with neo4j_uri() as uri:
        driver = GraphDatabase.driver(uri, auth=None)
        try:
            out["neo4j"] = neo4j_version(driver)
            _warm_up(uri, driver, list(generate(min(300, cfg["events"] // 4), seed=12)))
            # The inputs of every writer (graphs, prebuilt rows) live through the whole
            # run, a heap far larger than an ingest's (one batch at a time): out of the
            # collector's reach, so their traversal is not billed to whichever writer
            # happens to trigger a full collection.
            runtime.freeze_heap()
            for batch in cfg["batches"]:
                started = time.perf_counter()
                out["runs"].append(_one_batch_size(uri, driver, inputs, rows, batch))
                log.info("writes: batch %d done in %.0fs", batch, time.perf_counter() - started)
        finally:
            runtime.thaw_heap()  # the next section runs in this process
            driver.close()
    return _summarise(out)


def _summarise(out: dict[str, Any]) -> dict[str, Any]:
    def best(writer: str) -> dict[str, Any]:
        top = max(out["runs"], key=lambda r: r[writer]["rows_per_s"])
        return {"batch": top["batch"], **top[writer]}

    out["best"] = {w: best(w) for w in ("store", "store_statements_batched", "raw")}
    raw = out["best"]["raw"]["rows_per_s"]
    out["store_vs_raw"] = round(out["best"]["store"]["rows_per_s"] / raw, 3)
    out["batched_vs_raw"] = round(out["best"]["store_statements_batched"]["rows_per_s"] / raw, 3)
    return out
