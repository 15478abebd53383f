"""The side an actor acts for: its country ("russian_ministry_of_defence" -> "russia").

Event identity is keyed on sides, not on the exact actor named, because one
strike is "Moscow fired" in one entry and "Russia's Defence Ministry said it
carried out" in another. Reads the actor registry of the resolver
(``kg/data/actors.json``); without it an actor is its own side.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from kg.model import ActorType

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _registry() -> Any:
    try:
        from kg.resolution.registry import load_registry
    except ImportError:  # resolver data not installed: actors are their own side
        return None
    try:
        return load_registry()
    except (OSError, ValueError, KeyError) as exc:
        log.warning("actor registry unreadable (%s): event sides fall back to actor ids", exc)
        return None


def _country(reg: Any, actor_id: str | None) -> str | None:
    rec = reg.get(actor_id) if actor_id else None
    return rec.id if rec is not None and rec.type is ActorType.COUNTRY else None


@lru_cache(maxsize=8192)
def side_of(actor_id: str) -> str:
    """The country an actor belongs to, else the actor itself."""
    reg = _registry()
    if reg is None:
        return actor_id
    rec = reg.get(actor_id)
    if rec is not None:
        return _country(reg, rec.id) or _country(reg, rec.affiliation) or _country(reg, rec.of) or actor_id
    first = actor_id.split("_", 1)[0]  # an institution the resolver built: "ukrainian_air_force"
    return reg.demonyms.get(first) or actor_id


def sides(actor_ids: set[str] | frozenset[str]) -> set[str]:
    return {side_of(a) for a in actor_ids}


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    try:
        from kg.resolution.gazetteer import load_gazetteer
    except ImportError:
        return None
    try:
        return load_gazetteer()
    except (OSError, ValueError, KeyError) as exc:
        log.warning("gazetteer unreadable (%s): places are not mapped to countries", exc)
        return None


@lru_cache(maxsize=1)
def _countries_by_iso() -> dict[str, str]:
    reg = _registry()
    if reg is None:
        return {}
    return {rec.country: rec.id for rec in sorted(reg.records.values(), key=lambda r: r.id)
            if rec.type is ActorType.COUNTRY and rec.country}


@lru_cache(maxsize=8192)
def country_of_place(location_id: str) -> str | None:
    """The country actor a location lies in ("kyiv" -> "ukraine"); a country is its own."""
    gaz = _gazetteer()
    place = gaz.get(location_id) if gaz is not None else None
    if place is None:
        return None
    if place.type == "country":
        return place.id
    return _countries_by_iso().get(place.country or "")


@lru_cache(maxsize=8192)
def is_town(location_id: str) -> bool:
    """A populated place below region level: specific enough to tell happenings apart."""
    gaz = _gazetteer()
    place = gaz.get(location_id) if gaz is not None else None
    return place is not None and place.type not in {"country", "region"}


def is_country(location_id: str) -> bool:
    gaz = _gazetteer()
    place = gaz.get(location_id) if gaz is not None else None
    return place is not None and place.type == "country"


@lru_cache(maxsize=8192)
def is_media(actor_id: str) -> bool:
    reg = _registry()
    rec = reg.get(actor_id) if reg is not None else None
    return rec is not None and rec.type is ActorType.MEDIA


@lru_cache(maxsize=8192)
def is_leader(actor_id: str) -> bool:
    """Heads of state or government (registry roles marked ``head``): the parties of diplomacy."""
    reg = _registry()
    rec = reg.get(actor_id) if reg is not None else None
    return rec is not None and any(r.head for r in rec.roles)
