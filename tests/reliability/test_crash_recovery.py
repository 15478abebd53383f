"""Crash safety: ``kill -9`` of a writer never leaves a half-written document, the
embedded store's files reopen after it, and a rerun ends where a clean run ends.

Ingest skips a document whose stored content hash equals the new one, so a
Document node committed without its facts would be skipped for ever. Both stores
write a document (node, entries, facts, evidence) in one transaction; these tests
kill the writer inside that transaction, right after the Document node is written,
and check that nothing of it (or, for an edit, the old version intact) is stored.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_support import (
    GUARDIAN_CSV,
    REPO,
    clean_env,
    export_of,
    head_csv,
    kg_command,
    open_existing,
    open_fresh,
    orphans,
    run_kg,
    wipe_neo4j,
)

from kg.model import DocumentGraph

pytestmark = pytest.mark.e2e

ROWS = int(os.environ.get("KG_CRASH_ROWS", "60"))
KILL_AFTER_DOCUMENTS = 5
POLL_S = 0.02

# Writes one graph, but SIGKILLs itself just after the Document node is written,
# inside the document's transaction.
_DIE_MID_DOCUMENT = """
import os, signal, sys
from kg.model import DocumentGraph
from kg.stores import graph_ops, open_store
from kg.settings import Settings
from ontology.mapping import Label

store = open_store(Settings(_env_file=None, store=sys.argv[1]))
graph = DocumentGraph.model_validate_json(open(sys.argv[2], encoding="utf-8").read())
upsert_nodes = graph_ops._upsert_nodes

def upsert_then_die(batched, dialect, label, rows):
    created = upsert_nodes(batched, dialect, label, rows)
    if label is Label.DOCUMENT:
        print("document node written", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    return created

graph_ops._upsert_nodes = upsert_then_die
store.upsert([graph])
print("not killed", flush=True)
"""


def _die_mid_document(location: str, graph: DocumentGraph, tmp: Path) -> str:
    graph_file = tmp / "graph.json"
    graph_file.write_text(graph.model_dump_json(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _DIE_MID_DOCUMENT, location, str(graph_file)],
                          cwd=tmp, env=clean_env() | {"PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.stdout


def _edited(graph: DocumentGraph) -> DocumentGraph:
    """The same document with other text: half its facts, a new content hash."""
    doc = graph.document.model_copy(update={"content_hash": "edited-" + graph.document.content_hash})
    return graph.model_copy(update={"document": doc,
                                    "events": graph.events[: len(graph.events) // 2],
                                    "statements": graph.statements[: len(graph.statements) // 2]})


def test_kill_9_inside_a_new_documents_transaction_stores_nothing_of_it(
        store_kind: str, store_location: str, seed_graphs: list[DocumentGraph], make_store,
        tmp_path: Path) -> None:
    first, second = seed_graphs
    store = open_fresh(store_kind, store_location)
    store.upsert([first])
    before, counts = export_of(store), store.counts()
    store.close()

    assert "document node written" in _die_mid_document(store_location, second, tmp_path)

    store = open_existing(store_location)  # reopens after kill -9
    try:
        assert store.document_hash(second.document.id) is None  # so a rerun writes it
        assert store.counts() == counts and export_of(store) == before
        assert orphans(store) == {}
        store.upsert([second])  # the store is usable and ends as if never interrupted
        after = export_of(store)
    finally:
        store.close()
    clean = make_store()
    clean.upsert(seed_graphs)
    assert after == export_of(clean)


def test_kill_9_while_replacing_an_edited_document_keeps_the_old_version_whole(
        store_kind: str, store_location: str, seed_graphs: list[DocumentGraph],
        tmp_path: Path) -> None:
    store = open_fresh(store_kind, store_location)
    store.upsert(seed_graphs)
    before = export_of(store)
    store.close()
    edited = _edited(seed_graphs[0])

    assert "document node written" in _die_mid_document(store_location, edited, tmp_path)

    store = open_existing(store_location)
    try:
        assert store.document_hash(edited.document.id) == seed_graphs[0].document.content_hash
        assert export_of(store) == before and orphans(store) == {}
    finally:
        store.close()


# --- the CLI killed mid-batch ---------------------------------------------------------


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return head_csv(GUARDIAN_CSV, tmp_path_factory.mktemp("batch") / "guardian-head.csv", ROWS)


@pytest.fixture(scope="module")
def bad_rows(batch_file: Path) -> int:
    from loaders import LoadFailure, iter_documents

    return sum(isinstance(item, LoadFailure) for item in iter_documents([batch_file]))


def _ingest_command(batch_file: Path, location: str) -> list[str]:
    return kg_command("ingest", str(batch_file), "--store", location)


def _spawn(command: list[str], cwd: Path, log_name: str) -> subprocess.Popen:
    """Output to a file: a pipe nobody drains could block the process."""
    with (cwd / log_name).open("w") as log:
        return subprocess.Popen(command, cwd=cwd, env=clean_env() | {"PYTHONPATH": str(REPO)},
                                stdout=log, stderr=subprocess.STDOUT, text=True)


def _output(cwd: Path, log_name: str) -> str:
    return (cwd / log_name).read_text()[-3000:]


def _document_counter(kind: str, location: str) -> Callable[[], int | None]:
    """Counts stored documents while another process writes (None when it cannot tell)."""
    if kind == "neo4j":
        from neo4j import GraphDatabase

        driver = GraphDatabase.driver(location, auth=None)

        def neo4j_count() -> int | None:
            records, _, _ = driver.execute_query("MATCH (d:Document) RETURN count(d) AS n")
            return records[0]["n"]

        neo4j_count.close = driver.close  # type: ignore[attr-defined]
        return neo4j_count

    import ladybug

    def ladybug_count() -> int | None:
        # A read-only database may be opened beside another process's writer.
        try:
            db = ladybug.Database(str(Path(location) / "graph.lbug"), read_only=True,
                                  buffer_pool_size=64 * 1024 * 1024)
        except RuntimeError:
            return None
        try:
            conn = ladybug.Connection(db)
            return conn.execute("MATCH (d:Document) RETURN count(d)").get_next()[0]
        except RuntimeError:
            return None
        finally:
            db.close()

    ladybug_count.close = lambda: None  # type: ignore[attr-defined]
    return ladybug_count


def _kill_when_documents_written(proc: subprocess.Popen, count: Callable[[], int | None],
                                 at_least: int, timeout_s: float = 900) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, "ingest ended before the kill"
        if (count() or 0) >= at_least:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(POLL_S)
    proc.kill()
    proc.wait()
    pytest.fail("no document was written in time")


def _facts_by_document(export: dict) -> dict[str, set]:
    found: dict[str, set] = {}
    for kind in ("events", "statements"):
        for fact in export[kind]:
            for e in fact["evidence"]:
                found.setdefault(e["document"], set()).add((fact["id"], e["start"], e["end"]))
    return found


def test_cli_killed_mid_batch_then_rerun_equals_a_clean_run(
        store_kind: str, store_location: str, batch_file: Path, bad_rows: int,
        tmp_path: Path) -> None:
    # The clean single run is the same command, uninterrupted, into an empty store of
    # the same kind: beside it for LadybugDB, after it on the one Neo4j server.
    clean_dir = str(tmp_path / "clean")
    clean = (_spawn(_ingest_command(batch_file, clean_dir), tmp_path, "clean.log")
             if store_kind == "ladybug" else None)
    proc = _spawn(_ingest_command(batch_file, store_location), tmp_path, "killed.log")
    count = _document_counter(store_kind, store_location)
    try:
        _kill_when_documents_written(proc, count, KILL_AFTER_DOCUMENTS)
    finally:
        count.close()
    assert proc.returncode == -signal.SIGKILL

    store = open_existing(store_location)  # LadybugDB: reopens after kill -9
    try:
        crashed = export_of(store)
        assert orphans(store) == {}
    finally:
        store.close()
    written = {d["id"] for d in crashed["documents"]}
    assert len(written) >= KILL_AFTER_DOCUMENTS

    rerun = run_kg("ingest", str(batch_file), "--store", store_location, cwd=tmp_path)
    assert rerun.returncode == (1 if bad_rows else 0), rerun.stderr[-3000:]
    final = _export_at(store_location)
    assert len(final["documents"]) > len(written), "the kill was not mid-batch"

    if clean is None:
        wipe_neo4j(store_location)
        clean = _spawn(_ingest_command(batch_file, store_location), tmp_path, "clean.log")
    clean.wait(timeout=900)
    assert clean.returncode == (1 if bad_rows else 0), _output(tmp_path, "clean.log")
    expected = _export_at(clean_dir if store_kind == "ladybug" else store_location)
    # Every document the crash left behind was whole; the rerun completed the rest.
    complete, crashed_facts = _facts_by_document(expected), _facts_by_document(crashed)
    assert all(crashed_facts.get(d, set()) == complete.get(d, set()) for d in written)
    assert final == expected


def _export_at(location: str) -> dict:
    store = open_existing(location)
    try:
        return export_of(store)
    finally:
        store.close()
