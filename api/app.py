"""The app factory: ``create_app(settings, store=None)``.

Nothing here reads the environment: the entry point builds ``Settings`` and
passes them in. A store passed in belongs to the caller; one opened here (in the
lifespan) is closed on shutdown.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from api import errors
from api.limits import BodySizeLimit
from api.reader import PlaceBook
from api.routes import (actors, cypher, documents, events, explore, health, locations, network,
                        statements)
from api.routes.documents import Ingestor
from api.schemas import Problem
from kg import runtime
from kg.errors import StoreUnavailable
from kg.settings import Settings
from kg.stores.base import GraphStore

log = logging.getLogger(__name__)

DESCRIPTION = """Analyst API over the event knowledge graph built from live blogs and
articles: typed events with participants, places and evidence; statements (who said
what about whom); actors, locations and their interaction network.

Lists are paged with `limit`/`offset` in a stable order; `next` is the offset of the
next page (null on the last). Every event and statement carries its evidence: the
document and entry ids, character offsets and the quoted text. Errors are
`application/problem+json` (RFC 9457)."""


def _lifespan(given: GraphStore | None):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings: Settings = app.state.settings
        store = given
        if store is None:
            from kg.stores import open_store

            store = open_store(settings)
            _setup(store)
        app.state.store = store
        app.state.cypher_pool = _cypher_pool()  # fresh: a restarted app must not reuse a shut pool
        runtime.freeze_heap()
        try:
            yield
        finally:
            runtime.thaw_heap()
            app.state.cypher_pool.shutdown(wait=False, cancel_futures=True)
            if given is None:
                store.close()

    return lifespan


def _setup(store: GraphStore) -> None:
    """Prepare the store; if it is down, start anyway: /health answers 503 until it is back."""
    try:
        store.setup()
    except StoreUnavailable as exc:
        log.warning("store unavailable at startup, serving 503 until it answers: %s", exc)


def _cypher_pool() -> cf.ThreadPoolExecutor:
    return cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="cypher")


def _routers() -> list:
    return [health.router, events.router, actors.router, statements.router, network.router,
            locations.router, cypher.router, documents.router, explore.router]


def _openapi(app: FastAPI, settings: Settings):
    """OpenAPI with the problem schema and the configured page-size maximum."""
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
                Problem.model_json_schema(ref_template="#/components/schemas/{model}"))
            for operation in (op for path in schema["paths"].values() for op in path.values()):
                for param in operation.get("parameters", []):
                    if param["name"] == "limit" and param["in"] == "query":
                        _set_maximum(param["schema"], settings.page_size_max)
            app.openapi_schema = schema
        return app.openapi_schema

    return build


def _set_maximum(schema: dict[str, Any], maximum: int) -> None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            option["maximum"] = maximum


def create_app(settings: Settings, store: GraphStore | None = None) -> FastAPI:
    app = FastAPI(title="Event knowledge graph API", version="0.1.0", description=DESCRIPTION,
                  lifespan=_lifespan(store))
    app.state.settings = settings
    app.state.store = store
    app.state.ingestor = Ingestor()
    app.state.places = PlaceBook()
    app.state.cypher_pool = _cypher_pool()
    errors.install(app)
    for router in _routers():
        app.include_router(router)
    explore.mount_static(app)
    app.openapi = _openapi(app, settings)
    app.add_middleware(BodySizeLimit, max_bytes=settings.body_size_max)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type", "X-API-Key"])
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory api.app:app_from_env``: settings from ``KG_*`` variables."""
    return create_app(Settings())
