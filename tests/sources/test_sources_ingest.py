"""Each new kind of source through ``kg ingest`` into a fresh embedded store, read back
through ``kg export``: saved HTML pages, RSS/Atom feeds (and an updated item), ACLED
and GDELT event records, and the same happening corroborated across kinds of source."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.sources.conftest import ACLED_SAMPLE, FIXTURES, SEEDS, Kg, assert_offsets_hold, events_from, \
    sources_of

pytestmark = pytest.mark.e2e

LIVEBLOG = FIXTURES / "liveblog_2022-12-30.html"
ARTICLE = FIXTURES / "article_sanctions.html"
RSS_0900 = FIXTURES / "ukraine_feed_0900.rss"
RSS_1000 = FIXTURES / "ukraine_feed_1000.rss"
ATOM = FIXTURES / "ukraine_updates.atom"
GDELT = FIXTURES / "20221230150000.export.CSV"
DRONES_ITEM = "https://news.example.com/world/ukraine#https://news.example.com/world/2022/dec/30/ukraine-drones-shot-down"
FURNITURE = ("Skip to main content", "Home", "Share on", "Sign up", "Most viewed", "Advertisement",
             "Photograph", "All rights reserved", "By Staff Reporters", "Related:", "dataLayer")


def summary(output: str) -> list[int]:
    """The numbers of ``kg ingest``'s summary table (documents, unchanged, entries, ...)."""
    rows = [line for line in output.splitlines() if line.startswith("│")]
    return [int(cell) for cell in rows[-1].strip("│").split("│")]


def test_saved_live_blog_page_is_one_document_of_timestamped_entries(kg: Kg) -> None:
    kg.ingest(LIVEBLOG)
    export, docs = kg.export(), kg.documents()
    [doc] = docs.values()
    assert doc.source == LIVEBLOG.name and doc.title == "Russia-Ukraine war live: Kyiv targeted by drones overnight"
    assert [e.headline for e in doc.entries] == ["Belarus summons Ukrainian envoy over downed missile",
                                                 "Kyiv says all 16 drones were shot down",
                                                 "Air raid sirens across Ukraine"]
    utc = dt.timezone.utc
    assert [e.published for e in doc.entries] == [dt.datetime(2022, 12, 30, h, m, tzinfo=utc)
                                                  for h, m in ((9, 42), (8, 51), (6, 5))]
    # the text is the extracted main text: references decoded, no markup, no furniture
    assert "Belarus’ foreign ministry said" in doc.text and "<" not in doc.text and "&rsquo;" not in doc.text
    assert not [f for f in FURNITURE if f in doc.text]
    assert "09.42 GMT" not in doc.text  # a stamp is the entry's time, not its text
    second = doc.entries[1]
    assert doc.text[second.start:second.end].startswith("Kyiv says all 16 drones were shot down\n")
    interceptions = [e for e in export["events"] if e["type"] == "intercept"
                     and any(second.start <= v["start"] < second.end for v in e["evidence"])]
    assert interceptions and interceptions[0]["date"] == "2022-12-30"
    assert_offsets_hold(export, docs.values())


def test_saved_article_page_is_one_entry_of_main_text(kg: Kg) -> None:
    kg.ingest(ARTICLE)
    [doc] = kg.documents().values()
    assert doc.title == "EU agrees new sanctions package against Russia"
    assert doc.published == dt.date(2022, 12, 16)
    [entry] = doc.entries
    assert (entry.start, entry.end) == (0, len(doc.text.rstrip("\n")))
    assert doc.text.startswith(doc.title + "\n\n")
    assert "ninth package of sanctions" in doc.text and "nuclear industry" in doc.text
    assert "Related stories" not in doc.text and "Share" not in doc.text and "Home" not in doc.text


def test_feed_items_are_documents_named_by_feed_and_item(kg: Kg) -> None:
    kg.ingest(RSS_0900, ATOM)
    docs = kg.documents()
    assert set(docs) == {
        DRONES_ITEM,
        "https://news.example.com/world/ukraine#https://news.example.com/world/2022/dec/30/xi-visit-moscow-putin",
        "tag:news.example.org,2022:ukraine-updates#tag:news.example.org,2022:entry-4411",
        "tag:news.example.org,2022:ukraine-updates#tag:news.example.org,2022:entry-4407",
    }
    drones = docs[DRONES_ITEM]
    assert drones.text.startswith("Ukraine says it shot down all 16 Russian drones\n\nUkraine’s air force said")
    assert drones.entries[0].published == dt.datetime(2022, 12, 30, 8, 45, tzinfo=dt.timezone.utc)
    belarus = docs["tag:news.example.org,2022:ukraine-updates#tag:news.example.org,2022:entry-4411"]
    # the full content, not the summary; this version was written when it was updated
    assert "near the village of Harbacha" in belarus.text
    assert belarus.published == dt.date(2022, 12, 29)
    assert belarus.entries[0].published == dt.datetime(2022, 12, 30, 11, 20, tzinfo=dt.timezone.utc)
    assert_offsets_hold(kg.export(), docs.values())


def test_updated_feed_item_replaces_its_own_facts(kg: Kg) -> None:
    kg.ingest(RSS_0900)
    before = kg.export()
    old = {e["id"] for e in events_from(before, DRONES_ITEM)}
    kherson = [e for e in events_from(before, DRONES_ITEM) if any("Kherson" in v["text"] for v in e["evidence"])]
    assert kherson, "the first version reports the shelling of Kherson"
    untouched = {e["id"]: e for e in before["events"] if DRONES_ITEM not in sources_of(e, before)}

    output = kg.ingest(RSS_1000)  # a later fetch: one item rewritten, the other unchanged
    after, docs = kg.export(), kg.documents()
    assert len(after["documents"]) == 2 and "Klitschko" in docs[DRONES_ITEM].text
    assert "Kherson" not in docs[DRONES_ITEM].text
    evidence = [v for e in events_from(after, DRONES_ITEM) for v in e["evidence"]]
    assert evidence and not [v for v in evidence if "Kherson" in v["text"]]
    assert kherson[0]["id"] not in {e["id"] for e in after["events"]}
    assert old & {e["id"] for e in after["events"]}, "what the item still says is still there"
    assert untouched == {e["id"]: e for e in after["events"] if e["id"] in untouched}
    assert summary(output)[:2] == [1, 1]  # one document rewritten, the unchanged one skipped
    assert_offsets_hold(after, docs.values())


def test_acled_records_become_typed_events_with_the_record_as_evidence(kg: Kg) -> None:
    kg.ingest(ACLED_SAMPLE)
    export, docs = kg.export(), kg.documents()
    assert len(docs) == 26 and all(s.startswith("acled_ukraine_sample_2022.csv#UKR") for s in docs)
    [event] = events_from(export, "acled_ukraine_sample_2022.csv#UKR86458")
    assert (event["type"], event["date"], event["locations"]) == ("intercept", "2022-12-30", ["kyiv"])
    assert {(p["actor"], p["role"]) for p in event["participants"]} == {
        ("ukrainian_armed_forces", "interceptor"), ("russian_aerospace_forces", "attacker")}
    [evidence] = event["evidence"]
    assert evidence["text"].startswith("Interception: On 30 December 2022, Ukrainian forces shot down five")
    types = {e["type"] for e in export["events"]}
    assert {"strike", "intercept", "other"} <= types  # shelling, disrupted weapons, armed clash
    assert_offsets_hold(export, docs.values())


def test_gdelt_records_become_typed_events(kg: Kg) -> None:
    kg.ingest(GDELT)
    export, docs = kg.export(), kg.documents()
    # the statement-only record (CAMEO 010) has no event type: it is not loaded
    assert sorted(docs) == [f"{GDELT.name}#107623450{n}" for n in (1, 2, 4, 5)]

    def event(n: int) -> dict:
        [found] = events_from(export, f"{GDELT.name}#107623450{n}")
        return found

    def roles(e: dict) -> set[tuple[str, str]]:
        return {(p["actor"], p["role"]) for p in e["participants"]}

    attack = event(1)
    assert (attack["type"], attack["date"], attack["locations"]) == ("strike", "2022-12-30", ["kyiv"])
    assert roles(attack) == {("russian_armed_forces", "attacker"), ("ukraine", "target")}
    assert (event(2)["type"], event(2)["locations"]) == ("diplomacy", ["moscow"])
    assert roles(event(4)) == {("united_states", "imposer"), ("russia", "sanctioned")}
    assert event(4)["date"] == "2022-12-29"
    assert roles(event(5)) == {("ukrainian_armed_forces", "attacker"), ("russian_armed_forces", "target")}
    assert event(5)["locations"] == ["bakhmut"]
    assert_offsets_hold(export, docs.values())


def test_acled_interception_corroborates_the_seeds_interception(kg: Kg) -> None:
    """Acceptance: UKR86458 (2022-12-30, Shahed drones downed over Kyiv) and the seed live
    blogs' interception of the same night are one event with evidence from both kinds of source."""
    kg.ingest(ACLED_SAMPLE, *SEEDS)
    export = kg.export()
    acled = "acled_ukraine_sample_2022.csv#UKR86458"
    [event] = events_from(export, acled)
    assert (event["type"], event["date"]) == ("intercept", "2022-12-30")
    seeds = {p.name for p in SEEDS}
    assert sources_of(event, export) & seeds, "a seed live blog supports the ACLED event"
    assert event["sources"] >= 2
    same_night = [e for e in export["events"] if e["type"] == "intercept" and e["date"] == "2022-12-30"
                  and sources_of(e, export) & seeds]
    assert [e["id"] for e in same_night] == [event["id"]], "no separate seed-only event for that night"
    assert_offsets_hold(export, kg.documents().values())


def test_acled_interception_corroborates_a_saved_live_blog_page(kg: Kg) -> None:
    kg.ingest(FIXTURES / "acled_excerpt_2022.csv", LIVEBLOG)
    export = kg.export()
    [event] = events_from(export, "acled_excerpt_2022.csv#UKR86458")
    assert sources_of(event, export) == {"acled_excerpt_2022.csv#UKR86458", LIVEBLOG.name}
