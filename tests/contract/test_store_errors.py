"""Store failures surface as kg.errors classes, never as driver exceptions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
