"""Finding, reading and validating sources, and the registry of format plug-ins.

A *format* is a :class:`FormatLoader`: it turns one decoded source (a name and its
text) into documents. Formats are registered by name; files are matched to formats by
suffix, and when several formats share a suffix (``.txt`` is a live blog or an article)
the first registered one that :meth:`~FormatLoader.claims` the text wins. Passing
``fmt=`` skips detection.

Nothing here raises on bad input: every problem with a path, a file or a record
becomes a :class:`LoadFailure` (one line naming the source and the problem) and the
remaining sources still load.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from kg.errors import InputError
from kg.model import Document

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024  # larger inputs are almost certainly not a news text
MAX_MB = MAX_BYTES // (1024 * 1024)
_CONTROL_SHARE = 0.05  # more control characters than this: binary data, not text
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class LoadFailure:
    """A source (or one record of it) that could not be loaded.

    ``path`` names the file, or ``file#row`` for a table record; ``problem`` is one
    line naming it and what is wrong (``str(error)``); ``error`` is the underlying
    :class:`~kg.errors.InputError` (``error.problem`` is the problem alone).
    """

    path: str
    problem: str
    error: InputError

    @classmethod
    def from_error(cls, error: InputError) -> LoadFailure:
        return cls(path=error.path, problem=str(error), error=error)

    @classmethod
    def of(cls, path: str | Path, problem: str) -> LoadFailure:
        return cls.from_error(InputError(str(path), problem))


@runtime_checkable
class FormatLoader(Protocol):
    """A source format plug-in.

    ``name`` is its registry key (what ``fmt=`` names); ``suffixes`` are the lower-case
    file suffixes it reads (with the dot). ``claims(text)`` says whether the text looks
    like this format (used only to choose among formats sharing a suffix; return True if
    the suffix says it all). ``parse`` yields the documents in the text, or
    :class:`LoadFailure` for bad records it skips; it raises
    :class:`~kg.errors.InputError` when the source as a whole is unusable. Document ids
    must come from ``source_name`` (a file name), so a file re-read from elsewhere
    maps onto the same documents.
    """

    name: str
    suffixes: tuple[str, ...]

    def claims(self, text: str) -> bool: ...

    def parse(self, source_name: str, text: str) -> Iterator[Document | LoadFailure]: ...


_FORMATS: dict[str, FormatLoader] = {}


def register_format(loader: FormatLoader, *, replace: bool = False) -> None:
    """Add a format. Registration order matters among formats sharing a suffix."""
    if loader.name in _FORMATS and not replace:
        raise ValueError(f"format {loader.name!r} is already registered")
    _FORMATS[loader.name] = loader


def get_format(name: str) -> FormatLoader:
    try:
        return _FORMATS[name]
    except KeyError:
        raise InputError("<format>", f"unknown format {name!r} (known: {', '.join(_FORMATS)})") from None


def format_names() -> tuple[str, ...]:
    return tuple(_FORMATS)


def supported_suffixes() -> frozenset[str]:
    return frozenset(s for loader in _FORMATS.values() for s in loader.suffixes)


def choose_format(source_name: str, text: str, fmt: str | None = None) -> FormatLoader:
    """The format named by ``fmt``, else the first claiming the text among those reading
    the name's suffix (a name with no known suffix is read as ``.txt``)."""
    if fmt:
        return get_format(fmt)
    suffix = Path(source_name).suffix.lower()
    if suffix not in supported_suffixes():
        suffix = ".txt"
    candidates = [f for f in _FORMATS.values() if suffix in f.suffixes]
    if not candidates:
        raise InputError(source_name, f"no format reads {suffix} files")
    return next((f for f in candidates if f.claims(text)), candidates[-1])


# -- validation ---------------------------------------------------------------------------

def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for c in sample if c not in _TEXT_CONTROLS and unicodedata.category(c) == "Cc")
    return controls / max(len(sample), 1)


def check_text(name: str, text: str) -> str:
    """``text`` itself when it is usable text; raises InputError saying why not."""
    if len(text) * 4 > MAX_BYTES:  # a UTF-8 character takes at most 4 bytes
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise InputError(name, f"too large ({_mb(size)} MB > {MAX_MB} MB limit)")
    if not text.strip():
        raise InputError(name, "empty (no text, or only whitespace)")
    if "\x00" in text or _control_share(text) > _CONTROL_SHARE:
        raise InputError(name, "binary data, not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(name, f"not valid Unicode text ({exc.reason} at offset {exc.start})") from None
    return text


def decode_source(name: str, data: bytes) -> str:
    """Bytes as UTF-8 text, exactly (no BOM removal, no newline translation)."""
    if not data.strip():
        raise InputError(name, "empty file" if not data else "empty file (only whitespace)")
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Not latin-1: it reads UTF-8 continuation bytes (0x80-0x9f) as C1 controls, so
        # Cyrillic text with one bad byte (a truncated file) would be called binary.
        if _control_share(data[:8192].decode("utf-8", "replace")) > _CONTROL_SHARE:
            raise InputError(name, "binary file, not text") from None
        raise InputError(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start});"
                               " re-save it as UTF-8") from None
    return check_text(name, text)


def read_source(path: Path) -> str:
    """The text of a file, validated; raises InputError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"too large ({_mb(size)} MB > {MAX_MB} MB limit)")
        return decode_source(str(path), path.read_bytes())
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None


# -- loading ------------------------------------------------------------------------------

def iter_text(source_name: str, text: str, fmt: str | None = None) -> Iterator[Document | LoadFailure]:
    """Every document in ``text`` (tables hold several), failures included; never raises."""
    try:
        check_text(source_name, text)
        loader = choose_format(source_name, text, fmt)
        yield from loader.parse(source_name, text)
    except InputError as exc:
        yield LoadFailure.from_error(exc if exc.path != "<format>" else InputError(source_name, exc.problem))
    except Exception as exc:  # a loader bug must not stop the other sources loading
        log.exception("loader failed on %s", source_name)
        yield LoadFailure.of(source_name, f"could not be parsed ({type(exc).__name__}: {exc})")


def load_text(source_name: str, text: str, fmt: str | None = None) -> Document:
    """The one document in ``text`` (e.g. POSTed to the API); raises InputError when the
    text is unusable or holds other than exactly one document."""
    docs: list[Document] = []
    for item in iter_text(source_name, text, fmt):
        if isinstance(item, LoadFailure):
            raise item.error
        docs.append(item)
    if len(docs) != 1:
        raise InputError(source_name, f"holds {len(docs)} documents; load_text takes exactly one")
    return docs[0]


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _dir_files(root: Path) -> list[Path]:
    suffixes = supported_suffixes()
    found = (p for p in root.rglob("*") if not _is_hidden(p, root) and p.suffix.lower() in suffixes)
    return sorted((p for p in found if p.is_file()), key=lambda p: p.relative_to(root).parts)


def _load_file(path: Path, fmt: str | None) -> Iterator[Document | LoadFailure]:
    if fmt is None and path.suffix.lower() not in supported_suffixes():
        known = ", ".join(sorted(supported_suffixes()))
        yield LoadFailure.of(path, f"unsupported file type {path.suffix or '(no suffix)'!r} "
                                   f"(supported: {known})")
        return
    try:
        text = read_source(path)
    except InputError as exc:
        yield LoadFailure.from_error(exc)
        return
    for item in iter_text(path.name, text, fmt):
        # name the file as the caller gave it, so the failure can be found
        yield LoadFailure.of(str(path.parent / item.path), item.error.problem) \
            if isinstance(item, LoadFailure) else item


def iter_documents(paths: Iterable[Path | str], fmt: str | None = None) -> Iterator[Document | LoadFailure]:
    """Documents from files and folders (folders recursively, in sorted order, hidden
    files and folders skipped, only supported suffixes), or a LoadFailure for each
    problem; never raises for bad input."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield LoadFailure.of(path, "no such file or directory")
        elif path.is_dir():
            files = _dir_files(path)
            if not files:
                known = ", ".join(sorted(supported_suffixes()))
                yield LoadFailure.of(path, f"directory holds no supported files ({known})")
            for file in files:
                yield from _load_file(file, fmt)
        else:
            yield from _load_file(path, fmt)
