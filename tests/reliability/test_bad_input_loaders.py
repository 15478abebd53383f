"""Every bad input gets a clear error naming its file (or row), or is read as text; the
loaders never raise. Extraction limits are checked before any NLP runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_inputs import CASES, FAILING, HANDLED, MISSING, Case

from kg.errors import InputError
from kg.model import Document
from loaders import LoadFailure, iter_documents, load_text
from loaders.extraction.pipeline import check_extractable

pytestmark = pytest.mark.unit


def _outcomes(path: Path) -> list[Document | LoadFailure]:
    """What ingest sees: the loaders' items, then the extractor's size check."""
    out: list[Document | LoadFailure] = []
    for item in iter_documents([path]):
        if isinstance(item, Document):
            try:
                check_extractable(item)
            except InputError as exc:
                item = LoadFailure.from_error(exc)
        out.append(item)
    return out


@pytest.mark.parametrize("case", FAILING, ids=lambda c: c.name)
def test_a_bad_file_gets_a_clear_error_naming_it(case: Case, tmp_path: Path) -> None:
    failures = [i for i in _outcomes(case.write(tmp_path)) if isinstance(i, LoadFailure)]
    assert len(failures) == case.records
    for failure in failures:
        assert Path(failure.path.split("#")[0]).name == Path(case.name).name
        assert all(phrase in failure.problem for phrase in case.fails), failure.problem
        assert "\n" not in failure.error.problem  # one line (a file name may hold a break)


@pytest.mark.parametrize("case", HANDLED, ids=lambda c: c.name)
def test_an_odd_but_readable_file_is_read_as_text(case: Case, tmp_path: Path) -> None:
    path = case.write(tmp_path)
    items = _outcomes(path)
    assert not [i for i in items if isinstance(i, LoadFailure)]
    for doc in items:
        for entry in doc.entries:
            assert 0 <= entry.start <= entry.end <= len(doc.text)


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    [failure] = _outcomes(tmp_path / MISSING)
    assert isinstance(failure, LoadFailure) and "no such file" in failure.problem


def test_a_mixed_table_keeps_its_good_rows(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "bad_lines.jsonl")
    items = _outcomes(case.write(tmp_path))
    assert [type(i) for i in items] == [Document, LoadFailure, LoadFailure]
    assert [i.path.rsplit("#", 1)[1] for i in items[1:]] == ["2", "3"]


def test_the_huge_file_is_refused_without_being_read(tmp_path: Path, monkeypatch) -> None:
    path = next(c for c in CASES if c.name == "huge.txt").write(tmp_path)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the huge file was read"))
    [failure] = _outcomes(path)
    assert "too large" in failure.problem


@pytest.mark.parametrize("text", ["", " \n", "\x00abc", "Kyiv\udc80 said"])
def test_posted_text_that_is_not_usable_raises_input_error(text: str) -> None:
    with pytest.raises(InputError):
        load_text("posted.txt", text)
