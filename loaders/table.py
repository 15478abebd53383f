"""Tables of articles: CSV (one row per article) and JSON Lines (one object per line).

Each record becomes its own :class:`~kg.model.Document`, named
``"<file name>#<row key>"`` where the key is the record's URL (or id) when it has one,
else its 1-based row number (CSV: data rows after the header; JSONL: line number).
A bad record is reported as a :class:`~loaders.sources.LoadFailure` naming
``file#row`` and skipped; the other records still load.

The text cell is taken exactly as stored (offsets index into it). A record's body is
one entry, except when it is a time-stamped live blog (the Guardian export keeps its
live blogs as one cell): then it is cut at its stamps exactly as the same text in a
``.txt`` file would be, so one story yields the same entries from either container.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from kg.errors import InputError
from kg.model import Document

from loaders.article import EntrySpan, Header, build_document, first_content
from loaders.dates import parse_date
from loaders.liveblog import stamp_spans
from loaders.sources import LoadFailure

# Candidate column names per role, best first (compared lower-cased, punctuation as spaces).
_NAMES = {
    "text": ("text", "body", "content", "article text", "article body", "full text", "article"),
    "title": ("title", "heading", "headline", "head", "name"),
    "date": ("published", "date", "published at", "publication date", "pub date",
             "date published", "datetime", "date formatted", "time"),
    "url": ("url", "article url", "link", "uri", "source", "id", "guid"),
}
# Fallback: a column whose name contains one of these words (e.g. "Article Url").
_WORDS = {
    "text": {"text", "body", "content"},
    "title": {"title", "heading", "headline"},
    "date": {"date", "published"},
    "url": {"url", "link", "uri"},
}
_NOT_IT = {"image", "img", "thumb", "thumbnail", "comment", "comments", "caption", "alt"}


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


def detect_column(role: str, names: Sequence[str]) -> str | None:
    """The column that plays ``role`` ("text", "title", "date" or "url"), or None."""
    normed = {_norm(n): n for n in reversed(names)}  # first of duplicates wins
    for candidate in _NAMES[role]:
        if candidate in normed:
            return normed[candidate]
    for name in names:
        words = set(_norm(name).split())
        if words & _WORDS[role] and not words & _NOT_IT:
            return name
    return None


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds what; unset roles are detected from the column names."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None

    def resolve(self, names: Sequence[str]) -> ColumnMap:
        found = {role: getattr(self, role) or detect_column(role, names) for role in _NAMES}
        return replace(self, **found)


def _row_key(url: str | None, number: int) -> str:
    return url or str(number)


def record_spans(text: str, published: dt.date | None = None) -> list[EntrySpan]:
    """One entry for the whole cell, or one per post when it is a stamped live blog."""
    stamped = stamp_spans(text, Header(published=published))
    if stamped:
        return stamped
    start = first_content(text, 0)
    return [EntrySpan(start or 0, len(text), None, None)]


def record_document(file_name: str, number: int, record: Mapping[str, object],
                    columns: ColumnMap) -> Document:
    """One table record as a Document; raises InputError naming ``file#row``."""
    key = _row_key(_cell(record, columns.url), number)
    source = f"{file_name}#{key}"
    text = record.get(columns.text) if columns.text else None
    if not isinstance(text, str):
        raise InputError(f"{file_name}#{number}", f"no text in column {columns.text!r}")
    if not text.strip():
        raise InputError(f"{file_name}#{number}", f"empty text in column {columns.text!r}")
    published = parse_date(_cell(record, columns.date))
    return build_document(source, text, title=_cell(record, columns.title), published=published,
                          spans=record_spans(text, published))


def _cell(record: Mapping[str, object], column: str | None) -> str | None:
    value = record.get(column) if column else None
    return (str(value).strip() or None) if value is not None else None


def _records(file_name: str, numbered: Iterable[tuple[int, Mapping[str, object] | InputError]],
             columns: ColumnMap) -> Iterator[Document | LoadFailure]:
    seen: dict[str, int] = {}
    for number, record in numbered:
        if isinstance(record, InputError):
            yield LoadFailure.from_error(record)
            continue
        try:
            doc = record_document(file_name, number, record, columns)
        except InputError as exc:
            yield LoadFailure.from_error(exc)
            continue
        if doc.source in seen:
            yield LoadFailure.from_error(InputError(
                f"{file_name}#{number}", f"duplicate of row {seen[doc.source]} (same key {doc.source!r})"))
            continue
        seen[doc.source] = number
        yield doc


def _allow_big_cells() -> None:
    """Article bodies exceed the csv module's default 128 KiB field limit."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


class CsvLoader:
    """``csv``: a header row, then one article per row."""

    name = "csv"
    suffixes: tuple[str, ...] = (".csv",)

    def __init__(self, columns: ColumnMap | None = None) -> None:
        self.columns = columns or ColumnMap()

    def claims(self, text: str) -> bool:
        return True

    def parse(self, source_name: str, text: str) -> Iterator[Document | LoadFailure]:
        _allow_big_cells()
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader)
        except (StopIteration, csv.Error) as exc:
            raise InputError(source_name, f"no readable header row ({exc or 'empty'})") from None
        columns = self.columns.resolve(header)
        if columns.text is None or columns.text not in header:
            # repr: a header cell may hold a line break; a problem is one line.
            raise InputError(source_name, f"no text column (columns: {', '.join(map(repr, header))})")
        yield from _records(source_name, self._rows(source_name, reader, header), columns)

    @staticmethod
    def _rows(source_name: str, reader: Iterator[list[str]],
              header: list[str]) -> Iterator[tuple[int, dict[str, str] | InputError]]:
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield number, InputError(f"{source_name}#{number}", f"malformed CSV row: {exc}")
                continue
            if not row:
                continue  # a blank line is no record
            number += 1
            if len(row) != len(header):
                yield number, InputError(f"{source_name}#{number}",
                                         f"has {len(row)} fields, the header has {len(header)}")
                continue
            yield number, dict(zip(header, row, strict=True))


class JsonlLoader:
    """``jsonl``: one JSON object per line (blank lines ignored)."""

    name = "jsonl"
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson")

    def __init__(self, columns: ColumnMap | None = None) -> None:
        self.columns = columns or ColumnMap()

    def claims(self, text: str) -> bool:
        return True

    def parse(self, source_name: str, text: str) -> Iterator[Document | LoadFailure]:
        seen: dict[str, int] = {}
        for number, record in self._objects(source_name, text):
            columns = self.columns.resolve(list(record)) if isinstance(record, dict) else self.columns
            for item in _records(source_name, [(number, record)], columns):
                if isinstance(item, Document) and item.source in seen:
                    item = LoadFailure.from_error(InputError(
                        f"{source_name}#{number}", f"duplicate of line {seen[item.source]}"))
                elif isinstance(item, Document):
                    seen[item.source] = number
                yield item

    @staticmethod
    def _objects(source_name: str, text: str) -> Iterator[tuple[int, dict[str, object] | InputError]]:
        for number, line in enumerate(io.StringIO(text, newline=""), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, InputError(f"{source_name}#{number}", f"invalid JSON: {exc.msg}")
                continue
            if not isinstance(value, dict):
                yield number, InputError(f"{source_name}#{number}",
                                         f"a JSON {type(value).__name__}, not an object")
                continue
            yield number, value
