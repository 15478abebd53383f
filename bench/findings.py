"""What the figures say: short, data-driven readings for ``BENCHMARKS.md``.

Every sentence here is computed from the results, so a rerun cannot leave a
stale conclusion behind.
"""

from __future__ import annotations

from typing import Any


def _extraction(x: dict[str, Any]) -> list[str]:
    e1 = x["e2e_1w"]
    return [
        (f"Extraction is spaCy-bound: end to end runs at {x['cpu_ratio_1']} (1 process) and "
        f"{x['cpu_ratio_2']} (2 processes) of bare `nlp.pipe` by CPU time; the rules, the "
        f"resolver and the LadybugDB writes add little. Wall-clock ratios ({x['ratio_1']}, "
        f"{x['ratio_2']}) move with the machine's other load (section stamps)."),
        (f"An ingest of the Guardian CSV peaks at {e1['peak_rss_mb']} MB in one process; "
        f"`--workers 2` peaks at {x['e2e_2w']['peak_tree_rss_mb']} MB over the process tree "
        "(each worker holds its own spaCy model and gazetteer)."),
    ]


def _writes(w: dict[str, Any]) -> list[str]:
    out = [(f"Neo4j writes: the store reaches {w['store_vs_raw']} of the raw UNWIND/MERGE "
           f"baseline ({w['best']['store']['rows_per_s']:,} vs {w['best']['raw']['rows_per_s']:,} "
           "rows/s).")]
    if w["batched_vs_raw"] >= 0.8 > w["store_vs_raw"]:
        out.append(
            f"Store-equivalent statements batched across documents reach {w['batched_vs_raw']} of the "
            "baseline, so the gap is the store's one transaction and ~30 statements per "
            "document, not its Cypher: grouping the graphs of one `upsert` call per statement "
            "would close it.")
    return out


def _kind_reading(kind: str, fig: dict[str, Any], events: int) -> str | None:
    p95 = fig.get("p95_ms")
    if p95 is None:
        return None
    if kind == "ego2":
        return (f"`ego2` at {events:,} events returns {fig['mean_result']:,} actors on average "
                f"(p95 {p95} ms): two hops from anyone who met a hub (Russia, Ukraine) cover most "
                "of the network, so its cost grows with the graph; bound it (a date window, the "
                "strongest neighbours) or precompute the actor projection.")
    if kind == "shortest_path":
        return (f"`shortest_path` stays cheap (p95 {p95} ms at {events:,} events): hubs make paths "
                "short and Neo4j's bidirectional search meets quickly.")
    return None


def _queries(q: dict[str, Any]) -> list[str]:
    out: list[str] = []
    steps = q.get("neo4j", {}).get("steps", [])
    if not steps:
        return out
    last = steps[-1]
    if not last["reached"]:
        out.append(f"The Neo4j load stopped at {last['events']:,} events when its time budget "
                   f"({q['load_budget_s'] // 60} min) ran out; the 1M targets are read at that size.")
    for kind, fig in last["queries"].items():
        reading = _kind_reading(kind, fig, last["events"])
        if reading:
            out.append(reading)
    api = steps[0]["queries"].get("api_ego2")
    if api and api.get("p50_ms"):
        out.append(f"The API's `/network/ego` and `/network/path` rebuild the network from "
                   f"`store.snapshot()` on every request: {api['p50_ms']:,} ms already at "
                   f"{steps[0]['events']:,} events, growing with the whole graph. At scale they "
                   "need store-side queries like the ones measured here.")
    return out


def findings(res: dict[str, Any]) -> str:
    lines: list[str] = []
    if "extraction" in res:
        lines += _extraction(res["extraction"])
    if "writes" in res:
        lines += _writes(res["writes"])
    if "queries" in res:
        lines += _queries(res["queries"])
    return "\n".join(f"- {line}" for line in lines)
