"""``python3 -m bench [--scale small|full] [--only extraction|writes|queries|memory]``.

Runs the benchmarks, stores their figures in ``bench/results/<scale>.json`` (a
section not run keeps its previous figures) and rewrites ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.common import machine

log = logging.getLogger("bench")
SECTIONS = ("extraction", "writes", "memory", "queries")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "full"), default="full",
                        help="small: a smoke run of a few minutes; full: the figures of BENCHMARKS.md")
    parser.add_argument("--only", choices=SECTIONS, action="append",
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--no-report", action="store_true", help="do not rewrite BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true",
                        help="run nothing: rewrite BENCHMARKS.md from the stored results")
    return parser.parse_args(argv)


def _section(name: str, scale: str, kept: dict[int, tuple[Path, int]],
             done: dict[str, Any]) -> dict[str, Any]:
    from bench import extraction, memory, queries, writes

    load_before = round(os.getloadavg()[0], 2)
    start = time.perf_counter()
    if name == "extraction":
        result = extraction.run(scale)
    elif name == "writes":
        result = writes.run(scale)
    elif name == "memory" and "extraction" in done:
        result = memory.from_extraction(scale, done["extraction"], keep=kept)
    elif name == "memory":
        result = memory.run(scale, keep=kept)
    else:
        result = queries.run(scale, prepared_ladybug=kept)
    result["_meta"] = {"date": machine()["date"], "minutes": round((time.perf_counter() - start) / 60, 1),
                       "load_before": load_before, "load_after": round(os.getloadavg()[0], 2)}
    return result


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # notifications about absent labels
    args = _parse(argv)
    results = report.load(args.scale)
    results["machine"] = machine()
    kept: dict[int, tuple[Path, int]] = {}  # LadybugDB stores loaded by `memory`, reused by `queries`
    done: dict[str, Any] = {}  # sections run now (not earlier figures from the results file)
    try:
        for name in () if args.report_only else args.only or SECTIONS:
            log.info("running %s (%s)", name, args.scale)
            results[name] = done[name] = _section(name, args.scale, kept, done)
            report.save(args.scale, results)
    finally:
        for folder, _ in kept.values():
            shutil.rmtree(folder, ignore_errors=True)
    server = results.get("queries", {}).get("neo4j", {}).get("version") or results.get(
        "writes", {}).get("neo4j")
    results["machine"]["neo4j_server"] = server
    report.save(args.scale, results)
    if not args.no_report:
        command = "python3 -m bench" + (f" --scale {args.scale}" if args.scale != "full" else "")
        log.info("wrote %s", report.write_report(results, args.scale, command))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
