"""Finding event triggers in a sentence, and discarding those that report no event.

A trigger is a word (or the last word of a lexicon phrase) whose lexicon sense
condition holds. It is dropped when it is not asserted as having happened:
negated, under a hypothetical modal, inside what someone demands or proposes
("called on allies to supply weapons"), or inside a quoted utterance unless it
is a plain past-tense report of a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .conditions import holds
from .lexicon import Sense
from .syntax import Analysis, governing_verb, is_verbal, kids, lemma

_NOUN_POS = frozenset({"NOUN", "PROPN"})
# How a trigger can sit inside what a verb demands ("called on allies to supply"); adverbial
# and relative clauses ("urged ... a day after Russia fired") report background facts instead.
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "pcomp",
                              "conj", "oprd", "dative", "compound", "amod", "appos", "nmod"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "once", "until", "lest"})
_TEMPORAL_MARKS = frozenset({"after", "before", "since", "when", "while", "as"})
_PAST_AUX = frozenset({"was", "were", "had", "been", "has", "have"})
_QUOTE = re.compile(r'“[^”\n]*”?|"[^"\n]*"?|«[^»\n]*»?')
_CLOSERS = frozenset('”"»')
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@dataclass(frozen=True)
class Trigger:
    token: Token
    sense: Sense
    phrase: bool = False

    @property
    def nominal(self) -> bool:
        return not is_verbal(self.token)


def _phrase_triggers(sent: Span, ana: Analysis) -> tuple[list[Trigger], set[int]]:
    found: list[Trigger] = []
    used: set[int] = set()
    longest = ana.lex.max_phrase
    for i in sorted(ana.candidates):
        if not sent.start <= i < sent.end or i in used:
            continue
        for n in range(min(longest, sent.end - i), 1, -1):
            span = sent.doc[i:i + n]
            senses = ana.lex.phrases.get(tuple(t.lower_ for t in span))
            if senses:  # a verb phrase is anchored on its verb, a noun phrase on its head
                anchor = next((t for t in span if t.pos_ == "VERB"), span.root)
                found.extend(Trigger(anchor, s, phrase=True) for s in senses)
                used.update(range(i, i + n))
                break
    return found, used


def _word_senses(tok: Token, ana: Analysis) -> tuple[Sense, ...]:
    if tok.pos_ == "VERB" and tok.dep_ != "amod":
        return ana.lex.senses(lemma(tok), verbal=True)
    if tok.pos_ in _NOUN_POS and tok.dep_ != "compound":
        return ana.lex.senses(lemma(tok), verbal=False) or ana.lex.senses(tok.lower_, verbal=False)
    return ()


def find_triggers(sent: Span, ana: Analysis) -> list[Trigger]:
    """Every trigger of the sentence whose sense condition holds, in text order."""
    found, used = _phrase_triggers(sent, ana)
    for i in sorted(ana.candidates):
        if not sent.start <= i < sent.end or i in used:
            continue
        tok = sent.doc[i]
        if ana.mentions.at(tok) is not None:
            continue  # names ("Air Force", "Defence Ministry") are not triggers
        found.extend(Trigger(tok, s) for s in _word_senses(tok, ana) if holds(s.condition, tok, ana))
    return sorted(found, key=lambda t: (t.token.i, t.sense.type))


def speech_spans(sdoc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges of quoted utterances: quotes holding a finite verb (not scare quotes).
    A quote left open ends at the line break. ``text`` is ``sdoc.text``."""
    spans: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and any(t.tag_ in _FINITE for t in span):
            spans.append((span.start, span.end - 1 if m.group(0)[-1] in _CLOSERS else span.end))
    return spans


def _in_spans(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(a < tok.i < b for a, b in spans)


def _past_fact(trig: Trigger) -> bool:
    verb = trig.token if not trig.nominal else governing_verb(trig.token)
    if verb is None:
        return False
    aux = {c.lower_ for c in kids(verb, "aux", "auxpass")}
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(aux & _PAST_AUX))


def _backshifted(verb: Token, ana: Analysis) -> bool:
    """"said Britain would send": reported future, not a hypothetical."""
    head = verb.head
    return verb.dep_ == "ccomp" and lemma(head) in ana.cls("speech_verbs") and head.tag_ in {"VBD", "VBN"}


def _clause_blocks(verb: Token, ana: Analysis) -> bool:
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.lower_ in ana.cls("modals_hypothetical") for c in aux):
        return True
    if any(c.lower_ in {"would", "'d"} for c in aux) and not _backshifted(verb, ana):
        return True
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in verb.children)


def _negated_noun(tok: Token) -> bool:
    """"no sanctions", and generic quantification ("every missile strike") names no happening."""
    return any(c.dep_ in {"det", "neg"} and c.lower_ in {"no", "not", "every", "any", "each"}
               for c in tok.children)


def _complement_link(child: Token) -> bool:
    """Is ``child`` inside what its head verb/noun asks for (not a background clause)?"""
    if child.dep_ in _COMPLEMENT_DEPS:
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    return child.dep_ == "advcl" and infinitive  # "expecting Xi to make a visit" parsed as advcl


def _background(clause: Token) -> bool:
    """Relative clauses, past temporal clauses ("a day after Russia fired") and temporal
    phrases ("since the invasion") state facts whatever frames them."""
    if clause.dep_ == "relcl":
        return True
    if clause.dep_ == "pobj" and clause.head.lower_ in _TEMPORAL_MARKS | {"during", "amid", "throughout"}:
        return True
    temporal = any(c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in clause.children)
    return clause.dep_ == "advcl" and temporal and clause.tag_ in {"VBD", "VBN"}


def asserted(trig: Trigger, ana: Analysis) -> bool:
    """False when the trigger is negated, hypothetical or only demanded/proposed."""
    cur, child = trig.token, None
    if not trig.phrase and _negated_noun(cur):
        return False
    for _ in range(16):
        came_by = child.dep_ if child is not None else ""
        own_clause = is_verbal(cur) and cur.dep_ != "amod" and came_by not in {"nsubj", "nsubjpass"}
        if own_clause and _clause_blocks(cur, ana):  # an existing thing as subject is no hypothetical
            return False
        if child is not None and _complement_link(child):
            word = lemma(cur)
            if word in ana.cls("demanding_verbs") or word in ana.cls("hypothetical_heads"):
                return False
        if child is not None and lemma(cur) in ana.cls("speech_verbs"):
            return True  # above this is the reporting frame
        if _background(cur):
            return True  # "..., who was appointed", "a day after Russia fired": facts in any frame
        if cur.head == cur:
            return True
        child, cur = cur, cur.head
    return True


def reported(trig: Trigger, ana: Analysis, speech: list[tuple[int, int]]) -> bool:
    """Triggers inside quoted speech count only as plain past-tense facts."""
    if _in_spans(trig.token, speech) and not _past_fact(trig):
        return False
    return asserted(trig, ana)
