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
_RANGE = re.compile(r"(?<![\w.$])range\s*\(", re.IGNORECASE)
MAX_RANGE_VALUES = 10_000_000
# SHOW and TERMINATE plan as reads, yet SHOW TRANSACTIONS lists every client's running
# queries with their parameters, SHOW SETTINGS the server's configuration, and
# TERMINATE TRANSACTIONS stops other clients' work (an ingest's writes).
_NEO4J_FORBIDDEN = ("LOAD", "USE", "SHOW", "TERMINATE")
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
    if not neo4j:
        _refuse_large_ranges(code)


def _refuse_large_ranges(code: str) -> None:
    """LadybugDB builds a ``range()`` list whole, outside its buffer pool and deaf to the
    time limit: ``range(1, 300000000)`` took 4 GB and 8 s past a 1 s limit, holding the
    store. Only integer literals spanning at most ``MAX_RANGE_VALUES`` values pass."""
    for match in _RANGE.finditer(code):
        args, depth, end = "", 1, match.end()
        while end < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[end], 0)
            args += code[end] if depth else ""
            end += 1
        try:
            start, stop, *step = (int(a) for a in args.split(","))
        except ValueError:
            raise QueryRejected("range() takes integer literals here (its list is built "
                                "whole in memory)") from None
        if abs(stop - start) // max(abs(step[0]) if step else 1, 1) > MAX_RANGE_VALUES:
            raise QueryRejected(f"range() may span at most {MAX_RANGE_VALUES:,} values here")


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
