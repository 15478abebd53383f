"""Nobody writes who shouldn't: API keys on writes, read-only /cypher (refusing writes,
file access and admin procedures, with a time limit and a row cap), request size and
page limits, CORS off unless configured. On the embedded store and on Neo4j."""

from __future__ import annotations

import ast
import inspect
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from reliability_support import API_KEY, SEEDS, make_settings, open_fresh

import api.deps
from api import create_app
from kg.model import DocumentGraph
from kg.stores.base import GraphStore

pytestmark = pytest.mark.contract

ROW_CAP = 5
TIMEOUT_S = 1.0
BODY_MAX = 100_000
PAGE_MAX = 50
SLOW = {"ladybug": "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y "
                   "WITH x, y WHERE x * y = 7 RETURN count(*) AS n",
        "neo4j": "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                 "WITH x, y WHERE x * y = 7 RETURN count(*) AS n"}

# Writes, file access, admin and procedures outside the allow-list, in each dialect.
REFUSED_BOTH = [
    "CREATE (a:Actor {id: 'intruder', name: 'x', type: 'person'}) RETURN a",
    "cReAtE (a:Actor {id: 'intruder'})",
    "MERGE (a:Actor {id: 'intruder'}) RETURN a",
    "MATCH (a:Actor) SET a.name = 'pwned' RETURN count(a)",
    "MATCH (a:Actor) DETACH DELETE a",
    "MATCH (a:Actor) DELETE a",
    "MATCH (a:Actor) REMOVE a.name RETURN count(a)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL apoc.help('create')",
    "CALL apoc.cypher.runWrite('CREATE (:X)', {})",
    "CALL dbms.listConfig()",
    "CALL dbms.security.createUser('eve', 'x', false)",
    "CALL\n`apoc`.`help`('x')",
    "MATCH (a:Actor) RETURN a.id AS id; CREATE (b:Actor {id: 'intruder'})",
    "MATCH (a:Actor) RETURN a.id AS id /* harmless */ ; MATCH (b) DETACH DELETE b",
    "FOREACH (x IN [1] | CREATE (:Actor {id: 'intruder'}))",
    "USE system SHOW USERS",
]
REFUSED = {
    "ladybug": REFUSED_BOTH + [
        "DROP TABLE Actor", "ALTER TABLE Actor ADD pwned STRING",
        "COPY Actor FROM '/etc/passwd'", "COPY (MATCH (a:Actor) RETURN a.id) TO '/tmp/kg-leak.csv'",
        "LOAD FROM '/etc/passwd' RETURN *", "INSTALL httpfs", "LOAD EXTENSION httpfs",
        "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)", "EXPORT DATABASE '/tmp/kg-dump'",
        "BEGIN TRANSACTION", "CHECKPOINT", "CALL db.labels()",
        "UNWIND range(1, 2000000000) AS x RETURN count(x) AS n",  # a 16 GB list, built whole
    ],
    "neo4j": REFUSED_BOTH + [
        "CREATE INDEX pwned FOR (a:Actor) ON (a.pwned)", "DROP CONSTRAINT actor_id",
        "CALL { CREATE (:Actor {id: 'intruder'}) } RETURN 1 AS one",
        "CALL db.createLabel('Pwned')", "SHOW USERS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "CREATE USER eve SET PASSWORD 'secret-pass'", "STOP DATABASE neo4j",
        "SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN currentQuery, parameters",
        "SHOW SETTINGS YIELD name, value RETURN name, value", "show transactions",
        "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    ],
}
ALLOWED = ["RETURN 'CREATE (x) DELETE x; LOAD CSV' AS words",  # keywords inside a string
           "MATCH (e:Event) WHERE e.type = 'strike' RETURN count(e) AS n",
           "MATCH (a:Actor) // CREATE in a comment\nRETURN count(a) AS n"]


@pytest.fixture(scope="module", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.integration)])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           seed_graphs: list[DocumentGraph]) -> Iterator[tuple[str, GraphStore]]:
    kind = request.param
    location = (str(tmp_path_factory.mktemp("sec") / "kg") if kind == "ladybug"
                else request.getfixturevalue("neo4j_uri"))
    store = open_fresh(kind, location)
    store.upsert(seed_graphs)
    yield kind, store
    store.close()


def _app(seeded: tuple[str, GraphStore], **overrides) -> FastAPI:
    kind, store = seeded
    values = {"api_key": API_KEY, "cypher_row_cap": ROW_CAP, "cypher_timeout_s": TIMEOUT_S,
              "body_size_max": BODY_MAX, "page_size_max": PAGE_MAX}
    location = "bolt://configured" if kind == "neo4j" else "configured"
    return create_app(make_settings(location, **(values | overrides)), store)


@pytest.fixture(scope="module")
def client(seeded) -> Iterator[TestClient]:
    with TestClient(_app(seeded)) as c:
        yield c


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


# --- writes need the API key ---------------------------------------------------------------


def _post_document(client: TestClient, key: str | None, **headers: str):
    if key is not None:  # as bytes: a header may carry any octets
        headers["X-API-Key"] = key.encode("utf-8")
    return client.post("/documents", json={"source": "intruder.txt",
                                           "text": "Kyiv said on Monday that talks would resume."},
                       headers=headers)


@pytest.mark.parametrize("key", [None, "", "wrong", API_KEY[:-1], API_KEY + "x", API_KEY.upper(),
                                 " " + API_KEY, "ä" * len(API_KEY)])
def test_a_write_without_the_right_key_is_refused(client: TestClient, seeded, key) -> None:
    before = seeded[1].counts()
    body = _is_problem(_post_document(client, key), 401)
    assert "X-API-Key" in body["detail"]
    assert seeded[1].counts() == before


def test_the_key_in_another_header_does_not_count(client: TestClient) -> None:
    response = _post_document(client, None, Authorization=f"Bearer {API_KEY}")
    _is_problem(response, 401)
    assert response.headers["www-authenticate"] == "ApiKey"


def test_writes_are_off_when_no_key_is_configured(seeded) -> None:
    with TestClient(_app(seeded, api_key=None)) as c:
        _is_problem(_post_document(c, API_KEY), 403)


def test_the_right_key_writes(seeded) -> None:
    _, store = seeded
    with TestClient(_app(seeded)) as c:
        response = _post_document(c, API_KEY)
        assert response.status_code == 200, response.text
        doc_id = response.json()["document"]
        try:
            assert store.document_hash(doc_id) is not None
        finally:
            store.delete_document(doc_id)  # the module's store stays the seeds


def test_the_key_is_compared_in_constant_time() -> None:
    tree = ast.parse(inspect.getsource(api.deps.require_api_key))
    calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert "secrets.compare_digest" in calls
    equality = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Compare)
                and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in n.ops)]
    assert equality == [], f"the key is compared with ==: {equality}"


def test_every_write_route_requires_the_key(client: TestClient) -> None:
    def depends_on_key(dependant) -> bool:
        return any(d.call is api.deps.require_api_key or depends_on_key(d)
                   for d in dependant.dependencies)

    writes = [route for route in _routes(client.app.routes)
              if (getattr(route, "methods", None) or set()) & {"POST", "PUT", "PATCH", "DELETE"}
              and route.path != "/cypher"]  # read-only by the store, tested below
    assert "/documents" in {route.path for route in writes}
    for route in writes:
        assert depends_on_key(route.dependant), route.path


def _routes(routes: list) -> Iterator:
    """Every route, inside included routers too (FastAPI keeps those nested)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        yield from _routes(inner.routes) if inner is not None else [route]


# --- /cypher only reads ---------------------------------------------------------------------


def _cypher(client: TestClient, query: str, **params):
    return client.post("/cypher", json={"query": query, "params": params})


def test_reading_works_with_a_row_cap(client: TestClient) -> None:
    response = _cypher(client, "MATCH (a:Actor) RETURN a.id AS id ORDER BY id")
    assert response.status_code == 200, response.text
    assert len(response.json()["rows"]) == ROW_CAP and response.json()["truncated"] is True


@pytest.mark.parametrize("query", ALLOWED)
def test_keywords_in_strings_and_comments_are_not_refused(client: TestClient, query: str) -> None:
    assert _cypher(client, query).status_code == 200


def test_writes_file_access_and_admin_are_refused_and_change_nothing(client: TestClient,
                                                                     seeded) -> None:
    kind, store = seeded
    before = (store.counts(), store.snapshot())
    refused = {}
    for query in REFUSED[kind]:
        response = _cypher(client, query)
        refused[query] = response.status_code
        if response.status_code == 400:
            assert response.json()["detail"]
    assert {q: s for q, s in refused.items() if s != 400} == {}
    assert (store.counts(), store.snapshot()) == before


def test_a_slow_query_is_stopped_at_the_time_limit(client: TestClient, seeded) -> None:
    started = time.monotonic()
    body = _is_problem(_cypher(client, SLOW[seeded[0]]), 400)
    assert "time limit" in body["detail"]
    assert time.monotonic() - started < TIMEOUT_S + 10  # the store stopped it, not a hang


@pytest.mark.parametrize("query", ["RETURN 1/0 AS n", "RETURN [1, 2][5] AS n",
                                   "RETURN 9223372036854775807 + 1 AS n",
                                   "RETURN size(rpad('x', 100000000, 'y')) AS n"])
def test_a_query_failing_as_it_runs_is_the_callers_error(client: TestClient, query: str) -> None:
    response = _cypher(client, query)  # 1/0, an index out of range, overflow, a huge string
    assert response.status_code in (200, 400), response.text  # Neo4j answers null for [1, 2][5]
    if response.status_code == 400:
        assert response.json()["detail"] != "Internal error in the graph store."


def test_values_travel_as_parameters(client: TestClient) -> None:
    hostile = "x'}) DETACH DELETE a //"
    response = _cypher(client, "MATCH (a:Actor) WHERE a.id = $id RETURN a.id AS id", id=hostile)
    assert response.status_code == 200 and response.json()["rows"] == []


# --- sizes and pages ----------------------------------------------------------------------


def test_an_oversized_body_is_refused_with_413(client: TestClient) -> None:
    text = "Kyiv said talks would resume. " * (BODY_MAX // 20)
    _is_problem(client.post("/documents", json={"source": "big.txt", "text": text},
                            headers={"X-API-Key": API_KEY}), 413)
    _is_problem(client.post("/cypher", json={"query": "RETURN 1 AS one", "params": {"p": text}}), 413)


def test_an_oversized_body_without_length_is_refused_with_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"source": "big.txt", "text": "'
        for _ in range(BODY_MAX // 1000 + 2):
            yield b"x" * 1000
        yield b'"}'

    response = client.post("/documents", content=chunks(),
                           headers={"X-API-Key": API_KEY, "Content-Type": "application/json"})
    _is_problem(response, 413)


@pytest.mark.parametrize("params", [{"limit": PAGE_MAX + 1}, {"limit": 0}, {"limit": -1},
                                    {"limit": "many"}, {"offset": -1}, {"offset": 10_001},
                                    {"limit": 10**30}])
def test_page_limits(client: TestClient, params: dict) -> None:
    _is_problem(client.get("/events", params=params), 422)


def test_the_largest_page_is_allowed(client: TestClient) -> None:
    assert client.get("/events", params={"limit": PAGE_MAX}).status_code == 200


# --- CORS -------------------------------------------------------------------------------------

PREFLIGHT = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "X-API-Key, Content-Type"}


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/documents", headers=PREFLIGHT)
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_the_configured_origins(seeded) -> None:
    with TestClient(_app(seeded, cors_origins=["https://analyst.example"])) as c:
        ok = c.get("/health", headers={"Origin": "https://analyst.example"})
        assert ok.headers["access-control-allow-origin"] == "https://analyst.example"
        other = c.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        assert "access-control-allow-origin" not in c.options("/documents", headers=PREFLIGHT).headers


def test_the_seeds_are_what_the_module_serves(seeded) -> None:
    # Guards the tests above against a store that silently lost its data.
    assert {d.source for d in seeded[1].snapshot().documents} == {p.name for p in SEEDS}


# --- user values never become Cypher text --------------------------------------------------

TOKEN = "ZQ7INJECT"
HOSTILE = f"{TOKEN}') MATCH (n) DETACH DELETE n //\"}}]"


@pytest.fixture
def executed(seeded, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict]]:
    """Every (query, parameters) the store runs for the app, recorded."""
    kind, store = seeded
    seen: list[tuple[str, dict]] = []

    def recording(run):
        def run_and_record(query, params):
            seen.append((query, dict(params)))
            return run(query, params)
        return run_and_record

    if kind == "ladybug":
        monkeypatch.setattr(store, "_run", recording(store._run))
    else:
        from kg.stores import neo4j_store

        runner = neo4j_store._runner
        monkeypatch.setattr(neo4j_store, "_runner", lambda tx: recording(runner(tx)))
    return seen


def test_hostile_values_reach_the_store_only_as_parameters(client: TestClient, seeded,
                                                           executed: list) -> None:
    gets = [("/events", {"actor": HOSTILE}), ("/events", {"location": HOSTILE}),
            ("/events", {"actor": HOSTILE, "role": "attacker"}), ("/actors", {"q": HOSTILE}),
            ("/statements", {"speaker": HOSTILE}), ("/statements", {"about": HOSTILE}),
            (f"/actors/{HOSTILE}", {}), (f"/events/{HOSTILE}", {}),
            (f"/actors/{HOSTILE}/timeline", {}), (f"/network/ego/{HOSTILE}", {}),
            ("/network/path", {"source": HOSTILE, "target": HOSTILE}),
            ("/statements/about-summary", {"speaker": HOSTILE})]
    for path, params in gets:
        assert client.get(path, params=params).status_code in (200, 404, 422), path
    posted = client.post("/documents", headers={"X-API-Key": API_KEY},
                         json={"source": f"{HOSTILE}.txt", "text": f"{HOSTILE} said on Monday."})
    assert posted.status_code == 200, posted.text
    seeded[1].delete_document(posted.json()["document"])
    seeded[1].delete_document(HOSTILE)

    in_text = [q for q, _ in executed if TOKEN in q]
    in_params = [q for q, p in executed if TOKEN in repr(p)]
    assert in_text == []
    assert len(in_params) >= 5  # the values did reach the store, as parameters
