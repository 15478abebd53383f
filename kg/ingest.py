"""The ingest job: sources -> documents -> extracted graphs -> store.

Unchanged documents (same content hash as stored) are skipped, so re-ingesting
is a no-op; a changed document replaces its own facts. Extraction can run in
worker processes (the spaCy model is loaded once per worker); results are
consumed in input order, so the outcome does not depend on scheduling.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Document, DocumentGraph
from kg.stores.base import GraphStore

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    entries: int = 0
    events: int = 0
    statements: int = 0
    actors: set[str] = field(default_factory=set)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)

    def add(self, graph: DocumentGraph) -> None:
        self.documents += 1
        self.entries += len(graph.document.entries)
        self.events += len(graph.events)
        self.statements += len(graph.statements)
        self.actors.update(a.id for a in graph.actors)

    def summary(self) -> dict[str, int]:
        return {"documents": self.documents, "unchanged": self.unchanged, "entries": self.entries,
                "events": self.events, "statements": self.statements, "actors": len(self.actors),
                "failures": len(self.failures)}


Progress = Callable[[str], None]

_worker_extractor = None


def _init_worker(name: str, version: str | None) -> None:
    global _worker_extractor
    from loaders.extraction import get_extractor

    _worker_extractor = get_extractor(name, version)


def _extract_in_worker(doc: Document) -> DocumentGraph:
    return _worker_extractor(doc)


def _stamp(doc: Document, now: dt.datetime) -> Document:
    return doc.model_copy(update={"ingested_at": now})


def _changed_documents(items: Iterable, store: GraphStore, report: IngestReport,
                       on_item: Progress, now: dt.datetime) -> Iterator[Document]:
    from loaders import LoadFailure

    for item in items:
        if isinstance(item, LoadFailure):
            report.failures.append((str(item.path), item.problem))
            log.warning("%s: %s", item.path, item.problem)
            on_item(str(item.path))
        elif store.document_hash(item.id) == item.content_hash:
            report.unchanged += 1
            on_item(item.source)
        else:
            yield _stamp(item, now)


def _graphs(docs: Iterator[Document], extractor_name: str, version: str | None,
            workers: int) -> Iterator[DocumentGraph]:
    if workers <= 1:
        from loaders.extraction import get_extractor

        extract = get_extractor(extractor_name, version)
        yield from (extract(d) for d in docs)
        return
    ctx = mp.get_context("spawn")  # fork would copy the parent's store connections
    with ctx.Pool(workers, initializer=_init_worker, initargs=(extractor_name, version)) as pool:
        yield from pool.imap(_extract_in_worker, docs, chunksize=4)


def ingest(paths: list[Path], store: GraphStore, *, extractor: str = "rules",
           version: str | None = None, workers: int = 1, batch_documents: int = 50,
           on_item: Progress = lambda _source: None) -> IngestReport:
    """Ingest files and folders into ``store``; failures are reported, never raised."""
    from loaders import iter_documents

    report = IngestReport()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    docs = _changed_documents(iter_documents(paths), store, report, on_item, now)
    batch: list[DocumentGraph] = []
    for graph in _graphs(docs, extractor, version, workers):
        batch.append(graph)
        report.add(graph)
        on_item(graph.document.source)
        if len(batch) >= batch_documents:
            store.upsert(batch)
            batch = []
    if batch:
        store.upsert(batch)
    return report
