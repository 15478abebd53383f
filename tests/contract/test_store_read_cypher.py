"""GraphStore.read_cypher: read-only user queries in the store's own dialect."""

from __future__ import annotations

import graphs as G  # tests/contract/graphs.py (pytest puts this directory on sys.path)
import pytest

from kg.errors import QueryRejected
from kg.stores.base import GraphStore

pytestmark = pytest.mark.contract

CAP = 100

WRITES = [
    "CREATE (:Actor {id: 'act_x', name: 'X'})",
    "MERGE (:Actor {id: 'act_y'})",
    "MATCH (a:Actor) SET a.name = 'renamed'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Actor) WITH a LIMIT 1 DELETE a",
]
# What each dialect lets through in read-only mode but must still refuse: files, admin.
FORBIDDEN = {
    "neo4j": ["LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line",
              "CALL dbms.components()",
              "CALL db.createLabel('Leak')"],
    "ladybug": ["COPY (MATCH (a:Actor) RETURN a.id) TO '{tmp}/leak.csv'",
                "LOAD FROM '{tmp}/leak.csv' RETURN *",
                "CALL current_setting('timeout') RETURN *",
                "MATCH (a:Actor) RETURN a.id; MATCH (e:Event) RETURN e.id"],
}
ALLOWED_PROCEDURE = {"neo4j": ("CALL db.labels() YIELD label RETURN label", "label"),
                     "ladybug": ("CALL show_tables() RETURN name", "name")}


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.upsert(G.all_graphs())
    return store


def test_nodes_and_relationships_come_back_as_plain_dicts(loaded: GraphStore) -> None:
    rows = loaded.read_cypher(
        "MATCH (a:Actor {id: $id})-[r:PARTICIPATED_IN]->(e:Event) "
        "RETURN a, r, e.id AS event, e.date AS date ORDER BY event", {"id": G.RUSSIA}, CAP)
    assert len(rows) == 2
    actor, rel = rows[0]["a"], rows[0]["r"]
    assert actor["name"] == "Russia" and "Actor" in actor["_labels"]
    assert actor["aliases"] == ["Moscow", "Russia", "Russian"]
    assert rel["_type"] == "PARTICIPATED_IN" and rel["role"] in {"attacker", "sanctioned"}
    assert {r["date"] for r in rows} == {"2022-12-29", "2022-12-30"}


def test_row_cap_limits_rows(loaded: GraphStore) -> None:
    query = "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"
    assert len(loaded.read_cypher(query, {}, CAP)) == 7
    assert [r["id"] for r in loaded.read_cypher(query, {}, 2)] == sorted(
        a.id for a in loaded.snapshot().actors)[:2]


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused(loaded: GraphStore, query: str) -> None:
    before = loaded.counts(), loaded.snapshot()
    with pytest.raises(QueryRejected):
        loaded.read_cypher(query, {}, CAP)
    assert (loaded.counts(), loaded.snapshot()) == before


def test_file_access_and_other_procedures_are_refused(loaded: GraphStore, store_kind: str,
                                                      tmp_path) -> None:
    for query in FORBIDDEN[store_kind]:
        with pytest.raises(QueryRejected):
            loaded.read_cypher(query.format(tmp=tmp_path), {}, CAP)
    assert not (tmp_path / "leak.csv").exists()


def test_allow_listed_procedure_runs(loaded: GraphStore, store_kind: str) -> None:
    query, column = ALLOWED_PROCEDURE[store_kind]
    assert "Actor" in {r[column] for r in loaded.read_cypher(query, {}, CAP)}


def test_keywords_inside_string_literals_are_not_clauses(loaded: GraphStore) -> None:
    rows = loaded.read_cypher("MATCH (a:Actor) WHERE a.name <> 'CREATE x SET y; DELETE' "
                              "RETURN count(a) AS n", {}, CAP)
    assert rows == [{"n": 7}]


def test_syntax_errors_are_rejected(loaded: GraphStore) -> None:
    with pytest.raises(QueryRejected):
        loaded.read_cypher("MATCH (a:Actor RETURN a", {}, CAP)


def test_slow_queries_hit_the_time_limit(loaded: GraphStore) -> None:
    # 10^12 rows: far beyond the fixture's 2 s limit on any machine.
    with pytest.raises(QueryRejected, match="time limit"):
        loaded.read_cypher("UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y "
                           "RETURN count(*) AS n", {}, CAP)
