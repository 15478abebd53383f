"""The export of any store's snapshot satisfies the shared export contract."""

from __future__ import annotations

import json
from pathlib import Path

import graphs as G  # tests/contract/graphs.py (pytest puts this directory on sys.path)
import jsonschema
import pytest

from kg.export import export_json
from kg.stores.base import GraphStore

pytestmark = pytest.mark.contract

SCHEMA = Path(__file__).parents[2] / ".." / "shared" / "contracts" / "export.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_export_validates_against_the_contract(store: GraphStore, validator) -> None:
    store.upsert(G.all_graphs())
    exported = export_json(store.snapshot())
    validator.validate(exported)
    assert exported["events"] and exported["statements"] and exported["documents"][0]["entries"]
    assert max(e["sources"] for e in exported["events"]) == 2
    # The contract does constrain the shape: an event without evidence is invalid.
    del exported["events"][0]["evidence"]
    assert not validator.is_valid(exported)
