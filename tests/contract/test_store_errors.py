"""Store failures surface as kg.errors classes, never as driver exceptions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import graphs as G  # tests/contract/graphs.py (pytest puts this directory on sys.path)
import pytest

from kg import cypher
from kg.errors import StoreError, StoreUnavailable
from kg.stores.ladybug_store import LadybugStore
from kg.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.contract

_HOLD = """
import sys, time
from kg.stores.ladybug_store import LadybugStore
store = LadybugStore(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""


def test_unreachable_neo4j_is_unavailable() -> None:
    store = Neo4jStore("bolt://127.0.0.1:9")  # the discard port: nothing answers Bolt there
    try:
        with pytest.raises(StoreUnavailable):
            store.ping()
    finally:
        store.close()


def test_ladybug_held_by_another_process_is_unavailable(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(tmp_path)], stdout=subprocess.PIPE,
                              text=True, cwd=Path(__file__).parents[2])
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreUnavailable, match="lock"):
            LadybugStore(tmp_path)
    finally:
        holder.kill()
        holder.wait()


def test_closed_ladybug_store_raises_store_error(tmp_path: Path) -> None:
    store = LadybugStore(tmp_path)
    store.setup()
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError):
        store.counts()


@pytest.mark.integration
def test_neo4j_write_failing_mid_round_leaves_nothing_behind(neo4j_uri: str, neo4j_driver) -> None:
    """Writes are pipelined (sent before the previous one's outcome is read): a statement
    refused by the server part-way through a round must still fail the whole round."""
    neo4j_driver.execute_query(cypher.NEO4J_WIPE)
    store = Neo4jStore(neo4j_uri, write_batch_size=2)
    # doc A's two places are both in Ukraine: their statement comes after the
    # document, entry and actor statements, and this constraint refuses it.
    refuse = ("CREATE CONSTRAINT test_one_place_per_country IF NOT EXISTS "
              "FOR (n:Location) REQUIRE n.country IS UNIQUE")
    try:
        store.setup()
        neo4j_driver.execute_query(refuse)
        with pytest.raises(StoreError, match="already exists"):
            store.upsert([G.doc_a()])
        records, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS nodes")
        assert records[0]["nodes"] == 0
    finally:
        neo4j_driver.execute_query("DROP CONSTRAINT test_one_place_per_country IF EXISTS")
    store.upsert([G.doc_a()])  # the same write goes through once the constraint is gone
    assert store.counts()["Document"] == 1
    store.close()
