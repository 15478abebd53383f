"""CSV and JSON Lines article tables: one document per record, bad records reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from kg import ids
from kg.model import Document
from loaders import ColumnMap, CsvLoader, JsonlLoader, LoadFailure, iter_documents
from loaders.table import detect_column

pytestmark = pytest.mark.unit

SHARED = Path(__file__).parents[2] / ".." / "shared"
GUARDIAN = SHARED / "corpus" / "guardian"
NATO_CSV = GUARDIAN / "guardian-articles-nato.csv"
needs_shared = pytest.mark.skipif(not NATO_CSV.is_file(), reason="shared corpus not available")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def split(items: list[Document | LoadFailure]) -> tuple[list[Document], list[LoadFailure]]:
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, LoadFailure)])


def test_csv_rows_become_documents_with_exact_text(tmp_path: Path) -> None:
    body = "Line one of the story.\r\nLine two, with \"quotes\".\n"
    path = tmp_path / "news.csv"
    write_csv(path, ["Date", "Heading", "Article Url", "Text"], [
        ["Thursday, 24 February 2022", "Biden announces sanctions", "https://ex.org/a", body],
        ["2022-02-25", "Second story", "", "Another article body."],
    ])
    docs, failures = split(list(iter_documents([path])))
    assert failures == []
    first, second = docs
    assert first.text == body  # newlines inside the quoted cell are not translated
    assert first.source == "news.csv#https://ex.org/a" and first.id == ids.document_id(first.source)
    assert first.title == "Biden announces sanctions" and first.published == dt.date(2022, 2, 24)
    assert second.source == "news.csv#2"  # no URL: the 1-based row number is the key
    (entry,) = first.entries
    assert (entry.start, entry.end, entry.headline) == (0, len(body), None)


def test_csv_bad_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"title,text\nGood one,First body.\nShort row\n\"Bad\"quote,Body\n"
                     b"Empty,\nGood two,Second body.\n")
    docs, failures = split(list(iter_documents([path])))
    assert [d.title for d in docs] == ["Good one", "Good two"]
    assert [Path(f.path).name for f in failures] == ["bad.csv#2", "bad.csv#3", "bad.csv#4"]
    assert "has 1 fields" in failures[0].problem
    assert "malformed CSV row" in failures[1].problem
    assert "empty text" in failures[2].problem


def test_csv_without_a_text_column_fails_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    write_csv(path, ["name", "count"], [["a", "1"]])
    (failure,) = list(iter_documents([path]))
    assert isinstance(failure, LoadFailure) and "no text column" in failure.problem


def test_csv_cells_bigger_than_the_default_field_limit(tmp_path: Path) -> None:
    body = "word " * 60_000  # 300 kB, over csv's default 128 kB
    path = tmp_path / "big.csv"
    write_csv(path, ["text"], [[body]])
    (doc,) = list(iter_documents([path]))
    assert isinstance(doc, Document) and doc.text == body


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    write_csv(path, ["url", "text"], [["u1", "Body one."], ["u1", "Body again."]])
    docs, failures = split(list(iter_documents([path])))
    assert len(docs) == 1 and "duplicate of row 1" in failures[0].problem


def test_column_detection_and_override() -> None:
    names = ["", "Image Url", "Date", "Date Formatted", "Heading", "Article Url", "Text", "Thumb"]
    assert ColumnMap().resolve(names) == ColumnMap(text="Text", title="Heading", date="Date",
                                                   url="Article Url")
    assert detect_column("text", ["id", "Body"]) == "Body"
    assert detect_column("url", ["Image Url", "headline"]) is None
    custom = ColumnMap(text="story").resolve(["story", "text"])
    assert custom.text == "story"


def test_csv_loader_with_a_column_map() -> None:
    loader = CsvLoader(ColumnMap(text="story", title="name"))
    docs = list(loader.parse("x.csv", "name,story,text\nHeadline A,The story.,not this\n"))
    assert docs[0].text == "The story." and docs[0].title == "Headline A"


def test_jsonl_objects_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"headline": "Kyiv attacked", "body": "Drones hit Kyiv.", "published": "2022-12-30",
                    "link": "https://ex.org/k"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "No text here"}),
        json.dumps({"content": "Body with \u2028 separator and é.", "id": 7}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, failures = split(list(iter_documents([path])))
    assert [d.source for d in docs] == ["feed.jsonl#https://ex.org/k", "feed.jsonl#7"]
    assert docs[0].title == "Kyiv attacked" and docs[0].published == dt.date(2022, 12, 30)
    assert docs[1].text == "Body with \u2028 separator and é."
    assert [Path(f.path).name for f in failures] == ["feed.jsonl#3", "feed.jsonl#4", "feed.jsonl#5"]
    assert "invalid JSON" in failures[0].problem and "not an object" in failures[1].problem


def test_jsonl_loader_with_a_column_map() -> None:
    loader = JsonlLoader(ColumnMap(text="msg"))
    (doc,) = list(loader.parse("m.jsonl", '{"msg": "A message body.", "text": 3}\n'))
    assert isinstance(doc, Document) and doc.text == "A message body."


@needs_shared
def test_guardian_csv_loads_every_row_with_text() -> None:
    csv.field_size_limit(sys.maxsize)
    with NATO_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    docs, failures = split(list(iter_documents([NATO_CSV])))
    with_text = [r for r in rows if r["Text"].strip()]
    assert len(docs) == len(with_text) and len(failures) == len(rows) - len(with_text)
    assert [d.text for d in docs] == [r["Text"] for r in with_text]
    assert all(d.published is not None and d.title for d in docs)


@needs_shared
@pytest.mark.parametrize("name", ["guardian_2022-02-24_biden_sanctions_liveblog.txt",
                                  "guardian_2022-07-02_lysychansk_liveblog.txt"])
def test_a_live_blog_has_the_same_entries_in_the_csv_and_in_its_txt_extract(name: str) -> None:
    (txt,) = list(iter_documents([GUARDIAN / name]))
    row = next(d for d in split(list(iter_documents([NATO_CSV])))[0] if d.text in txt.text)
    shift = txt.text.index(row.text)
    assert len(row.entries) == len(txt.entries) > 1
    for a, b in zip(row.entries, txt.entries):
        assert (a.start + shift, a.headline, a.published) == (b.start, b.headline, b.published)
