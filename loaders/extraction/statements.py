"""Statements: who said what about whom, from one parsed entry.

Pipeline per entry: quotations (raw text) -> attribution cues (dependency parse)
-> speakers (resolver mentions, pronouns) -> utterance records -> ``Statement``.
See ``loaders/extraction/attribution`` for each step. ``previous`` holds the
earlier entries of the same document, used when a pronoun has no antecedent in
its own entry.
"""

from __future__ import annotations

import datetime as dt
import logging

from kg.ids import statement_id
from kg.model import Evidence, Statement
from loaders.dates import resolve_relative

from .attribution import find_attributions
from .attribution.records import Record, Sentences
from .attribution.syntax import doc_text
from .base import EntryContext, Mention
from .stance import classify

log = logging.getLogger(__name__)

_JOIN = " [...] "
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "his", "its",
                       "their", "our", "me"})
_STRIP = " \t\n,;:.—–-"


def extract_statements(ctx: EntryContext, previous: list[EntryContext]) -> list[Statement]:
    """The statements of one entry, in text order."""
    found = find_attributions(ctx, previous)
    spans = [_sentence_span(ctx, found.sentences, rec) for rec in found.records]
    tight = {s for s in spans if spans.count(s) > 1}  # two speakers in one sentence
    out = []
    for rec, span in zip(found.records, spans, strict=True):
        if span in tight:
            span = _tight_span(ctx, rec)
        statement = _statement(ctx, rec, span, found.known_actors)
        if statement is not None:
            out.append(statement)
    return out


def _statement(ctx: EntryContext, rec: Record, span: tuple[int, int], known: frozenset[str]) -> Statement | None:
    doc = ctx.document
    quote = _quote_text(ctx, rec)
    if not quote:
        return None
    start, end = span
    speaker = rec.speaker.ref
    channel = _channel(ctx, rec)
    return Statement(
        id=statement_id(doc.id, ctx.entry.id, start, end),
        speaker=speaker,
        about=_about(ctx, rec, speaker, channel, known),
        quote=quote,
        direct=rec.direct,
        date=_date(ctx, rec),
        stance=classify([c.hint for c, _ in rec.parts], quote),
        channel=channel,
        evidence=(Evidence(document=doc.id, entry=ctx.entry.id, start=start, end=end,
                           text=doc.text[start:end]),),
    )


def _quote_text(ctx: EntryContext, rec: Record) -> str:
    """Direct: the quoted words, parts joined by " [...] "; else the reported content."""
    text = doc_text(ctx.sdoc)
    if rec.direct:
        parts = [q.inner(text) for q in rec.quotes]
    else:
        parts = [text[s:e].strip(_STRIP) for s, e in rec.contents]
    return _JOIN.join(p for p in parts if p)


def _sentence_span(ctx: EntryContext, sentences: Sentences, rec: Record) -> tuple[int, int]:
    """Document span of the record's sentences (cue, content, continuations)."""
    return _trimmed(ctx, *sentences.span(rec.first_sent, rec.last_sent))


def _tight_span(ctx: EntryContext, rec: Record) -> tuple[int, int]:
    """Speaker phrase, cue and content only: for records sharing one sentence."""
    points = [p for c, s in rec.parts for p in (c.start, c.end, *s.phrase)]
    points += [p for span in rec.contents for p in span]
    return _trimmed(ctx, min(points), max(points))


def _trimmed(ctx: EntryContext, start: int, end: int) -> tuple[int, int]:
    text = doc_text(ctx.sdoc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return ctx.doc_offset(start), ctx.doc_offset(end)


def _about(ctx: EntryContext, rec: Record, speaker: str | None, channel: str | None,
           known: frozenset[str]) -> tuple[str, ...]:
    """Actors named in the content (and addressed by "urged X", "called on X"), not the
    speaker or channel; pronouns never count. A place mention counts when the same id is
    an actor elsewhere in the document (a country: "strikes on Ukraine")."""
    spans = [(ctx.doc_offset(s), ctx.doc_offset(e)) for s, e in rec.contents]
    spans += [_token_span(ctx, i) for c, _ in rec.parts for i in c.targets]
    inside = [m for m in ctx.mentions if _usable_about(m, known) and _inside_any(m, spans)]
    refs = {m.ref for m in inside if not _nested(m, inside)}
    refs.discard(speaker)
    refs.discard(channel)
    refs.discard(None)
    return tuple(sorted(refs))


def _usable_about(m: Mention, known: frozenset[str]) -> bool:
    if m.text.lower() in _PRONOUNS or m.how == "coref":
        return False
    return m.kind == "actor" or m.ref in known


def _nested(m: Mention, mentions: list[Mention]) -> bool:
    """"Russian" inside "Russian forces": an institution names its own actor and the
    adjective only says whose it is. A name ("Moscow's troops") still counts, and so does
    the nationality of a group of people ("Russian diplomats" are about Russia)."""
    return m.how == "demonym" and any(
        o.ref != m.ref and o.how != "description" and o.start <= m.start and m.end <= o.end
        and o.end - o.start > m.end - m.start for o in mentions)


def _inside_any(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def _token_span(ctx: EntryContext, i: int) -> tuple[int, int]:
    tok = ctx.sdoc[i]
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts])
    return ctx.doc_offset(ctx.sdoc[left].idx), ctx.doc_offset(tok.idx + len(tok.text))


def _channel(ctx: EntryContext, rec: Record) -> str | None:
    """The medium that carried the statement: a media mention at a channel phrase's head."""
    for cue, _ in rec.parts:
        for i in cue.channels:
            tok = ctx.sdoc[i]
            start, end = ctx.doc_offset(tok.idx), ctx.doc_offset(tok.idx + len(tok.text))
            hit = next((m for m in ctx.mentions if m.kind == "actor" and m.start <= start and end <= m.end), None)
            if hit is not None and hit.ref != rec.speaker.ref:
                return hit.ref
    return None


def _date(ctx: EntryContext, rec: Record) -> dt.date | None:
    """When it was said: a time phrase on the cue, else the publication day; a
    present-tense "says" with no time is a standing claim (no date)."""
    published = ctx.published
    for cue, _ in rec.parts:
        if cue.date_phrase and (day := resolve_relative(cue.date_phrase, published)) is not None:
            return day
    if all(cue.present for cue, _ in rec.parts):
        return None
    return published
