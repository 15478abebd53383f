"""Entity resolution: surface strings in text -> canonical actors and locations."""

from __future__ import annotations

from .resolver import DocumentResolver

__all__ = ["DocumentResolver"]
