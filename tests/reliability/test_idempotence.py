"""Nothing duplicated, nothing left behind: re-ingest, edit and delete on both stores,
with the real extractor on the seed live blogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_support import SEEDS, export_of, orphans

from kg.ingest import ingest
from kg.model import DocumentGraph
from kg.stores.base import GraphStore

pytestmark = pytest.mark.contract

# One paragraph of the first seed, and what it becomes in the edited copy: a statement
# and a strike replace a Kremlin statement about a missile incident.
OLD_PARAGRAPH = ('"This is an incident that causes extreme concern, not only for us, but for our '
                 'Belarusian partners," Kremlin spokesman Dmitry Peskov said a day after the '
                 'missile firing incident.')
NEW_PARAGRAPH = ("Russian forces shelled Kharkiv overnight, killing three civilians, regional "
                 "governor Oleh Synehubov said on Friday.")


def _copy_seeds(folder: Path) -> list[Path]:
    folder.mkdir()
    return [Path(shutil.copy(seed, folder / seed.name)) for seed in SEEDS]


def _edit_first_seed(paths: list[Path]) -> Path:
    text = paths[0].read_text(encoding="utf-8")
    assert text.count(OLD_PARAGRAPH) == 1, "the seed changed: pick another paragraph"
    paths[0].chmod(0o644)
    paths[0].write_text(text.replace(OLD_PARAGRAPH, NEW_PARAGRAPH), encoding="utf-8")
    return paths[0]


def _fact_ids(export: dict, document_id: str) -> set[str]:
    return {f["id"] for kind in ("events", "statements") for f in export[kind]
            if any(e["document"] == document_id for e in f["evidence"])}


def _used_actors(export: dict) -> set[str]:
    used = {p["actor"] for e in export["events"] for p in e["participants"]}
    for s in export["statements"]:
        used |= {s["speaker"], s["channel"], *s["about"]} - {None}
    return used


def test_reingesting_is_a_no_op(fresh_store: GraphStore, tmp_path: Path) -> None:
    first = ingest(SEEDS, fresh_store)
    assert first.documents == len(SEEDS) and first.failures == []
    counts, export = fresh_store.counts(), export_of(fresh_store)
    assert counts["Event"] > 0 and counts["Statement"] > 0
    again = ingest(SEEDS, fresh_store)
    assert (again.documents, again.unchanged) == (0, len(SEEDS))
    assert fresh_store.counts() == counts
    assert export_of(fresh_store) == export


def test_rewriting_the_same_graphs_changes_nothing(fresh_store: GraphStore,
                                                   seed_graphs: list[DocumentGraph]) -> None:
    # Past the content-hash check: the store's upsert itself must be idempotent.
    fresh_store.upsert(seed_graphs)
    counts, export = fresh_store.counts(), export_of(fresh_store)
    fresh_store.upsert(seed_graphs)
    fresh_store.upsert(list(reversed(seed_graphs)))
    assert fresh_store.counts() == counts
    assert export_of(fresh_store) == export


def test_an_edited_entry_replaces_its_own_facts(fresh_store: GraphStore, make_store,
                                                tmp_path: Path) -> None:
    paths = _copy_seeds(tmp_path / "seeds")
    ingest(paths, fresh_store)
    before = export_of(fresh_store)
    edited = _edit_first_seed(paths)
    report = ingest(paths, fresh_store)
    assert (report.documents, report.unchanged) == (1, len(paths) - 1)
    after = export_of(fresh_store)
    assert orphans(fresh_store) == {}
    fresh_store.close()  # Neo4j: the next store is the same server, wiped

    clean = make_store()
    ingest(paths, clean)
    expected = export_of(clean)
    doc_id = next(d["id"] for d in after["documents"] if d["source"] == edited.name)
    assert _fact_ids(after, doc_id) != _fact_ids(before, doc_id), "the edit changed no fact"
    # Exactly the facts a clean ingest of the edited text gives, each with the same evidence.
    assert after["documents"] == expected["documents"]
    for kind in ("events", "statements"):
        assert ({f["id"]: f["evidence"] for f in after[kind]}
                == {f["id"]: f["evidence"] for f in expected[kind]})
    for evidence in (e for kind in ("events", "statements") for f in after[kind]
                     for e in f["evidence"]):
        assert evidence["text"] == _text_of(paths, after, evidence)[evidence["start"]:evidence["end"]]


def _text_of(paths: list[Path], export: dict, evidence: dict) -> str:
    source = next(d["source"] for d in export["documents"] if d["id"] == evidence["document"])
    return next(p for p in paths if p.name == source).read_text(encoding="utf-8")


def test_deleting_a_document_removes_exactly_its_facts(fresh_store: GraphStore, make_store) -> None:
    ingest(SEEDS, fresh_store)
    full = export_of(fresh_store)
    gone, kept = (d["id"] for d in full["documents"])
    assert fresh_store.delete_document(gone) is True
    assert fresh_store.delete_document(gone) is False
    after = export_of(fresh_store)
    assert orphans(fresh_store) == {}
    fresh_store.close()

    only_kept = make_store()
    ingest([p for p in SEEDS if p.name == _source(full, kept)], only_kept)
    expected = export_of(only_kept)
    assert [d["id"] for d in after["documents"]] == [kept]
    for kind in ("events", "statements"):  # the kept document's facts, with only its evidence
        assert ({f["id"]: f["evidence"] for f in after[kind]}
                == {f["id"]: f["evidence"] for f in expected[kind]})
    # Actors no remaining fact uses are gone; those the kept document uses stay.
    actors = {a["id"] for a in after["actors"]}
    assert actors == _used_actors(after) == _used_actors(expected)
    assert actors < {a["id"] for a in full["actors"]}
    located = {loc for e in after["events"] for loc in e["locations"]}
    assert located <= {loc["id"] for loc in after["locations"]}


def _source(export: dict, document_id: str) -> str:
    return next(d["source"] for d in export["documents"] if d["id"] == document_id)
