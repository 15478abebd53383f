"""Peak memory: ``kg ingest`` of the Guardian CSV, and loading the embedded store with synthetic events.

Each measured job runs in its own process under a small wrapper process, so
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` in the wrapper is the peak RSS of the
largest process of that job alone (a worker pool's biggest process). psutil,
when installed, also samples the RSS summed over the whole process tree every
50 ms (the figure to provision for with ``--workers``).

``python -m bench.memory load-ladybug DIR EVENTS BUDGET_S`` is the loading job: the same
stream ``bench.queries`` uses, written with ``LadybugStore.upsert``.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import GUARDIAN_CSV, ROOT, guardian_documents, guardian_subset_csv

log = logging.getLogger(__name__)

SCALES = {"small": {"ladybug_events": 2_000, "workers": (1,), "budget_s": 60, "documents": 12},
          "full": {"ladybug_events": 100_000, "workers": (1, 2), "budget_s": 6 * 60}}
_WRAPPER = ("import json, resource, subprocess, sys\n"
            "code = subprocess.run(sys.argv[1:]).returncode\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(json.dumps({'code': code, 'maxrss_kb': peak}), file=sys.stderr)\n")


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def _sampler(pid: int, stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], _tree_rss(pid))
        stop.wait(0.05)


def measured(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd`` under the wrapper; its stdout, wall time and peak memory."""
    try:
        import psutil  # noqa: F401
        has_psutil = True
    except ImportError:
        has_psutil = False
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *cmd], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=_sampler, args=(proc.pid, stop, peak), daemon=True)
    if has_psutil:
        sampler.start()
    out, err = proc.communicate()
    stop.set()
    seconds = time.perf_counter() - start
    status = json.loads(err.strip().splitlines()[-1])
    if status["code"] != 0:  # `kg ingest` exits 1 when some documents failed: still a measurement
        log.warning("%s exited with %s:\n%s", cmd, status["code"], err[-2000:])
    return {"exit_code": status["code"], "seconds": round(seconds, 1), "peak_rss_mb": round(status["maxrss_kb"] / 1024, 1),
            "peak_tree_rss_mb": round(peak[0] / 2**20, 1) if has_psutil else None, "stdout": out}


def ingest_peak(workers: int, documents: int | None = None) -> dict[str, Any]:
    """``kg ingest`` of the Guardian CSV (or of its first ``documents`` articles)."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-mem-") as folder:
        source = guardian_subset_csv(guardian_documents(documents), Path(folder)) if documents \
            else GUARDIAN_CSV
        cmd = [sys.executable, "-c", "from kg.cli import app; app()", "ingest", str(source),
               "--store", str(Path(folder) / "store"), "--workers", str(workers)]
        result = measured(cmd)
    result.pop("stdout")
    return {"workers": workers, "documents": documents, **result}


def ladybug_load_peak(folder: Path, events: int, budget_s: float) -> dict[str, Any]:
    result = measured([sys.executable, "-m", "bench.memory", "load-ladybug", str(folder), str(events),
                       str(budget_s)])
    loaded = json.loads(result.pop("stdout"))
    return {**result, **loaded}


def run(scale: str = "full", keep: dict[int, tuple[Path, int]] | None = None) -> dict[str, Any]:
    """``keep``, if given, receives {target events: (directory, events loaded)} of the
    loaded store for reuse (``bench.queries``); the caller then removes the directory."""
    cfg = SCALES[scale]
    out: dict[str, Any] = {"ingest": [ingest_peak(w, cfg.get("documents")) for w in cfg["workers"]]}
    return _with_ladybug_load(out, cfg, keep)


def from_extraction(scale: str, extraction: dict[str, Any],
                    keep: dict[int, tuple[Path, int]] | None = None) -> dict[str, Any]:
    """Section 4 when section 1 ran: its end-to-end ingests were measured processes already."""
    ingests = [{"workers": w, "exit_code": 0, "seconds": extraction[key]["process_s"],
                "peak_rss_mb": extraction[key]["peak_rss_mb"],
                "peak_tree_rss_mb": extraction[key]["peak_tree_rss_mb"], "how": "bench.extraction"}
               for w, key in ((1, "e2e_1w"), (2, "e2e_2w"))]
    return _with_ladybug_load({"ingest": ingests}, SCALES[scale], keep)


def _with_ladybug_load(out: dict[str, Any], cfg: dict[str, Any],
                       keep: dict[int, tuple[Path, int]] | None) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-lbug-mem-"))
    out["ladybug_load"] = ladybug_load_peak(folder, cfg["ladybug_events"], cfg["budget_s"])
    if keep is not None:
        keep[cfg["ladybug_events"]] = (folder, out["ladybug_load"]["events"])
    else:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return out


def _load_ladybug(folder: str, events: int, budget_s: float) -> dict[str, Any]:
    """Load the stream up to ``events``, stopping after ``budget_s`` seconds."""
    from bench.queries import LOAD_CHUNK, Stream
    from kg.stores.ladybug_store import LadybugStore

    store = LadybugStore(folder)
    try:
        store.setup()
        stream = Stream(events)
        start = time.perf_counter()
        for chunk in stream.take_until(events, LOAD_CHUNK):
            store.upsert(chunk)
            if time.perf_counter() - start > budget_s:
                break
        seconds = time.perf_counter() - start
        return {"target_events": events, "events": stream.gen.events_written,
                "documents": stream.documents,
                "load_s": round(seconds, 1), "counts": store.counts()}
    finally:
        store.close()


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "load-ladybug":
        sys.exit("usage: python -m bench.memory load-ladybug DIR EVENTS BUDGET_SECONDS")
    print(json.dumps(_load_ladybug(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))))
