"""Request dependencies, as ``Annotated`` aliases routes declare as parameters."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Query, Request, Security
from fastapi.security import APIKeyHeader

from api.reader import Reader
from kg.errors import InputError, Unauthorized
from kg.settings import Settings
from kg.stores.base import GraphStore

T = TypeVar("T")
DEFAULT_LIMIT = 100
# Deep offsets are refused: LadybugDB 0.22 crashes the process on ORDER BY ... SKIP n
# for n above ~11,900, and deep offset paging is slow on any store anyway.
MAX_OFFSET = 10_000
_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                               description="Required for writes; compared with the configured key.")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


def get_reader(store: StoreDep, request: Request) -> Reader:
    return Reader(store, request.app.state.places)


ReaderDep = Annotated[Reader, Depends(get_reader)]


def require_api_key(settings: SettingsDep,
                    key: Annotated[str | None, Security(_api_key_header)] = None) -> None:
    """Writes need ``X-API-Key`` equal to the configured key; without one, writes are off."""
    configured = settings.api_key.get_secret_value() if settings.api_key else ""
    if not configured:
        raise HTTPException(403, "Writes are disabled: no API key is configured on the server.")
    # compare_digest: the comparison time does not reveal how much of the key matched.
    if key is None or not secrets.compare_digest(key.encode(), configured.encode()):
        raise Unauthorized("missing or wrong X-API-Key header")


ApiKeyDep = Annotated[None, Depends(require_api_key)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    def cut(self, items: Sequence[T]) -> tuple[Sequence[T], dict[str, int | None]]:
        """This page of an in-memory list, and the page fields (limit, offset, next, total)."""
        end = self.offset + self.limit
        meta = {"limit": self.limit, "offset": self.offset, "total": len(items),
                "next": end if end < len(items) else None}
        return items[self.offset:end], meta


def get_paging(settings: SettingsDep,
               limit: Annotated[int | None, Query(
                   ge=1, description="Page size, at most the server's maximum.")] = None,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET,
                                            description="Narrow the filters to go deeper.")] = 0,
               ) -> Paging:
    cap = settings.page_size_max
    if limit is not None and limit > cap:
        raise InputError("limit", f"must be at most {cap}")
    return Paging(limit=limit or min(DEFAULT_LIMIT, cap), offset=offset)


PagingDep = Annotated[Paging, Depends(get_paging)]
