"""/actors: alias search, detail counts, timeline."""

from __future__ import annotations

import pytest
from api_fixture_graphs import DIPLOMACY
from api_support import get_all

pytestmark = [pytest.mark.contract, pytest.mark.anyio]


async def search(client, q: str, **params) -> list[str]:
    return [a["id"] for a in await get_all(client, "/actors", q=q, **params)]


@pytest.mark.parametrize(("q", "expected"), [
    ("Kiev", ["ukraine"]),  # an alias, not the name
    ("kyiv", ["ukraine"]),
    ("ERDOGAN", ["recep_tayyip_erdogan"]),  # the alias is written Erdoğan
    ("erdoğan", ["recep_tayyip_erdogan"]),
    ("IOC", ["ioc"]),
    ("olympic", ["ioc"]),
    ("zelenskiy", ["volodymyr_zelenskyy"]),  # a romanisation variant of the alias
    ("Zelensky", ["volodymyr_zelenskyy"]),
    ("nobody at all", []),
])
async def test_search_matches_any_alias_ignoring_case_and_accents(client, q, expected):
    assert await search(client, q) == expected


async def test_prefix_matches_rank_before_inner_matches(client):
    # "in" starts "International Olympic Committee" and occurs inside China, Xi Jinping...
    found = await search(client, "in")
    assert found[0] == "ioc"
    assert {"china", "xi_jinping", "vladimir_putin"} <= set(found[1:])
    assert found[1:] == sorted(found[1:])  # the rest in id order


async def test_search_with_type_filter(client):
    assert await search(client, "russia", type="person") == []
    assert await search(client, "russia", type="country") == ["russia"]


async def test_list_without_query_pages_every_actor(client):
    items = await get_all(client, "/actors", limit=3)
    assert len(items) == 11 and len({a["id"] for a in items}) == 11
    assert all(a["events"] is None for a in items)  # counts are for the detail view


async def test_actor_in_no_fact_has_zero_counts(client):
    zelenskyy = (await client.get("/actors/volodymyr_zelenskyy")).json()
    assert (zelenskyy["events"], zelenskyy["statements"], zelenskyy["mentioned_in"]) == (0, 0, 0)
    r = await client.get("/network/ego/volodymyr_zelenskyy", params={"depth": 2})
    assert r.json()["nodes"] == [{"id": "volodymyr_zelenskyy", "name": "Volodymyr Zelenskyy",
                                  "type": "person", "distance": 0}]
    assert r.json()["edges"] == []


async def test_detail_counts_events_statements_and_mentions(client):
    r = await client.get("/actors/vladimir_putin")
    assert r.status_code == 200
    putin = r.json()
    assert putin["aliases"] == ["Putin", "Vladimir Putin"]
    assert (putin["type"], putin["role"], putin["affiliation"]) == ("person", "President", "russia")
    # one call with Xi; two statements of his own; Stoltenberg talks about him once.
    assert (putin["events"], putin["statements"], putin["mentioned_in"]) == (1, 2, 1)


async def test_unknown_actor_is_404(client):
    for url in ("/actors/nobody", "/actors/nobody/timeline"):
        r = await client.get(url)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/problem+json")


async def test_timeline_orders_by_date_with_undated_last(client):
    items = await get_all(client, "/actors/russia/timeline", limit=4)
    dates = [i["date"] for i in items]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated)
    assert dates[-len(dates) + len(dated):] == [None] * (len(dates) - len(dated))
    kinds = {(i["kind"], (i["event"] or i["statement"])["id"]) for i in items}
    # Russia: 5 events (3 strikes, intercept, sanction) and 6 statements about it.
    assert sum(k == "event" for k, _ in kinds) == 5
    assert sum(k == "statement" for k, _ in kinds) == 6
    assert items[0]["date"] == "2022-12-28"  # Kherson


async def test_timeline_date_window(client):
    items = await get_all(client, "/actors/xi_jinping/timeline", date_from="2022-12-30",
                          date_to="2022-12-30")
    ids = {(i["event"] or i["statement"])["id"] for i in items}
    assert ids == {DIPLOMACY, "st_xi_road", "st_putin_military"}
