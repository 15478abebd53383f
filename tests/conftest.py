"""Shared pytest fixtures."""


# --- Neo4j test server (tests/neo4j_server.py, tools/neo4j) ---------------------------------
# Session-wide embedded Neo4j over Bolt, auth disabled. Honours KG_TEST_NEO4J_URI (set by
# .ci/run) instead of starting a JVM. Missing java/mvn: skip locally, fail under CI.
import importlib.util as _importlib_util
import os as _os
import sys as _sys
from pathlib import Path as _Path

import pytest as _pytest


def _load_neo4j_server():
    # Loaded by path: works whether or not tests/ is a package and under any import mode.
    name = "kg_tests_neo4j_server"
    if name not in _sys.modules:
        spec = _importlib_util.spec_from_file_location(
            name, _Path(__file__).with_name("neo4j_server.py")
        )
        module = _importlib_util.module_from_spec(spec)
        _sys.modules[name] = module
        spec.loader.exec_module(module)
    return _sys.modules[name]


def _neo4j_unavailable(reason):
    if _os.environ.get("CI"):
        _pytest.fail(f"Neo4j required in CI: {reason}", pytrace=False)
    _pytest.skip(reason)


@_pytest.fixture(scope="session")
def neo4j_uri():
    """bolt:// URI of a Neo4j shared by the whole session (data persists between tests)."""
    neo4j_server = _load_neo4j_server()
    reason = neo4j_server.unavailable_reason()
    if reason:
        _neo4j_unavailable(reason)
    server = neo4j_server.Neo4jServer()
    try:
        yield server.start()
    finally:
        server.close()


@_pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri):
    """Session-wide neo4j.Driver (auth=None: the test server has auth disabled)."""
    try:
        from neo4j import GraphDatabase
    except ImportError as exc:
        _neo4j_unavailable(f"neo4j Python driver not installed: {exc}")
    driver = GraphDatabase.driver(neo4j_uri, auth=None)
    try:
        driver.verify_connectivity()
        yield driver
    finally:
        driver.close()
