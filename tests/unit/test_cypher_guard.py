"""kg.stores.cypher_guard: the lexical screen in front of read_cypher."""

from __future__ import annotations

import pytest

from kg.errors import QueryRejected
from kg.stores.cypher_guard import blank_literals, screen

pytestmark = pytest.mark.unit


def test_blanking_keeps_offsets_and_hides_literals_and_comments() -> None:
    query = "MATCH (n) WHERE n.name = 'CREATE' // SET\nRETURN `DELETE` /* x */"
    blanked = blank_literals(query)
    assert len(blanked) == len(query)
    assert "CREATE" not in blanked and "SET" not in blanked and "DELETE" not in blanked
    assert blanked.startswith("MATCH (n) WHERE n.name =") and "RETURN" in blanked


@pytest.mark.parametrize("dialect", ["neo4j", "ladybug"])
@pytest.mark.parametrize("query", [
    "MATCH (a:Actor) RETURN a.name AS name",
    "MATCH (a:Actor) WHERE a.name = 'load; create; set' RETURN a",
    "MATCH (a:Actor) RETURN a.set AS set_value, $load AS p",
    "MATCH (a:Actor) RETURN a;",
])
def test_read_queries_pass(query: str, dialect: str) -> None:
    screen(query, dialect=dialect)


@pytest.mark.parametrize("query", [
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.schema.visualization()",
    "MATCH (n) CALL { WITH n RETURN n.id AS id } RETURN id",
    "MATCH (n) CALL (n) { RETURN n.id AS id } RETURN id",
])
def test_neo4j_allows_listed_procedures_and_subqueries(query: str) -> None:
    screen(query, dialect="neo4j")


@pytest.mark.parametrize(("dialect", "query", "reason"), [
    ("neo4j", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD"),
    ("neo4j", "CALL dbms.killQueries(['1'])", "dbms.killQueries"),
    ("neo4j", "CALL `db`.`labels`()", "backquoted"),
    ("neo4j", "USE system SHOW USERS", "USE"),
    ("neo4j", "MATCH (n) RETURN n; MATCH (m) RETURN m", "one statement"),
    ("ladybug", "COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "COPY"),
    ("ladybug", "MATCH (n:Actor) SET n.name = 'x'", "SET"),
    ("ladybug", "INSTALL httpfs", "INSTALL"),
    ("ladybug", "CALL current_setting('timeout') RETURN *", "current_setting"),
    ("ladybug", "   // nothing but a comment", "empty"),
])
def test_refusals_say_why(dialect: str, query: str, reason: str) -> None:
    with pytest.raises(QueryRejected, match=reason):
        screen(query, dialect=dialect)
