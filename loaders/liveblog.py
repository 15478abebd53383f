"""Live blogs: one document, many entries.

Two layouts are recognised, both from line/stamp *features* rather than from any
particular blog's wording:

- **headline blocks** (Al Jazeera- and Independent-style pages): an entry starts at a
  headline line — short, capitalised, not ending like a sentence, and followed by a
  paragraph of prose. Page furniture ("Loading...", "READ MORE: ...", credits,
  bylines, datelines) is never an entry, and a link card that repeats an earlier
  headline (plus its teaser line) stays inside the entry before it.
- **time stamps** (Guardian extracts): each post begins with a stamp such as
  ``24 Feb 202223.44`` or ``15h ago23.13`` glued to its text; stamps are the entry
  boundaries and give :attr:`Entry.published`.

An entry spans from its first character to the start of the next entry (or the end of
the text), so entries tile the text after the first one and never overlap. Text before
the first headline (standfirst repeats, captions, datelines) belongs to no entry.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import NamedTuple

from kg.model import Document

from loaders.article import (
    EntrySpan,
    Header,
    Line,
    article_span,
    build_document,
    ends_sentence,
    parse_header,
    split_lines,
    starts_capitalised,
    trim,
    word_count,
)
from loaders.dates import parse_dateline

log = logging.getLogger(__name__)

MAX_HEADLINE_WORDS = 24  # the longest gold headline (a standfirst) has 18 words
MIN_HEADLINE_WORDS = 3  # "AP Archive", "Route 6": credits and stray tokens are shorter
LONG_PARAGRAPH_WORDS = 25  # a line this long is prose even without a final full stop
MIN_LIVEBLOG_ENTRIES = 3  # fewer headline blocks than this is an article with subheadings

_FURNITURE_PATTERNS = (
    r"loading(?:\.{3}|…)?",
    r"(?:also\s+)?read\s+(?:more|also|next)\b.*",
    r"join\s+(?:our|the)\b.*\b(?:comment\w*|forum|conversation\w*|discussion)\b.*",
    r"for\s+(?:live|the\s+latest|more|all\s+the\s+latest)\b.*\bclick\b.*",
    r".*\bclick\s+here\b.*",
    r"(?:photograph|photo|picture|image|video|source|credit)s?\s*:.*",
    r"(?:AP|AFP|Reuters|PA|EPA|Getty(?:\s+Images)?|Associated\s+Press|Al\s+Jazeera)"
    r"(?:\s+(?:archive|photo|photos|video|images?|footage))?",
    r"\S+(?:\s+\S+)?\s+(?:archive|photo|photos|footage)",
    r"[A-Z][^.!?:]{0,150}\breports?\s*:",  # bylines: "Alice Smith and Bob Jones report:"
    r"(?:by|reporting\s+by|written\s+by|additional\s+reporting\s+by)\s+[A-Z].{0,80}",
    r"(?:advertisement|sponsored(?:\s+content)?|share(?:\s+this(?:\s+article)?)?|"
    r"follow\s+(?:us|our)\b.*|sign\s+up\b.*newsletter.*|updated\s*:?.{0,40})",
)
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE_PATTERNS), re.IGNORECASE)
# A sentence boundary inside a line ("... no. Then ..."): headlines are one phrase.
_INNER_SENTENCE = re.compile(r"[a-z]{2,}[.!?][\"'”’]?\s+[A-Z]")


def is_furniture(text: str) -> bool:
    s = trim(text)
    return _FURNITURE.fullmatch(s) is not None or parse_dateline(s) is not None


def headline_shaped(text: str) -> bool:
    """Short, capitalised, one phrase, not ending like a sentence ("?" and quotes may end it)."""
    s = trim(text).rstrip("\"'”’)")
    words = word_count(s)
    return (MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS and starts_capitalised(s)
            and not s.endswith((".", ",", ";", ":", "…", "!"))
            and not _INNER_SENTENCE.search(s) and not is_furniture(text))


def is_paragraph(text: str) -> bool:
    """A line of running prose: ends like a sentence, or is too long to be a headline."""
    s = trim(text)
    return not is_furniture(s) and (ends_sentence(s) or word_count(s) > LONG_PARAGRAPH_WORDS)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def _next_content(lines: Sequence[Line], i: int) -> int | None:
    """Index of the next line after ``i`` that is neither blank nor furniture."""
    for j in range(i + 1, len(lines)):
        if lines[j].stripped and not is_furniture(lines[j].text):
            return j
    return None


def iter_headlines(lines: Sequence[Line]) -> Iterator[Line]:
    """The headline lines, in order, with link-card repeats left out."""
    seen: set[str] = set()
    skip_until = -1
    for i, line in enumerate(lines):
        if i <= skip_until or not line.stripped or not headline_shaped(line.text):
            continue
        if _norm(line.text) in seen:  # a link card: the repeat and its teaser line
            skip_until = _next_content(lines, i) or i
            continue
        nxt = _next_content(lines, i)
        if nxt is not None and is_paragraph(lines[nxt].text):
            seen.add(_norm(line.text))
            yield line


def _datelines(lines: Sequence[Line]) -> list[tuple[int, dt.date]]:
    return [(ln.start, d) for ln in lines if (d := parse_dateline(ln.text))]


def headline_spans(text: str, header: Header) -> list[EntrySpan]:
    lines = split_lines(text, header.body_start)
    heads = list(iter_headlines(lines))
    days = _datelines(lines)  # multi-day blogs print a dateline above each day's entries
    day_starts = [pos for pos, _ in days]
    spans = []
    for k, line in enumerate(heads):
        start = line.content_start
        end = heads[k + 1].start if k + 1 < len(heads) else len(text)
        before = bisect.bisect_left(day_starts, start)
        spans.append(EntrySpan(start, end, line.stripped, days[before - 1][1] if before else None))
    return spans


# -- time-stamped posts (Guardian) --------------------------------------------------------

_STAMP = re.compile(
    r"(?:(?P<date>\b[0-3]?\d [A-Z][a-z]{2} \d{4})|(?P<ago>\b(?P<n>\d{1,3})(?P<unit>[mhd]) ago)"
    r"|(?P<bare>^))(?P<hh>[0-2]\d)\.(?P<mm>[0-5]\d)(?=[^\s\d.,:;%])",
    re.MULTILINE,
)
# A post's heading glued to its first sentence: "...against UkraineBarack Obama has ..."
_GLUED_HEADING = re.compile(r"[A-Z0-9‘'\"“][^\n.!?:]{8,180}?[a-z0-9’'”\"?!)](?=[A-Z][a-z])")
_CAMEL_WORDS = re.compile(r"(?:Mc|Mac|O’|O')$|^(?:Whats|Linked|Face|Play|Black|Astra|Power|Master)$")
MIN_STAMPS = 2


class _Stamp(NamedTuple):
    start: int
    end: int
    kind: str  # "date" (full date), "ago" (hours/minutes ago), "days" (days ago), "bare"
    clock: dt.time | None
    day: dt.date | None = None  # for "date" stamps
    days_ago: int = 0  # for "days" stamps


def _make_stamp(m: re.Match[str]) -> _Stamp:
    hh, mm = int(m["hh"]), int(m["mm"])
    clock = dt.time(hh, mm) if hh < 24 else None
    if m["date"]:
        try:
            day = dt.datetime.strptime(m["date"], "%d %b %Y").date()
        except ValueError:
            day = None
        return _Stamp(m.start(), m.end(), "date", clock, day)
    if m["ago"]:
        kind = "days" if m["unit"] == "d" else "ago"
        return _Stamp(m.start(), m.end(), kind, clock, days_ago=int(m["n"]))
    return _Stamp(m.start(), m.end(), "bare", clock)


def iter_stamps(text: str, start: int) -> Iterator[_Stamp]:
    for m in _STAMP.finditer(text, start):
        if m["bare"] is not None and not re.match(r"[A-Z‘'\"“]", text[m.end():m.end() + 1]):
            continue  # a bare "22.56" counts only when a post visibly starts after it
        yield _make_stamp(m)


def stamp_times(stamps: Sequence[_Stamp], published: dt.date | None) -> list[dt.datetime | None]:
    """When each post was published. Relative stamps ("15h ago23.13") carry only a clock
    time; posts run newest first, so walking from the oldest (dated by the document), a
    clock that goes backwards means the next day. Bare times (pinned posts) stay unknown."""
    out: list[dt.datetime | None] = [None] * len(stamps)
    prev: _Stamp | None = None
    day = published
    for i in range(len(stamps) - 1, -1, -1):
        s = stamps[i]
        if s.clock is None or s.kind == "bare":
            continue
        day = s.day if s.kind == "date" else _advance(day, prev, s)
        out[i] = dt.datetime.combine(day, s.clock) if day else None
        prev = s
    return out


def _advance(day: dt.date | None, prev: _Stamp | None, s: _Stamp) -> dt.date | None:
    """The day of relative stamp ``s``, posted after ``prev`` (which was on ``day``)."""
    if day is None or prev is None or prev.clock is None or s.clock is None:
        return day
    if s.kind == "days" and prev.kind == "days" and prev.days_ago != s.days_ago:
        return day + dt.timedelta(days=max(prev.days_ago - s.days_ago, 0))
    return day + dt.timedelta(days=1) if s.clock < prev.clock else day


def glued_heading(text: str, start: int) -> str | None:
    """The heading glued to the front of a post, when there clearly is one."""
    m = _GLUED_HEADING.match(text, start)
    if not m:
        return None
    head = m.group(0).strip()
    last = head.split()[-1] if head.split() else ""
    if word_count(head) < 4 or len(last) < 4 or _CAMEL_WORDS.search(last):
        return None
    return head


def stamp_spans(text: str, header: Header) -> list[EntrySpan]:
    stamps = list(iter_stamps(text, header.body_start))
    if len(stamps) < MIN_STAMPS:
        return []
    times = stamp_times(stamps, header.published)
    spans = []
    intro = re.search(r"\S", text[header.body_start:stamps[0].start])
    if intro:  # a standfirst before the first post is part of the page's story
        spans.append(EntrySpan(header.body_start + intro.start(), stamps[0].start, None, None))
    for k, s in enumerate(stamps):
        end = stamps[k + 1].start if k + 1 < len(stamps) else len(text)
        spans.append(EntrySpan(s.start, end, glued_heading(text, s.end), times[k]))
    return spans


def liveblog_spans(text: str, header: Header) -> list[EntrySpan]:
    """Entries by time stamps when the text has them, else by headline blocks."""
    return stamp_spans(text, header) or headline_spans(text, header)


def looks_like_liveblog(text: str) -> bool:
    """Conservative: several stamped posts, or at least ``MIN_LIVEBLOG_ENTRIES`` headline
    blocks, the first near the top of the body (an article with a few subheadings has a
    long lead before its first one). Stops as soon as it knows."""
    header = parse_header(text)
    if len(list(islice(iter_stamps(text, header.body_start), MIN_STAMPS))) >= MIN_STAMPS:
        return True
    heads = list(islice(iter_headlines(split_lines(text, header.body_start)), MIN_LIVEBLOG_ENTRIES))
    if len(heads) < MIN_LIVEBLOG_ENTRIES:
        return False
    return heads[0].start - header.body_start <= (len(text) - header.body_start) / 3


class LiveBlogLoader:
    """``liveblog``: a page of dated or headlined entries."""

    name = "liveblog"
    suffixes: tuple[str, ...] = (".txt",)

    def claims(self, text: str) -> bool:
        return looks_like_liveblog(text)

    def parse(self, source_name: str, text: str) -> Iterator[Document]:
        header = parse_header(text)
        spans = liveblog_spans(text, header)
        if not spans:  # asked for a live blog, but no entry is recognisable: keep the text
            log.info("%s: no live-blog entries found; loading it as one entry", source_name)
            spans = [article_span(text, header, source_name)]
        yield build_document(source_name, text, title=header.title, published=header.published,
                             spans=spans)
