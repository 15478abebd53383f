"""The analyst notebooks (notebooks/*.ipynb) run top to bottom against the real Neo4j.

Each notebook is executed with nbclient in a fresh kernel, over a graph holding the
example live blogs. Its last cell (tagged ``summary``) prints the sizes of its answers as
JSON; they are compared with the same answers computed here from the store's snapshot in
Python, so the Cypher in the notebooks is checked against an independent reading of the
graph. Executed copies are kept in test-artifacts/notebooks/ for inspection.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg.model import EventType
from kg.stores.base import GraphSnapshot

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXECUTED = ROOT / "test-artifacts" / "notebooks"
WIPE = "MATCH (n) DETACH DELETE n"
CELL_TIMEOUT_S = 300


def _wipe(driver: Any) -> None:
    driver.execute_query(WIPE)  # the server is shared by the whole session


def _ingest_examples(uri: str) -> GraphSnapshot:
    from kg.ingest import ingest
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(uri)
    try:
        store.setup()
        report = ingest([ROOT / "examples"], store)
        assert report.documents == 2 and not report.failures
        return store.snapshot()
    finally:
        store.close()


@pytest.fixture(scope="module")
def examples(neo4j_uri: str, neo4j_driver: Any) -> GraphSnapshot:
    """The graph of the examples, ingested once into an emptied Neo4j."""
    _wipe(neo4j_driver)
    return _ingest_examples(neo4j_uri)


def _require_notebook_tools() -> None:
    """The ``notebooks`` extra: skip locally without it, fail under CI."""
    try:
        import ipykernel  # noqa: F401
        import matplotlib  # noqa: F401
        import nbclient  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as exc:
        reason = f"the notebooks extra is not installed (pip install -e '.[notebooks]'): {exc}"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def _execute(path: Path, uri: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run the notebook in a fresh kernel; return its summary (nbclient raises on any error)."""
    _require_notebook_tools()
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("KG_NEO4J_URI", uri)
    for name in ("KG_NEO4J_PASSWORD", "KG_NEO4J_DATABASE", "KG_EXAMPLES"):
        monkeypatch.delenv(name, raising=False)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    try:
        client.execute()
    finally:
        EXECUTED.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, EXECUTED / path.name)
    cell = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    text = "".join(o["text"] for o in cell.outputs if o.get("name") == "stdout")
    return json.loads(text)


# --- the same answers, from the snapshot ----------------------------------------------------


def _neighbours(snap: GraphSnapshot, actor: str) -> set[str]:
    """Actors one step away: co-participants, actors it spoke about, actors who spoke about it."""
    found: set[str] = set()
    for ev in snap.events:
        ids = {p.actor for p in ev.participants}
        if actor in ids:
            found |= ids
    for st in snap.statements:
        if st.speaker == actor:
            found |= set(st.about)
        if actor in st.about and st.speaker:
            found.add(st.speaker)
    return found - {actor}


def _areas(snap: GraphSnapshot) -> set[str]:
    """Every place holding an event, directly or through the parent chain of stored places."""
    stored = {loc.id: loc for loc in snap.locations}
    areas: set[str] = set()
    for loc_id in {loc for ev in snap.events for loc in ev.locations}:
        while loc_id in stored and loc_id not in areas:
            areas.add(loc_id)
            loc_id = stored[loc_id].parent
    return areas


def _actors_and_statements(snap: GraphSnapshot) -> dict[str, Any]:
    matches = [a for a in snap.actors
               if any("zelensk" in n.lower() for n in (a.name, *a.aliases))]
    zelensky = matches[0].id if matches else None
    pairs = {(st.speaker, about, st.stance) for st in snap.statements if st.speaker
             for about in st.about}
    return {"actors_matching_zelensk": len(matches),
            "putin_neighbours": len(_neighbours(snap, "vladimir_putin")),
            "zelensky_neighbours": len(_neighbours(snap, zelensky)),
            "statements": len(snap.statements), "stance_pairs": len(pairs),
            "about_putin": sum("vladimir_putin" in st.about for st in snap.statements)}


def _events_sources_time(snap: GraphSnapshot) -> dict[str, Any]:
    strikes = [ev for ev in snap.events if ev.type is EventType.STRIKE]
    day_place = {(ev.date, loc) for ev in strikes for loc in (ev.locations or [None])}
    return {"events": len(snap.events), "event_types": len({ev.type for ev in snap.events}),
            "strikes": len(strikes), "strikes_by_day_place": len(day_place),
            "corroborated_events": sum(len({e.document for e in ev.evidence}) > 1
                                       for ev in snap.events),
            "timeline": sum(f.date is not None for f in [*snap.events, *snap.statements]),
            "areas": len(_areas(snap))}


EXPECTED: dict[str, Callable[[GraphSnapshot], dict[str, Any]]] = {
    "01_actors_and_statements.ipynb": _actors_and_statements,
    "02_events_sources_time.ipynb": _events_sources_time,
}


def _check(name: str, summary: dict[str, Any], snap: GraphSnapshot) -> None:
    expected = EXPECTED[name](snap)
    assert {k: summary[k] for k in expected} == expected
    # Where the examples hold data, the notebook found some.
    assert all(value > 0 for key, value in expected.items()), expected
    if name.startswith("01"):
        assert summary["path_steps"] >= 3 and summary["path_steps"] % 2 == 1  # actor..fact..actor
        assert summary["chains"] > 0
    else:
        assert summary["side_by_side"] >= 2


def test_every_notebook_is_checked() -> None:
    assert NOTEBOOKS and {p.name for p in NOTEBOOKS} == set(EXPECTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_over_the_examples(path: Path, examples: GraphSnapshot, neo4j_uri: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    summary = _execute(path, neo4j_uri, monkeypatch)
    assert summary["ingested_examples"] is False  # the graph was already loaded
    _check(path.name, summary, examples)


def test_notebook_loads_the_examples_into_an_empty_graph(
        examples: GraphSnapshot, neo4j_uri: str, neo4j_driver: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _wipe(neo4j_driver)
    path = NOTEBOOK_DIR / "02_events_sources_time.ipynb"
    summary = _execute(path, neo4j_uri, monkeypatch)
    assert summary["ingested_examples"] is True
    _check(path.name, summary, examples)  # the same graph as an ingest done outside
