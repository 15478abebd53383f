"""Quotation spans and the stance lexicon: pure text, no parse."""

from __future__ import annotations

import pytest

from kg.model import Stance
from loaders.extraction.attribution.quotes import find_quotes, quoted_share
from loaders.extraction.stance import classify

pytestmark = pytest.mark.unit


def inner(text: str) -> list[str]:
    return [q.inner(text) for q in find_quotes(text)]


def test_curly_and_straight_double_quotes() -> None:
    text = '“We hold the line,” she said. He answered: "No retreat."'
    assert inner(text) == ["We hold the line", "No retreat."]


def test_single_quotes_are_not_apostrophes() -> None:
    text = "The mayor’s office called it ‘a dark night’ for the city’s residents."
    assert inner(text) == ["a dark night"]


def test_nested_single_quote_stays_inside_the_double_one() -> None:
    text = '“He told me, ‘stay inside’, and left,” she recalled.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].inner(text) == "He told me, ‘stay inside’, and left"


def test_unclosed_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = '“The first part goes on\n“and ends here.”'
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    assert quotes[0].end == text.index("\n")


def test_quoted_share_counts_letters_inside_quotes() -> None:
    text = 'he said “all of it” today'
    quotes = find_quotes(text)
    assert quoted_share(quotes, text, 0, len(text)) == pytest.approx(7 / 18)  # "allofit" of "hesaidallofittoday"


@pytest.mark.parametrize(("hints", "content", "expected"), [
    (["demanding"], "the weather is fine", Stance.DEMANDING),
    (["neutral"], "allies must send more air defence now", Stance.DEMANDING),
    (["neutral"], "any attack will be met with retaliation", Stance.THREATENING),
    (["neutral"], "we thank our partners for their solidarity", Stance.SUPPORTIVE),
    (["neutral"], "these are war crimes and we condemn them", Stance.CRITICAL),
    (["neutral"], "the train left at noon", Stance.NEUTRAL),
    (["neutral", "threatening"], "the train left at noon", Stance.THREATENING),
])
def test_stance(hints: list[str], content: str, expected: Stance) -> None:
    assert classify(hints, content) == expected


def test_stance_does_not_match_inside_longer_words() -> None:
    # "lie" must not fire on "lieutenant", nor "call on" on "video call"
    assert classify(["neutral"], "the lieutenant joined a video call") == Stance.NEUTRAL
