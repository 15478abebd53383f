"""/events: filters, paging, detail, evidence."""

from __future__ import annotations

import pytest
from api_fixture_graphs import (DIPLOMACY, INTERCEPT, SANCTION, STRIKE_KHERSON, STRIKE_KYIV,
                                STRIKE_ODESA, A, B)
from api_support import get_all

pytestmark = [pytest.mark.contract, pytest.mark.anyio]

ALL_EVENTS = {STRIKE_KYIV, STRIKE_ODESA, STRIKE_KHERSON, INTERCEPT, DIPLOMACY, SANCTION}
TEXTS = {A.id: A.document.text, B.id: B.document.text}


async def ids(client, **params) -> set[str]:
    return {e["id"] for e in await get_all(client, "/events", **params)}


async def test_all_strikes_on_29_december_with_evidence(client):
    items = await get_all(client, "/events", type="strike", date_from="2022-12-29",
                          date_to="2022-12-29")
    # Kherson was shelled on the 28th; the intercept on the 29th is not a strike.
    assert {e["id"] for e in items} == {STRIKE_KYIV, STRIKE_ODESA}
    for event in items:
        assert event["evidence"], event["id"]
        for ev in event["evidence"]:
            assert ev["entry"] is not None
            assert TEXTS[ev["document"]][ev["start"]:ev["end"]] == ev["text"]


async def test_corroborated_strike_carries_both_documents(client):
    r = await client.get(f"/events/{STRIKE_KYIV}")
    assert r.status_code == 200
    event = r.json()
    assert event["sources"] == 2
    assert {e["document"] for e in event["evidence"]} == {A.id, B.id}
    assert event["participants"] == [
        {"actor": "russia", "name": "Russia", "role": "attacker"},
        {"actor": "ukraine", "name": "Ukraine", "role": "target"}]
    assert event["locations"] == [{"id": "kyiv", "name": "Kyiv", "lat": 50.4501, "lon": 30.5234}]
    assert event["quantities"] == {"missiles": 69.0}


async def test_min_sources_keeps_events_reported_by_two_documents(client):
    assert await ids(client, min_sources=2) == {STRIKE_KYIV, DIPLOMACY}
    assert await ids(client, min_sources=1) == ALL_EVENTS
    assert await ids(client, min_sources=3) == set()


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "sanction"}, {SANCTION}),
    ({"actor": "russia"}, {STRIKE_KYIV, STRIKE_ODESA, STRIKE_KHERSON, INTERCEPT, SANCTION}),
    ({"actor": "russia", "role": "sanctioned"}, {SANCTION}),
    ({"actor": "ukraine", "role": "target"}, {STRIKE_KYIV, STRIKE_ODESA}),
    ({"location": "kyiv"}, {STRIKE_KYIV, INTERCEPT}),
    ({"date_from": "2022-12-30"}, {DIPLOMACY}),  # undated sanction: outside any range
    ({"date_to": "2022-12-28"}, {STRIKE_KHERSON}),
    ({"type": "strike", "location": "odesa", "min_sources": 2}, set()),
])
async def test_filters(client, params, expected):
    assert await ids(client, **params) == expected


async def test_pages_are_stable_and_cover_everything_once(client):
    first = await client.get("/events", params={"limit": 4})
    assert first.json()["next"] == 4
    pages = [e["id"] for e in await get_all(client, "/events", limit=4)]
    again = [e["id"] for e in await get_all(client, "/events", limit=1)]
    assert pages == again
    assert sorted(pages) == sorted(ALL_EVENTS)
    last = await client.get("/events", params={"limit": 4, "offset": 4})
    assert last.json()["next"] is None and len(last.json()["items"]) == 2


async def test_paging_with_min_sources_reports_total(client):
    page = (await client.get("/events", params={"min_sources": 2, "limit": 1})).json()
    assert page["total"] == 2 and page["next"] == 1 and len(page["items"]) == 1


async def test_unknown_event_is_a_404_problem(client):
    r = await client.get("/events/ev_nope")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404


@pytest.mark.parametrize("params", [
    {"role": "target"},  # a role needs an actor
    {"limit": 51},  # above page_size_max (50 in these tests)
    {"limit": 0},
    {"type": "bombing"},
    {"date_from": "29/12/2022"},
    {"min_sources": 0},
])
async def test_bad_parameters_are_422_problems(client, params):
    r = await client.get("/events", params=params)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
