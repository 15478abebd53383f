"""/locations, /locations.geojson, /export and /export.graphml."""

from __future__ import annotations

import io
import json

import jsonschema
import networkx as nx
import pytest
from api_support import REPO, get_all

pytestmark = [pytest.mark.contract, pytest.mark.anyio]

EXPORT_SCHEMA = REPO / ".." / "shared" / "contracts" / "export.schema.json"


async def test_locations_with_coordinates_and_event_counts(client):
    items = {loc["id"]: loc for loc in await get_all(client, "/locations", limit=2)}
    assert set(items) == {"ukraine", "kyiv", "odesa", "kherson", "minsk"}
    # Kyiv: the corroborated strike and the intercept; the country itself hosts none.
    assert {k: v["events"] for k, v in items.items()} == {
        "kyiv": 2, "odesa": 1, "kherson": 1, "minsk": 0, "ukraine": 0}
    assert (items["kyiv"]["lat"], items["kyiv"]["lon"]) == (50.4501, 30.5234)
    assert items["kyiv"]["parent"] == "ukraine"


async def test_geojson_has_located_places_as_lon_lat_points(client):
    r = await client.get("/locations.geojson")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    features = {f["id"]: f for f in fc["features"]}
    assert "minsk" not in features  # no coordinates known
    assert features["odesa"]["geometry"] == {"type": "Point", "coordinates": [30.7233, 46.4825]}
    assert features["kyiv"]["properties"]["events"] == 2


async def test_export_follows_the_shared_contract(client):
    r = await client.get("/export")
    assert r.status_code == 200
    doc = r.json()
    jsonschema.validate(doc, json.loads(EXPORT_SCHEMA.read_text()))
    assert len(doc["events"]) == 6 and len(doc["statements"]) == 9
    kyiv = next(e for e in doc["events"] if e["id"] == "ev_strike_kyiv")
    assert kyiv["sources"] == 2


async def test_graphml_of_the_actor_network(client):
    r = await client.get("/export.graphml")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/graphml+xml")
    g = nx.read_graphml(io.BytesIO(r.content))
    net = (await client.get("/network/actors")).json()
    assert set(g.nodes) == {n["id"] for n in net["nodes"]}
    assert g.number_of_edges() == len(net["edges"])
    assert g.nodes["vladimir_putin"]["name"] == "Vladimir Putin"


async def test_graphml_of_the_full_graph_keeps_same_ids_apart(client):
    r = await client.get("/export.graphml", params={"graph": "full"})
    g = nx.read_graphml(io.BytesIO(r.content))
    # "ukraine" is both an actor and a location: node ids carry the label.
    assert g.nodes["Actor:ukraine"]["label"] == "Actor"
    assert g.nodes["Location:ukraine"]["label"] == "Location"
    rels = {d["type"] for _, _, d in g.edges(data=True)}
    assert {"PARTICIPATED_IN", "OCCURRED_AT", "SAID", "ABOUT", "SUPPORTS", "HAS_ENTRY",
            "IN_ENTRY", "WITHIN"} <= rels
    strike_roles = {d.get("role") for s, t, d in g.edges(data=True) if t == "Event:ev_strike_kyiv"
                    and d["type"] == "PARTICIPATED_IN"}
    assert strike_roles == {"attacker", "target"}
