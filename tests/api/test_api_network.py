"""/network/*: interaction edges, ego networks, paths, centrality, communities."""

from __future__ import annotations

import pytest
from api_fixture_graphs import DIPLOMACY, INTERCEPT, SANCTION, STRIKE_KHERSON, STRIKE_KYIV, STRIKE_ODESA

pytestmark = [pytest.mark.contract, pytest.mark.anyio]


def edge(network: dict, source: str, target: str, kind: str, event_type: str | None = None) -> dict:
    found = [e for e in network["edges"] if (e["source"], e["target"], e["kind"], e["event_type"])
             == (source, target, kind, event_type)]
    assert len(found) == 1, (source, target, kind, event_type, network["edges"])
    return found[0]


async def network(client, url: str = "/network/actors", **params) -> dict:
    r = await client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def test_event_edges_point_from_the_acting_role(client):
    net = await network(client)
    strikes = edge(net, "russia", "ukraine", "event", "strike")
    # Kyiv and Odesa: Kherson had no named target, so it adds no Russia-Ukraine pair.
    assert (strikes["directed"], strikes["weight"]) == (True, 2)
    assert strikes["facts"] == sorted([STRIKE_KYIV, STRIKE_ODESA])
    assert edge(net, "ukrainian_air_force", "russia", "event", "intercept")["facts"] == [INTERCEPT]
    assert edge(net, "ioc", "russia", "event", "sanction")["facts"] == [SANCTION]
    call = edge(net, "vladimir_putin", "xi_jinping", "event", "diplomacy")
    assert (call["directed"], call["facts"]) == (False, [DIPLOMACY])
    assert not [e for e in net["edges"] if e["source"] == "ukraine" and e["target"] == "russia"]
    assert STRIKE_KHERSON not in {f for e in net["edges"] for f in e["facts"]}


async def test_statement_edges_run_speaker_to_subject_with_stances(client):
    net = await network(client)
    kuleba = edge(net, "dmytro_kuleba", "russia", "statement")
    assert (kuleba["weight"], kuleba["stances"]) == (2, {"critical": 1, "demanding": 1})
    assert edge(net, "vladimir_putin", "xi_jinping", "statement")["facts"] == ["st_putin_military"]
    without = await network(client, statements=False)
    assert {e["kind"] for e in without["edges"]} == {"event"}


async def test_date_window_drops_facts_outside_it(client):
    net = await network(client, date_from="2022-12-29", date_to="2022-12-29")
    assert {n["id"] for n in net["nodes"]} == {"russia", "ukraine", "ukrainian_air_force"}
    assert {f for e in net["edges"] for f in e["facts"]} == {STRIKE_KYIV, STRIKE_ODESA, INTERCEPT}


async def test_actors_within_two_hops_of_xi_jinping(client):
    ego = await network(client, "/network/ego/xi_jinping", depth=2)
    distances = {n["id"]: n["distance"] for n in ego["nodes"]}
    # Xi - Putin (the call, Putin's remark) and Xi -> Ukraine (his remark); then Putin's
    # China and Russia, Stoltenberg (about Putin and Ukraine), Erdoğan and Russia (Ukraine).
    assert distances == {"xi_jinping": 0, "vladimir_putin": 1, "ukraine": 1, "china": 2,
                         "russia": 2, "jens_stoltenberg": 2, "recep_tayyip_erdogan": 2}
    assert all(e["source"] in distances and e["target"] in distances for e in ego["edges"])
    one = await network(client, "/network/ego/xi_jinping", depth=1)
    assert {n["id"] for n in one["nodes"]} == {"xi_jinping", "vladimir_putin", "ukraine"}


async def test_ego_of_unknown_actor_is_404_and_depth_is_bounded(client):
    assert (await client.get("/network/ego/nobody")).status_code == 404
    assert (await client.get("/network/ego/russia", params={"depth": 9})).status_code == 422


async def test_shortest_path_prefers_the_lowest_ids_among_equals(client):
    net = await network(client, "/network/path", source="dmytro_kuleba", target="xi_jinping")
    # Kuleba -> Russia -> {Ukraine | Putin} -> Xi: both have 3 hops; "ukraine" < "vladimir_putin".
    assert net["path"] == ["dmytro_kuleba", "russia", "ukraine", "xi_jinping"]
    assert [n["distance"] for n in net["nodes"]] == [0, 1, 2, 3]
    steps = {frozenset((a, b)) for a, b in zip(net["path"], net["path"][1:], strict=False)}
    assert {frozenset((e["source"], e["target"])) for e in net["edges"]} == steps


async def test_no_path_is_404(client):
    r = await client.get("/network/path", params={"source": "ioc", "target": "xi_jinping",
                                                  "date_from": "2022-12-29", "date_to": "2022-12-29"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_russia_is_the_most_central_actor(client):
    page = await network(client, "/network/centrality", by="degree")
    rows = page["items"]
    assert page["total"] == 10 and len(rows) == 10
    # Russia meets Ukraine, the air force, the IOC, Putin, Kuleba and Erdoğan.
    assert rows[0]["id"] == "russia" and rows[0]["degree"] == pytest.approx(6 / 9, abs=1e-6)
    assert [r["degree"] for r in rows] == sorted((r["degree"] for r in rows), reverse=True)
    between = await network(client, "/network/centrality", by="betweenness", limit=1)
    assert between["items"][0]["id"] == "russia" and between["next"] == 1


async def test_communities_partition_the_actors(client):
    result = await network(client, "/network/communities")
    members = [m["id"] for c in result["communities"] for m in c["members"]]
    assert sorted(members) == sorted(set(members)) and len(members) == 10
    assert [c["size"] for c in result["communities"]] == sorted(
        (c["size"] for c in result["communities"]), reverse=True)
    assert result["modularity"] is not None and -0.5 <= result["modularity"] <= 1
