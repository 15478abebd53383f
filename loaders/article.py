"""Plain articles, and the pieces every text format shares: line splitting that keeps
offsets, header parsing, and building a :class:`~kg.model.Document` from entry spans.

Offsets are Python ``str`` indices into the text exactly as decoded (no newline
translation), so the helpers here never strip or normalise the text itself; they
only compute positions in it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kg import ids
from kg.errors import InputError
from kg.model import Document, Entry

from loaders.dates import parse_date, parse_dateline

# ` date 2022-12-30 <title>`: the header line of the Independent-style export.
_DATE_HEADER = re.compile(r"[ \t\ufeff]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]+(?P<title>\S.*?)\s*")
# `# source: ...` / `# date: 2022-02-24`: metadata lines of the Guardian extracts.
_META_LINE = re.compile(r"[ \t\ufeff]*#[ \t]*(?P<key>[A-Za-z_][\w -]{0,30}?)[ \t]*:[ \t]*(?P<value>.*?)\s*")
_WORD = re.compile(r"\S+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_VISIBLE = re.compile(r"[^\s\ufeff]")
_HEAD_CHARS = 20_000  # metadata and title are in the first lines; never split a whole 50 MB text
_LEADING = re.compile(r"^[\s\ufeff]+")
_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")
_SENTENCE_END = re.compile(r"(?:[.!?…]|\.\.\.)[\"'”’)\]]*$")


class Line(NamedTuple):
    start: int
    end: int  # excludes the line break
    after: int  # just past the line break
    text: str

    @property
    def stripped(self) -> str:
        return trim(self.text)

    @property
    def content_start(self) -> int:
        """Offset of the line's first visible character (after indentation or a BOM)."""
        rest = self.text.lstrip()
        if rest.startswith("\ufeff"):
            rest = _LEADING.sub("", rest)
        return self.start + len(self.text) - len(rest)


class EntrySpan(NamedTuple):
    """An entry before it becomes an :class:`Entry`: ``text[start:end]``."""

    start: int
    end: int
    headline: str | None = None
    published: dt.datetime | dt.date | None = None


@dataclass(frozen=True)
class Header:
    """What a text says about itself before its body starts."""

    title: str | None = None
    title_start: int | None = None  # offset of the title in the text, when it is in it
    published: dt.date | None = None
    body_start: int = 0  # first offset after the metadata lines (the title line included)


def split_lines(text: str, start: int = 0) -> list[Line]:
    """Lines of ``text[start:]`` with their offsets. Only ``\\n``, ``\\r\\n`` and ``\\r``
    break lines (``str.splitlines`` also breaks on form feeds and U+2028, which would
    disagree with how the sources were written). A final line break opens no new line."""
    lines: list[Line] = []
    pos = start
    for m in _LINE_BREAK.finditer(text, start):
        lines.append(Line(pos, m.start(), m.end(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        lines.append(Line(pos, len(text), len(text), text[pos:]))
    return lines


def trim(text: str) -> str:
    """``str.strip`` that also drops a byte-order mark (not whitespace to Python)."""
    s = text.strip()
    return _EDGES.sub("", s) if "\ufeff" in s[:1] + s[-1:] else s


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def starts_capitalised(text: str) -> bool:
    """First letter or digit (after opening quotes/brackets) is upper-case or a digit."""
    head = trim(text).lstrip("\"'‘“«([")
    return bool(head) and (head[0].isupper() or head[0].isdigit())


def looks_like_title(text: str) -> bool:
    """A line that can name a whole document: short, and not a sentence of prose."""
    s = trim(text)
    return 2 <= word_count(s) <= 30 and not s.endswith((".", ",", ";", ":")) and starts_capitalised(s)


def _leading_metadata(lines: Sequence[Line]) -> tuple[dict[str, str], int]:
    """The ``# key: value`` lines at the top: their values and how many lines they take."""
    meta: dict[str, str] = {}
    count = 0
    for line in lines:
        m = _META_LINE.fullmatch(line.text)
        if not m:
            break
        meta.setdefault(m["key"].strip().lower(), m["value"])
        count += 1
    return meta, count


def parse_header(text: str) -> Header:
    """Find the document's title and publication date in its first lines.

    Three shapes are recognised: a ``date YYYY-MM-DD <title>`` first line; ``# key: value``
    metadata lines (``# date:``, ``# title:``) followed by a title line; or no metadata,
    where a short first line is taken as the title.
    """
    lines = split_lines(text[:_HEAD_CHARS])
    if len(text) > _HEAD_CHARS and lines:
        lines.pop()  # cut short by the slice: only whole lines can be metadata or a title
    if lines and (m := _DATE_HEADER.fullmatch(lines[0].text)):
        return Header(title=m["title"], title_start=m.start("title"),
                      published=parse_date(m["date"]), body_start=lines[0].after)
    meta, n_meta = _leading_metadata(lines)
    body = [ln for ln in lines[n_meta:] if ln.stripped]
    published = parse_date(meta.get("date") or meta.get("published")) or _first_dateline(body)
    body_start = lines[n_meta - 1].after if n_meta else 0
    if meta.get("title"):
        return Header(title=meta["title"], published=published, body_start=body_start)
    if len(body) > 1 and looks_like_title(body[0].text):
        first = body[0]
        return Header(title=first.stripped, title_start=first.content_start, published=published,
                      body_start=first.after)
    return Header(published=published, body_start=body_start)


def _first_dateline(lines: Sequence[Line], within: int = 40) -> dt.date | None:
    """Without a date header, a dateline near the top ("Friday, December 30, 2022") is the
    best evidence of when the page was published."""
    return next((d for ln in lines[:within] if (d := parse_dateline(ln.text))), None)


def first_content(text: str, start: int) -> int | None:
    """Offset of the first non-whitespace character at or after ``start``."""
    m = _VISIBLE.search(text, start)
    return m.start() if m else None


def article_span(text: str, header: Header, source: str = "<text>") -> EntrySpan:
    """The single entry of an article: from its title (when the title is in the text) to the end."""
    body = first_content(text, header.body_start)
    if header.title_start is not None:
        return EntrySpan(header.title_start, len(text), header.title)
    if body is None:
        raise InputError(source, "no text after the header lines")
    return EntrySpan(body, len(text), None)


def build_document(source: str, text: str, *, title: str | None, published: dt.date | None,
                   spans: Sequence[EntrySpan]) -> Document:
    """A Document with its entries; ids are derived from ``source`` (see :mod:`kg.ids`)."""
    doc_id = ids.document_id(source)
    entries = tuple(
        Entry(id=ids.entry_id(doc_id, i), document=doc_id, index=i, headline=s.headline,
              published=s.published, start=s.start, end=s.end,
              content_hash=ids.content_hash(text[s.start:s.end]))
        for i, s in enumerate(spans)
    )
    return Document(id=doc_id, source=source, title=title, published=published, text=text,
                    content_hash=ids.content_hash(text), entries=entries)


class ArticleLoader:
    """``article``: a text that is one story; the whole body is one entry."""

    name = "article"
    suffixes: tuple[str, ...] = (".txt",)

    def claims(self, text: str) -> bool:
        return True  # the fallback for text that is not recognisably anything else

    def parse(self, source_name: str, text: str) -> Iterator[Document]:
        header = parse_header(text)
        span = article_span(text, header, source_name)
        yield build_document(source_name, text, title=header.title, published=header.published,
                             spans=[span])
