"""Quote attribution: quotations, cues, speakers and utterance records of one entry.

``find_attributions`` is the whole step; ``loaders.extraction.statements`` turns
its records into ``Statement`` records and ``loaders.extraction.polnear`` scores
it on the PolNeAR attribution corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import EntryContext
from .cues import Cue, find_cues
from .quotes import Quote, find_quotes
from .records import Record, Sentences, build_records
from .speakers import Speaker, SpeakerResolver
from .syntax import doc_text


@dataclass(frozen=True)
class Attributions:
    """What one entry attributes to whom (entry offsets)."""

    quotes: tuple[Quote, ...]
    cues: tuple[tuple[Cue, Speaker], ...]
    records: tuple[Record, ...]
    known_actors: frozenset[str]  # actor ids mentioned in this document so far
    sentences: Sentences


def find_attributions(ctx: EntryContext, previous: list[EntryContext]) -> Attributions:
    text = doc_text(ctx.sdoc)
    quotes = find_quotes(text)
    resolver = SpeakerResolver(ctx, previous)
    cues = [(c, resolver.resolve(c)) for c in find_cues(ctx.sdoc, quotes)]
    cues = [(c, s) for c, s in cues if s.how not in ("media", "implausible")]
    sentences = Sentences(ctx.sdoc)
    records = build_records(cues, quotes, sentences, text)
    known = frozenset(m.ref for x in (*previous, ctx) for m in x.mentions if m.kind == "actor")
    return Attributions(tuple(quotes), tuple(cues), tuple(records), known, sentences)


__all__ = ["Attributions", "Cue", "Quote", "Record", "Speaker", "find_attributions"]
