"""From cues to utterance records: one record per speaker utterance per entry.

Following the annotation guidelines, a speaker's continuation on the same topic
is one record and a new point starts another. The signals used are syntactic,
not topical:

- two cues of one speaker in one sentence are one record ("X, he said, adding Y");
- "He said (that) ..." opening the next sentence continues the previous record of
  the same speaker ("It said that ..."); "added", "also said" or a content-first
  ", he said" mark a new point;
- a direct quotation absorbs the same speaker's paraphrase just before it (the
  news lead "X said on Friday he ..." followed by the quote itself);
- a quotation standing alone continues the last record of its paragraph
  ('"...," she said. "More..."'), and a direct record into the next paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .cues import Cue
from .quotes import Quote
from .speakers import Speaker
from .syntax import doc_text

_CONTINUING = frozenset({"say", "tell", "state", "note", "write", "explain"})


@dataclass
class Record:
    """An utterance under construction (entry offsets)."""

    parts: list[tuple[Cue, Speaker]]
    first_sent: int
    last_sent: int
    extra_quotes: list[Quote] = field(default_factory=list)

    @property
    def speaker(self) -> Speaker:
        return self.parts[0][1]

    @property
    def direct(self) -> bool:
        return bool(self.extra_quotes) or any(c.direct for c, _ in self.parts)

    @property
    def quotes(self) -> list[Quote]:
        return sorted({q for c, _ in self.parts for q in c.quotes} | set(self.extra_quotes))

    @property
    def contents(self) -> list[tuple[int, int]]:
        return sorted({s for c, _ in self.parts for s in c.contents} | {(q.start, q.end) for q in self.extra_quotes})


class Sentences:
    """Sentence index of a character offset (spaCy's split, joined across quotations)."""

    def __init__(self, sdoc: Doc) -> None:
        text = doc_text(sdoc)
        real = [s for s in sdoc.sents if any(not t.is_space for t in s)]
        self.starts = [s.start_char for s in real] or [0]
        self.ends = [s.end_char for s in real] or [len(text)]
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.lines, pos) - 1

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.starts[first], self.ends[last]


def build_records(cues: list[tuple[Cue, Speaker]], quotes: list[Quote], sents: Sentences,
                  text: str) -> list[Record]:
    """Groups resolved cues (and stand-alone quotations) into utterance records."""
    used = {q for c, _ in cues for q in c.quotes}
    items: list[tuple[int, int, object]] = [(c.first, 0, (c, s)) for c, s in cues]
    items += [(q.start, 1, q) for q in quotes if q not in used and _stands_alone(q, text)]
    records: list[Record] = []
    for _, _, item in sorted(items, key=lambda x: (x[0], x[1])):
        if isinstance(item, Quote):
            _continue_quote(records, item, sents)
        else:
            _add_cue(records, item, sents)
    return records


def _span_sents(cue: Cue, sents: Sentences) -> tuple[int, int]:
    return sents.index(cue.first), sents.index(cue.last - 1)


def _add_cue(records: list[Record], item: tuple[Cue, Speaker], sents: Sentences) -> None:
    cue, speaker = item
    first, last = _span_sents(cue, sents)
    prev = records[-1] if records else None
    if prev is not None and _joins(prev, cue, speaker, first):
        prev.parts.append(item)
        prev.first_sent, prev.last_sent = min(prev.first_sent, first), max(prev.last_sent, last)
        return
    records.append(Record([item], first, last))


def _joins(prev: Record, cue: Cue, speaker: Speaker, first: int) -> bool:
    if not _same_speaker(prev.speaker, speaker):
        return False
    if first <= prev.last_sent:
        return True  # the same sentence
    if first != prev.last_sent + 1 or cue.additive:
        return False
    if speaker.how == "pronoun" and cue.cue_first and cue.lemma in _CONTINUING:
        return True
    return cue.direct and not prev.direct and not any(c.additive for c, _ in prev.parts)


def _same_speaker(a: Speaker, b: Speaker) -> bool:
    """Same actor; for speakers the resolver does not know, the same words
    (a pronoun counts by what it was resolved to)."""
    if a.ref is not None or b.ref is not None:
        return a.ref == b.ref
    return bool(a.antecedent_text) and (a.antecedent_text or "").lower() == (b.antecedent_text or "").lower()


def _stands_alone(q: Quote, text: str) -> bool:
    """A quotation opening its sentence or paragraph with no cue of its own; not one
    introducing a colon ("'The damage is done': Russians face ..." is a headline)."""
    before = text[:q.start].rstrip(" \t")
    if text[q.end:q.end + 2].lstrip(" ").startswith(":"):
        return False
    return not before or before.endswith(("\n", ".", "!", "?", "”", '"'))


def _continue_quote(records: list[Record], q: Quote, sents: Sentences) -> None:
    """A quotation with no cue continues the last record: within its paragraph always,
    into the next sentence or paragraph when that record is itself a quotation."""
    if not records:
        return
    prev = records[-1]
    last_end = max(e for _, e in prev.contents)
    same_paragraph = sents.paragraph(q.start) == sents.paragraph(last_end - 1)
    next_sentence = sents.index(q.start) == prev.last_sent + 1
    unclosed = any(not x.closed for x in prev.quotes)  # a quotation running on to this paragraph
    if same_paragraph or (prev.direct or unclosed) and next_sentence:
        prev.extra_quotes.append(q)
        prev.last_sent = max(prev.last_sent, sents.index(q.end - 1))
