"""Is an actor mention a person, and of which grammatical gender? (for "he"/"she"/"it")

Evidence, all from the text and general lexicons: the actor registry's type when the
id is known; spaCy's PERSON label; honorifics ("Mr", "Ms"), gendered nouns
("spokeswoman"), common first names and Slavic feminine surname endings
("-ova", "-ska"). Votes are pooled over every mention of the same actor, so "Mr
Putin" makes a later bare "Putin" male too.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..base import EntryContext, Mention
from .lexicon import Lexicon


@dataclass(frozen=True)
class Traits:
    person: bool
    gender: str | None = None  # "f", "m" or None (unknown)


def token_traits(toks: list[Token], lex: Lexicon) -> Traits:
    """Traits of a phrase from its tokens alone."""
    if not toks:
        return Traits(False)
    words = [t.lower_.rstrip(".") for t in toks]
    person = any(t.ent_type_ == "PERSON" for t in toks) or bool(set(words) & lex.honorifics) \
        or toks[-1].lemma_.lower() in lex.person_titles
    return Traits(person, _gender(toks, words, lex) if person else None)


def _gender(toks: list[Token], words: list[str], lex: Lexicon) -> str | None:
    if set(words) & lex.female_words:
        return "f"
    if set(words) & lex.male_words:
        return "m"
    names = [t for t in toks if t.pos_ == "PROPN"]
    if names and names[0].lower_ in lex.female_first_names:
        return "f"
    if names and names[0].lower_ in lex.male_first_names:
        return "m"
    if len(names) > 1 and names[-1].lower_.endswith(lex.female_surname_endings):
        return "f"
    return None


def mention_tokens(ctx: EntryContext, m: Mention) -> list[Token]:
    span = ctx.sdoc.char_span(m.start - ctx.entry.start, m.end - ctx.entry.start, alignment_mode="contract")
    return list(span) if span is not None else []


def pooled_traits(contexts: list[EntryContext], lex: Lexicon) -> dict[str, Traits]:
    """Actor id -> traits voted over all its mentions in the given entries."""
    person: dict[str, int] = {}
    gender: dict[str, dict[str, int]] = {}
    for ctx in contexts:
        for m in ctx.mentions:
            if m.kind != "actor":
                continue
            t = token_traits(mention_tokens(ctx, m), lex)
            person[m.ref] = person.get(m.ref, 0) + (1 if t.person else -1)
            if t.gender:
                votes = gender.setdefault(m.ref, {})
                votes[t.gender] = votes.get(t.gender, 0) + 1
    return {ref: Traits(v > 0 or ref in gender, _majority(gender.get(ref, {}))) for ref, v in person.items()}


def _majority(votes: dict[str, int]) -> str | None:
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def fits(traits: Traits, kind: str) -> bool:
    """Can a pronoun of ``kind`` (he, she, it, any) refer to something with these traits?"""
    if kind == "any":
        return True
    if kind == "it":
        return not traits.person
    return traits.person and traits.gender != ("m" if kind == "she" else "f")
