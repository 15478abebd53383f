"""Deterministic identifiers: the same input always yields the same id.

Ids are short content hashes namespaced by kind, so re-ingesting a document
MERGEs onto the same nodes and an edited entry yields new fact ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def digest(*parts: object, size: int = 16) -> str:
    """A stable hex digest of the parts (order matters, ``None`` is distinct from "")."""
    # One update of the joined bytes: the same digest as one update per part and separator.
    data = b"".join(b"\x00\x1f" if part is None else repr(part).encode("utf-8") + b"\x1f" for part in parts)
    return hashlib.blake2b(data, digest_size=size).hexdigest()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slug(name: str) -> str:
    """ASCII snake_case of a name: ``"Volodymyr Zelensky" -> "volodymyr_zelensky"``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _SLUG_DROP.sub("_", folded.lower().replace("'", "")).strip("_") or "unnamed"


def document_id(source_name: str) -> str:
    """A document is named by its source (file name or record id), not its content,
    so an edited document replaces its earlier version."""
    return "doc_" + digest("document", source_name, size=8)


def entry_id(document: str, index: int) -> str:
    return f"{document}_e{index:03d}"


def evidence_id(document: str, start: int, end: int) -> str:
    return "evi_" + digest("evidence", document, start, end, size=8)


def event_id(kind: str, date: object, key_actors: tuple[str, ...], key_places: tuple[str, ...],
             anchor: str) -> str:
    """Events are keyed by what happened, not where it was written, so the same
    strike reported by two documents lands on one node. ``anchor`` disambiguates
    when the key is thin (no date, no participants)."""
    return "ev_" + digest("event", kind, str(date), tuple(sorted(key_actors)),
                          tuple(sorted(key_places)), anchor, size=8)


def statement_id(document: str, entry: str | None, start: int, end: int) -> str:
    return "st_" + digest("statement", document, entry, start, end, size=8)
