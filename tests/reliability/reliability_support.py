"""Helpers shared by the reliability tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from kg import cypher
from kg.export import export_json
from kg.settings import Settings
from kg.stores.base import GraphStore
from kg.stores.ladybug_store import LadybugStore
from kg.stores.neo4j_store import Neo4jStore

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
SEEDS = sorted((REPO / "examples").glob("*.txt"))
GUARDIAN_CSV = SHARED / "corpus" / "guardian" / "guardian-articles-nato.csv"
API_KEY = "reliability-key-0123456789abcdef"

# Facts left without evidence, evidence without a fact or an entry, entries without a
# document: what a half-done replacement or deletion would leave behind. Written in
# the Cypher both stores read alike.
ORPHAN_QUERIES = {
    "event without evidence":
        "MATCH (f:Event) WHERE NOT EXISTS { MATCH (:Evidence)-[:SUPPORTS]->(f) } RETURN f.id AS id",
    "statement without evidence":
        "MATCH (f:Statement) WHERE NOT EXISTS { MATCH (:Evidence)-[:SUPPORTS]->(f) } "
        "RETURN f.id AS id",
    "evidence without fact":
        "MATCH (v:Evidence) WHERE NOT EXISTS { MATCH (v)-[:SUPPORTS]->() } RETURN v.id AS id",
    "evidence without entry":
        "MATCH (v:Evidence) WHERE NOT EXISTS { MATCH (v)-[:IN_ENTRY]->(:Entry) } RETURN v.id AS id",
    "entry without document":
        "MATCH (e:Entry) WHERE NOT EXISTS { MATCH (:Document)-[:HAS_ENTRY]->(e) } RETURN e.id AS id",
}


def make_settings(store: str, **overrides: Any) -> Settings:
    """Explicit settings, unaffected by KG_* variables or a developer's .env file."""
    values = {"store": store, "api_key": None, "cors_origins": [], "cypher_timeout_s": 5.0}
    return Settings(_env_file=None, **(values | overrides))


def open_fresh(kind: str, location: str) -> GraphStore:
    """An empty store: a new LadybugDB directory, or the Neo4j at ``location`` wiped."""
    if kind == "ladybug":
        store: GraphStore = LadybugStore(location)
    else:
        store = Neo4jStore(location)
        wipe_neo4j(location)
    store.setup()
    return store


def open_existing(location: str) -> GraphStore:
    """The store at ``location`` as it is (not wiped)."""
    from kg.stores import open_store

    store = open_store(make_settings(location))
    store.setup()
    return store


def wipe_neo4j(uri: str) -> None:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as driver:
        driver.execute_query(cypher.NEO4J_WIPE)


def export_of(store: GraphStore) -> dict[str, Any]:
    """The time-free JSON export: equal for two ingests of the same data."""
    return export_json(store.snapshot(), include_ingested_at=False)


def orphans(store: GraphStore) -> dict[str, list[str]]:
    found = {name: [r["id"] for r in store.read_cypher(q, {}, 1000)]
             for name, q in ORPHAN_QUERIES.items()}
    return {name: ids for name, ids in found.items() if ids}


def clean_env() -> dict[str, str]:
    """This environment without KG_* settings, so a subprocess sees only its arguments."""
    return {k: v for k, v in os.environ.items() if not k.startswith("KG_")}


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def run_kg(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``python -m kg.cli ARGS`` to completion, run from ``cwd`` (no .env there)."""
    return subprocess.run(kg_command(*args), cwd=cwd, env=clean_env() | {"PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, check=False, timeout=timeout)


def head_csv(source: Path, target: Path, rows: int) -> Path:
    """The header and first ``rows`` records of a CSV (cells may hold newlines)."""
    csv.field_size_limit(sys.maxsize)
    with source.open(newline="", encoding="utf-8") as f, \
            target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for n, record in enumerate(csv.reader(f)):
            if n > rows:
                break
            writer.writerow(record)
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
