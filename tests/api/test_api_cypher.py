"""POST /cypher: read-only queries in the store's dialect, row cap and time limit."""

from __future__ import annotations

import pytest
from api_support import client_for, make_settings

from api import create_app
from kg.stores import open_store

pytestmark = [pytest.mark.contract, pytest.mark.anyio]


async def cypher(client, query: str, **params):
    return await client.post("/cypher", json={"query": query, "params": params})


async def test_parameterised_read(client):
    r = await cypher(client, "MATCH (a:Actor) WHERE a.id = $id RETURN a.name AS name",
                     id="vladimir_putin")
    assert r.status_code == 200
    assert r.json() == {"rows": [{"name": "Vladimir Putin"}], "truncated": False}


async def test_query_common_to_both_dialects(client):
    # Documented: the event kind is the `type` property and dates are ISO strings on both.
    r = await cypher(client, "MATCH (e:Event) WHERE e.type = 'strike' AND e.date = '2022-12-29' "
                             "RETURN e.id AS id ORDER BY id")
    assert r.json()["rows"] == [{"id": "ev_strike_kyiv"}, {"id": "ev_strike_odesa"}]


async def test_rows_are_capped_and_truncation_reported(client):
    r = await cypher(client, "MATCH (a:Actor) RETURN a.id AS id ORDER BY id")
    body = r.json()
    assert body["truncated"] is True
    assert [row["id"] for row in body["rows"]] == sorted(
        ["china", "dmytro_kuleba", "ioc", "jens_stoltenberg", "recep_tayyip_erdogan",
         "russia", "ukraine", "ukrainian_air_force", "vladimir_putin", "volodymyr_zelenskyy",
         "xi_jinping"])[:5]


async def test_writes_are_refused_and_change_nothing(client):
    r = await cypher(client, "CREATE (a:Actor {id: 'intruder', name: 'X', type: 'person'}) RETURN a")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (await client.get("/actors/intruder")).status_code == 404


@pytest.mark.parametrize("query", ["MATCH (n RETURN n", "MATCH (n) RETURN n; MATCH (m) RETURN m"])
async def test_bad_queries_are_400(client, query):
    r = await cypher(client, query)
    assert r.status_code == 400, r.text
    assert r.json()["detail"]


async def test_empty_query_is_422(client):
    r = await client.post("/cypher", json={"query": ""})
    assert r.status_code == 422


async def test_dialect_differences_are_documented(client):
    spec = (await client.get("/openapi.json")).json()
    description = spec["paths"]["/cypher"]["post"]["description"]
    for must in ("label(n)", "multi-labels", "e.type = 'strike'", "LadybugDB", "Neo4j"):
        assert must in description


@pytest.fixture
def impatient_app(request, store_kind, tmp_path):
    """The app over a store whose query time limit is 1 ms (no data needed)."""
    location = str(tmp_path / "kg") if store_kind == "ladybug" else request.getfixturevalue("neo4j_uri")
    settings = make_settings(location, cypher_timeout_s=0.001)
    store = open_store(settings)
    store.setup()
    yield create_app(settings, store)
    store.close()


async def test_time_limit_from_settings(impatient_app):
    async with client_for(impatient_app) as client:
        # 10^10 rows: no store finishes this before its time limit, however idle the machine
        # (Neo4j checks transaction timeouts only every few seconds, so a query merely
        # "long" for a 1 ms limit may still complete).
        r = await cypher(client, "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                                 "RETURN count(*) AS n")
    assert r.status_code == 400, r.text
