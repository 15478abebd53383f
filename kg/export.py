"""The JSON export contract (``shared/contracts/export.schema.json``), built from a snapshot.

Built above the stores, so both stores give byte-identical exports of the same graph.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kg.model import Document, Event, Evidence, Statement
from kg.stores.base import GraphSnapshot


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _evidence(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    ordered = sorted(items, key=lambda e: (e.document, e.start, e.end))
    return [e.model_dump(mode="json") for e in ordered]


def _document(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "title": doc.title, "published": _iso(doc.published),
        "ingested_at": _iso(doc.ingested_at),
        "entries": [{"id": e.id, "headline": e.headline, "published": _iso(e.published),
                     "start": e.start, "end": e.end} for e in doc.entries],
    }


def _event(ev: Event) -> dict[str, Any]:
    return {
        "id": ev.id, "type": ev.type.value, "date": _iso(ev.date), "summary": ev.summary,
        "participants": [{"actor": p.actor, "role": p.role.value}
                         for p in sorted(ev.participants, key=lambda p: (p.actor, p.role))],
        "locations": sorted(ev.locations), "quantities": dict(sorted(ev.quantities.items())),
        "confidence": ev.confidence, "evidence": _evidence(ev.evidence),
        "sources": len({e.document for e in ev.evidence}),
    }


def _statement(st: Statement) -> dict[str, Any]:
    return {
        "id": st.id, "speaker": st.speaker, "about": sorted(st.about), "quote": st.quote,
        "direct": st.direct, "date": _iso(st.date),
        "stance": st.stance.value if st.stance else None, "channel": st.channel,
        "evidence": _evidence(st.evidence),
    }


def export_json(snapshot: GraphSnapshot, *, include_ingested_at: bool = True) -> dict[str, Any]:
    """The export document. ``include_ingested_at=False`` gives a time-free form
    for comparing two ingests of the same data."""
    docs = [_document(d) for d in sorted(snapshot.documents, key=lambda d: d.id)]
    if not include_ingested_at:
        for d in docs:
            d.pop("ingested_at")
    return {
        "documents": docs,
        "actors": [a.model_dump(mode="json") for a in sorted(snapshot.actors, key=lambda a: a.id)],
        "locations": [loc.model_dump(mode="json")
                      for loc in sorted(snapshot.locations, key=lambda loc: loc.id)],
        "events": [_event(e) for e in sorted(snapshot.events, key=lambda e: e.id)],
        "statements": [_statement(s) for s in sorted(snapshot.statements, key=lambda s: s.id)],
    }
