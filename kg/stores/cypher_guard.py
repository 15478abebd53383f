"""Lexical screening of user-supplied Cypher, before a store runs it read-only.

The stores' own guards come first (Neo4j: the EXPLAIN plan must be read-only and
the session is in READ access mode; LadybugDB: a read-only database). This
screen refuses what those let through: reading or writing files (``LOAD CSV``,
``LOAD FROM``, ``COPY ... TO``), procedures outside an allow-list, switching
databases, and several statements in one text. String literals and comments
are blanked first, so a keyword inside a quoted value is not mistaken for a
clause; backquoted names are blanked too, so a procedure named with backquotes
is refused rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.errors import QueryRejected

_LITERAL = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""",
                      re.DOTALL)
# `CALL name` but not `CALL {` / `CALL (x) {` subqueries.
_PROCEDURE = re.compile(r"(?<![\w.$])CALL\s+(?![{(\s])([^\s({;]+)", re.IGNORECASE)

NEO4J_PROCEDURES = frozenset({"db.labels", "db.relationshiptypes", "db.propertykeys",
                              "db.schema.visualization"})
LADYBUG_PROCEDURES = frozenset({"show_tables", "table_info", "show_connection"})
_NEO4J_FORBIDDEN = ("LOAD", "USE")
_LADYBUG_FORBIDDEN = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER",
                      "COPY", "LOAD", "INSTALL", "ATTACH", "USE", "EXPORT", "IMPORT", "BEGIN",
                      "COMMIT", "ROLLBACK", "CHECKPOINT")


def blank_literals(query: str) -> str:
    """The query with string literals, backquoted names and comments replaced by blanks."""
    return _LITERAL.sub(lambda m: " " * len(m.group(0)), query)


def screen(query: str, *, dialect: str) -> None:
    """Raise ``QueryRejected`` unless the query passes the dialect's lexical rules."""
    code = blank_literals(query)
    if not code.strip():
        raise QueryRejected("the query is empty")
    if ";" in code.rstrip().rstrip(";"):
        raise QueryRejected("only one statement may be run at a time")
    neo4j = dialect == "neo4j"
    _refuse_keywords(code, _NEO4J_FORBIDDEN if neo4j else _LADYBUG_FORBIDDEN)
    _refuse_procedures(code, NEO4J_PROCEDURES if neo4j else LADYBUG_PROCEDURES)


def _refuse_keywords(code: str, keywords: Iterable[str]) -> None:
    for word in keywords:
        # Not a property (n.set), a parameter ($load) or part of a longer name.
        if re.search(rf"(?<![\w.$]){word}(?!\w)", code, re.IGNORECASE):
            raise QueryRejected(f"{word} is not allowed in a read-only query "
                                "(no writes, no file access, no other databases)")


def _refuse_procedures(code: str, allowed: frozenset[str]) -> None:
    for name in _PROCEDURE.findall(code):
        if name.lower() not in allowed:
            shown = name if re.search(r"\w", name) else "(backquoted name)"
            raise QueryRejected(f"procedure {shown} is not allowed; "
                                f"allowed: {', '.join(sorted(allowed))}")
