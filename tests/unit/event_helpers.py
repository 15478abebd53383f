"""Helpers of the event tests: small documents with hand-given mentions (no resolver)."""

from __future__ import annotations

import datetime as dt
import re

from kg.ids import content_hash, document_id, entry_id
from kg.model import Document, Entry, Event, EventType, Role
from loaders.extraction.base import EntryContext, Mention
from loaders.extraction.events import extract_events, merge_document_events

FRIDAY = dt.date(2022, 12, 30)
# surface -> (kind, ref): what a resolver would say about these names
NAMES = {
    "Russia": ("actor", "russia"), "Moscow": ("actor", "russia"), "Russian": ("actor", "russia"),
    "Ukraine": ("location", "ukraine"), "Ukrainian": ("actor", "ukraine"),
    "Kyiv": ("location", "kyiv"), "Kharkiv": ("location", "kharkiv"), "Odesa": ("location", "odesa"),
    "Lviv": ("location", "lviv"), "Iran": ("actor", "iran"), "Britain": ("actor", "united_kingdom"),
    "The EU": ("actor", "eu"), "Biden": ("actor", "joe_biden"), "Putin": ("actor", "vladimir_putin"),
    "Zelensky": ("actor", "volodymyr_zelensky"), "Macron": ("actor", "emmanuel_macron"),
    "Stoltenberg": ("actor", "jens_stoltenberg"), "Russian forces": ("actor", "russian_armed_forces"),
    "Ukrainian air defences": ("actor", "ukrainian_air_force"), "allies": ("actor", "nato_member_states"),
}


def _mentions(doc: Document, entry: Entry, names: dict[str, tuple[str, str]] = NAMES) -> list[Mention]:
    """Longest-first, non-overlapping, whole-word matches of ``names`` inside the entry."""
    taken: set[int] = set()
    out = []
    for surface in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", doc.text[entry.start:entry.end]):
            start, end = entry.start + m.start(), entry.start + m.end()
            if taken & set(range(start, end)):
                continue
            taken.update(range(start, end))
            kind, ref = names[surface]
            out.append(Mention(start, end, surface, kind, ref, "test"))
    return sorted(out)


def make_doc(texts: list[str], day: dt.date = FRIDAY, name: str = "t.txt") -> Document:
    doc_id = document_id(name)
    text = "\n".join(texts)
    entries, pos = [], 0
    for i, part in enumerate(texts):
        entries.append(Entry(id=entry_id(doc_id, i), document=doc_id, index=i, published=day,
                             start=pos, end=pos + len(part)))
        pos += len(part) + 1
    return Document(id=doc_id, source=name, published=day, text=text, content_hash=content_hash(text),
                    entries=tuple(entries))


def run(nlp, *texts: str, day: dt.date = FRIDAY, name: str = "t.txt",
        names: dict[str, tuple[str, str]] | None = None) -> list[Event]:
    """Events of a document whose entries are ``texts``, merged as the pipeline does."""
    doc = make_doc(list(texts), day, name)
    events: list[Event] = []
    for entry in doc.entries:
        ctx = EntryContext(document=doc, entry=entry, sdoc=nlp(doc.text[entry.start:entry.end]))
        ctx.mentions = _mentions(doc, entry, {**NAMES, **(names or {})})
        events.extend(extract_events(ctx))
    return merge_document_events(events)


def of_type(events: list[Event], kind: EventType) -> list[Event]:
    return [e for e in events if e.type == kind]


def roles(event: Event) -> set[tuple[str, Role]]:
    return {(p.actor, p.role) for p in event.participants}
