"""What name resolution in one entry works with, and helpers shared by its steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.ids import slug
from kg.model import Actor, ActorType

from .gazetteer import Gazetteer
from .memory import DocMemory
from .normalize import is_honorific
from .registry import Registry
from .spans import Cand

AREA_WORDS = frozenset({"area", "zone", "exclusion zone"})
PLACE_CUES = frozenset({"village", "town", "city", "settlement", "hamlet", "region", "district", "port"})
LOCATIVE_CUES = frozenset({"in", "near", "outside", "around", "from", "of", "at", "into", "towards", "toward"})
_MILITARY_WORDS = ("forces", "army", "brigade", "regiment", "battalion", "division", "fleet", "corps",
                   "militia", "guard", "troops", "command", "group of forces")
_MEDIA_WORDS = ("news agency", "television", " tv", "radio", "broadcaster", "times", "post", "pravda", "news")
_GOV_WORDS = ("ministry", "council", "parliament", "administration", "government", "office", "committee",
              "service", "department", "agency", "court", "prosecutor")


@dataclass
class NameContext:
    doc: Doc
    reg: Registry
    gaz: Gazetteer
    memory: DocMemory
    ents: list[Span] = field(init=False)  # spaCy's entities, read once (``doc.ents`` rebuilds them)
    ent_labels: list[str] = field(init=False)  # per token: its entity's label or ""
    ent_of: list[Span | None] = field(init=False)  # per token: its entity

    def __post_init__(self) -> None:
        self.ents = list(self.doc.ents)
        self.ent_labels = [""] * len(self.doc)
        self.ent_of = [None] * len(self.doc)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_labels[i] = ent.label_
                self.ent_of[i] = ent


def guess_type(name: str) -> ActorType:
    low = f" {name.lower()} "
    if any(w in low for w in _MILITARY_WORDS):
        return ActorType.MILITARY_UNIT
    if any(w in low for w in _MEDIA_WORDS):
        return ActorType.MEDIA
    if any(w in low for w in _GOV_WORDS):
        return ActorType.GOVERNMENT
    return ActorType.ORGANIZATION


def settlement_word(doc: Doc, start: int) -> str | None:
    """'village' in 'the village of X' (a name introduced as a place)."""
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_CUES:
        return doc[start - 2].lower_
    return None


def place_cue(doc: Doc, start: int) -> bool:
    """'village of X', 'the town of X', 'near X', 'in X'."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    if settlement_word(doc, start):
        return True
    return prev in LOCATIVE_CUES - {"of"} and doc[start].pos_ == "PROPN"


def new_actor(nc: NameContext, name: str, kind: ActorType) -> str:
    aid = slug(name)
    if nc.reg.get(aid) is None and aid not in nc.memory.actors:
        nc.memory.actors[aid] = Actor(id=aid, name=name, type=kind)
    return aid


def with_honorific(nc: NameContext, cand: Cand) -> Cand:
    if cand.person and cand.start > 0 and is_honorific(nc.doc[cand.start - 1].text):
        cand.start -= 1
    return cand
