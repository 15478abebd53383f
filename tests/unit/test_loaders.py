"""Live-blog and article segmentation: seeds, Guardian extracts, synthetic layouts, and a
property test that no text can break the loader."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import ids
from kg.errors import InputError
from kg.model import Document
from loaders import LoadFailure, iter_documents, load_text

pytestmark = pytest.mark.unit

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GUARDIAN = SHARED / "corpus" / "guardian"
GOLD = SHARED / "eval" / "gold" / "001_d8959e5b48742248.json"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared corpus not available")


def load_one(path: Path) -> Document:
    (item,) = list(iter_documents([path]))
    assert not isinstance(item, LoadFailure), item
    return item


def assert_well_formed(doc: Document) -> None:
    """Entries in order, inside the text, tiling it from the first entry to the end."""
    assert doc.entries, "no entries"
    for i, e in enumerate(doc.entries):
        assert 0 <= e.start < e.end <= len(doc.text)
        assert e.index == i and e.id == ids.entry_id(doc.id, i)
        assert e.content_hash == ids.content_hash(doc.text[e.start:e.end])
        if e.headline is not None:
            assert doc.text.startswith(e.headline, e.start) or e.headline in doc.text[e.start:e.end]
    for a, b in zip(doc.entries, doc.entries[1:]):
        assert a.end == b.start
    assert doc.entries[-1].end == len(doc.text)


# -- the Independent-style seed, against its gold annotation -------------------------------

@needs_shared
def test_independent_seed_matches_gold_entries() -> None:
    doc = load_one(SEEDS / "001_d8959e5b48742248.txt")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert [e.headline for e in doc.entries] == [g["headline"] for g in gold["entries"]]
    for entry, g in zip(doc.entries, gold["entries"]):  # each entry's body starts as annotated
        body = doc.text[entry.start + len(entry.headline):entry.end].lstrip()
        assert body.startswith(g["first_words"])
    assert_well_formed(doc)


@needs_shared
def test_independent_seed_header_gives_title_and_date_and_is_no_entry() -> None:
    path = SEEDS / "001_d8959e5b48742248.txt"
    doc = load_one(path)
    assert doc.published == dt.date(2022, 12, 30)
    assert doc.title is not None and doc.title.startswith("Ukraine news – live:")
    first_line_end = doc.text.index("\n")
    assert doc.entries[0].start == first_line_end + 1  # the standfirst opens the first entry
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.id == ids.document_id(path.name) and doc.source == path.name
    assert doc.content_hash == ids.content_hash(doc.text) and doc.ingested_at is None


@needs_shared
def test_independent_seed_link_cards_and_bylines_stay_inside_previous_entry() -> None:
    doc = load_one(SEEDS / "001_d8959e5b48742248.txt")
    headlines = [e.headline for e in doc.entries]
    assert len(headlines) == len(set(headlines))
    repeat = doc.text.rindex("Sarajevo’s agony echoes as Ukraine braces for a dark winter")
    byline = doc.text.index("Beatrice Dupuy, Richard Lardner and Sabina Niksic report:")
    sarajevo = next(e for e in doc.entries if e.headline and e.headline.startswith("Sarajevo"))
    assert sarajevo.start < byline < repeat < sarajevo.end
    assert not any(h and ("report:" in h or h.startswith("Join ")) for h in headlines)


# -- the Al Jazeera-style seed (blank lines between paragraphs; no gold) -------------------

@needs_shared
def test_al_jazeera_seed_entries_skip_title_standfirst_and_furniture() -> None:
    doc = load_one(SEEDS / "000_dc279b932e944bcf.txt")
    headlines = [e.headline or "" for e in doc.entries]
    # eleven headline + paragraph blocks in the page, read by hand
    assert len(headlines) == 11
    assert headlines[0] == "Ukraine vows no territorial concession to Russia"
    assert headlines[-1] == "Russian strikes cause power outages in most of Ukraine"
    # the title line, the dateline and the page furniture are never entries
    furniture = ("Live blog:", "Loading", "READ MORE", "AP Archive", "Friday, December 30",
                 "For live updates", "Route 6")
    assert not any(h.startswith(furniture) for h in headlines)
    assert doc.entries[0].start > doc.text.index("Friday, December 30, 2022")
    assert doc.title == "Live blog: Ukraine vows no territorial concession to Russia"
    assert doc.published == dt.date(2022, 12, 30)  # from the dateline: there is no header
    assert all(e.published == dt.date(2022, 12, 30) for e in doc.entries)
    assert_well_formed(doc)


# -- Guardian extracts ----------------------------------------------------------------------

_ABS_STAMP = re.compile(r"(\d{1,2} [A-Z][a-z]{2} \d{4})(\d\d)\.(\d\d)")


@needs_shared
def test_guardian_liveblog_posts_are_cut_at_their_time_stamps() -> None:
    doc = load_one(GUARDIAN / "guardian_2022-02-24_biden_sanctions_liveblog.txt")
    assert len(doc.entries) == len(_ABS_STAMP.findall(doc.text)) > 2
    for e in doc.entries:
        m = _ABS_STAMP.match(doc.text, e.start)
        assert m, doc.text[e.start:e.start + 30]
        day = dt.datetime.strptime(m[1], "%d %b %Y")
        assert e.published == day.replace(hour=int(m[2]), minute=int(m[3]))
    assert "# date:" not in doc.text[doc.entries[0].start:]
    assert_well_formed(doc)


@needs_shared
def test_guardian_relative_stamps_roll_over_midnight() -> None:
    doc = load_one(GUARDIAN / "guardian_2022-07-02_lysychansk_liveblog.txt")
    assert doc.published == dt.date(2022, 7, 2)
    first, second, last = doc.entries[0], doc.entries[1], doc.entries[-1]
    assert doc.text.startswith("14h ago00.47", first.start)
    assert first.published == dt.datetime(2022, 7, 3, 0, 47)  # posted after 23.13 on the 2nd
    assert second.published == dt.datetime(2022, 7, 2, 23, 13)
    assert last.published == dt.datetime(2022, 7, 2, 15, 15)
    assert_well_formed(doc)


@needs_shared
@pytest.mark.parametrize("name", ["guardian_2022-02-28_kharkiv_rocket_attacks.txt",
                                  "guardian_2022-04-09_johnson_kyiv_arms_pledge.txt",
                                  "guardian_2022-06-30_what_we_know_day127.txt"])
def test_guardian_article_is_one_entry_headed_by_its_title(name: str) -> None:
    doc = load_one(GUARDIAN / name)
    lines = doc.text.split("\n")
    assert lines[0].startswith("# source:") and lines[1].startswith("# date:")
    (entry,) = doc.entries
    assert entry.headline == lines[2] == doc.title
    assert entry.start == len(lines[0]) + len(lines[1]) + 2  # the metadata lines are outside
    assert entry.end == len(doc.text)
    assert doc.published == dt.date.fromisoformat(lines[1].split(":", 1)[1].strip())


# -- synthetic layouts ------------------------------------------------------------------------

BLOG = """\
 date 2023-03-03 Ukraine war – live: latest
Drones hit Odesa port as talks stall
Russian drones struck the port of Odesa overnight, regional officials said on Friday.
Two warehouses were damaged.
Will the grain deal survive the winter?
Negotiators met in Istanbul on Thursday but reached no agreement, diplomats said.
Alice Smith and Bob Jones report:
Drones hit Odesa port as talks stall
Teaser text that repeats the story without a full stop
Poland to send more tanks to Ukraine
Poland will send 14 more tanks, its defence minister said.
Join our new commenting forum
Join thought-provoking conversations and see the replies
"""


def test_synthetic_blog_headlines_link_card_and_question() -> None:
    doc = load_text("blog.txt", BLOG)
    assert [e.headline for e in doc.entries] == [
        "Drones hit Odesa port as talks stall",
        "Will the grain deal survive the winter?",
        "Poland to send more tanks to Ukraine",
    ]
    card = doc.text.index("Teaser text")
    assert doc.entries[1].start < card < doc.entries[1].end
    assert doc.published == dt.date(2023, 3, 3) and doc.title == "Ukraine war – live: latest"
    assert_well_formed(doc)


def test_blank_line_layout_segments_like_compact_layout() -> None:
    spaced = BLOG.replace("\n", "\n\n")
    compact, airy = load_text("a.txt", BLOG), load_text("b.txt", spaced)
    assert [e.headline for e in airy.entries] == [e.headline for e in compact.entries]


def test_crlf_text_keeps_its_offsets() -> None:
    text = BLOG.replace("\n", "\r\n")
    doc = load_text("crlf.txt", text)
    assert doc.text == text
    assert [e.headline for e in doc.entries] == [e.headline for e in load_text("lf.txt", BLOG).entries]
    for e in doc.entries:
        assert doc.text.startswith(e.headline, e.start)


def test_article_with_a_few_subheadings_stays_one_entry() -> None:
    para = "The minister said the plan would be published next week, officials confirmed. " * 3
    text = (f"# date: 2022-05-01\nEurope weighs new energy plan\n\n{para}\n\n{para}\n\n"
            f"What happens next\n\n{para}\n\nWho pays for it\n\n{para}\n")
    doc = load_text("article.txt", text)
    (entry,) = doc.entries
    assert entry.headline == "Europe weighs new energy plan"


def test_fmt_overrides_detection() -> None:
    assert len(load_text("blog.txt", BLOG, fmt="article").entries) == 1
    plain = "Just one paragraph of news text, nothing else to see here today.\n"
    (entry,) = load_text("plain.txt", plain, fmt="liveblog").entries  # falls back to one entry
    assert entry.start == 0 and entry.end == len(plain)


def test_article_title_in_a_date_header_heads_its_entry() -> None:
    text = " date 2023-01-01 Kyiv marks new year under fire\nDrones were shot down over Kyiv.\n"
    doc = load_text("a.txt", text, fmt="article")
    (entry,) = doc.entries
    assert entry.headline == doc.title == "Kyiv marks new year under fire"
    assert entry.start == text.index("Kyiv marks") and entry.end == len(text)
    assert doc.published == dt.date(2023, 1, 1)


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        load_text("x.txt", "Some text here.", fmt="pdf")


# -- property: no text breaks the loader ---------------------------------------------------

_LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", "Loading...", "READ MORE: x", "Friday, December 30, 2022",
                     " date 2022-12-30 Title", "# date: 2022-01-01", "Russia strikes Kyiv again",
                     "Officials said the attack killed two people.", "24 Feb 202223.44Post",
                     "3h ago10.15Post text", "22.56Pinned post"]),
)
_TEXTS = st.one_of(st.text(), st.lists(_LINE, max_size=30).map("\n".join),
                   st.lists(_LINE, max_size=30).map("\r\n".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, fmt=st.sampled_from([None, "liveblog", "article", "csv", "jsonl"]))
def test_load_text_raises_only_input_error_and_spans_stay_inside(text: str, fmt: str | None) -> None:
    try:
        doc = load_text("prop.txt", text, fmt=fmt)
    except InputError:
        return
    if fmt not in ("csv", "jsonl"):  # a table's document is one record of it
        assert doc.text == text
    previous_end = 0
    for e in doc.entries:
        assert 0 <= e.start <= e.end <= len(doc.text)
        assert e.start >= previous_end
        previous_end = e.end
        if e.headline is not None:
            assert e.headline in doc.text[e.start:e.end]
