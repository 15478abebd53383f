"""GraphStore writes: the same semantics as kg.merge.merge_graphs, on every store."""

from __future__ import annotations

import graphs as G  # tests/contract/graphs.py (pytest puts this directory on sys.path)
import pytest

from kg.errors import InputError
from kg.export import export_json
from kg.merge import merge_graphs
from kg.model import Event, Participant, Role
from kg.stores import graph_ops
from kg.stores.base import GraphStore
from ontology.mapping import Label, Rel

pytestmark = pytest.mark.contract


def _export(store: GraphStore) -> dict:
    return export_json(store.snapshot(), include_ingested_at=False)


def _reference(graphs) -> dict:
    return export_json(merge_graphs(graphs), include_ingested_at=False)


def test_setup_is_idempotent_and_creates_every_table(store: GraphStore) -> None:
    store.setup()
    store.setup()
    assert store.counts() == {str(name): 0 for name in [*Label, *Rel]}
    store.upsert([G.doc_a()])
    assert store.counts()[Label.DOCUMENT] == 1


def test_upsert_equals_reference_merge(store: GraphStore) -> None:
    graphs = G.all_graphs()
    store.upsert(graphs)
    assert _export(store) == _reference(graphs)
    assert store.snapshot() == merge_graphs(graphs)


def test_documents_round_trip_exactly(store: GraphStore) -> None:
    graphs = G.all_graphs()
    store.upsert(graphs)
    stored = store.snapshot().documents
    assert stored == tuple(sorted((g.document for g in graphs), key=lambda d: d.id))
    assert stored[0].ingested_at is not None and stored[0].text


def test_upsert_twice_changes_nothing(store: GraphStore) -> None:
    graphs = G.all_graphs()
    store.upsert(graphs)
    counts, exported = store.counts(), _export(store)
    store.upsert(graphs)
    store.upsert([graphs[0], graphs[0]])
    assert store.counts() == counts
    assert _export(store) == exported


def test_first_written_scalars_win_and_sets_union(store: GraphStore) -> None:
    store.upsert([G.doc_a(), G.doc_b()])
    russia = store.actor(G.RUSSIA)
    assert russia is not None
    assert (russia.name, russia.type.value) == ("Russia", "country")
    assert russia.aliases == ("Moscow", "Russia", "Russian")
    strike = _event(store, G.SHARED_STRIKE)
    assert strike.summary == "Russia fired 69 missiles at Kyiv" and strike.confidence == 0.9
    assert {e.document for e in strike.evidence} == {G.DOC_A, G.DOC_B}
    assert set(strike.participants) == {Participant(actor=G.RUSSIA, role=Role.ATTACKER),
                                        Participant(actor=G.UKRAINE, role=Role.TARGET),
                                        Participant(actor=G.UKR_GOV, role=Role.TARGET)}
    assert strike.locations == (G.KYIV, G.UA)


def test_write_order_decides_like_the_reference(store: GraphStore) -> None:
    graphs = [G.doc_b(), G.doc_a()]
    store.upsert(graphs)
    assert store.actor(G.RUSSIA).name == "Russian Federation"
    assert _export(store) == _reference(graphs)


def test_edited_document_replaces_its_own_facts(store: GraphStore) -> None:
    graphs = [G.doc_a(), G.doc_b(), G.doc_a_edited()]
    store.upsert(graphs)
    assert _export(store) == _reference(graphs)
    snap = store.snapshot()
    assert sorted(e.type.value for e in snap.events) == ["incident", "sanction", "strike"]
    assert [s.quote for s in snap.statements if s.speaker == G.ZELENSKY] == ["running out of missiles"]
    # No orphans: every stored evidence node supports a stored fact, every fact has evidence.
    spans = {(e.document, e.start, e.end) for f in (*snap.events, *snap.statements) for e in f.evidence}
    counts = store.counts()
    assert counts[Label.EVIDENCE] == len(spans) == counts[Rel.SUPPORTS]
    assert counts[Label.EVENT] == len(snap.events) and counts[Label.STATEMENT] == len(snap.statements)
    assert counts[Label.ENTRY] == sum(len(d.entries) for d in snap.documents)
    assert store.document_hash(G.DOC_A) == G.doc_a_edited().document.content_hash


def test_delete_document_keeps_what_others_support(store: GraphStore) -> None:
    store.upsert(G.all_graphs())
    assert store.delete_document(G.DOC_A) is True
    assert store.delete_document(G.DOC_A) is False
    assert store.document_hash(G.DOC_A) is None
    snap = store.snapshot()
    assert [d.id for d in snap.documents] == sorted([G.DOC_B, G.DOC_C])
    strike = _event(store, G.SHARED_STRIKE)
    assert {e.document for e in strike.evidence} == {G.DOC_B}
    assert all(e.document != G.DOC_A for f in (*snap.events, *snap.statements) for e in f.evidence)
    actor_ids = {a.id for a in snap.actors}
    assert G.ZELENSKY not in actor_ids and G.REUTERS not in actor_ids  # only A's statement used them
    assert {G.RUSSIA, G.UKRAINE, G.UKR_GOV, G.LAVROV, G.USA} <= actor_ids
    # Kyiv Oblast is used by no fact itself but encloses Kyiv, which the strike still names.
    assert {loc.id for loc in snap.locations} == {G.KYIV, G.KYIV_OBLAST, G.UA}
    assert store.counts()[Label.ENTRY] == sum(len(d.entries) for d in snap.documents)


def test_delete_last_documents_removes_unused_actors_and_places(store: GraphStore) -> None:
    store.upsert(G.all_graphs())
    assert store.delete_document(G.DOC_B) and store.delete_document(G.DOC_A)
    snap = store.snapshot()
    assert [a.id for a in snap.actors] == sorted([G.UKRAINE, G.USA])
    assert snap.locations == ()
    assert [e.type.value for e in snap.events] == ["aid"]
    assert store.counts()[Rel.WITHIN] == 0


def test_delete_unknown_document_is_false(store: GraphStore) -> None:
    assert store.delete_document("doc_missing") is False


def test_document_hash(store: GraphStore) -> None:
    assert store.document_hash(G.DOC_A) is None
    store.upsert([G.doc_a()])
    assert store.document_hash(G.DOC_A) == G.doc_a().document.content_hash


def test_within_links_appear_when_the_parent_is_written(store: GraphStore) -> None:
    store.upsert([G.doc_a()])  # Kyiv -> Kyiv Oblast; the oblast's parent (Ukraine) is not stored
    assert store.counts()[Rel.WITHIN] == 1
    store.upsert([G.doc_b()])  # writes Ukraine, the oblast's stored parent
    assert store.counts()[Rel.WITHIN] == 2


def test_graph_naming_an_unknown_actor_is_refused(store: GraphStore) -> None:
    good = G.doc_a()
    stray = good.events[0].model_copy(update={"participants": (
        Participant(actor="act_nobody", role=Role.VICTIM),)})
    bad = good.model_copy(update={"events": (stray,)})
    with pytest.raises(InputError, match="act_nobody"):
        store.upsert([bad])
    assert store.counts()[Label.DOCUMENT] == 0


class _Crash(Exception):
    """Injected in the middle of a document's write."""


def test_a_failed_rewrite_leaves_the_previous_version(store: GraphStore, monkeypatch) -> None:
    store.upsert([G.doc_a(), G.doc_b()])
    before = store.snapshot(), store.counts()
    write_nodes = graph_ops._upsert_nodes

    def crash_at_evidence(batched, dialect, label, rows):
        if label is Label.EVIDENCE:  # after A's old facts were dropped and new nodes written
            raise _Crash
        return write_nodes(batched, dialect, label, rows)

    monkeypatch.setattr(graph_ops, "_upsert_nodes", crash_at_evidence)
    with pytest.raises(_Crash):
        store.upsert([G.doc_a_edited()])
    assert (store.snapshot(), store.counts()) == before


def _event(store: GraphStore, event_id: str) -> Event:
    return next(e for e in store.snapshot().events if e.id == event_id)


_BY_LETTER = {"a": G.doc_a, "b": G.doc_b, "c": G.doc_c, "e": G.doc_a_edited}


@pytest.mark.parametrize("order", ["abce", "eab", "aeae", "cbae", "baca", "ecbe", "ca"])
def test_one_call_with_repeats_and_edits_equals_the_reference(store: GraphStore, order: str) -> None:
    # One upsert call batches its documents into rounds; the result must be the
    # reference merge of the same sequence, repeats and edits included.
    graphs = [_BY_LETTER[letter]() for letter in order]
    store.upsert(graphs)
    assert _export(store) == _reference(graphs)


@pytest.mark.parametrize("stored", ["a", "ab", "abc"])
def test_one_call_over_stored_documents_equals_the_reference(store: GraphStore, stored: str) -> None:
    first = [_BY_LETTER[letter]() for letter in stored]
    store.upsert(first)
    later = [G.doc_c(), G.doc_a_edited(), G.doc_b()]
    store.upsert(later)
    assert _export(store) == _reference(first + later)
