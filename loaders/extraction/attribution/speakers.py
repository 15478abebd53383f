"""Speaker resolution: from the speaker phrase of a cue to an actor mention.

Names and descriptions are resolved by the entity resolver (``ctx.mentions``): the
mention covering the phrase's head, else its apposition ("China's president, Xi
Jinping"), else a mention inside the compact phrase ("Kyiv officials"). Pronouns
("he said", "it added") and bare titles ("the president said") are resolved here:
to the most recent compatible speaker of this entry (named or not), else the
previous sentence's subject, else the most recent compatible mention, else the
entry's first compatible mention (then the previous entry's last). "He"/"she"
need a person of a compatible gender, "it" a non-person; media never speak.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..base import EntryContext, Mention
from .cues import Cue
from .lexicon import LEXICON_PATH, lexicon
from .persons import Traits, fits, mention_tokens, pooled_traits, token_traits
from .syntax import could_speak, doc_text, end_of, is_media, np_span

ACTORS_PATH = LEXICON_PATH.with_name("actors.json")
_KIND = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "it": "it", "its": "it",
         "they": "any", "them": "any", "their": "any"}
_DEFINITE = frozenset({"the", "this", "that", "his", "her", "its", "their"})
_NEW_ENTITY = frozenset({"prep", "appos", "relcl", "acl"})
_ONE_OF = frozenset({"one", "another"})


@dataclass(frozen=True)
class Speaker:
    """Who a cue's speaker phrase refers to."""

    ref: str | None  # actor id, or None when unresolved
    how: str  # name | pronoun | description | unresolved | media | implausible
    phrase: tuple[int, int]  # entry offsets of the speaker phrase in the cue's sentence
    antecedent: Mention | None = None  # the mention it resolved to (document offsets)
    antecedent_text: str | None = None  # what a pronoun resolved to, named or not


@dataclass(frozen=True)
class _Referent:
    mention: Mention | None
    text: str
    traits: Traits


@lru_cache(maxsize=1)
def _registry_actors() -> tuple[dict, ...]:
    try:
        raw = json.loads(ACTORS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(a for a in raw.get("actors", []) if isinstance(a, dict) and "id" in a)


@lru_cache(maxsize=1)
def registry_types() -> dict[str, str]:
    """Actor id -> type from the alias registry, when there is one (else heuristics only)."""
    return {a["id"]: a.get("type", "") for a in _registry_actors()}


@lru_cache(maxsize=1)
def registry_kinds() -> dict[str, frozenset[str]]:
    """Actor id -> the common nouns that describe it ("the bloc" is the EU, "the alliance" NATO)."""
    return {a["id"]: frozenset(w.lower() for w in a.get("desc_nouns", ())) for a in _registry_actors()
            if a.get("desc_nouns")}


class SpeakerResolver:
    """Resolves the cues of one entry in text order (earlier speakers feed pronouns)."""

    def __init__(self, ctx: EntryContext, previous: list[EntryContext]) -> None:
        self.ctx = ctx
        self.lex = lexicon()
        offset = ctx.entry.start
        mentions = sorted(m for m in ctx.mentions if m.kind == "actor" and m.text.lower() not in _KIND)
        self.local = [(m.start - offset, m.end - offset, m) for m in mentions]
        self.traits = pooled_traits([*previous, ctx], self.lex)  # "Joe Biden" earlier makes "Biden" male
        self.previous = previous
        self.sents = [s for s in ctx.sdoc.sents if any(not t.is_space for t in s)]
        self.spoken: list[_Referent] = []  # speakers so far, in text order
        self.learned: dict[str, str] = {}  # referent key -> gender a pronoun already gave it

    def resolve(self, cue: Cue) -> Speaker:
        if cue.speaker is None:
            return Speaker(None, "unresolved", (cue.start, cue.start))
        head = self.ctx.sdoc[cue.speaker]
        phrase = np_span(head)
        referent, how = self._resolve(head, cue)
        if referent is None and not could_speak(head, self.lex):
            return Speaker(None, "implausible", phrase)  # "the sanctions call for ..."
        if referent is None:
            toks = [t for t in head.doc if phrase[0] <= t.idx < phrase[1]]
            text = doc_text(head.doc)[phrase[0]:phrase[1]]
            referent, how = _Referent(None, text, token_traits(toks, self.lex)), "unresolved"
        elif referent.mention is not None and self._is_media(referent.mention):
            return Speaker(None, "media", phrase, referent.mention)
        self.spoken.append(referent)
        if how == "pronoun" and _KIND.get(head.lower_) in ("he", "she"):
            self.learned.setdefault(_key(referent), "m" if _KIND[head.lower_] == "he" else "f")
        ref = referent.mention.ref if referent.mention is not None else None
        return Speaker(ref, how, phrase, referent.mention, referent.text)

    def _resolve(self, head: Token, cue: Cue) -> tuple[_Referent | None, str]:
        if head.pos_ == "PRON":
            kind = _KIND.get(head.lower_)
            found = self._antecedent(kind, head.sent.start_char) if kind else None
            return found, "pronoun"
        named = self._named(head)
        if named is not None:
            return self._referent(named), "name"
        if self._definite(head):
            member = any(c.lower_ in _ONE_OF for c in head.children)  # "one official": of a group
            found = self._same_head(head, head.sent.start_char, plural=member)
            if found is None and head.lemma_.lower() in self.lex.person_titles:
                found = self._antecedent("person", head.sent.start_char, cross_entry=False)
            return found, "description"
        return None, "unresolved"

    def _same_head(self, head: Token, sent_start: int, plural: bool = False) -> _Referent | None:
        """"the ministry" after "The British defence ministry": the latest speaker, else
        mention, whose words include the description's head noun."""
        word = head.lemma_.lower()
        for said in reversed(self.spoken):
            if said.mention is not None and _described(word, said.text, said.mention.ref, plural):
                return said
        for s, _, m in reversed(self.local):
            if s < sent_start and _described(word, m.text, m.ref, plural) and self._fits(r := self._referent(m), "any"):
                return r
        return None

    def _referent(self, m: Mention) -> _Referent:
        return _Referent(m, m.text, self._traits(m))

    def _traits(self, m: Mention) -> Traits:
        pooled = self.traits.get(m.ref) or token_traits(mention_tokens(self.ctx, m), self.lex)
        kind = registry_types().get(m.ref)
        return Traits(kind == "person", pooled.gender) if kind else pooled

    def _named(self, head: Token) -> Mention | None:
        """The mention covering the head, its apposition or (for non-titles) its modifiers."""
        covering = self._covering(head.idx, end_of(head))
        if covering is not None:
            return covering
        near = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":  # "McConnell, now the majority leader, who said"
            near.insert(0, head.head)
        for tok in near:
            if (found := self._covering(tok.idx, end_of(tok))) is not None:
                return found
        if head.lemma_.lower() in self.lex.person_titles:
            return None
        start, end = np_span(head)
        inside = [m for s, e, m in self.local if s >= start and e <= end]
        return inside[-1] if inside else None

    def _covering(self, start: int, end: int) -> Mention | None:
        hits = [m for s, e, m in self.local if s <= start and end <= e]
        return max(hits, key=lambda m: m.end - m.start) if hits else None

    @staticmethod
    def _definite(head: Token) -> bool:
        """"the president", "the Ukraine president", "the ministry" (no name given); "one
        official" after "Western officials" (one of a group already named)."""
        if head.pos_ != "NOUN" or any(c.dep_ in _NEW_ENTITY or c.pos_ == "PROPN" for c in head.children):
            return False  # "the head of the IOC", "the White House press secretary": someone new
        return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                   or c.dep_ in ("nummod", "det") and c.lower_ in _ONE_OF for c in head.children)

    def _antecedent(self, kind: str, sent_start: int, cross_entry: bool = True) -> _Referent | None:
        """Most recent compatible speaker, else previous sentence's subject, else recent
        mention, else the entry's main actor (first compatible mention), else (pronouns
        only) the previous entry's last compatible mention."""
        for said in reversed(self.spoken):
            if self._fits(said, kind):
                return said
        for finder in (self._previous_subject, self._recent, self._main):
            if (found := finder(kind, sent_start)) is not None:
                return found
        return self._previous_entry(kind) if cross_entry else None

    def _fits(self, referent: _Referent, kind: str) -> bool:
        if referent.mention is not None and registry_types().get(referent.mention.ref) == "media":
            return False
        if kind == "person":
            return referent.traits.person
        other = {"he": "f", "she": "m"}.get(kind)
        if other is not None and self.learned.get(_key(referent)) == other:
            return False
        return fits(referent.traits, kind)

    def _candidates(self, mentions: list[Mention], kind: str) -> list[_Referent]:
        return [r for m in mentions if self._fits(r := self._referent(m), kind)]

    def _previous_subject(self, kind: str, sent_start: int) -> _Referent | None:
        sents = [s for s in self.sents if s.end_char <= sent_start]
        if not sents:
            return None
        subjects = [t for t in sents[-1] if t.dep_ in ("nsubj", "nsubjpass")]
        hits = [m for t in subjects if (m := self._covering(t.idx, end_of(t))) is not None]
        found = self._candidates(hits, kind)
        return found[0] if found else None

    def _recent(self, kind: str, sent_start: int) -> _Referent | None:
        found = self._candidates([m for s, _, m in self.local if s < sent_start], kind)
        return found[-1] if found else None

    def _main(self, kind: str, sent_start: int) -> _Referent | None:
        found = self._candidates([m for _, _, m in self.local], kind)
        return found[0] if found else None

    def _previous_entry(self, kind: str) -> _Referent | None:
        for ctx in self.previous[-1:]:
            found = self._candidates([m for m in ctx.mentions if m.kind == "actor"], kind)
            if found:
                return found[-1]
        return None

    def _is_media(self, m: Mention) -> bool:
        if registry_types().get(m.ref) == "media":
            return True
        toks = mention_tokens(self.ctx, m)
        return bool(toks) and is_media(toks[-1], self.lex)


def _key(referent: _Referent) -> str:
    return referent.mention.ref if referent.mention is not None else referent.text.lower()


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _described(word: str, text: str, ref: str, plural: bool = False) -> bool:
    """Does the noun ``word`` describe a referent named ``text``: one of its words, singular
    or plural ("official" / "Western officials"), or a registry noun for it ("bloc": EU)?
    ``plural``: only a group can contain "one official"."""
    words = _words(text)
    if plural:
        return f"{word}s" in words
    return word in words or f"{word}s" in words or word in registry_kinds().get(ref, frozenset())
