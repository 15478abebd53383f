"""Extraction throughput against its physical limit, on the Guardian CSV (224k words).

The limit is bare spaCy: ``nlp.pipe`` of the very pipeline object the extractor
uses (``loaders.extraction.pipeline.load_nlp``: same model, same components) over
the very texts it parses (each document's entries, as read by
``loaders.iter_documents``). End to end is ``kg.ingest.ingest`` into a fresh
LadybugDB store: loading, hashing, extraction, resolution, event and statement
rules, and the store writes. Words are whitespace-separated tokens of the
documents' texts. Single-process runs use a model loaded beforehand (as a
long-running ingest would); two-process runs include each worker's model load,
both bare (spaCy's own ``n_process=2``) and end to end (``--workers 2``). Each end-to-end
run is a fresh process measured by ``bench.memory.measured``, which also gives the
peak memory of the ingest (section 4).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import GUARDIAN_CSV, guardian_documents, guardian_subset_csv, words

log = logging.getLogger(__name__)

SMALL_DOCUMENTS = 12
DASK_DOCUMENTS = 40  # the Dask timing is a sanity figure, not a limit: a subset suffices


def _entry_texts(docs: list) -> list[str]:
    """What the extractor hands to ``nlp.pipe``: each entry's text, or the whole text."""
    texts = []
    for doc in docs:
        spans = [(e.start, e.end) for e in doc.entries] or [(0, len(doc.text))]
        texts.extend(doc.text[s:e] for s, e in spans)
    return texts


def _cpu() -> float:
    """CPU seconds of this process and its reaped children: robust to a busy machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _bare(nlp: Any, texts: list[str], n_process: int) -> dict[str, float]:
    cpu, start = _cpu(), time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process):
        pass
    return {"seconds": round(time.perf_counter() - start, 2), "cpu_s": round(_cpu() - cpu, 2)}


def _end_to_end(source: Path, workers: int) -> dict[str, Any]:
    """``kg.ingest.ingest`` in a fresh process under ``bench.memory.measured``, so one run
    gives the throughput and the peak memory of an ingest (the model is loaded before
    the clock starts, as in the bare runs; ``--workers 2`` pools load their own)."""
    from bench.memory import measured

    with tempfile.TemporaryDirectory(prefix="kg-bench-ingest-") as folder:
        result = measured([sys.executable, "-m", "bench.extraction", "ingest", str(source),
                           str(Path(folder) / "store"), str(workers)])
    timing = json.loads(result.pop("stdout").strip().splitlines()[-1])
    return {**timing, "process_s": result["seconds"], "peak_rss_mb": result["peak_rss_mb"],
            "peak_tree_rss_mb": result["peak_tree_rss_mb"]}


def _ingest_job(source: str, folder: str, workers: int) -> dict[str, Any]:
    """The measured process: open a fresh LadybugDB store, warm the model, time ``ingest``."""
    from kg.ingest import ingest
    from kg.stores.ladybug_store import LadybugStore
    from loaders.extraction.pipeline import load_nlp

    load_nlp()
    store = LadybugStore(folder)
    try:
        store.setup()
        cpu, start = _cpu(), time.perf_counter()
        report = ingest([Path(source)], store, workers=workers)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    finally:
        store.close()
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), **report.summary()}


def _dask(docs: list) -> dict[str, Any]:
    """Extraction only (no store) on a 2-worker Dask LocalCluster, cluster start included."""
    from kg.distributed import extract_with_dask

    start = time.perf_counter()
    graphs = extract_with_dask(docs, n_workers=2)
    seconds = time.perf_counter() - start
    n_words = sum(words(d.text) for d in docs)
    return {"documents": len(docs), "words": n_words, "seconds": round(seconds, 2),
            "words_per_s": round(n_words / seconds), "events": sum(len(g.events) for g in graphs)}


def run(scale: str = "full") -> dict[str, Any]:
    from loaders.extraction.pipeline import load_nlp

    docs = guardian_documents(SMALL_DOCUMENTS if scale == "small" else None)
    texts = _entry_texts(docs)
    n_words = sum(words(d.text) for d in docs)
    nlp = load_nlp()
    _bare(nlp, texts[:5], 1)  # warm-up: first calls allocate
    with tempfile.TemporaryDirectory(prefix="kg-bench-csv-") as tmp:
        source = GUARDIAN_CSV if scale != "small" else guardian_subset_csv(docs, Path(tmp))
        bare1 = _bare(nlp, texts, 1)
        bare2 = _bare(nlp, texts, 2)
        e2e1 = _end_to_end(source, 1)
        e2e2 = _end_to_end(source, 2)
    runs = {"bare_1p": bare1, "bare_2p": bare2, "e2e_1w": e2e1, "e2e_2w": e2e2}
    out: dict[str, Any] = {"documents": len(docs), "texts": len(texts), "words": n_words,
                           "pipeline": list(nlp.pipe_names)}
    for name, figures in runs.items():
        out[name] = {**figures, "words_per_s": round(n_words / figures["seconds"]),
                     "words_per_cpu_s": round(n_words / max(figures["cpu_s"], 1e-9))}
    if importlib.util.find_spec("distributed"):
        out["dask_2w"] = _dask(docs[:DASK_DOCUMENTS])
    # end-to-end / bare throughput, by wall clock and by CPU time (the latter ignores other load)
    out["ratio_1"] = round(bare1["seconds"] / e2e1["seconds"], 3)
    out["ratio_2"] = round(bare2["seconds"] / e2e2["seconds"], 3)
    out["cpu_ratio_1"] = round(bare1["cpu_s"] / e2e1["cpu_s"], 3)
    out["cpu_ratio_2"] = round(bare2["cpu_s"] / e2e2["cpu_s"], 3)
    log.info("extraction: %s", out)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "ingest":
        sys.exit("usage: python -m bench.extraction ingest SOURCE STORE_DIR WORKERS")
    print(json.dumps(_ingest_job(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
