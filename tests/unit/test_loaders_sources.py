"""File discovery, reading and validation: every bad input is one LoadFailure, never an
exception, and the other sources still load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import ids
from kg.errors import InputError
from kg.model import Document
from loaders import SUPPORTED_SUFFIXES, LoadFailure, iter_documents, load_text
from loaders import sources

pytestmark = pytest.mark.unit

GOOD = "Kyiv says drones were shot down\nUkraine said it shot down 16 drones overnight.\n"


def run(*paths: Path) -> tuple[list[Document], list[LoadFailure]]:
    items = list(iter_documents(paths))
    docs = [i for i in items if isinstance(i, Document)]
    return docs, [i for i in items if isinstance(i, LoadFailure)]


def only_failure(path: Path) -> LoadFailure:
    docs, failures = run(path)
    assert docs == [] and len(failures) == 1
    failure = failures[0]
    assert isinstance(failure.error, InputError)
    assert "\n" not in failure.problem and str(path) in failure.problem
    return failure


def test_supported_suffixes() -> None:
    assert {".txt", ".csv", ".jsonl"} <= SUPPORTED_SUFFIXES


def test_missing_path(tmp_path: Path) -> None:
    failure = only_failure(tmp_path / "nope.txt")
    assert "no such file" in failure.problem and failure.path == str(tmp_path / "nope.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in only_failure(path).problem


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in only_failure(path).problem


def test_binary_file_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 256)) * 20)
    assert "binary" in only_failure(path).problem


def test_latin1_file_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Zelensky a déclaré que Kyiv résistera.\n".encode("latin-1"))
    problem = only_failure(path).problem
    assert "not valid UTF-8" in problem and "0xe9" in problem


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: the size check must not need to read it
        f.truncate(51 * 1024 * 1024)
    assert "too large (51 MB > 50 MB limit)" in only_failure(path).problem


def test_unsupported_suffix_given_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text(GOOD, encoding="utf-8")
    assert "unsupported file type '.pdf'" in only_failure(path).problem


def test_directory_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    assert "no supported files" in only_failure(tmp_path).problem


def test_bad_files_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_latin.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "d_good.txt").write_text(GOOD, encoding="utf-8")
    docs, failures = run(tmp_path, tmp_path / "missing.txt")
    assert [d.source for d in docs] == ["a_good.txt", "d_good.txt"]
    assert [Path(f.path).name for f in failures] == ["b_empty.txt", "c_latin.txt", "missing.txt"]


def test_directories_are_recursive_sorted_and_skip_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/b.txt", ".git/x.txt", "a/.secret.txt", "c.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD, encoding="utf-8")
    docs, failures = run(tmp_path)
    assert failures == []
    assert [d.source for d in docs] == ["b.txt", "z.txt", "b.txt"]  # a/b, a/z, then b


def test_same_file_name_in_two_folders_is_the_same_document(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "blog.txt").write_text(GOOD, encoding="utf-8")
    docs, _ = run(tmp_path / "one" / "blog.txt", tmp_path / "two" / "blog.txt")
    assert docs[0].id == docs[1].id == ids.document_id("blog.txt")


def test_text_is_kept_exactly_as_decoded(tmp_path: Path) -> None:
    raw = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "bom.txt"
    path.write_bytes(raw)
    (doc,) = run(path)[0]
    assert doc.text == raw.decode("utf-8")  # BOM and CRLF kept: offsets match the file
    entry = doc.entries[0]
    assert doc.text[entry.start:].startswith("Kyiv says drones were shot down")


def test_a_crashing_plugin_becomes_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Boom:
        name = "boom"
        suffixes = (".boom",)

        def claims(self, text: str) -> bool:
            return True

        def parse(self, source_name: str, text: str) -> Iterator[Document]:
            raise RuntimeError("plugin bug")

    monkeypatch.setitem(sources._FORMATS, "boom", Boom())
    (tmp_path / "x.boom").write_text(GOOD, encoding="utf-8")
    (tmp_path / "y.txt").write_text(GOOD, encoding="utf-8")
    docs, failures = run(tmp_path)
    assert [d.source for d in docs] == ["y.txt"]
    assert len(failures) == 1 and "plugin bug" in failures[0].problem


def test_builtin_formats_implement_the_plugin_protocol() -> None:
    assert set(sources.format_names()) >= {"liveblog", "article", "csv", "jsonl"}
    for name in sources.format_names():
        loader = sources.get_format(name)
        assert isinstance(loader, sources.FormatLoader) and loader.name == name


def test_registering_a_duplicate_format_is_refused() -> None:
    with pytest.raises(ValueError):
        sources.register_format(sources.get_format("csv"))


@pytest.mark.parametrize("text, problem", [
    ("", "empty"), ("  \n ", "empty"), ("abc\x00def", "binary"), ("ok \ud800 text", "not valid Unicode"),
])
def test_load_text_rejects_unusable_text(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        load_text("posted.txt", text)


def test_load_text_rejects_a_table_with_several_records() -> None:
    table = "title,text\nA,First story.\nB,Second story.\n"
    with pytest.raises(InputError, match="holds 2 documents"):
        load_text("posted.csv", table)
    doc = load_text("posted.csv", "title,text\nA,First story.\n")
    assert doc.source == "posted.csv#1" and doc.title == "A"


def test_load_text_ids_come_from_the_source_name() -> None:
    doc = load_text("posted.txt", GOOD)
    assert doc.id == ids.document_id("posted.txt") and doc.text == GOOD
