"""Counted quantities: numerals only, keyed by what they count."""

from __future__ import annotations

import pytest

from loaders.extraction.quantities import numeral_value, quantities

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("text", "value"), [
    ("16", 16.0), ("1,000", 1000.0), ("2.5", 2.5), ("sixteen", 16.0), ("twenty-five", 25.0),
    ("one hundred and twenty", 120.0), ("100m", 1e8), ("1.5bn", 1.5e9),
])
def test_numeral_values(text: str, value: float) -> None:
    assert numeral_value(text) == value


@pytest.mark.parametrize("text", ["dozens", "hundreds", "several", "many", ""])
def test_vague_amounts_are_not_numerals(text: str) -> None:
    assert numeral_value(text) is None


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The army said 16 drones were shot down.", {"drones": 16.0}),
    ("Britain sent more than 1,000 metal detectors.", {"metal_detectors": 1000.0}),
    ("Sixteen drones were launched.", {"drones": 16.0}),
    ("The UK pledged £100m in military assistance.", {"gbp": 1e8}),
    ("Officials said 54 missiles and 11 drones were fired.", {"missiles": 54.0, "drones": 11.0}),
])
def test_counted_quantities(nlp, sentence: str, expected: dict) -> None:
    assert quantities(nlp(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "Moscow fired dozens of missiles.",
    "A source 20 km south of Kyiv heard explosions at 2am.",
    "The strike happened on 29 December.",
    "Ten percent of the grid was hit.",
])
def test_measures_dates_and_vague_amounts_are_not_counts(nlp, sentence: str) -> None:
    assert quantities(nlp(sentence)) == {}
