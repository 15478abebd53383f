"""Publication dates and relative-date resolution.

Two jobs, both pure functions of strings and dates:

- :func:`parse_date` reads a publication date as sources write it (``2022-12-30``,
  ``Friday, December 30, 2022``, ``Thursday, 24 February 2022``, ``24 Feb 2022``);
- :func:`resolve_relative` turns a time phrase from an entry (``on Thursday``,
  ``yesterday``, ``overnight``, ``on 29 December``) into a calendar day, given the
  day the document was published. The conventions follow the annotation guidelines
  (shared/eval/gold/GUIDELINES.md): a weekday is the most recent such day up to and
  including the publication day, and "overnight"/"last night"/"this morning" are the
  publication day itself (live blogs report the night just ended).

:func:`iter_date_phrases` finds such phrases in text so the extractor can resolve
them with their offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")

_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[89]|2\d)\d\d"

# "29 December 2022", "29th Dec", "December 29", "Dec. 29th, 2022" (weekday prefix optional)
_DAY_MONTH = re.compile(
    rf"\b(?:{_WEEKDAY_RE},?\s+)?(?:the\s+)?(?P<d1>{_DAY_RE})(?:\s+of)?\s+(?P<m1>{_MONTH_RE})"
    rf"(?:,?\s+(?P<y1>{_YEAR_RE}))?\b"
    rf"|\b(?:{_WEEKDAY_RE},?\s+)?(?P<m2>{_MONTH_RE})\s+(?:the\s+)?(?P<d2>{_DAY_RE})\b"
    rf"(?:,?\s+(?P<y2>{_YEAR_RE}))?\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC = re.compile(r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})")  # day first, as in UK/EU

# Phrases that mean "the publication day" in a live blog (per the gold guidelines).
_SAME_DAY = re.compile(
    r"\b(?:today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|earlier\s+today|later\s+today|early\s+(?:this\s+)?morning|in\s+the\s+early\s+hours)\b",
    re.IGNORECASE,
)
_DAY_BEFORE_YESTERDAY = re.compile(r"\bday\s+before\s+yesterday\b", re.IGNORECASE)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_DAYS_AGO = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven)\s+days?\s+ago\b",
                       re.IGNORECASE)
_WEEKDAY_PHRASE = re.compile(rf"\b(?:(?P<mod>last|this|next|on|early\s+on|late\s+on)\s+)?"
                             rf"(?P<wd>{_WEEKDAY_RE})\b", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

# What the extractor should look for: any of the above, longest alternatives first.
DATE_PHRASE = re.compile(
    "|".join([
        _DAY_MONTH.pattern,
        _ISO.pattern,
        _DAY_BEFORE_YESTERDAY.pattern,
        _DAYS_AGO.pattern,
        _YESTERDAY.pattern,
        _SAME_DAY.pattern,
        _WEEKDAY_PHRASE.pattern,
    ]).replace("?P<", "?P<_"),  # group names must be unique in one pattern; they are unused here
    re.IGNORECASE,
)


def _month_number(token: str) -> int:
    key = token.lower().rstrip(".")[:3]
    return next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(key))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def nearest_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day-month without a year is the closest such day to the publication day:
    "29 December" read on 2 January is last year's, "1 March" read on 24 February is this year's."""
    candidates = [d for y in (published.year - 1, published.year, published.year + 1)
                  if (d := _safe_date(y, month, day)) is not None]
    return min(candidates, key=lambda d: abs((d - published).days), default=None)


def _day_month(match: re.Match[str], published: dt.date | None) -> dt.date | None:
    day_s, month_s, year_s = ((match["d1"], match["m1"], match["y1"]) if match["d1"]
                              else (match["d2"], match["m2"], match["y2"]))
    day, month = int(re.sub(r"\D", "", day_s)), _month_number(month_s)
    if year_s:
        return _safe_date(int(year_s), month, day)
    return nearest_year(month, day, published) if published else None


def parse_date(value: str | None) -> dt.date | None:
    """A calendar date written in any of the usual ways, or None (never raises)."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if m := _ISO.match(text):
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _NUMERIC.fullmatch(text):
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _DAY_MONTH.search(text)
    if m and (m["y1"] or m["y2"]):
        return _day_month(m, None)
    return None


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is nothing but a full date ("Friday, December 30, 2022"),
    as live blogs print above each day's entries; None for any other line."""
    text = line.strip().rstrip(".")
    if len(text) > 48 or not _HAS_DIGIT.search(text):
        return None  # cheap exit: this runs on every line of every live blog
    m = _DAY_MONTH.fullmatch(text)
    if m and (m["y1"] or m["y2"]):
        return _day_month(m, None)
    m = _ISO.fullmatch(text)
    return _safe_date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def _weekday(match: re.Match[str], published: dt.date) -> dt.date:
    target = WEEKDAYS.index(match["wd"].lower())
    back = (published.weekday() - target) % 7
    modifier = (match["mod"] or "").lower()
    if modifier == "next":
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if modifier == "last" and back == 0:
        return published - dt.timedelta(days=7)
    return published - dt.timedelta(days=back)


def _relative(text: str, published: dt.date) -> dt.date | None:
    if _DAY_BEFORE_YESTERDAY.search(text):
        return published - dt.timedelta(days=2)
    if m := _DAYS_AGO.search(text):
        n = _SMALL_NUMBERS.get(m["n"].lower()) or int(m["n"])
        return published - dt.timedelta(days=n)
    if _YESTERDAY.search(text):
        return published - dt.timedelta(days=1)
    if m := _WEEKDAY_PHRASE.search(text):  # before "night"/"morning": "on Thursday night"
        return _weekday(m, published)
    if _SAME_DAY.search(text):
        return published
    return None


def resolve_relative(phrase: str, published: dt.date | dt.datetime | None) -> dt.date | None:
    """The calendar day a time phrase refers to, or None when it names no single day.

    ``published`` is the publication day of the document (or entry) the phrase is in.
    Explicit dates with a year resolve without it; everything else needs it.

    >>> resolve_relative("on Thursday", dt.date(2022, 12, 30))
    datetime.date(2022, 12, 29)
    >>> resolve_relative("on Friday", dt.date(2022, 12, 30))
    datetime.date(2022, 12, 30)
    """
    if not phrase or not phrase.strip():
        return None
    day = _as_date(published)
    if m := _ISO.search(phrase):
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _DAY_MONTH.search(phrase):
        return _day_month(m, day)
    return _relative(phrase, day) if day else None


def iter_date_phrases(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, phrase)`` of every time phrase in ``text`` that
    :func:`resolve_relative` may resolve (it may still return None for some)."""
    for m in DATE_PHRASE.finditer(text):
        yield m.start(), m.end(), m.group(0)
