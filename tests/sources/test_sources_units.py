"""The pieces of the new source formats: record rendering, format detection, ACLED and
GDELT mapping rules, live-blog entry detection in HTML, feed parsing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ids import document_id
from kg.model import Document, EventType
from loaders import LoadFailure, choose_format, iter_documents, iter_text
from loaders.acled import acled_types, resolve_actor
from loaders.gdelt import cameo_types
from loaders.html import HtmlLoader, fragment_text
from loaders.structured import DatasetExtractor, Lookup, dataset_of, read_record, record_document
from tests.sources.conftest import ACLED_SAMPLE, FIXTURES

pytestmark = pytest.mark.unit

EXCERPT = FIXTURES / "acled_excerpt_2022.csv"
GDELT = FIXTURES / "20221230150000.export.CSV"


def docs_of(*paths) -> list[Document]:
    items = list(iter_documents(paths))
    assert not [i for i in items if isinstance(i, LoadFailure)]
    return items


# -- dataset records ---------------------------------------------------------------------

_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True)
_values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(st.dictionaries(_names, _values, max_size=8))
def test_a_rendered_record_reads_back_with_offsets_into_its_text(fields: dict[str, str]) -> None:
    # a value is kept as written, but for its line breaks (one space) and its outer whitespace
    flat = {k: re.sub(r"\s*[\r\n]+\s*", " ", v).strip() for k, v in fields.items()}
    expected = {k: v for k, v in flat.items() if v}
    if not expected:
        return
    doc = record_document("data.csv", "TEST", "R1", list(fields.items()))
    record = read_record(doc)
    assert record is not None and (record.dataset, record.record_id) == ("TEST", "R1")
    for name, value in expected.items():
        start, end = record.span(name)
        assert doc.text[start:end] == record.get(name) == value
    entry = doc.entries[0]
    assert doc.text[entry.start:entry.end] == doc.text[record.body[0]:record.body[1]]


def test_only_a_record_named_by_its_source_is_read_as_one() -> None:
    [doc] = [d for d in docs_of(EXCERPT) if d.source.endswith("#UKR86458")]
    assert dataset_of(doc) == "ACLED"
    news = doc.model_copy(update={"source": "blog.txt", "id": document_id("blog.txt")})
    assert read_record(news) is None and dataset_of(news) is None


def test_crosswalk_is_read_in_both_directions() -> None:
    assert acled_types()[("Strategic developments", "Disrupted weapons use")] is EventType.INTERCEPT
    assert acled_types()[("Explosions/Remote violence", "Air/drone strike")] is EventType.STRIKE
    codes = cameo_types()
    # 19 is listed first by both strike and intercept: the type listed first wins;
    # 06 is listed first by trade but second by aid: the closer listing wins
    assert (codes["19"], codes["16"], codes["06"], codes["04"]) == (
        EventType.STRIKE, EventType.SANCTION, EventType.TRADE, EventType.DIPLOMACY)
    assert "01" not in codes  # a comment is no event of ours


# -- format detection ---------------------------------------------------------------------

def test_csv_exports_are_told_apart_by_their_columns() -> None:
    assert choose_format(EXCERPT.name, EXCERPT.read_text()).name == "acled"
    assert choose_format(GDELT.name, GDELT.read_text()).name == "gdelt"
    table = "Date,Heading,Article Url,Text\n2022-12-30,Title,https://x.example/a,Some text.\n"
    assert choose_format("articles.csv", table).name == "csv"
    assert choose_format("feed.xml", (FIXTURES / "ukraine_updates.atom").read_text()).name == "feed"


# -- ACLED -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "actor"), [
    ("Military Forces of Ukraine (2019-)", "ukrainian_armed_forces"),
    ("Military Forces of Russia (2000-)", "russian_armed_forces"),
    ("Military Forces of Russia (2000-) Air Force", "russian_aerospace_forces"),
    ("Government of Russia (2000-)", "russia"),
    ("Civilians (Ukraine)", "ukrainian_civilians"),
    ("Unidentified Armed Group (Ukraine)", "ukrainian_unidentified_armed_group"),
    ("Police Forces of Ukraine (2019-)", "ukrainian_police"),
    ("Wagner Group", "wagner_group"),
])
def test_acled_actor_names_map_to_actor_ids(name: str, actor: str) -> None:
    lookup = Lookup()
    assert resolve_actor(name, lookup) == actor
    assert name in lookup.actor_records()[0].aliases


def test_acled_places_resolve_within_the_records_region() -> None:
    lookup = Lookup()
    assert lookup.place("Kyiv", iso="UA", kinds=("region", "city", "other")) == "kyiv_oblast"
    assert lookup.place("Kyiv City", iso="UA", kinds=("region", "city", "other")) == "kyiv"
    # ACLED's Rubizhne in Kharkiv region is a village, not the city of Luhansk region
    assert lookup.place("Rubizhne", iso="UA", kinds=("city",), within="kharkiv_oblast") is None
    assert lookup.place("Rubizhne", iso="UA", kinds=("city",), within="luhansk_oblast") == "rubizhne"


def _graph(doc: Document):
    return DatasetExtractor("ACLED")(doc)


def test_acled_record_dated_only_to_its_month_is_not_merged_by_day() -> None:
    text = EXCERPT.read_text()
    header, *rows = text.splitlines()
    [row] = [r for r in rows if ",UKR86458," in r]
    vague = row.replace(",UKR86458,", ",UKR00001,").replace(",2022,1,Strategic", ",2022,3,Strategic")
    assert vague != row
    docs = [d for d in iter_text("acled.csv", "\n".join([header, row, vague]) + "\n") if isinstance(d, Document)]
    exact, monthly = (_graph(d).events[0] for d in docs)
    assert exact.type == monthly.type == EventType.INTERCEPT and exact.date == monthly.date
    assert exact.participants == monthly.participants and exact.id != monthly.id


def test_acled_bad_rows_are_reported_and_the_others_load() -> None:
    header, *rows = EXCERPT.read_text().splitlines()
    items = list(iter_text("acled.csv", "\n".join([header, rows[0], rows[0], "x,y"]) + "\n"))
    assert [type(i).__name__ for i in items] == ["Document", "LoadFailure", "LoadFailure"]
    assert "duplicate" in items[1].problem and "acled.csv#" in items[1].path


def test_every_acled_sample_record_maps_to_one_event() -> None:
    docs = docs_of(ACLED_SAMPLE)
    graphs = [_graph(d) for d in docs]
    assert len(graphs) == 26 and all(len(g.events) == 1 for g in graphs)
    for g in graphs:
        for ev in g.events:
            assert all(g.document.text[e.start:e.end] == e.text for e in ev.evidence)


# -- GDELT --------------------------------------------------------------------------------------

def test_gdelt_lines_that_are_not_records_are_reported() -> None:
    good = GDELT.read_text().splitlines()[0]
    items = list(iter_text(GDELT.name, good + "\n" + "not\ta\trecord\n", fmt="gdelt"))
    assert isinstance(items[0], Document) and isinstance(items[1], LoadFailure)
    assert items[1].path == f"{GDELT.name}#2" and "61" in items[1].problem


def test_gdelt_record_is_reported_when_gdelt_added_it() -> None:
    doc = docs_of(GDELT)[0]
    assert doc.entries[0].published == dt.datetime(2022, 12, 30, 15, 0, tzinfo=dt.timezone.utc)


# -- HTML and feeds ---------------------------------------------------------------------------

PAGE = """<html><head><title>T</title></head><body>
<header><time datetime="2022-12-30">30 December</time></header>
<main><div id="posts">
 <article><time datetime="2022-12-30T10:00:00Z">10.00</time><h3>Second post</h3><p>Second body.</p></article>
 <article><time datetime="2022-12-30T09:00:00Z">09.00</time><h3>First post</h3><p>First <b>body</b>
   text.</p><div class="social-share">Share</div></article>
</div></main></body></html>"""


def test_posts_are_the_timestamped_siblings_not_the_page_header() -> None:
    [doc] = HtmlLoader().parse("page.html", PAGE)
    assert [e.headline for e in doc.entries] == ["Second post", "First post"]
    assert [doc.text[e.start:e.end] for e in doc.entries] == ["Second post\nSecond body.",
                                                              "First post\nFirst body text."]


def test_fragment_text_keeps_blocks_as_lines() -> None:
    assert fragment_text("<p>One &amp; two</p><ul><li>three</li><li>four</li></ul>") == \
        "One & two\nthree\nfour"


def test_unreadable_feed_is_one_failure() -> None:
    [failure] = list(iter_text("broken.rss", "<rss><channel><item>unclosed"))
    assert isinstance(failure, LoadFailure) and "broken.rss" in failure.problem
