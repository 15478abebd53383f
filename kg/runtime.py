"""Tuning of the Python process that serves requests.

A request that builds a network allocates tens of thousands of short-lived objects,
enough to trigger the collector's oldest generation, whose pass walks every object
alive: the modules, the store's driver, the caches. Moving what exists once start-up
is over out of the collector's reach (``gc.freeze``) keeps those passes short, so a
request's latency stops depending on what the process loaded before it.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)


def freeze_heap() -> None:
    """Collect once, then exempt every object alive now from later collections."""
    gc.collect()
    gc.freeze()
    log.debug("%d objects frozen out of garbage collection", gc.get_freeze_count())


def thaw_heap() -> None:
    """Undo ``freeze_heap`` (at shutdown: an app started again in the same process,
    as in tests, must not pile up frozen objects that have since become garbage)."""
    gc.unfreeze()
