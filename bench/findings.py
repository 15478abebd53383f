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
    out.append(
        f"Store-equivalent statements batched the same way reach {w['batched_vs_raw']} of the "
        f"baseline with their rows built beforehand. The store also builds its rows inside the "
        f"timed call (Python: {w['python_row_building_s']} s for these {w['rows']:,} rows), reads "
        "the stored actors and places (to unite aliases), looks for stored versions of the "
        "documents (to replace their facts), writes the (actor, date) listing keys that three "
        "relationship indexes keep for the API's listings, and guards single-valued links; the "
        "baseline does none of it. One run of a writer moves by up to ±20% on this 2-core "
        "machine, so each figure is a median, and the paired column compares each store run "
        "with the raw run beside it.")
    return out


TARGET_MS = {"events_by_actor_dates": 50, "statements_by_speaker": 50, "ego2": 200,
             "shortest_path": 200}


def _kind_reading(kind: str, fig: dict[str, Any], events: int) -> str | None:
    p50, p95 = fig.get("p50_ms"), fig.get("p95_ms")
    if p95 is None:
        return None
    verdict = "within" if p95 <= TARGET_MS[kind] else "over"
    head = f"`{kind}` at {events:,} events: p50 {p50:,.0f} ms, p95 {p95:,.0f} ms ({verdict} its target)"
    if kind == "ego2":
        from kg.network import EgoBounds

        return (f"{head}; `kg.network.ego` with the API's default bounds returns "
                f"{fig['mean_result']:,.0f} actors on average: each expanded actor contributes its "
                f"{EgoBounds.facts_per_actor} most recent facts and {EgoBounds.expand} actors are "
                "expanded per hop, so the cost is bounded whatever the graph's size and the hubs' degree.")
    if kind == "shortest_path":
        return (f"{head}; exact bidirectional search over the store's neighbour lists, "
                f"{fig['mean_result']:.1f} actors per path on average. Hubs keep paths short, and "
                "a hub in a frontier is paired with the other frontier's hubs (one `EXISTS` each) "
                "before its neighbours are read: a hub's neighbour list is read only when no "
                "direct link between the frontiers exists.")
    return head + "."


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
