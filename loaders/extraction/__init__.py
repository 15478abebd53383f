"""Extractors, registered by name and version.

``get_extractor("rules")`` gives the newest registered version of the rule-based
extractor; registering happens when the defining module is imported, which
``get_extractor`` does lazily so that importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from kg.errors import ConfigError

from .base import Extractor

_REGISTRY: dict[tuple[str, str], Callable[[], Extractor]] = {}
# Modules that define built-in extractors, imported on first lookup.
_BUILTIN_MODULES = ("loaders.extraction.pipeline",)


def register(name: str, version: str) -> Callable[[Callable[[], Extractor]], Callable[[], Extractor]]:
    """Class/factory decorator: ``@register("rules", "1")``."""

    def decorate(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _REGISTRY[(name, version)] = factory
        return factory

    return decorate


def _load_builtins() -> None:
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.split("."))


def available() -> list[tuple[str, str]]:
    _load_builtins()
    return sorted(_REGISTRY)


def get_extractor(name: str = "rules", version: str | None = None) -> Extractor:
    """A new extractor instance; ``version=None`` picks the highest registered version."""
    _load_builtins()
    versions = sorted((v for n, v in _REGISTRY if n == name), key=_version_key)
    if not versions:
        raise ConfigError(f"unknown extractor {name!r}; known: {sorted({n for n, _ in _REGISTRY})}")
    chosen = version or versions[-1]
    if (name, chosen) not in _REGISTRY:
        raise ConfigError(f"extractor {name!r} has no version {chosen!r}; known: {versions}")
    return _REGISTRY[(name, chosen)]()


__all__ = ["available", "get_extractor", "register"]
