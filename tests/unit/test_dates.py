"""Publication dates and relative-date resolution (conventions of the gold guidelines)."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.dates import iter_date_phrases, parse_date, parse_dateline, resolve_relative

pytestmark = pytest.mark.unit

FRIDAY = dt.date(2022, 12, 30)  # publication day of both seeds


@pytest.mark.parametrize("phrase, expected", [
    ("on Thursday", dt.date(2022, 12, 29)),
    ("on Friday", FRIDAY),  # the publication day itself, not a week earlier
    ("Friday", FRIDAY),
    ("on Saturday", dt.date(2022, 12, 24)),
    ("on Monday", dt.date(2022, 12, 26)),
    ("last Friday", dt.date(2022, 12, 23)),
    ("next Monday", dt.date(2023, 1, 2)),
    ("on Thursday night", dt.date(2022, 12, 29)),
    ("early on Friday", FRIDAY),
    ("yesterday", dt.date(2022, 12, 29)),
    ("the day before yesterday", dt.date(2022, 12, 28)),
    ("two days ago", dt.date(2022, 12, 28)),
    ("3 days ago", dt.date(2022, 12, 27)),
    ("today", FRIDAY),
    ("overnight", FRIDAY),
    ("last night", FRIDAY),
    ("this morning", FRIDAY),
    ("in the early hours", FRIDAY),
    ("on 29 December", dt.date(2022, 12, 29)),
    ("December 29", dt.date(2022, 12, 29)),
    ("29th Dec", dt.date(2022, 12, 29)),
    ("29 December 2022", dt.date(2022, 12, 29)),
    ("Dec. 29, 2021", dt.date(2021, 12, 29)),
    ("on Thursday (December 29)", dt.date(2022, 12, 29)),
    ("2022-12-01", dt.date(2022, 12, 1)),
    ("in February", None),
    ("recently", None),
    ("", None),
    ("on 31 February", None),
])
def test_resolve_relative(phrase: str, expected: dt.date | None) -> None:
    assert resolve_relative(phrase, FRIDAY) == expected


def test_day_month_takes_the_nearest_year() -> None:
    assert resolve_relative("on 29 December", dt.date(2023, 1, 2)) == dt.date(2022, 12, 29)
    assert resolve_relative("1 March", dt.date(2022, 2, 24)) == dt.date(2022, 3, 1)


def test_without_a_publication_date_only_full_dates_resolve() -> None:
    assert resolve_relative("on Thursday", None) is None
    assert resolve_relative("yesterday", None) is None
    assert resolve_relative("29 December", None) is None
    assert resolve_relative("29 December 2022", None) == dt.date(2022, 12, 29)


def test_datetime_publication_counts_as_its_day() -> None:
    assert resolve_relative("yesterday", dt.datetime(2022, 12, 30, 23, 59)) == dt.date(2022, 12, 29)


@pytest.mark.parametrize("text, expected", [
    ("2022-12-30", FRIDAY),
    ("2022-12-30T08:15:00Z", FRIDAY),
    ("Friday, December 30, 2022", FRIDAY),
    ("Thursday, 24 February 2022", dt.date(2022, 2, 24)),
    ("24 Feb 2022", dt.date(2022, 2, 24)),
    ("30/12/2022", FRIDAY),
    ("December 2022", None),
    ("not a date", None),
    ("", None),
    (None, None),
    ("2022-02-30", None),
])
def test_parse_date(text: str | None, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_dateline_is_a_line_that_is_only_a_date() -> None:
    assert parse_dateline("Friday, December 30, 2022") == FRIDAY
    assert parse_dateline("  2022-12-30 ") == FRIDAY
    assert parse_dateline("Kuleba spoke on Friday, December 30, 2022.") is None
    assert parse_dateline("Ukraine vows no territorial concession") is None


def test_iter_date_phrases_offsets_point_at_the_phrases() -> None:
    text = "Belarus said on Thursday that drones came overnight, and on 29 December again."
    found = list(iter_date_phrases(text))
    assert [p for _, _, p in found] == ["on Thursday", "overnight", "29 December"]
    for start, end, phrase in found:
        assert text[start:end] == phrase
    assert [resolve_relative(p, FRIDAY) for _, _, p in found] == [
        dt.date(2022, 12, 29), FRIDAY, dt.date(2022, 12, 29)]
