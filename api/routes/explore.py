"""The graph explorer page (``/explore``) and the one read it needs beyond the API.

The page itself is static (``api/static/``: HTML, JS, CSS and the vendored
Cytoscape.js) and calls the public endpoints (``/actors``, ``/network/ego``,
``/statements``, ...). The only extra read is the text of the entry around an
evidence span, so that a quote can be shown highlighted in its source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from kg import cypher
from api.deps import StoreDep
from api.errors import problem_responses
from api.schemas import Out
from kg.errors import InputError, NotFound

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
STATIC_PATH = "/explore/static"
# Shown around a span when its document has no entry covering it (the entry is the unit
# analysts read; without one, a window of text keeps the answer small).
CONTEXT_CHARS = 600

router = APIRouter(tags=["explore"])


class EntryText(Out):
    """The entry holding an evidence span, with the span's offsets inside ``text``."""

    document: str
    source: str | None
    title: str | None
    published: str | None
    entry: str | None
    headline: str | None
    entry_published: str | None
    text: str
    offset: int
    start: int
    end: int
    quote: str


@router.get("/", include_in_schema=False)
def root() -> RedirectResponse:
    return RedirectResponse("explore", status_code=307)


@router.get("/explore", include_in_schema=False)
def explore_page() -> FileResponse:
    """The explorer: search an actor, see its ego network, statements and sources."""
    return FileResponse(STATIC_DIR / "explore.html", media_type="text/html")


def _one(store: StoreDep, query: str, params: dict[str, Any]) -> dict[str, Any] | None:
    rows = store.read_cypher(query, params, row_cap=1)
    return rows[0] if rows else None


def _context(doc: dict[str, Any], entry: dict[str, Any] | None, start: int, end: int
             ) -> tuple[int, int]:
    if entry is not None:
        return entry["entry_start"], entry["entry_end"]
    return max(0, start - CONTEXT_CHARS), min(len(doc["text"]), end + CONTEXT_CHARS)


@router.get("/explore/api/entry-text", response_model=EntryText,
            responses=problem_responses(404, 422, 500, 503))
def entry_text(
    store: StoreDep,
    document: Annotated[str, Query(min_length=1, max_length=200, description="Document id.")],
    start: Annotated[int, Query(ge=0, le=2**31, description="Evidence start offset.")],
    end: Annotated[int, Query(ge=0, le=2**31, description="Evidence end offset.")],
) -> EntryText:
    """The text of the entry containing the evidence span ``[start, end)`` of a document."""
    if end < start:
        raise InputError("end", "must not precede start")
    doc = _one(store, cypher.EXPLORE_DOCUMENT, {"id": document})
    if doc is None:
        raise NotFound(f"no document {document!r}")
    if end > len(doc["text"]):
        raise InputError("end", f"beyond the document's {len(doc['text'])} characters")
    entry = _one(store, cypher.EXPLORE_ENTRY, {"id": document, "lo": start, "hi": end})
    lo, hi = _context(doc, entry, start, end)
    return EntryText(
        document=document, source=doc["source"], title=doc["title"], published=doc["published"],
        entry=entry["id"] if entry else None, headline=entry["headline"] if entry else None,
        entry_published=entry["published"] if entry else None, text=doc["text"][lo:hi],
        offset=lo, start=start - lo, end=end - lo, quote=doc["text"][start:end])


def mount_static(app: FastAPI) -> None:
    """Serve ``api/static`` (page assets and the vendored JS) under ``/explore/static``."""
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC_DIR), name="explore-static")
