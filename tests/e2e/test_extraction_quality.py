"""Extraction quality regression: the scorer's figures must not drop below the
ones reported when this was last measured (the floors below).

Scored with ../shared/eval/score.py, never asserted from memory: the development
gold (001), three blind-annotated held-out documents (tests/heldout/) and the
cross-document pairs between the two seed live blogs. Raise a floor when the
extractor improves; never lower one to make a change pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.extraction.evaluate import SCORER, build_export
from loaders.extraction.heldout import DEV_GOLD, gold_files, stage_texts

pytestmark = pytest.mark.e2e

DEV_FLOORS = {
    "entries.f1": 1.0, "actors.bcubed_f1": 0.99, "locations.bcubed_f1": 1.0,
    "evidence.offset_acc": 1.0, "events.core_f1": 1.0, "events.roles_acc": 0.81,
    "events.date_acc": 0.87, "statements.f1": 1.0, "statements.speaker_acc": 1.0,
    "statements.wswaw_f1": 0.96,
}
# Means over the held-out documents: the honest estimate on unseen text.
HELDOUT_FLOORS = {
    "entries.f1": 1.0, "actors.bcubed_f1": 0.94, "locations.bcubed_f1": 0.92,
    "evidence.offset_acc": 1.0, "events.core_f1": 0.79, "statements.f1": 0.86,
    "statements.speaker_acc": 0.96, "statements.wswaw_f1": 0.68,
}
CROSS_DOCUMENT_RECALL_FLOOR = 0.5


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> tuple[Path, Path]:
    texts = tmp_path_factory.mktemp("texts")
    stage_texts(gold_files(), texts)
    export = texts.parent / "export.json"
    export.write_text(json.dumps(build_export([texts])), encoding="utf-8")
    return export, texts


def _summary(export: Path, texts: Path, golds: list[Path]) -> dict:
    cmd = [sys.executable, str(SCORER), "--export", str(export), "--texts", str(texts), "--json"]
    for gold in golds:
        cmd += ["--gold", str(gold)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)["summary"]


def _below(figures: dict, floors: dict) -> dict:
    return {k: (figures.get(k), floor) for k, floor in floors.items()
            if figures.get(k) is None or figures[k] < floor}


def test_development_gold_scores_hold(scored) -> None:
    figures = _summary(*scored, [DEV_GOLD])
    assert _below(figures, DEV_FLOORS) == {}, figures


def test_heldout_mean_scores_hold(scored) -> None:
    per_doc = [_summary(*scored, [gold]) for gold in gold_files()[1:]]
    assert len(per_doc) == 3
    means = {k: sum(d[k] for d in per_doc) / len(per_doc) for k in HELDOUT_FLOORS
             if all(d.get(k) is not None for d in per_doc)}
    assert _below(means, HELDOUT_FLOORS) == {}, means


def test_cross_document_events_are_merged(scored) -> None:
    figures = _summary(*scored, gold_files()[:2])  # 001 and 000 annotate pairs between them
    assert figures["cross_document.recall"] is not None
    assert figures["cross_document.recall"] >= CROSS_DOCUMENT_RECALL_FLOOR, figures
