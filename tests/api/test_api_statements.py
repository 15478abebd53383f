"""/statements and /statements/about-summary: who said what about whom."""

from __future__ import annotations

import pytest
from api_fixture_graphs import A, B
from api_support import get_all

pytestmark = [pytest.mark.contract, pytest.mark.anyio]

TEXTS = {A.id: A.document.text, B.id: B.document.text}


async def test_every_statement_by_putin_and_whom_it_is_about(client):
    items = await get_all(client, "/statements", speaker="vladimir_putin")
    about = {s["id"]: [a["id"] for a in s["about"]] for s in items}
    assert about == {"st_putin_military": ["china", "xi_jinping"], "st_putin_never": ["russia"]}
    for s in items:
        assert s["speaker"] == {"id": "vladimir_putin", "name": "Vladimir Putin"}
        for ev in s["evidence"]:
            assert TEXTS[ev["document"]][ev["start"]:ev["end"]] == ev["text"]
            assert ev["entry"].startswith(ev["document"])


async def test_who_talked_about_russia_with_counts(client):
    r = await client.get("/statements/about-summary", params={"about": "russia"})
    assert r.status_code == 200
    summary = r.json()
    assert summary["about"] == {"id": "russia", "name": "Russia"}
    assert summary["statements"] == 6
    rows = [((row["actor"] or {}).get("id"), row["statements"]) for row in summary["items"]]
    # Most statements first; the unattributed one (null actor) after named speakers.
    assert rows == [("dmytro_kuleba", 2), ("ioc", 1), ("recep_tayyip_erdogan", 1),
                    ("vladimir_putin", 1), (None, 1)]
    assert summary["items"][0]["stances"] == {"critical": 1, "demanding": 1}


async def test_whom_putin_talks_about(client):
    summary = (await client.get("/statements/about-summary",
                                params={"speaker": "vladimir_putin"})).json()
    assert summary["statements"] == 2
    assert {row["actor"]["id"]: row["stances"] for row in summary["items"]} == {
        "china": {"supportive": 1}, "russia": {"threatening": 1}, "xi_jinping": {"supportive": 1}}


@pytest.mark.parametrize("params", [{}, {"speaker": "vladimir_putin", "about": "russia"}])
async def test_summary_needs_exactly_one_actor(client, params):
    r = await client.get("/statements/about-summary", params=params)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_summary_of_unknown_actor_is_404(client):
    r = await client.get("/statements/about-summary", params={"about": "atlantis"})
    assert r.status_code == 404


@pytest.mark.parametrize(("params", "expected"), [
    ({"about": "ukraine"}, {"st_xi_road", "st_stoltenberg_win", "st_erdogan_talks"}),
    ({"stance": "demanding"}, {"st_kuleba_borders", "st_ioc_sanctions"}),
    ({"about": "russia", "date_from": "2022-12-30"},  # Erdoğan's is undated
     {"st_putin_never", "st_kuleba_borders", "st_kuleba_democracy", "st_ioc_sanctions",
      "st_unattributed"}),
    ({"speaker": "xi_jinping", "about": "russia"}, set()),
])
async def test_statement_filters(client, params, expected):
    assert {s["id"] for s in await get_all(client, "/statements", **params)} == expected


async def test_statement_pages_cover_all_nine(client):
    one_by_one = [s["id"] for s in await get_all(client, "/statements", limit=1)]
    assert len(one_by_one) == len(set(one_by_one)) == 9
    assert one_by_one == [s["id"] for s in await get_all(client, "/statements", limit=50)]
