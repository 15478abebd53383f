"""Fixtures of the source-format tests: the product's CLI against a fresh embedded store."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.model import Document

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO / ".." / "shared"
ACLED_SAMPLE = SHARED / "eval" / "reference" / "acled_ukraine_sample_2022.csv"
SEEDS = sorted((REPO / "examples").glob("*.txt"))


@dataclass
class Kg:
    """``kg ingest`` / ``kg export`` run in-process (typer's CliRunner) on one store."""

    store: Path

    def run(self, *args: str) -> Any:
        from typer.testing import CliRunner

        from kg.cli import app

        return CliRunner().invoke(app, [*args, "--store", str(self.store)])

    def ingest(self, *paths: Path | str, exit_code: int = 0) -> str:
        result = self.run("ingest", *map(str, paths))
        assert result.exit_code == exit_code, result.output
        return result.output

    def export(self) -> dict[str, Any]:
        out = self.store.parent / "export.json"
        result = self.run("export", "--out", str(out))
        assert result.exit_code == 0, result.output
        return json.loads(out.read_text(encoding="utf-8"))

    def documents(self) -> dict[str, Document]:
        """Stored documents by source, with the text the offsets refer to."""
        from kg.stores.ladybug_store import LadybugStore

        store = LadybugStore(str(self.store))
        store.setup()
        try:
            return {d.source: d for d in store.snapshot().documents}
        finally:
            store.close()


@pytest.fixture
def kg(tmp_path: Path) -> Kg:
    return Kg(tmp_path / "store")


def sources_of(event: dict[str, Any], export: dict[str, Any]) -> set[str]:
    by_id = {d["id"]: d["source"] for d in export["documents"]}
    return {by_id[e["document"]] for e in event["evidence"]}


def events_from(export: dict[str, Any], source: str) -> list[dict[str, Any]]:
    return [e for e in export["events"] if source in sources_of(e, export)]


def assert_offsets_hold(export: dict[str, Any], documents: Iterable[Document]) -> None:
    """Every evidence span is the stored document text at its offsets."""
    texts = {d.id: d.text for d in documents}
    for fact in (*export["events"], *export["statements"]):
        for ev in fact["evidence"]:
            assert texts[ev["document"]][ev["start"]:ev["end"]] == ev["text"]
