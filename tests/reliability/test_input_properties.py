"""Property-based (hypothesis, bounded): the loaders never raise on any text or bytes,
and the extractor never raises on news-like text with noise, with every evidence span
inside the text and equal to it (``text == doc.text[start:end]``)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Document, DocumentGraph
from kg.rows import graph_rows
from loaders import LoadFailure, iter_documents, iter_text, load_text

pytestmark = pytest.mark.unit

# Deterministic (derandomize) and bounded; KG_HYPOTHESIS_EXAMPLES=1500 hunts harder.
BOUNDED = settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "50")), deadline=None,
                   database=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = [".txt", ".csv", ".jsonl", ".ndjson", ".html", ".xml", ".rss", ".md", ""]

# Any code point, lone surrogates included: what a decoded request body may hold.
any_text = st.text(st.characters(codec=None, categories=None), max_size=400)
newsy_noise = st.text(st.sampled_from(list("abc XYZ.,;:!?'\"“”’—-\n\n\t\xa0()[]<>&#%0123456789"
                                           "КиївУкраїна北约🇺🇦\x07\x0c")), max_size=80)


def _check_document(doc: Document) -> None:
    assert doc.content_hash == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    previous_end = 0
    for entry in doc.entries:
        assert 0 <= entry.start <= entry.end <= len(doc.text)
        assert entry.start >= previous_end  # in order, never overlapping
        previous_end = entry.end


def _check_items(items: list, name: str) -> None:
    for item in items:
        assert isinstance(item, (Document, LoadFailure))
        if isinstance(item, Document):
            _check_document(item)
        else:
            assert isinstance(item.error, InputError) and "\n" not in item.problem


# --- loaders ---------------------------------------------------------------------------


@BOUNDED
@given(text=any_text | newsy_noise, suffix=st.sampled_from(SUFFIXES))
def test_iter_text_never_raises(text: str, suffix: str) -> None:
    _check_items(list(iter_text(f"posted{suffix}", text)), f"posted{suffix}")


@BOUNDED
@given(text=any_text | newsy_noise)
def test_load_text_raises_only_input_errors(text: str) -> None:
    try:
        _check_document(load_text("posted.txt", text))
    except InputError:
        pass


@BOUNDED
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_iter_documents_never_raises_on_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_documents([path]))
        _check_items(items, path.name)
        for item in items:
            if isinstance(item, LoadFailure):
                assert Path(item.path.split("#")[0]).name == path.name


cells = st.text(st.characters(codec="utf-8", categories=None, exclude_characters="\x00"), max_size=60)


@BOUNDED
@given(header=st.lists(cells, min_size=1, max_size=4), rows=st.lists(st.lists(cells, max_size=5),
                                                                     max_size=6))
def test_any_csv_table_loads_or_fails_row_by_row(header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    items = list(iter_text("table.csv", buffer.getvalue()))
    _check_items(items, "table.csv")
    cell_texts = {c for row in rows for c in row}
    assert all(d.text in cell_texts for d in items if isinstance(d, Document))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | cells,
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(cells, inner, max_size=3), max_leaves=8)


@BOUNDED
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "title", "url", "date", "x"]),
                                        json_values, max_size=5) | json_values, max_size=5),
       garbage=st.lists(cells, max_size=2))
def test_any_json_lines_load_or_fail_line_by_line(records: list, garbage: list[str]) -> None:
    lines = [json.dumps(r) for r in records] + garbage
    _check_items(list(iter_text("table.jsonl", "\n".join(lines))), "table.jsonl")


# --- the extractor ------------------------------------------------------------------------

ACTORS = ["Russia", "Ukraine", "Volodymyr Zelensky", "Vladimir Putin", "Nato", "the Kremlin",
          "Dmytro Kuleba", "the US", "Germany", "Ukraine's military", "Russian forces", "he",
          "Kremlin spokesman Dmitry Peskov", "the EU", "Belarus", "Turkey"]
PLACES = ["Kyiv", "Kiev", "Kharkiv", "Odesa", "Bakhmut", "the Donetsk region", "Crimea",
          "Belgorod", "Moscow", "Brest", "Zaporizhzhia nuclear power plant"]
DAYS = ["on Monday", "on 24 February", "overnight", "last week", "on 30 December 2022", ""]
TEMPLATES = [
    "{a} launched {n} missiles at {p} {d}.",
    "{a} said {d} that “{q}”",
    '"{q}," {a} said.',
    "{a} imposed sanctions on {b} {d}.",
    "{a} pledged ${n}bn in military aid to {b}.",
    "Air defences shot down {n} drones over {p} {d}, {a} said.",
    "{a} met {b} in {p} {d}.",
    "{n} people were killed in {p} when shelling hit a market, the governor said.",
    "{a} accused {b} of war crimes in {p}.",
    "According to {a}, {b} is preparing an offensive near {p}.",
]
QUOTES = ["We will never surrender", "Not a single inch of land will be given up",
          "This is an incident that causes extreme concern", "Russia must withdraw"]


@st.composite
def news_sentence(draw) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    return template.format(a=draw(st.sampled_from(ACTORS)), b=draw(st.sampled_from(ACTORS)),
                           p=draw(st.sampled_from(PLACES)), d=draw(st.sampled_from(DAYS)),
                           q=draw(st.sampled_from(QUOTES)),
                           n=draw(st.sampled_from(["3", "12", "54", "two", "dozens of"])))


@st.composite
def news_text(draw) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append("Live blog: " + draw(news_sentence()))
        parts.append(draw(st.sampled_from(["Friday, December 30, 2022", "24 Feb 2022", ""])))
    for _ in range(draw(st.integers(1, 5))):  # entries
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(["14:05", "15h ago23.13", "24 Feb 202223.44"])))
        parts.append(draw(news_sentence()).rstrip(".") + " headline")
        body = [draw(news_sentence() | newsy_noise) for _ in range(draw(st.integers(1, 4)))]
        parts.append(" ".join(body))
    return "\n\n".join(parts)


def _check_evidence(graph: DocumentGraph, doc: Document) -> None:
    entries = {e.id: e for e in doc.entries}
    for fact in (*graph.events, *graph.statements):
        for ev in fact.evidence:
            assert ev.document == doc.id
            assert 0 <= ev.start <= ev.end <= len(doc.text)
            assert ev.text == doc.text[ev.start:ev.end]
            if ev.entry is not None and ev.entry in entries:
                entry = entries[ev.entry]
                assert entry.start <= ev.start and ev.end <= entry.end


@pytest.fixture(scope="module")
def extract():
    from loaders.extraction import get_extractor

    return get_extractor("rules")


@settings(BOUNDED, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=news_text(), suffix=st.sampled_from([".txt", ".html"]))
def test_extractor_never_raises_and_evidence_quotes_the_text(extract, text: str, suffix: str) -> None:
    try:
        doc = load_text(f"generated{suffix}", text)
    except InputError:
        return  # e.g. nothing but furniture: a load failure, reported like any other
    graph = extract(doc)
    event(f"facts extracted: {bool(graph.events or graph.statements)}")  # --hypothesis-show-statistics
    assert graph.document == doc
    _check_evidence(graph, doc)
    graph_rows(graph)  # self-contained: every actor and place a fact names is in the graph
