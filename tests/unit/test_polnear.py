"""The PolNeAR evaluator: its scoring on a tiny invented corpus, and the targets on the
real subset (when ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.extraction import polnear

pytestmark = pytest.mark.unit

SHARED_SUBSET = Path(__file__).parents[2] / ".." / "shared" / "eval" / "attribution" / "polnear_dev_subset"

TEXT = ("Senator Maria Olsen said the bill would pass this week.\n\n"
        "“We have the votes, and we will use them,” she told reporters.\n\n"
        "Analysts doubt that the vote will be close.\n")


def relation(text: str, source: str | None, cue: str, content: str, rid: str) -> dict:
    def span(part: str) -> dict:
        start = text.index(part)
        return {"text": part, "spans": [[start, start + len(part)]]}

    return {"doc_id": "tiny", "publication_date": "2016-09-08", "attribution_id": rid,
            "type": "Attribution" if source else "Attribution-no-source",
            "source": span(source) if source else None, "cue": span(cue), "content": span(content)}


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "tiny.txt").write_text(TEXT, encoding="utf-8")
    rels = [relation(TEXT, "Senator Maria Olsen", "said", "the bill would pass this week", "E1"),
            relation(TEXT, "she", "told", "“We have the votes, and we will use them,”", "E2"),
            relation(TEXT, "Analysts", "doubt", "that the vote will be close", "E3")]
    (tmp_path / "attributions.jsonl").write_text("\n".join(json.dumps(r) for r in rels) + "\n", encoding="utf-8")
    return tmp_path


def test_scores_a_tiny_corpus(nlp, tiny_corpus: Path) -> None:
    summary, outcomes = polnear.run(tiny_corpus)
    found = [o.found for o in outcomes]
    assert found == [True, True, False]  # "doubt" is a belief, not a verb of saying
    assert summary["all"]["content_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["direct"] == {"relations": 1, "content_recall": 1.0, "speaker_accuracy": 1.0, "speaker_judged": 1}
    pronoun = outcomes[1]
    assert pronoun.pronoun == "she"
    assert pronoun.resolved_to == "Maria Olsen" or pronoun.resolved_to == "Senator Maria Olsen"


@pytest.mark.skipif(not SHARED_SUBSET.exists(), reason="needs ../shared/eval/attribution")
def test_direct_quote_targets_on_the_real_subset(nlp) -> None:
    summary, _ = polnear.run(SHARED_SUBSET)
    assert summary["direct"]["speaker_accuracy"] >= 0.92
    assert summary["direct"]["content_recall"] >= 0.85
