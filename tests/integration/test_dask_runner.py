"""The Dask extraction runner gives exactly the graphs of a local run (real worker processes)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CSV = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "guardian" / "guardian-articles-nato.csv"
SUBSET = 20


def _require_dask() -> None:
    if importlib.util.find_spec("dask") and importlib.util.find_spec("distributed"):
        return
    if os.environ.get("CI"):
        pytest.fail("dask[distributed] is required in CI (optional extra 'distributed')", pytrace=False)
    pytest.skip("dask[distributed] not installed (optional extra 'distributed')")


@pytest.fixture(scope="module")
def documents():
    from loaders import LoadFailure, iter_documents

    docs = [d for d in iter_documents([CSV]) if not isinstance(d, LoadFailure)][:SUBSET]
    assert len(docs) == SUBSET
    return docs


def _export(graphs):
    from kg.export import export_json
    from kg.merge import merge_graphs

    return export_json(merge_graphs(graphs))


def test_dask_extraction_equals_local_extraction(documents):
    _require_dask()
    from kg.distributed import extract_with_dask
    from loaders.extraction import get_extractor

    extract = get_extractor("rules")
    local = [extract(d) for d in documents]
    distributed = extract_with_dask(documents, n_workers=2)
    assert [g.document.id for g in distributed] == [d.id for d in documents]
    assert _export(distributed) == _export(local)
    assert _export(local)["actors"]  # the comparison is about real extracted content


def test_no_documents_start_no_cluster():
    _require_dask()
    from kg.distributed import extract_with_dask

    assert extract_with_dask([], n_workers=2) == []
