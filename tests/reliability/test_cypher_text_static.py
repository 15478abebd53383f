"""No user value is concatenated into Cypher, read off the source.

The rule (kg/cypher.py's docstring): labels, relationship types and property names
are interpolated only in kg/cypher.py, at import, from ``ontology.mapping`` and the
column spec of ``kg.rows``; values are ``$parameters``. This test holds the code to it:

- kg/cypher.py builds text only in private helpers run at import, plus ``select_ids``,
  which joins fixed fragments chosen by name; its f-strings interpolate only
  schema-derived names (a new name must be reviewed and added below);
- nothing outside kg/cypher.py calls those private helpers;
- the stores pass only prepared texts to the drivers; the single exception is the
  ``EXPLAIN`` prefix on the analyst's own read-only query in ``Neo4jStore.read_cypher``.

``test_api_security.test_hostile_values_reach_the_store_only_as_parameters`` checks
the same at run time.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from reliability_support import REPO

from kg import cypher
from ontology.mapping import Label

pytestmark = pytest.mark.unit

CYPHER = REPO / "kg" / "cypher.py"
STORES = sorted((REPO / "kg" / "stores").glob("*.py"))
# What kg/cypher.py's f-strings may interpolate: schema names from ontology.mapping and
# kg.rows (labels, relationship types, columns, links), and texts built from them.
SCHEMA_NAMES = {"Rel", "Label", "NODE_COLUMNS", "_PARTICIPATES", "_q", "_returns", "_assignments",
                "_value", "label", "rel", "link", "c", "column", "key", "var", "kind_label", "extra",
                "guard", "props", "pattern", "returns", "where", "ref", "name", "prop", "a", "b",
                "columns", "parts", "cast",
                # listings (select_ids): fixed texts and the Listing table's schema names
                "order", "_PAGE", "_link_ends", "_link_props", "other", "listing", "actor", "fact",
                "LISTING_KEYS", "_listing_link", "_listing_set", "value", "neo4j",
                # linked pairs (kg.network): fixed EXISTS fragments
                "_LINKED_BY_EVENT", "_LINKED_BY_STATEMENT", "RELATIONS",
                # the network's fact rows, and the recent facts heading them
                "_NETWORK_EVENT_ROWS", "_NETWORK_STATEMENT_ROWS", "_recent",
                # whole facts in one read (Neo4j)
                "_map", "_EVIDENCE_PART", "_listing_scan",
                # node upserts: the fixed "ON CREATE " prefix, or none for whole rewrites
                "on_create"}
RUNTIME_BUILDERS = {"select_ids"}  # public functions of kg/cypher.py that build text
EXECUTING = {"run", "execute", "Query", "execute_query"}
ALLOWED_DYNAMIC = {"cypher.NEO4J_EXPLAIN + query"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _roots(expr: ast.AST) -> set[str]:
    """The names an expression reads (``link.src`` -> ``link``; calls -> the function too)."""
    return {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}


def test_cypher_fstrings_interpolate_only_schema_names() -> None:
    tree = _tree(CYPHER)
    foreign = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    unknown = _roots(value.value) - SCHEMA_NAMES
                    if unknown:
                        foreign[ast.unparse(value.value)] = sorted(unknown)
    assert foreign == {}, f"interpolated into Cypher, not from the schema: {foreign}"


def test_cypher_text_is_built_at_import_or_from_fixed_fragments() -> None:
    public = {node.name for node in _tree(CYPHER).body
              if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")}
    assert public == RUNTIME_BUILDERS
    callers = [(p, m.group(0)) for p in REPO.glob("**/*.py")
               if p != CYPHER and "tests" not in p.parts and ".venv" not in p.parts
               for m in re.finditer(r"\bcypher\._\w+", p.read_text(encoding="utf-8"))]
    assert callers == []


def test_select_ids_only_joins_known_fragments() -> None:
    query = cypher.select_ids(Label.EVENT, cypher.EVENT_FILTERS, {"type": {"type": "x'"}})
    assert cypher.EVENT_FILTERS["type"] in query and "x'" not in query
    listing = cypher.select_ids(Label.EVENT, cypher.EVENT_FILTERS, {"actor": {"actor": "x'"}})
    assert "k.actor = $actor" in listing and "x'" not in listing
    with pytest.raises(KeyError):
        cypher.select_ids(Label.EVENT, cypher.EVENT_FILTERS, ["n.id = 'x' OR true"])


def test_stores_pass_only_prepared_texts_to_the_drivers() -> None:
    dynamic = []
    for path in STORES:
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0]
            built = isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
                isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute)
                and first.func.attr in {"format", "join", "replace"})
            if func in EXECUTING and built and ast.unparse(first) not in ALLOWED_DYNAMIC:
                dynamic.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:120]}")
    assert dynamic == []


def test_graph_ops_builds_no_cypher_text() -> None:
    tree = _tree(REPO / "kg" / "stores" / "graph_ops.py")
    assert not [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)]


def test_neo4j_user_queries_run_in_read_mode_after_a_read_only_plan() -> None:
    tree = _tree(REPO / "kg" / "stores" / "neo4j_store.py")
    [method] = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "read_cypher"]
    source = ast.unparse(method)
    assert "default_access_mode=READ_ACCESS" in source  # the server refuses writes itself
    assert "cypher.NEO4J_EXPLAIN + query" in source and "plan.query_type" in source
    assert "cypher_guard.screen(query" in source
    # The EXPLAIN runs before the query, in the same READ session.
    assert source.index("NEO4J_EXPLAIN") < source.index("Query(query")
