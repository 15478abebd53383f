"""The bad inputs the reliability tests feed the loaders, the extractor and ``kg ingest``.

Each case is a file (name and bytes) and what must happen to it: ``fails`` with a
per-file (or per-record) error naming it and saying why, or ``handled`` (read as
text and ingested). Big cases are built on demand, into the folder given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reliability_support import SEEDS

HUGE_BYTES = 60 * 1024 * 1024  # over the loaders' 50 MB limit
_SENTENCE = "Russian forces shelled Kharkiv overnight, the regional governor said on Monday."


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    fails: tuple[str, ...] = ()  # a phrase each failure of this file must say; () = handled
    records: int = 1  # failures expected (a table may fail row by row)

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.content())
        return path


def _html() -> bytes:
    return (b"<!DOCTYPE html><html><head><title>Kharkiv</title><script>var x = '<p>';</script>"
            b"</head><body><h1>Kharkiv shelled</h1><p>" + _SENTENCE.encode() + b"</p></body></html>")


def _long_entry() -> bytes:
    lines = "\n".join(f"Line {i}: {_SENTENCE}" for i in range(10_000))
    return f"Live blog: a long day\n\nFriday, December 30, 2022\n\nA long entry\n\n{lines}\n".encode()


def _huge(path_size: int = HUGE_BYTES) -> bytes:
    line = (_SENTENCE + "\n").encode()
    return line * (path_size // len(line) + 1)


def _sparse_controls() -> bytes:
    # A bell, an ANSI colour code, a form feed and a vertical tab in ordinary prose.
    body = f"{_SENTENCE}\x07 Kyiv said\x1b[31m talks would resume.\x0c\n" + f"{_SENTENCE}\n" * 20
    return ("Controls in the text\n\n" + body + "\x0bThe end.\n").encode()


CASES: tuple[Case, ...] = (
    Case("empty.txt", lambda: b"", fails=("empty",)),
    Case("blank.txt", lambda: b"  \n\n\t \r\n", fails=("empty",)),
    Case("image.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
         fails=("binary",)),
    Case("noise.txt", lambda: bytes(1 + (i * 7) % 8 for i in range(4000)), fails=("binary",)),
    Case("utf16.txt", lambda: (_SENTENCE + "\n").encode("utf-16") * 5, fails=("binary",)),
    Case("cp1252.txt", lambda: ("Kiev — Zelensky’s café said talks would resume.\n" * 5).encode("cp1252"),
         fails=("not valid UTF-8",)),
    Case("truncated.txt", lambda: ("Київ said talks would resume.\n" * 5).encode() + "К".encode()[:1],
         fails=("not valid UTF-8",)),
    Case("dense_controls.txt", lambda: ("Kyiv\x07 said\x1b on\x08 Monday\x0e.\n" * 30).encode(),
         fails=("binary",)),
    Case("unclosed_quote.csv",
         lambda: b'title,text\n"Talks,"Kyiv said on Monday that talks would resume.\n',
         fails=("malformed CSV",)),
    Case("ragged.csv", lambda: b"title,text\nA,Kyiv said talks would resume,extra,cells\nB\n",
         fails=("fields",), records=2),
    Case("no_text_column.csv", lambda: b"title,author\nA,B\n", fails=("no text column",)),
    Case("markup_header.csv", lambda: b"[/b],[bold]\nA,B\n", fails=("no text column",)),
    Case("bad_lines.jsonl",
         lambda: b'{"title": "A", "text": "' + _SENTENCE.encode() + b'"}\n{not json}\n[1, 2]\n',
         fails=("#",), records=2),
    Case("empty_text.jsonl", lambda: b'{"title": "A", "text": ""}\n', fails=("empty text",)),
    Case("object.json", lambda: b'{"title": "A", "text": "Kyiv said"}', fails=("unsupported",)),
    Case("report.pdf", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", fails=("unsupported",)),
    # In a folder named "x[": the path reads as rich markup ("[/i]") if printed unescaped.
    Case("x[/i]odd name.txt", lambda: b"", fails=("empty",)),
    Case("line\nbreak.txt", lambda: b"", fails=("empty",)),  # printed as one line all the same
    Case("long_entry.txt", _long_entry, fails=("too long to extract",)),
    Case("one_line.txt", lambda: (_SENTENCE + " ") .encode() * 13_000, fails=("too long to extract",)),
    Case("huge.txt", _huge, fails=("too large",)),
    # Handled: read as text and ingested.
    Case("page_as_text.txt", _html),
    Case("page.html", _html),
    Case("bom.txt", lambda: ("\ufeffTalks\n\n" + _SENTENCE + "\n").encode()),
    Case("crlf.txt", lambda: ("Windows lines\r\n\r\n" + _SENTENCE + "\r\n") .encode() * 3),
    Case("sparse_controls.txt", _sparse_controls),
    Case("emoji_and_scripts.txt",
         lambda: ("Київ 🇺🇦 — «переговоры» ✈️ 北约\n\n" + _SENTENCE + " 🚀\n").encode()),
    Case("long_line.txt", lambda: ("One line\n\n" + (_SENTENCE + " ") * 400).encode()),
    Case("header_only.csv", lambda: b"title,text\n"),  # no records: nothing to ingest
)

MISSING = "does_not_exist.txt"  # one more case: a path that is not there

FAILING = tuple(c for c in CASES if c.fails)
HANDLED = tuple(c for c in CASES if not c.fails)
CASE_COUNT = len(CASES) + 1  # + MISSING


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [case.write(folder) for case in CASES]


def seeds() -> list[Path]:
    return list(SEEDS)
