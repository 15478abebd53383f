"""Extraction on a Dask cluster: the same graphs as a local run, computed by many workers.

Extraction is the costly, embarrassingly parallel step of an ingest (one spaCy
parse per entry, no shared state), so it is the step worth distributing; writing
stays with one process per store. Each worker loads the extractor once (the
spaCy model is ~100 ms to load and ~50 MB) and keeps it for every task it runs.

Needs the optional ``distributed`` extra (``dask[distributed]``); importing this
module does not import dask, so the rest of the package works without it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from kg.errors import ConfigError
from kg.model import Document, DocumentGraph

log = logging.getLogger(__name__)

# Documents per task: amortises scheduling (~1 ms a task) over a few parses.
CHUNK = 4

_extractors: dict[tuple[str, str | None], Any] = {}


def _extractor(name: str, version: str | None) -> Any:
    """This worker process's extractor, built on first use."""
    key = (name, version)
    if key not in _extractors:
        from loaders.structured import routed_extractor

        _extractors[key] = routed_extractor(name, version)
    return _extractors[key]


def extract_chunk(documents: Sequence[Document], name: str = "rules",
                  version: str | None = None) -> list[DocumentGraph]:
    """The task each worker runs: extract a few documents, in order."""
    extract = _extractor(name, version)
    return [extract(doc) for doc in documents]


def _chunks(items: Sequence[Document], size: int) -> list[Sequence[Document]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _client(n_workers: int, address: str | None) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("Dask is not installed: pip install 'event-kg[distributed]'") from exc
    if address:
        return Client(address), None
    # Processes, one thread each: spaCy holds the GIL, so threads would not parallelise.
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def extract_with_dask(documents: Iterable[Document], n_workers: int = 2, *,
                      extractor: str = "rules", version: str | None = None,
                      address: str | None = None, chunk: int = CHUNK) -> list[DocumentGraph]:
    """Extract every document on Dask workers; results are in input order.

    ``address`` names a running scheduler (a real cluster); otherwise a
    ``LocalCluster`` of ``n_workers`` processes is started and stopped here.
    """
    docs = list(documents)
    if not docs:
        return []
    client, cluster = _client(n_workers, address)
    try:
        futures = client.map(extract_chunk, _chunks(docs, max(chunk, 1)), name=extractor,
                             version=version, pure=False)
        graphs = [g for part in client.gather(futures) for g in part]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    log.info("extracted %d documents on dask (%d workers)", len(graphs), n_workers)
    return graphs
