"""Retrying store calls that failed for a reason that may pass.

Only ``StoreUnavailable`` (the store cannot be reached now) is retried by default:
a ``StoreError`` means the store refused the work and would refuse it again. The
waits grow exponentially up to a cap, with random jitter so that several clients
cut off by the same outage do not all come back at the same instant. Writes are
idempotent (``GraphStore.upsert``), so repeating one that may have half-run is safe.

The clock (``sleep``) and the random source are parameters, so tests run the
schedule without waiting.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from kg.errors import StoreUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], None]


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries in all; before try n+1 (n >= 1) wait about
    ``min(max_delay_s, base_delay_s * 2**(n-1))``, less up to ``jitter`` of it."""

    attempts: int = 6
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0
    jitter: float = 0.5  # 0: exact waits; 1: anywhere between 0 and the full wait

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base_delay_s < 0 or self.max_delay_s < 0:
            raise ValueError("attempts must be >= 1 and delays >= 0")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter must be between 0 and 1")


DEFAULT_POLICY = RetryPolicy()
NO_RETRY = RetryPolicy(attempts=1)


def delays(policy: RetryPolicy, rng: random.Random) -> Iterator[float]:
    """The waits between tries: ``policy.attempts - 1`` of them."""
    for n in range(policy.attempts - 1):
        full = min(policy.max_delay_s, policy.base_delay_s * 2 ** n)
        yield full * (1.0 - policy.jitter * rng.random())


def retry(call: Callable[[], T], policy: RetryPolicy = DEFAULT_POLICY, *,
          retry_on: tuple[type[BaseException], ...] = (StoreUnavailable,),
          sleep: Sleep = time.sleep, rng: random.Random | None = None) -> T:
    """``call()``, tried again after a wait while it raises one of ``retry_on``;
    the last error is raised when every try failed. Other errors pass at once."""
    waits = delays(policy, rng or random.Random())
    while True:
        try:
            return call()
        except retry_on as exc:
            wait = next(waits, None)
            if wait is None:
                raise
            log.warning("transient failure (%s); retrying in %.2fs", exc, wait)
            sleep(wait)
