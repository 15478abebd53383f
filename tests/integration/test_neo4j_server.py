"""Smoke tests for the session Neo4j (tests/neo4j_server.py + tools/neo4j launcher)."""

import uuid

import pytest

pytestmark = pytest.mark.integration


def test_server_answers_return_1(neo4j_driver):
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS x")
    assert records[0]["x"] == 1


def test_constraint_and_unwind_merge_are_idempotent(neo4j_driver):
    # A per-test label keeps this independent of whatever else shares the session server.
    label = "SmokeT_" + uuid.uuid4().hex[:12]
    constraint = f"{label.lower()}_id"
    rows = [{"id": i} for i in range(100)]
    try:
        for _ in range(2):
            neo4j_driver.execute_query(
                f"CREATE CONSTRAINT {constraint} IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
            )
            neo4j_driver.execute_query(
                f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}})", rows=rows
            )
        records, _, _ = neo4j_driver.execute_query(
            f"MATCH (n:{label}) RETURN count(n) AS c"
        )
        assert records[0]["c"] == len(rows)
        records, _, _ = neo4j_driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, type WHERE name = $name RETURN type",
            name=constraint,
        )
        assert [r["type"] for r in records] == ["UNIQUENESS"]
    finally:
        neo4j_driver.execute_query(f"MATCH (n:{label}) DETACH DELETE n")
        neo4j_driver.execute_query(f"DROP CONSTRAINT {constraint} IF EXISTS")
