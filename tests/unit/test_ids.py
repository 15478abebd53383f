"""kg.ids: ids must not change between versions, or a re-ingest would duplicate every node."""

from __future__ import annotations

import pytest

from kg import ids

pytestmark = pytest.mark.unit


def test_ids_are_the_ones_earlier_versions_wrote() -> None:
    # Values written by the per-part hashing of the first release.
    assert ids.evidence_id("doc_x", 1, 5) == "evi_65865fe810b244e8"
    assert ids.digest("a", None, 3) == "ce2f9560dea2694d18c87db9aa95d6c2"


def test_none_differs_from_the_empty_string_and_order_matters() -> None:
    assert ids.digest(None) != ids.digest("")
    assert ids.digest("a", "b") != ids.digest("b", "a")
    assert ids.digest("ab", "c") != ids.digest("a", "bc")
