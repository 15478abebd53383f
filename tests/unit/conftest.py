"""Unit-test fixtures shared by the extraction tests: one spaCy pipeline per session
and a way to build small documents out of entry texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kg.ids import content_hash, document_id, entry_id
from kg.model import Document, Entry

DEFAULT_DAY = dt.date(2022, 12, 30)


@pytest.fixture(scope="session")
def nlp():
    """The product's spaCy pipeline (loaded once: it takes seconds)."""
    from loaders.extraction.pipeline import load_nlp

    return load_nlp()


def build_document(texts: list[str], day: dt.date = DEFAULT_DAY, name: str = "test.txt") -> Document:
    """A document whose entries are ``texts``, one per line."""
    doc_id = document_id(name)
    text = "\n".join(texts)
    entries, pos = [], 0
    for i, part in enumerate(texts):
        entries.append(Entry(id=entry_id(doc_id, i), document=doc_id, index=i, headline=part.split("\n")[0],
                             published=day, start=pos, end=pos + len(part)))
        pos += len(part) + 1
    return Document(id=doc_id, source=name, published=day, text=text, content_hash=content_hash(text),
                    entries=tuple(entries))


@pytest.fixture
def make_document() -> Callable[..., Document]:
    return build_document
