"""When an event happened: time phrases attached to the trigger, else the entry's time frame.

Rules (gold guidelines): a time phrase belongs to the clause it is attached to
("said on Friday that it struck ... on 29 December" dates the strike to 29
December); "a day after X" dates X one day before its main clause; a past-tense
report without a phrase of its own takes the time frame of the sentences before
it in the same entry; ongoing, habitual, future and campaign-like mentions
("has launched numerous waves ... since October") get no date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from loaders.dates import iter_date_phrases, resolve_relative

from .syntax import Analysis, governing_verb, is_verbal, kids, lemma
from .triggers import Trigger

_CLOCK = re.compile(r"\b(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?=\W|$)", re.IGNORECASE)
_SPAN_WORDS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_LOOKBACK = 4  # sentences


@dataclass(frozen=True)
class DatePhrase:
    span: Span
    date: dt.date
    anchor: Token | None  # first verb above the phrase
    path: frozenset[int]  # token indices from the phrase up to that verb

    @property
    def speech(self) -> bool:
        return self.anchor is not None and self.anchor.lemma_.lower() in _SPEECH


_SPEECH = frozenset({"say", "tell", "add", "report", "announce", "claim", "confirm", "write", "post", "state"})


def _path_up(tok: Token) -> tuple[Token | None, frozenset[int]]:
    seen, cur = [], tok
    for _ in range(12):
        seen.append(cur.i)
        if cur != tok and is_verbal(cur) and cur.dep_ != "amod":
            return cur, frozenset(seen)
        if cur.head == cur:
            break
        cur = cur.head
    return None, frozenset(seen)


class Timeline:
    """The resolved time phrases of one entry, and the dating of triggers against them."""

    def __init__(self, sdoc: Doc, published: dt.date | None, segments: list[Span], text: str) -> None:
        """``text`` is ``sdoc.text``, passed in because spaCy rebuilds that string on every access."""
        self.published = published
        self.phrases: list[DatePhrase] = []
        self._starts = [s.start for s in segments]
        if published is None:
            return
        found = list(iter_date_phrases(text)) + [(m.start(), m.end(), m.group(0)) for m in _CLOCK.finditer(text)]
        for start, end, phrase in sorted(found):
            day = published if _CLOCK.fullmatch(phrase) else resolve_relative(phrase, published)
            span = sdoc.char_span(start, end, alignment_mode="expand")
            if day is None or span is None or any(p.span.start <= span.start < p.span.end for p in self.phrases):
                continue
            anchor, path = _path_up(span.root)
            self.phrases.append(DatePhrase(span, day, anchor, path))

    def own_date(self, trig: Trigger) -> dt.date | None:
        """A phrase attached to the trigger or, for a nominal, to the verb it belongs to."""
        verb = trig.token if not trig.nominal else governing_verb(trig.token)
        if trig.nominal and verb is not None and not _close_to_verb(trig.token, verb):
            verb = None  # "in response to the shelling, a curfew began on Saturday": not the shelling's day
        hits = [p for p in self.phrases if trig.token.i in p.path or (verb is not None and p.anchor == verb)]
        hits = [p for p in hits if not (trig.token.i not in p.path and p.speech and p.anchor != trig.token)]
        if not hits:
            return None
        return min(hits, key=lambda p: abs(p.span.start - trig.token.i)).date

    def relative_date(self, trig: Trigger) -> dt.date | None:
        """"a day after Moscow fired ...": one day before the main clause's day."""
        verb = trig.token if not trig.nominal else governing_verb(trig.token)
        if verb is None or verb.dep_ != "advcl":
            return None
        mark = next((c.lower_ for c in kids(verb, "mark", "prep") if c.lower_ in {"after", "before"}), None)
        unit = next((c for c in kids(verb, "npadvmod") if c.lower_ in _SPAN_WORDS), None)
        if mark is None or unit is None:
            return None
        count = next((_NUMBERS.get(c.lower_, 0) or _as_int(c.text) for c in unit.children
                      if c.dep_ in {"det", "nummod"}), 1) or 1
        delta = dt.timedelta(days=count * _SPAN_WORDS[unit.lower_])
        main = self._clause_day(verb.head) or self.published
        if main is None:
            return None
        return main - delta if mark == "after" else main + delta

    def _clause_day(self, verb: Token) -> dt.date | None:
        hits = [p for p in self.phrases if p.anchor == verb]
        return hits[0].date if hits else None

    def _segment(self, tok_i: int) -> int:
        return bisect_right(self._starts, tok_i) - 1

    def frame_date(self, trig: Trigger, sent: Span, first_segment: int) -> dt.date | None:
        """The time frame set by the reporting verb or the preceding sentences of the entry."""
        verb = trig.token if not trig.nominal else governing_verb(trig.token)
        here = self._segment(sent.start)
        same = [p for p in self.phrases if self._segment(p.span.start) == here and p.speech
                and verb is not None and p.anchor in verb.ancestors]
        if same:
            return same[0].date
        earlier = [p for p in self.phrases if first_segment <= self._segment(p.span.start) < here
                   and self._segment(p.span.start) >= here - _LOOKBACK]
        if not earlier:
            return None
        last = max(self._segment(p.span.start) for p in earlier)
        in_last = [p for p in earlier if self._segment(p.span.start) == last]
        plain = [p for p in in_last if not p.speech]
        return (plain or in_last)[0].date


def _close_to_verb(noun: Token, verb: Token) -> bool:
    """A nominal shares its verb's time only as a direct argument or through one preposition."""
    preps_crossed, cur = 0, noun
    while cur.i != verb.i and cur.head.i != cur.i:  # spaCy makes a new Token per access: compare indices
        if cur.dep_ in {"prep", "agent"} and cur.lower_ != "of":
            preps_crossed += 1
        cur = cur.head
    return preps_crossed <= 1


def _relative_to_other_event(verb: Token) -> bool:
    """"sent drones before the war started": dated only relative to another happening."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.lower_ in _RELATIVE_MARKS for m in kids(c, "mark")):
            return True
        if c.dep_ == "prep" and c.lower_ in _RELATIVE_MARKS:
            return True
    return False


_RELATIVE_MARKS = frozenset({"before", "after", "since", "until", "during"})


def _as_int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def inherits_frame(trig: Trigger, ana: Analysis) -> bool:
    """Only a simple past report of one happening takes the surrounding time frame."""
    if trig.sense.aggregate:
        return False
    verb = trig.token if not trig.nominal else governing_verb(trig.token)
    if trig.nominal and _aggregate_noun(trig.token, ana):
        return False
    if verb is None:
        return False
    aux = {c.lower_ for c in kids(verb, "aux", "auxpass")}
    if aux & {"has", "have", "'ve", "will", "would", "is", "are", "am"} or verb.tag_ in {"VBZ", "VBP", "VB"}:
        return False
    if any(lemma(c) in {"since", "ago"} for c in verb.subtree if c.i <= verb.i + 8):
        return False
    if _relative_to_other_event(verb) or _vague_time(verb):
        return False
    return verb.tag_ in {"VBD", "VBN"}


_VAGUE_UNITS = frozenset({"week", "weekend", "month", "year", "spring", "summer", "autumn", "fall", "winter",
                          "january", "february", "march", "april", "may", "june", "july", "august",
                          "september", "october", "november", "december"})


def vague_time(trig: Trigger) -> bool:
    """The trigger's clause names a time that is no day ("last week")."""
    verb = trig.token if not trig.nominal else governing_verb(trig.token)
    return verb is not None and _vague_time(verb)


def _vague_time(verb: Token) -> bool:
    """"pledged £100m last week", "sent in March": a time of its own that names no day, so the
    day of the story around it is not this happening's day (the date stays unknown)."""
    for c in verb.children:
        if c.dep_ == "npadvmod" and c.lower_ in _VAGUE_UNITS:
            return True
        if c.dep_ == "prep" and c.lower_ in {"in", "during", "over", "earlier", "later"} and \
                any(t.lower_ in _VAGUE_UNITS and not any(k.like_num for k in t.children) for t in kids(c, "pobj")):
            return True
    return False


def ongoing(trig: Trigger) -> bool:
    """Perfect or present aspect ("shelling has intensified", "Russia has fired 350 missiles"):
    a running tally or trend, not the one past happening the story around it tells."""
    verb = trig.token if not trig.nominal else governing_verb(trig.token)
    if verb is None:
        return False
    aux = {c.lower_ for c in kids(verb, "aux", "auxpass")}
    return bool(aux & {"has", "have", "'ve", "is", "are", "am"}) or verb.tag_ in {"VBZ", "VBP"}


def _words(tok: Token) -> set[str]:
    return {lemma(tok), tok.lower_}


def _aggregate_noun(tok: Token, ana: Analysis) -> bool:
    """"repeated attacks", "waves of strikes": a campaign, not one happening."""
    mods = {w for c in tok.children for w in _words(c)}
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        holder = tok.head.head
        mods |= _words(holder) | {w for c in holder.children for w in _words(c)}
    return tok.tag_ in {"NNS", "NNPS"} and bool(mods & ana.cls("aggregate_modifiers"))


def _clause_chain(verb: Token) -> list[Token]:
    """The verb and the verbs its clause is adverbial/coordinate to ("..., heavily damaging")."""
    chain = [verb]
    while verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head.i != verb.i and len(chain) < 4:
        verb = verb.head
        chain.append(verb)
    return chain


def is_aggregate(trig: Trigger, ana: Analysis) -> bool:
    """A campaign or a war rather than one happening: no single day to give it."""
    if trig.sense.aggregate or (trig.nominal and _aggregate_noun(trig.token, ana)):
        return True
    verb = trig.token if not trig.nominal else governing_verb(trig.token)
    if verb is None:
        return False
    return any(c.lower_ == "since" for v in _clause_chain(verb) for c in kids(v, "prep"))
