"""Liveness of the API and its store."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SettingsDep, StoreDep
from api.errors import problem_responses
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=problem_responses(500, 503))
def health(store: StoreDep, settings: SettingsDep) -> Health:
    """200 when the store answers, 503 (with ``Retry-After``) when it cannot be reached."""
    store.ping()
    return Health(status="ok", store="neo4j" if settings.is_neo4j else "ladybug")
