"""Writes (ingest one document, API key required) and whole-graph exports."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import ApiKeyDep, StoreDep
from api.errors import problem_responses
from api.schemas import DocumentIn, IngestResult
from kg import analytics
from kg.export import export_json
from kg.model import Document, DocumentGraph

log = logging.getLogger(__name__)
router = APIRouter(tags=["documents"])
GRAPHML_MEDIA_TYPE = "application/graphml+xml"


class Ingestor:
    """Loads the extractor on first use (the spaCy model takes seconds) and runs one
    extraction at a time: a spaCy pipeline is not promised to be thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._extract = None

    def __call__(self, doc: Document) -> DocumentGraph:
        with self._lock:
            if self._extract is None:
                from loaders.structured import routed_extractor

                self._extract = routed_extractor()
            return self._extract(doc)


def _load(body: DocumentIn) -> Document:
    from loaders import load_text

    doc = load_text(body.source, body.text, body.format)
    return doc.model_copy(update={"ingested_at": dt.datetime.now(dt.UTC).replace(microsecond=0)})


def _result(doc: Document, graph: DocumentGraph | None, status: str) -> IngestResult:
    if graph is None:
        return IngestResult(document=doc.id, status=status, entries=0, actors=0, locations=0,
                            events=0, statements=0)
    return IngestResult(document=doc.id, status=status, entries=len(doc.entries),
                        actors=len(graph.actors), locations=len(graph.locations),
                        events=len(graph.events), statements=len(graph.statements))


@router.post("/documents", response_model=IngestResult,
             responses=problem_responses(400, 401, 403, 413, 422, 500, 503))
def ingest_document(body: DocumentIn, _key: ApiKeyDep, store: StoreDep,
                    request: Request) -> IngestResult:
    """Extract one document and write it (needs `X-API-Key`). A document is named by its
    ``source``: sending a source again with new text replaces its facts; the same text
    again changes nothing (``status=unchanged``). Counts are of what was written."""
    doc = _load(body)
    stored_hash = store.document_hash(doc.id)
    if stored_hash == doc.content_hash:
        return _result(doc, None, "unchanged")
    graph = request.app.state.ingestor(doc)
    store.upsert([graph])
    log.info("ingested %s (%s): %d events, %d statements", doc.source, doc.id,
             len(graph.events), len(graph.statements))
    return _result(doc, graph, "added" if stored_hash is None else "replaced")


@router.get("/export", response_model=dict[str, Any], responses=problem_responses(500, 503))
def export(store: StoreDep) -> dict[str, Any]:
    """The whole graph in the JSON export contract (``contracts/export.schema.json``)."""
    return export_json(store.snapshot())


@router.get("/export.graphml", response_class=Response,
            responses={200: {"content": {GRAPHML_MEDIA_TYPE: {"schema": {"type": "string"}}}},
                       **problem_responses(422, 500, 503)})
def export_graphml(store: StoreDep,
                   graph: Annotated[Literal["actors", "full"], Query(
                       description="`actors`: the actor interaction network; `full`: every node "
                                   "and relationship, ids prefixed by label.")] = "actors",
                   ) -> Response:
    """GraphML for Gephi, yEd, Cytoscape..."""
    snapshot = store.snapshot()
    g = analytics.interaction_graph(snapshot) if graph == "actors" else analytics.full_graph(snapshot)
    return Response(analytics.to_graphml(g), media_type=GRAPHML_MEDIA_TYPE)
