"""Quotation spans in raw text: curly and straight, double and single, across paragraphs.

Pure text scanning (no parse): spaCy often splits sentences inside quotations, so
quotations are found first and attributions are then widened to whole quotations.
Offsets are character offsets into the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_BEFORE_OPEN = set(" \t([{—–-:/") | {""}
_EDGE_STRIP = " \t\n,;:"


@dataclass(frozen=True, order=True)
class Quote:
    """A top-level quotation: ``[start, end)`` includes the marks, ``[inner_start, inner_end)`` not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True

    def inner(self, text: str) -> str:
        """The quoted words, without the comma that English puts before a closing mark."""
        return text[self.inner_start:self.inner_end].strip(_EDGE_STRIP)

    def overlaps(self, start: int, end: int) -> bool:
        return self.inner_start < end and start < self.inner_end


def find_quotes(text: str) -> list[Quote]:
    """All top-level quotations of ``text``, in order."""
    out: list[Quote] = []
    for para_start, para_end in _paragraphs(text):
        doubles = _double_quotes(text, para_start, para_end)
        out.extend(doubles)
        for gap_start, gap_end in _gaps(doubles, para_start, para_end):
            out.extend(_single_quotes(text, gap_start, gap_end))
    return sorted(out)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _double_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Pairs double marks in one paragraph; an unclosed one runs to the paragraph end
    (the convention for a quotation continued in the next paragraph)."""
    out: list[Quote] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        if opened is None and (ch in _DOUBLE_OPEN or ch == '"'):
            opened = i
        elif opened is not None and (ch in _DOUBLE_CLOSE or ch == '"'):
            out.append(Quote(opened, i + 1, opened + 1, i))
            opened = None
    if opened is not None and _has_words(text, opened + 1, end):
        out.append(Quote(opened, end, opened + 1, end, closed=False))
    return out


def _gaps(quotes: list[Quote], start: int, end: int) -> list[tuple[int, int]]:
    gaps, pos = [], start
    for q in quotes:
        gaps.append((pos, q.start))
        pos = q.end
    gaps.append((pos, end))
    return [(a, b) for a, b in gaps if b > a]


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Single marks double as apostrophes: a quotation opens only at a word start and
    closes only before a non-letter, and must close within the paragraph."""
    out: list[Quote] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if opened is None and ch in _SINGLE_OPEN and prev in _BEFORE_OPEN and nxt.isalnum():
            opened = i
        elif opened is not None and ch in _SINGLE_CLOSE and not prev.isspace() and not nxt.isalnum():
            if i - opened > 1:
                out.append(Quote(opened, i + 1, opened + 1, i))
            opened = None
    return out


def _has_words(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def quoted_share(quotes: list[Quote], text: str, start: int, end: int) -> float:
    """Share of the alphanumeric characters of ``text[start:end]`` lying inside quotations."""
    total = inside = 0
    for i in range(start, end):
        if text[i].isalnum():
            total += 1
            inside += any(q.inner_start <= i < q.inner_end for q in quotes)
    return inside / total if total else 0.0
