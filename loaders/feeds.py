"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``): one document per item.

A feed is polled: each fetch repeats most items, adds new ones and rewrites some. So
every item is its own :class:`~kg.model.Document`, named by the feed and the item::

    source = "<feed id>#<item id>"

where the feed id is the Atom ``<id>`` or the RSS channel ``<link>`` (the file name when
the feed has neither) and the item id its ``<guid>`` / ``<id>`` (else its link, else its
title and date). Two saved fetches of one feed therefore name an item alike: an
unchanged item is skipped on ingest, and an item whose text changed replaces its own
facts and no other item's.

The text of an item is its title line, a blank line, then its content (``content:encoded``
or Atom ``<content>``, else its description/summary) as plain text, one block a line
(see :func:`loaders.html.fragment_text`); offsets index that text. The single entry
spans the whole item; its ``published`` is when this version was written (``updated``,
else ``published``/``pubDate``), while the document's ``published`` is the first day
it appeared.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ids import digest
from kg.model import Document

from loaders.article import EntrySpan, build_document
from loaders.html import fragment_text
from loaders.sources import LoadFailure

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_SNIFF_CHARS = 4096


def _parse(source: str, text: str) -> Any:
    import feedparser

    # The text is already decoded; tell feedparser so, whatever the XML declaration says.
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")),
                              response_headers={"content-type": "application/xml; charset=utf-8"})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception") or "no RSS or Atom feed in it"
        raise InputError(source, f"not a readable feed ({problem})")
    return parsed


def _when(item: Any, *keys: str) -> dt.datetime | None:
    for key in keys:
        # dict.get: feedparser's own lookup maps a missing updated_parsed to published_parsed
        value = dict.get(item, key)
        if value:  # feedparser gives UTC struct_time
            return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc)
    return None


def _content(item: Any) -> str:
    bodies = [c.get("value", "") for c in item.get("content", ()) if c.get("value", "").strip()]
    return bodies[0] if bodies else item.get("summary", "")


def item_key(item: Any, number: int) -> str:
    key = item.get("id") or item.get("link")
    if key:
        return key.strip()
    return "item-" + digest(item.get("title", ""), item.get("published", ""), number, size=6)


def item_document(feed_key: str, number: int, item: Any) -> Document:
    source = f"{feed_key}#{item_key(item, number)}"
    title = " ".join(item.get("title", "").split()) or None
    body = fragment_text(_content(item))
    if not body and not title:
        raise InputError(source, "item has neither title nor text")
    text = "\n\n".join(p for p in (title, body) if p) + "\n"
    written = _when(item, "updated_parsed", "published_parsed")
    first = _when(item, "published_parsed", "updated_parsed")
    return build_document(source, text, title=title, published=first.date() if first else None,
                          spans=[EntrySpan(0, len(text) - 1, title, written)])


class FeedLoader:
    """``feed``: an RSS 0.9x/1.0/2.0 or Atom feed, read with feedparser."""

    name = "feed"
    suffixes: tuple[str, ...] = (".xml", ".rss", ".atom")

    def claims(self, text: str) -> bool:
        return bool(_FEED_ROOT.search(text[:_SNIFF_CHARS]))

    def parse(self, source_name: str, text: str) -> Iterator[Document | LoadFailure]:
        parsed = _parse(source_name, text)
        feed_key = (parsed.feed.get("id") or parsed.feed.get("link") or source_name).strip()
        seen: set[str] = set()
        for number, item in enumerate(parsed.entries, start=1):
            try:
                doc = item_document(feed_key, number, item)
            except InputError as exc:
                yield LoadFailure.of(f"{source_name}#{number}", exc.problem)
                continue
            if doc.source in seen:
                yield LoadFailure.of(f"{source_name}#{number}", f"duplicate item {doc.source!r}")
                continue
            seen.add(doc.source)
            yield doc
