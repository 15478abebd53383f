"""One error hierarchy for the whole product.

Drivers' exceptions are wrapped where they occur (in the store modules); the
API maps these classes to HTTP statuses once, at the edge.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error this product raises on purpose."""


class InputError(KGError):
    """A source could not be read or parsed (missing, empty, binary, bad encoding...)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(KGError):
    """Settings that cannot work (unknown store URI scheme, missing credentials...)."""


class StoreError(KGError):
    """The store failed for a reason that retrying will not fix."""


class StoreUnavailable(StoreError):
    """The store cannot be reached now; retrying later may succeed."""


class NotFound(KGError):
    """A requested record does not exist."""


class QueryRejected(KGError):
    """A user-supplied query was refused (writes, forbidden procedures, bad syntax)."""


class Unauthorized(KGError):
    """A write was attempted without a valid API key."""
