"""Unnamed sources and collectives: "a senior US intelligence official", "Western officials",
"Russian diplomats", "NATO member states", "two UN agencies".

News cites such sources constantly and the annotation guidelines make each one an actor
(the speaker of what it said, and a "whom" when talked about). A phrase qualifies when its
head is a source or collective noun and a modifier says whose it is: a name, a nationality
or a bloc adjective. Without one ("officials said", "senior diplomats") it names no one in
particular and stays unresolved. Each phrase becomes a document-local actor whose id is
the phrase without determiners or numbers ("us_defence_official").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.ids import slug
from kg.model import Actor, ActorType

from .memory import DocMemory
from .spans import POSSESSIVE_TOKENS, Cand

# head lemma -> actor type of the group (a singular source is a person)
_HEADS = {
    "official": ActorType.GOVERNMENT, "diplomat": ActorType.GOVERNMENT, "negotiator": ActorType.GOVERNMENT,
    "lawmaker": ActorType.GOVERNMENT, "investigator": ActorType.GOVERNMENT,
    "analyst": ActorType.ORGANIZATION, "expert": ActorType.ORGANIZATION, "source": ActorType.ORGANIZATION,
    "agency": ActorType.ORGANIZATION, "delegation": ActorType.GOVERNMENT,
}
# collectives of states: only plural and only with an organisation or bloc as modifier
_STATE_HEADS = frozenset({"state", "country", "ally", "partner", "nation", "member"})
_BLOC_ADJECTIVES = frozenset({"western", "allied", "european", "nordic", "baltic"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_DROP_WORDS = frozenset({"a", "an", "the", "one", "two", "three", "four", "several", "some", "many",
                         "other", "few", "all", "both", "various", "numerous"})


class GroupFinder:
    def __init__(self, doc: Doc, memory: DocMemory, cands: list[Cand]) -> None:
        self.doc, self.memory = doc, memory
        self.taken = {i for c in cands for i in range(c.start, c.end)}  # tokens already resolved

    def find(self) -> list[Cand]:
        out = []
        for tok in self.doc:
            if tok.pos_ == "NOUN" and tok.i not in self.taken and self._is_head(tok):
                cand = self._group(tok)
                if cand is not None:
                    out.append(cand)
        return out

    def _is_head(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma in _HEADS:
            return not any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _HEADS for c in tok.children) \
                and tok.dep_ != "compound"
        return lemma in _STATE_HEADS and tok.tag_ == "NNS" and tok.dep_ != "compound"

    def _group(self, head: Token) -> Cand | None:
        mods = [t for c in head.lefts if c.dep_ in _MODIFIER_DEPS for t in c.subtree]
        if not any(self._identifies(t) for t in mods):
            return None
        if head.lemma_.lower() in _STATE_HEADS and not any(t.pos_ == "PROPN" or t.lower_ in _BLOC_ADJECTIVES
                                                             for t in mods):
            return None
        if any(c.dep_ == "appos" for c in head.children):
            return None  # "a Ukrainian official, Anton Herashchenko": the person's description
        start = min([head.i] + [t.i for c in head.lefts if c.dep_ != "punct" for t in c.subtree])
        words = [t for t in self.doc[start:head.i + 1]
                 if t.lower_ not in _DROP_WORDS and t.text not in POSSESSIVE_TOKENS and not t.like_num]
        aid = slug(" ".join(t.text for t in words))
        kind = _kind(head)
        name = " ".join(t.text for t in words)
        self.memory.actors.setdefault(aid, Actor(id=aid, name=name[:1].upper() + name[1:], type=kind))
        return Cand(start, head.i + 1, "actor", aid, "description", person=kind is ActorType.PERSON)

    def _identifies(self, tok: Token) -> bool:
        """A modifier saying whose the source is: a name, nationality or bloc adjective."""
        if tok.lower_ in _BLOC_ADJECTIVES or tok.ent_type_ in ("NORP", "GPE", "ORG"):
            return True
        return tok.pos_ == "PROPN" or tok.i in self.taken


def _kind(head: Token) -> ActorType:
    """One official is a person; officials a government body; member states countries."""
    group = _HEADS.get(head.lemma_.lower(), ActorType.COUNTRY)
    return ActorType.PERSON if head.tag_ == "NN" and group is ActorType.GOVERNMENT else group
