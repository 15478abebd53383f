"""kg.runtime: the server's start-up freeze moves live objects out of collection and
shutdown gives them back."""

from __future__ import annotations

import gc

import pytest

from kg import runtime

pytestmark = pytest.mark.unit


def test_freeze_then_thaw() -> None:
    kept = [object() for _ in range(10)], {"a": [1, 2]}
    try:
        runtime.freeze_heap()
        assert gc.get_freeze_count() > len(kept[0])
    finally:
        runtime.thaw_heap()
    assert gc.get_freeze_count() == 0
