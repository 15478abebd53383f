"""A document the real store refuses is reported by name and the rest of its batch
lands, on both stores. The refusal is the stores' own: a graph whose event names an
actor the graph does not carry (``kg.errors.InputError`` from ``upsert``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import orphans

from kg.ingest import ingest
from kg.model import (
    Actor,
    ActorType,
    Document,
    DocumentGraph,
    Event,
    EventType,
    Evidence,
    Participant,
    Role,
)
from kg.retry import RetryPolicy
from kg.stores.base import GraphStore
from loaders.extraction import register

pytestmark = pytest.mark.contract

STUB = "reliability-dangling"


def _extract(doc: Document) -> DocumentGraph:
    """One event per document; for a text saying DANGLING, its actor is left out."""
    evidence = Evidence(document=doc.id, entry=doc.entries[0].id if doc.entries else None,
                        start=0, end=4, text=doc.text[:4])
    event = Event(id=f"ev_{doc.id}", type=EventType.DIPLOMACY, evidence=(evidence,),
                  participants=(Participant(actor="ghost_actor", role=Role.PARTICIPANT),))
    ghost = Actor(id="ghost_actor", name="Ghost", type=ActorType.PERSON)
    actors = () if "DANGLING" in doc.text else (ghost,)
    return DocumentGraph(document=doc, events=(event,), actors=actors)


register(STUB, "1")(lambda: _extract)


def test_the_refused_document_is_reported_and_the_others_land(fresh_store: GraphStore,
                                                              tmp_path: Path) -> None:
    names = [f"doc{n}.txt" for n in range(5)]
    for n, name in enumerate(names):
        body = "DANGLING reference" if n == 2 else "Talks resumed"
        (tmp_path / name).write_text(f"Article {n}\n\n{body} in Istanbul on Monday.\n", encoding="utf-8")
    report = ingest([tmp_path], fresh_store, extractor=STUB, batch_documents=10,
                    retry_policy=RetryPolicy(attempts=2, base_delay_s=0.0))
    assert [path for path, _ in report.failures] == ["doc2.txt"]
    assert "not self-contained" in report.failures[0][1]
    stored = {d.source for d in fresh_store.snapshot().documents}
    assert stored == set(names) - {"doc2.txt"}
    assert orphans(fresh_store) == {}
