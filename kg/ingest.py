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

from kg.errors import InputError, StoreError, StoreUnavailable
from kg.model import Document, DocumentGraph
from kg.retry import DEFAULT_POLICY, RetryPolicy, retry
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
    from loaders.structured import routed_extractor

    _worker_extractor = routed_extractor(name, version)


Extracted = DocumentGraph | tuple[str, str]  # a graph, or (source, problem)


def _extract_safely(extract: Callable[[Document], DocumentGraph], doc: Document) -> Extracted:
    # An extractor bug on one document must not stop the others (a tuple, not an
    # exception object, crosses the process boundary: InputError does not pickle).
    try:
        return extract(doc)
    except InputError as exc:  # e.g. too long to extract in bounded time
        return doc.source, exc.problem
    except Exception as exc:
        log.exception("extraction failed on %s", doc.source)
        return doc.source, f"extraction failed ({type(exc).__name__}: {exc})"


def _extract_in_worker(doc: Document) -> Extracted:
    return _extract_safely(_worker_extractor, doc)


def _stamp(doc: Document, now: dt.datetime) -> Document:
    return doc.model_copy(update={"ingested_at": now})


def _changed_documents(items: Iterable, store: GraphStore, report: IngestReport,
                       on_item: Progress, now: dt.datetime,
                       policy: RetryPolicy) -> Iterator[Document]:
    from loaders import LoadFailure

    for item in items:
        if isinstance(item, LoadFailure):
            report.failures.append((str(item.path), item.error.problem))
            log.info("%s", item.problem)  # reported to the caller in report.failures
            on_item(str(item.path))
        elif retry(lambda doc_id=item.id: store.document_hash(doc_id), policy) == item.content_hash:
            report.unchanged += 1
            on_item(item.source)
        else:
            yield _stamp(item, now)


def _graphs(docs: Iterator[Document], extractor_name: str, version: str | None,
            workers: int) -> Iterator[Extracted]:
    if workers <= 1:
        # dataset records (ACLED, GDELT) go to their own mapping, other documents to the extractor
        from loaders.structured import routed_extractor

        extract = routed_extractor(extractor_name, version)
        yield from (_extract_safely(extract, d) for d in docs)
        return
    ctx = mp.get_context("spawn")  # fork would copy the parent's store connections
    with ctx.Pool(workers, initializer=_init_worker, initargs=(extractor_name, version)) as pool:
        yield from pool.imap(_extract_in_worker, docs, chunksize=4)


def _write(store: GraphStore, batch: list[DocumentGraph], report: IngestReport,
           policy: RetryPolicy) -> None:
    """Write a batch, retrying while the store is unreachable. When the store refuses
    the batch, write its documents one at a time, so that only the bad one is lost
    (and reported); upserts are idempotent, so rewriting the ones already in is safe."""
    try:
        retry(lambda: store.upsert(batch), policy)
    except StoreUnavailable:
        raise
    except (StoreError, InputError) as exc:
        if len(batch) == 1:
            report.failures.append((batch[0].document.source, f"not stored: {exc}"))
            log.info("%s: not stored: %s", batch[0].document.source, exc)
            return
        log.warning("a batch of %d documents was refused (%s); writing them one by one",
                    len(batch), exc)
        for graph in batch:
            _write(store, [graph], report, policy)
        return
    for graph in batch:
        report.add(graph)


def ingest(paths: list[Path], store: GraphStore, *, extractor: str = "rules",
           version: str | None = None, workers: int = 1, batch_documents: int = 50,
           on_item: Progress = lambda _source: None,
           retry_policy: RetryPolicy = DEFAULT_POLICY, fmt: str | None = None) -> IngestReport:
    """Ingest files and folders into ``store``; bad inputs and documents the store
    refuses are reported, never raised. A store still unreachable after the retries
    of ``retry_policy`` raises ``StoreUnavailable`` (what was written stays written;
    a rerun skips it). ``fmt`` names the loader format of every file (default: by file)."""
    from loaders import iter_documents

    report = IngestReport()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    docs = _changed_documents(iter_documents(paths, fmt), store, report, on_item, now, retry_policy)
    batch: list[DocumentGraph] = []
    for graph in _graphs(docs, extractor, version, workers):
        if isinstance(graph, tuple):
            report.failures.append(graph)
            on_item(graph[0])
            continue
        batch.append(graph)
        on_item(graph.document.source)
        if len(batch) >= batch_documents:
            _write(store, batch, report, retry_policy)
            batch = []
    if batch:
        _write(store, batch, report, retry_policy)
    return report
