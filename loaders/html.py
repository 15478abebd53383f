"""Saved web pages (``.html``, ``.htm``): live blogs and articles.

The document text is the page's *extracted main text*, not its markup: one line per
block (heading, paragraph, list item, quote), whitespace inside a block collapsed as
a browser renders it, character references decoded. Every offset (entries, evidence)
indexes that text; it is what the store keeps and the export's offsets refer to.

Page furniture is dropped before reading: scripts and styles, navigation, page
headers and footers, asides, forms, figures and captions, hidden elements, and
elements whose class or id names a boilerplate part (share, related, newsletter,
advert, cookie, comments, ...).

**Live blogs** are found by structure, not by any site's class names: when two or
more sibling elements each hold a ``<time datetime=...>`` (``<article>``,
``<div class="block">``, ``<li>``), those siblings are the entries. The text is the
page title, a blank line, then each entry (its heading line first) separated by blank
lines; an entry's ``published`` is its ``datetime``, its ``headline`` its first heading,
and its stamp element's own text ("08.12 GMT") is left out.

**Articles** (no such entries) go through trafilatura's main-text extraction; the text
is the title line, a blank line, then the body, and the single entry spans both.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.model import Document

from loaders.article import EntrySpan, build_document
from loaders.dates import parse_date

log = logging.getLogger(__name__)

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "aside", "form", "button", "iframe", "svg",
              "figure", "figcaption", "select", "input", "textarea", "object", "embed", "video", "audio")
_BOILERPLATE = re.compile(r"(?:^|[-_\s])(?:share|sharing|social|related|newsletter|advert|advertisement|ads?|"
                          r"promo|cookie|cookies|comments?|subscribe|signup|sign-up|paywall|breadcrumbs?|"
                          r"byline|skip|sr-only|visually-hidden|most-popular|recommended|outbrain|taboola)"
                          r"(?:$|[-_\s])", re.IGNORECASE)
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section",
                     "article", "ul", "ol", "dl", "dt", "dd", "table", "tr", "br", "hr", "header", "footer",
                     "main", "address"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
MIN_ENTRIES = 2


# -- reading the tree -------------------------------------------------------------------

def parse_tree(source: str, html: str) -> Any:
    """The page as an lxml tree; raises InputError when it is not HTML at all."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(_XML_DECL.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(source, f"not readable as HTML ({exc})") from None


def _names(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_furniture(el: Any) -> bool:
    if not isinstance(el.tag, str):
        return True  # comments, processing instructions
    tag = el.tag.lower()
    if tag in _DROP_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if tag in {"header", "footer"} and not any(a.tag in {"article", "main"} for a in el.iterancestors()):
        return True  # the page's own masthead and footer (an article's header holds its headline)
    return bool(_BOILERPLATE.search(_names(el)))


def drop_furniture(root: Any) -> None:
    for el in [e for e in root.iter() if e is not root and _is_furniture(e)]:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


def _collapse(text: str) -> str:
    return " ".join(text.split())


class _Lines:
    """Text of an element as lines: block elements break lines, inline text flows."""

    def __init__(self, skip: Any = None) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = skip

    def text(self, value: str | None) -> None:
        if value:
            self.current.append(value)

    def flush(self) -> None:
        line = _collapse("".join(self.current))
        if line:
            self.lines.append(line)
        self.current = []

    def walk(self, el: Any) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCKS
        if block:
            self.flush()
        if el is not self.skip:
            self.text(el.text)
            for child in el:
                self.walk(child)
        if block:
            self.flush()
        self.text(el.tail)


def element_lines(el: Any, skip: Any = None) -> list[str]:
    """``el``'s text as lines (its own tail excluded); ``skip`` is left out, tail kept."""
    lines = _Lines(skip)
    tail, el.tail = el.tail, None
    try:
        lines.walk(el)
    finally:
        el.tail = tail
    lines.flush()
    return lines.lines


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's description), one block a line."""
    if "<" not in html:
        return "\n".join(_collapse(line) for line in html.splitlines() if line.strip())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _collapse(html)
    drop_furniture(root)
    return "\n".join(element_lines(root))


# -- live-blog entries ------------------------------------------------------------------------

def _stamped(el: Any) -> bool:
    return bool(el.xpath(".//time[@datetime]")) or (el.tag == "time" and el.get("datetime") is not None)


def entry_elements(root: Any) -> list[Any]:
    """The siblings that each hold a timestamp, under the element holding most such children
    (the deepest on a tie): a page header's lone ``<time>`` is not a post."""
    best: list[Any] = []
    best_depth = -1
    parents = {t.getparent() for t in root.iter("time")}
    candidates = {a for p in parents if p is not None for a in (p, *p.iterancestors())}
    for el in candidates:
        kids = [c for c in el if isinstance(c.tag, str) and _stamped(c)]
        depth = sum(1 for _ in el.iterancestors())
        if len(kids) > len(best) or (len(kids) == len(best) and depth > best_depth):
            best, best_depth = kids, depth
    return best if len(best) >= MIN_ENTRIES else []


def parse_datetime(value: str | None) -> dt.datetime | dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return parse_date(value)


def _stamp(entry: Any) -> Any:
    found = entry.xpath(".//time[@datetime]")
    return entry if not found and entry.tag == "time" else found[0]


def _headline(entry: Any) -> str | None:
    for el in entry.iter(*_HEADINGS):
        text = _collapse(el.text_content())
        if text:
            return text
    return None


# -- page metadata -------------------------------------------------------------------------

def _meta(root: Any, *names: str) -> str | None:
    for name in names:
        for value in root.xpath(f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']/@content"):
            if value.strip():
                return _collapse(value)
    return None


def page_title(root: Any) -> str | None:
    heading = next((t for h in root.iter("h1") if (t := _collapse(h.text_content()))), None)
    titles = root.xpath("//title/text()")
    return _meta(root, "og:title", "twitter:title") or heading or (_collapse(titles[0]) if titles else None)


def page_date(root: Any) -> dt.date | None:
    value = parse_datetime(_meta(root, "article:published_time", "datePublished", "date", "dc.date"))
    return value.date() if isinstance(value, dt.datetime) else value


# -- documents -------------------------------------------------------------------------------

class _Text:
    """Builds the document text, remembering where each piece starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts) + "\n"


def liveblog_document(source: str, root: Any, entries: list[Any]) -> Document:
    title = page_title(root)
    text = _Text()
    if title:
        text.add(title)
    spans = []
    for el in entries:
        stamp = _stamp(el)
        lines = element_lines(el, skip=stamp)
        if not lines:
            continue
        start, end = text.add("\n".join(lines))
        spans.append(EntrySpan(start, end, _headline(el), parse_datetime(stamp.get("datetime"))))
    if not spans:
        raise InputError(source, "its entries hold no text")
    published = page_date(root) or min((_day(s.published) for s in spans if s.published), default=None)
    return build_document(source, text.value(), title=title, published=published, spans=spans)


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def article_document(source: str, html: str, root: Any) -> Document:
    import trafilatura

    body = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                               deduplicate=False)
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else None) or page_title(root)
    lines = [_collapse(line) for line in (body or "").splitlines() if line.strip()]
    if not lines:  # too little for trafilatura's thresholds: read the whole (cleaned) page
        drop_furniture(root)
        lines = element_lines(root.body if root.body is not None else root)
    if lines and title and lines[0] == _collapse(title):
        lines = lines[1:]
    if not lines:
        raise InputError(source, "no main text found in the page")
    text = _Text()
    start = text.add(title)[0] if title else None
    body_span = text.add("\n".join(lines))
    published = page_date(root) or parse_date(meta.date if meta else None)
    span = EntrySpan(start if start is not None else body_span[0], body_span[1], title, None)
    return build_document(source, text.value(), title=title, published=published, spans=[span])


class HtmlLoader:
    """``html``: a saved page; a live blog when its posts carry timestamps, else an article."""

    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm")

    def claims(self, text: str) -> bool:
        return True

    def parse(self, source_name: str, text: str) -> Iterator[Document]:
        root = parse_tree(source_name, text)
        drop_furniture(root)
        entries = entry_elements(root)
        if entries:
            yield liveblog_document(source_name, root, entries)
        else:
            yield article_document(source_name, text, parse_tree(source_name, text))
