"""The ingest job under store failures: transient ones are retried, a document the
store refuses is reported by name and the others land, an outage that outlasts the
retries stops the run. A scripted in-memory store and a stub extractor keep these
tests pure and fast; the real stores' behaviour is covered in the other modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError, StoreError, StoreUnavailable
from kg.ingest import ingest
from kg.model import Document, DocumentGraph
from kg.retry import RetryPolicy
from loaders.extraction import register

pytestmark = pytest.mark.unit

FAST = RetryPolicy(attempts=4, base_delay_s=0.0, max_delay_s=0.0)
STUB = "reliability-stub"


def _stub_extract(doc: Document) -> DocumentGraph:
    if "EXTRACTOR-BUG" in doc.text:
        raise IndexError("stub extractor bug")
    return DocumentGraph(document=doc)


register(STUB, "1")(lambda: _stub_extract)


class ScriptedStore:
    """Stores graphs like the real stores do (one transaction per document, in order),
    failing as told: ``outages`` upsert calls raise ``StoreUnavailable`` first; a
    document whose text holds ``REFUSE`` is refused with ``refusal``."""

    def __init__(self, outages: int = 0, refusal: Exception | None = None) -> None:
        self.stored: dict[str, DocumentGraph] = {}
        self.outages = outages
        self.refusal = refusal or StoreError("constraint violated")
        self.upsert_calls = 0

    def document_hash(self, document_id: str) -> str | None:
        graph = self.stored.get(document_id)
        return graph.document.content_hash if graph else None

    def upsert(self, graphs: list[DocumentGraph]) -> None:
        self.upsert_calls += 1
        if self.outages:
            self.outages -= 1
            raise StoreUnavailable("connection refused")
        for graph in graphs:
            if "REFUSE" in graph.document.text:
                raise self.refusal
            self.stored[graph.document.id] = graph


def _write_docs(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


TEXTS = {f"doc{n}.txt": f"Article {n}\n\nKyiv said on Monday that talks would resume, {n}."
         for n in range(6)}


def _sources(store: ScriptedStore) -> set[str]:
    return {g.document.source for g in store.stored.values()}


def test_transient_failures_are_retried_and_everything_lands(tmp_path: Path) -> None:
    store = ScriptedStore(outages=FAST.attempts - 1)
    report = ingest(_write_docs(tmp_path, TEXTS), store, extractor=STUB, batch_documents=4,
                    retry_policy=FAST)
    assert _sources(store) == set(TEXTS)
    assert report.failures == [] and report.documents == len(TEXTS)


def test_an_outage_longer_than_the_retries_stops_the_run_and_a_rerun_finishes(tmp_path: Path) -> None:
    paths = _write_docs(tmp_path, TEXTS)
    store = ScriptedStore(outages=FAST.attempts)
    with pytest.raises(StoreUnavailable):
        ingest(paths, store, extractor=STUB, batch_documents=4, retry_policy=FAST)
    assert store.upsert_calls == FAST.attempts and store.stored == {}
    report = ingest(paths, store, extractor=STUB, batch_documents=4, retry_policy=FAST)
    assert _sources(store) == set(TEXTS) and report.documents == len(TEXTS)


@pytest.mark.parametrize("refusal", [StoreError("Neo4j refused a query: constraint"),
                                     InputError("doc", "event names an unknown actor")])
def test_a_refused_document_is_reported_by_name_and_the_rest_of_its_batch_lands(
        tmp_path: Path, refusal: Exception) -> None:
    texts = TEXTS | {"doc2.txt": "Article 2\n\nREFUSE this one, said Kyiv on Monday."}
    store = ScriptedStore(refusal=refusal)
    report = ingest(_write_docs(tmp_path, texts), store, extractor=STUB, batch_documents=4,
                    retry_policy=FAST)
    assert _sources(store) == set(texts) - {"doc2.txt"}
    assert [path for path, _ in report.failures] == ["doc2.txt"]
    assert "not stored" in report.failures[0][1] and str(refusal) in report.failures[0][1]
    assert report.documents == len(texts) - 1


def test_an_extractor_crash_on_one_document_is_reported_and_the_others_land(tmp_path: Path) -> None:
    texts = TEXTS | {"doc4.txt": "Article 4\n\nEXTRACTOR-BUG said Kyiv on Monday."}
    store = ScriptedStore()
    report = ingest(_write_docs(tmp_path, texts), store, extractor=STUB, retry_policy=FAST)
    assert _sources(store) == set(texts) - {"doc4.txt"}
    assert len(report.failures) == 1
    path, problem = report.failures[0]
    assert path == "doc4.txt" and "IndexError" in problem and "stub extractor bug" in problem


def test_an_unreadable_file_is_reported_once_without_repeating_its_name(tmp_path: Path) -> None:
    paths = _write_docs(tmp_path, TEXTS)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    store = ScriptedStore()
    report = ingest([*paths, tmp_path / "empty.txt"], store, extractor=STUB, retry_policy=FAST)
    assert _sources(store) == set(TEXTS)
    [(path, problem)] = report.failures
    assert path == str(tmp_path / "empty.txt")
    assert "empty" in problem and path not in problem  # the CLI prints "path: problem"
