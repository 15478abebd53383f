"""Loaders: sources (files, folders, POSTed text) -> :class:`kg.model.Document` with entries.

Public API::

    from loaders import iter_documents, LoadFailure
    for item in iter_documents([Path("corpus/"), Path("blog.txt")]):
        if isinstance(item, LoadFailure):
            ...  # item.path, item.problem (one line), item.error (kg.errors.InputError)
        else:
            ...  # a Document

    load_text("posted.txt", text, fmt=None) -> Document   # raises InputError

Formats are plug-ins (:class:`FormatLoader`) in a registry keyed by name: ``liveblog``
and ``article`` (``.txt``, told apart by structure), ``acled``, ``gdelt`` and ``csv``
(``.csv``, told apart by their columns), ``jsonl`` (``.jsonl``, ``.ndjson``), ``html``
(``.html``, ``.htm``) and ``feed`` (``.xml``, ``.rss``, ``.atom``). Add one with
:func:`register_format` (docs/loaders.md); ``fmt=`` overrides detection.
No NLP happens here: extraction lives in ``loaders.extraction``.
"""

from __future__ import annotations

from loaders.acled import AcledLoader
from loaders.article import ArticleLoader
from loaders.feeds import FeedLoader
from loaders.gdelt import GdeltLoader
from loaders.html import HtmlLoader
from loaders.liveblog import LiveBlogLoader
from loaders.sources import (
    MAX_BYTES,
    FormatLoader,
    LoadFailure,
    choose_format,
    format_names,
    get_format,
    iter_documents,
    iter_text,
    load_text,
    register_format,
    supported_suffixes,
)
from loaders.table import ColumnMap, CsvLoader, JsonlLoader

# Order matters among formats sharing a suffix: a .txt is a live blog if it claims to be; a
# .csv is an ACLED or GDELT export if it claims to be (docs/loaders.md), else a table of articles.
for _loader in (LiveBlogLoader(), ArticleLoader(), AcledLoader(), GdeltLoader(), CsvLoader(), JsonlLoader(),
                HtmlLoader(), FeedLoader()):
    if _loader.name not in format_names():
        register_format(_loader)

SUPPORTED_SUFFIXES: frozenset[str] = supported_suffixes()
"""Suffixes of the built-in formats (``supported_suffixes()`` includes later plug-ins)."""

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "AcledLoader",
    "ArticleLoader",
    "ColumnMap",
    "CsvLoader",
    "FeedLoader",
    "FormatLoader",
    "GdeltLoader",
    "HtmlLoader",
    "JsonlLoader",
    "LiveBlogLoader",
    "LoadFailure",
    "choose_format",
    "format_names",
    "get_format",
    "iter_documents",
    "iter_text",
    "load_text",
    "register_format",
    "supported_suffixes",
]
