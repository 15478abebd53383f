"""How one upsert call is split into write rounds (kg.stores.graph_ops.plan_rounds)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg import rows
from kg.stores import graph_ops

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "contract"))
import graphs as G  # the contract tests' small graphs

pytestmark = pytest.mark.unit


def _docs(rounds) -> list[list[str]]:
    return [[g.document_id for g in r] for r in rounds]


def _rows(*graphs) -> list[rows.GraphRows]:
    return [rows.graph_rows(g) for g in graphs]


def test_new_documents_share_one_round() -> None:
    graphs = _rows(G.doc_a(), G.doc_b(), G.doc_c())
    assert _docs(graph_ops.plan_rounds(graphs, set())) == [[G.DOC_A, G.DOC_B, G.DOC_C]]


def test_a_stored_or_repeated_document_opens_a_round() -> None:
    graphs = _rows(G.doc_a(), G.doc_b(), G.doc_a_edited(), G.doc_c())
    assert _docs(graph_ops.plan_rounds(graphs, set())) == [[G.DOC_A, G.DOC_B], [G.DOC_A, G.DOC_C]]
    assert _docs(graph_ops.plan_rounds(graphs, {G.DOC_B})) == [[G.DOC_A], [G.DOC_B], [G.DOC_A, G.DOC_C]]


def test_rounds_are_bounded_in_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph_ops, "ROUND_ROWS", 1)
    graphs = _rows(G.doc_a(), G.doc_b(), G.doc_c())
    assert [len(r) for r in graph_ops.plan_rounds(graphs, set())] == [1, 1, 1]


def test_no_graphs_no_rounds() -> None:
    assert graph_ops.plan_rounds([], set()) == []
