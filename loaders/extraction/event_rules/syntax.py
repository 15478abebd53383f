"""Dependency-tree helpers shared by the event rules, and the mention lookup by token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..base import EntryContext, Mention
from .lexicon import Lexicon

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj"})
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")


def kids(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        for x in (t, *t.conjuncts):
            if x not in out:
                out.append(x)
    return out


def preps(tok: Token, *words: str) -> list[Token]:
    """Objects of ``tok``'s prepositions among ``words`` ("attacks on X" -> X), with conjuncts."""
    objs = [o for p in tok.children if p.dep_ in {"prep", "agent", "dative"} and p.lower_ in words
            for o in p.children if o.dep_ in {"pobj", "pcomp"}]
    return with_conjuncts(objs)


def passive(verb: Token) -> bool:
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    if verb.tag_ != "VBN" or kids(verb, "aux"):
        return False
    return verb.dep_ in {"acl", "relcl"} or any(c.dep_ == "agent" for c in verb.children)


def subjects(verb: Token) -> list[Token]:
    """Grammatical subjects of a verb, borrowed from the clause it hangs on when it has none
    ("Russia launched drones and fired missiles", "in the process of taking over")."""
    found = kids(verb, "nsubj", "nsubjpass")
    hops = 0
    while not found and hops < 5 and verb.head != verb:
        if verb.dep_ == "pcomp" and verb.head.lower_ == "for" and kids(verb.head.head, "dobj"):
            return with_conjuncts(kids(verb.head.head, "dobj"))  # "praised his forces for shooting down"
        if verb.dep_ not in {"conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acomp"}:
            break
        verb, hops = verb.head, hops + 1
        found = kids(verb, "nsubj", "nsubjpass") if is_verbal(verb) else []
    return with_conjuncts(found)


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb at or above ``tok`` (the clause a nominal trigger belongs to)."""
    cur, hops = tok, 0
    while hops < 12:
        if is_verbal(cur) and cur.dep_ != "amod":
            return cur
        if cur.head == cur:
            return None
        cur, hops = cur.head, hops + 1
    return None


def phrase_words(tok: Token) -> set[str]:
    """Lemmas of a noun and its pre-modifiers ("Russian cruise missile" -> {russian, cruise, missile})."""
    out = {lemma(tok), tok.lower_}
    for c in tok.children:
        if c.dep_ in NOUN_MODIFIERS or (c.dep_ == "punct" and c.lower_ == "-"):
            out.update({lemma(c), c.lower_})
    return out


def of_objects(tok: Token) -> list[Token]:
    """"dozens of missiles" -> missiles; quantity and container nouns pass to what they hold."""
    return preps(tok, "of")


def head_words(tok: Token) -> set[str]:
    """Words naming what a noun phrase is, looking through "dozens of", "waves of", conjuncts."""
    out: set[str] = set()
    for t in with_conjuncts([tok]):
        out |= phrase_words(t)
        for o in of_objects(t):
            out |= phrase_words(o)
    return out


def segments(sdoc: Doc) -> list[Span]:
    """Sentences, also cut at line breaks: a headline or a byline line is never part of
    the next sentence, even when the parser runs them together."""
    out: list[Span] = []
    for sent in sdoc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_):
                if tok.i > start:
                    out.append(sdoc[start:tok.i])
                start = tok.i + 1
            elif "\n" in tok.whitespace_:
                out.append(sdoc[start:tok.i + 1])
                start = tok.i + 1
        if start < sent.end:
            out.append(sdoc[start:sent.end])
    return [s for s in out if s.text.strip()]


@dataclass
class MentionIndex:
    """Token index -> the resolved mention covering it (longest wins)."""

    by_token: dict[int, Mention]

    @classmethod
    def build(cls, ctx: EntryContext, sdoc: Doc) -> MentionIndex:
        by_token: dict[int, Mention] = {}
        base = ctx.entry.start
        ordered = sorted(ctx.mentions, key=lambda m: (m.end - m.start, m.start))
        for m in ordered:  # longer mentions written last, so they win overlaps
            span = sdoc.char_span(m.start - base, m.end - base, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                by_token[t.i] = m
        return cls(by_token)

    def at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def in_tokens(self, tokens: Iterable[Token], kind: str | None = None) -> list[Mention]:
        seen: list[Mention] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is not None and m not in seen and (kind is None or m.kind == kind):
                seen.append(m)
        return seen


@dataclass
class Analysis:
    """What every rule needs about the sentence under study."""

    lex: Lexicon
    mentions: MentionIndex
    candidates: frozenset[int] = frozenset()  # token indices whose word may be a trigger

    @classmethod
    def build(cls, lex: Lexicon, mentions: MentionIndex, sdoc: Doc) -> Analysis:
        """Pre-filters trigger candidates on spaCy's arrays, so rules only look at a few tokens."""
        if len(sdoc) == 0:
            return cls(lex, mentions)
        table = sdoc.to_array([LOWER, LEMMA])
        hits = np.isin(table, lex.trigger_hashes).any(axis=1)
        return cls(lex, mentions, frozenset(int(i) for i in np.flatnonzero(hits)))

    def cls(self, name: str) -> frozenset[str]:
        return self.lex.word_class(name)

    def has_class(self, tok: Token, name: str) -> bool:
        return bool(head_words(tok) & self.cls(name))

    def has_class_any(self, tokens: Iterable[Token], name: str) -> bool:
        return any(self.has_class(t, name) for t in tokens)

    def is_actor(self, tok: Token) -> bool:
        m = self.mentions.at(tok)
        return m is not None and m.kind == "actor"

    def is_place(self, tok: Token) -> bool:
        m = self.mentions.at(tok)
        return m is not None and m.kind == "location"
