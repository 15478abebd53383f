"""Event extraction: ``extract_events(ctx)`` turns one parsed entry into typed events.

For every sentence of the entry body (the headline only restates the body):
find trigger words from the lexicon (``kg/data/event_triggers.json``), drop
those not asserted as having happened (negated, hypothetical, demanded, inside
quoted speech), read participants and places off the dependency parse and the
resolved mentions, date the event, count what it involved, then merge mentions
of one happening within the entry. Rules live in ``event_rules``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from kg.model import Event, EventType

from .base import EntryContext
from .event_rules.assemble import (
    NEARBY,
    Draft,
    merge_in_entry,
    participants_for,
    to_event,
)
from .event_rules.conditions import objects
from .event_rules.document import merge_document_events
from .event_rules.lexicon import load_lexicon
from .event_rules.roles import clause_tokens, find_arguments
from .event_rules.sides import is_media
from .event_rules.syntax import Analysis, MentionIndex, segments
from .event_rules.timing import (
    Timeline,
    inherits_frame,
    is_aggregate,
    ongoing,
    vague_time,
)
from .event_rules.triggers import Trigger, find_triggers, reported, speech_spans
from .quantities import quantities

__all__ = ["extract_events", "merge_document_events"]


def _body_sentences(ctx: EntryContext, all_segments: list[Span], text: str) -> list[Span]:
    """Sentences after the headline line (a headline compresses what the body tells)."""
    headline = (ctx.entry.headline or "").strip()
    skip = text.find(headline) + len(headline) if headline and headline in text[:len(headline) + 40] else 0
    return [s for s in all_segments if s.start_char >= skip]


def _evidence_span(ctx: EntryContext, sent: Span) -> tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    start = ctx.doc_offset(sent.start_char + lead)
    return start, start + len(text.strip())


def _date(trig: Trigger, sent: Span, timeline: Timeline, ana: Analysis, first: int,
          aggregate: bool) -> dt.date | None:
    if aggregate:
        return None
    own = timeline.own_date(trig) or timeline.relative_date(trig)
    if own is not None or not inherits_frame(trig, ana):
        return own
    return timeline.frame_date(trig, sent, first)


def _confidence(trig: Trigger, n_agents: int, n_patients: int) -> float:
    score = 0.9 if (n_agents and n_patients) else 0.75 if (n_agents or n_patients) else 0.6
    return score - (0.1 if trig.nominal else 0.0)


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def _anaphoric(trig: Trigger, ana: Analysis) -> bool:
    """"the visit", "the attack" with nothing of its own named: a reference back, not a new event."""
    definite = any(c.lower_ in _DEFINITE for c in trig.token.children if c.dep_ in {"det", "poss"})
    return trig.nominal and definite and not ana.mentions.in_tokens(trig.token.subtree)


def _draft(trig: Trigger, sent: Span, ctx: EntryContext, ana: Analysis, timeline: Timeline,
           first: int, index: int) -> Draft:
    args = find_arguments(trig, sent, ana)
    participants, places = participants_for(trig.sense.type, args.agents, args.patients, args.owners)
    places += [m.ref for m in args.places if m.ref not in places]
    counted = clause_tokens(trig, sent) + (objects(trig.token) if not trig.nominal else [])
    aggregate = is_aggregate(trig, ana)
    return Draft(type=trig.sense.type, group=trig.sense.group, aggregate=aggregate,
                 date=_date(trig, sent, timeline, ana, first, aggregate), participants=participants,
                 locations=places, quantities=quantities(sorted(set(counted), key=lambda t: t.i)),
                 spans=[_evidence_span(ctx, sent)], summary=sent.text,
                 confidence=_confidence(trig, len(args.agents) + len(args.owners), len(args.patients)),
                 order=trig.token.i, anaphoric=_anaphoric(trig, ana), sentence=index,
                 ongoing=ongoing(trig), vague=vague_time(trig))


def _suppressed(draft: Draft, drafts: list[Draft]) -> bool:
    """Explosions heard during a reported attack are the attack, not a separate incident;
    a journalists' visit is reporting, not diplomacy."""
    if draft.type == EventType.DIPLOMACY:
        return bool(draft.participants) and all(is_media(p.actor) for p in draft.participants)
    return draft.type == EventType.INCIDENT and any(
        d.type == EventType.STRIKE and abs(d.sentence - draft.sentence) <= NEARBY for d in drafts)


def extract_events(ctx: EntryContext) -> list[Event]:
    """The events one entry reports, each with its evidence sentence(s) in the document."""
    text = ctx.document.text[ctx.entry.start:ctx.entry.end]  # == ctx.sdoc.text, without rebuilding it
    ana = Analysis.build(load_lexicon(), MentionIndex.build(ctx, ctx.sdoc), ctx.sdoc)
    speech = speech_spans(ctx.sdoc, text)
    all_segments = segments(ctx.sdoc)
    timeline = Timeline(ctx.sdoc, ctx.published, all_segments, text)
    sentences = _body_sentences(ctx, all_segments, text)
    first = all_segments.index(sentences[0]) if sentences else 0
    drafts = [_draft(trig, sent, ctx, ana, timeline, first, index)
              for index, sent in enumerate(sentences)
              for trig in find_triggers(sent, ana) if reported(trig, ana, speech)]
    drafts = [d for d in drafts if not _suppressed(d, drafts)]
    return [to_event(d, ctx) for d in merge_in_entry(drafts)]
