"""The one place where errors become HTTP responses: RFC 9457 problem details.

Everything below the API raises ``kg.errors`` classes; they are mapped here and
nowhere else. Unexpected store failures get a generic message (the detail goes to
the log, not to the client).
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (ConfigError, InputError, KGError, NotFound, QueryRejected, StoreError,
                       StoreUnavailable, Unauthorized)

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_S = 5

# Most specific first: StoreUnavailable is a StoreError.
_STATUS: tuple[tuple[type[KGError], int], ...] = (
    (NotFound, 404),
    (InputError, 422),
    (QueryRejected, 400),
    (Unauthorized, 401),
    (StoreUnavailable, 503),
    (StoreError, 500),
    (ConfigError, 500),
)


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        # ASCII escapes: a problem may echo request input (a field name) that is not
        # valid Unicode, which plain UTF-8 encoding would turn into a 500.
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def problem(status: int, detail: str | None = None, *, headers: dict[str, str] | None = None,
            **extra: Any) -> ProblemResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return ProblemResponse(jsonable_encoder(body), status_code=status, headers=headers)


def status_for(exc: KGError) -> int:
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status
    return 500


async def _kg_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, KGError)
    status = status_for(exc)
    if status == 503:
        log.warning("store unavailable: %s", exc)
        return problem(503, "The graph store is unavailable; retry later.",
                       headers={"Retry-After": str(RETRY_AFTER_S)})
    if status == 500:
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        return problem(500, "Internal error in the graph store.")
    headers = {"WWW-Authenticate": "ApiKey"} if status == 401 else None
    return problem(status, str(exc), headers=headers)


async def _http_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem(exc.status_code, str(exc.detail) if exc.detail else None,
                   headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
              for e in exc.errors()]
    return problem(422, "The request is not valid.", errors=errors)


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(500, "Internal error.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for problem statuses of a route."""
    ref = {"$ref": "#/components/schemas/Problem"}
    return {s: {"description": HTTPStatus(s).phrase, "content": {PROBLEM_MEDIA_TYPE: {"schema": ref}}}
            for s in statuses}
