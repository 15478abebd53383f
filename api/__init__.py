"""FastAPI analyst API over the event knowledge graph: ``create_app(settings)``."""

from __future__ import annotations

from api.app import create_app

__all__ = ["create_app"]
