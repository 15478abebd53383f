"""What the entity recogniser finds that no name list knows: new organisations, groups and
places; and acronyms a document defines for itself ("Western Group of Forces (WGF)")."""

from __future__ import annotations

from spacy.tokens import Span

from kg.ids import slug
from kg.model import ActorType, Location

from .context import NameContext, guess_type, new_actor, settlement_word, with_honorific
from .normalize import key
from .people import fuzzy_person
from .spans import Cand, is_capitalised

_SETTLEMENT_TYPES = {"village": "village", "town": "town", "city": "city", "settlement": "village",
                     "hamlet": "village", "port": "city"}
# Capitalised words that spaCy tags as entities but that name nobody here.
NOT_ENTITIES = frozenset({"telegram", "twitter", "facebook", "instagram", "youtube", "tiktok", "whatsapp",
                          "kamikaze", "shahed", "covid", "himars", "javelin", "patriot", "iris-t", "nasams",
                          "loading", "read more", "live", "update", "updates", "breaking", "photograph",
                          "guardian", "the guardian", "pm", "am", "gmt", "bst", "christmas", "new year"})
# Words that mark photo credits and page furniture caught by the entity recogniser.
NOT_ENTITY_WORDS = frozenset({"photograph", "photo", "getty", "images", "shutterstock", "pictures"})


def _ent_tokens(nc: NameContext, ent: Span, taken: list[bool]) -> tuple[int, int] | None:
    """The entity's tokens after anything already resolved, without determiner or clitic."""
    start, end = ent.start, ent.end
    for i in range(ent.start, ent.end):
        if taken[i]:
            start = i + 1
    while start < end and (nc.doc[start].lower_ in {"the", "a", "an"} or not nc.doc[start].is_alpha):
        start += 1
    while end > start and nc.doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    if start >= end or not is_capitalised(nc.doc[start]):
        return None
    return start, end


def _entity(nc: NameContext, label: str, start: int, end: int) -> Cand | None:
    text = nc.doc[start:end].text
    words = text.split()
    if key(text) in NOT_ENTITIES or not any(c.isalpha() for c in text) or nc.doc[start].is_stop \
            or any(w in NOT_ENTITY_WORDS for w in key(text).split()):
        return None
    if settlement_word(nc.doc, start) and label in {"ORG", "PERSON", "GPE", "LOC", "NORP"} and end - start <= 3:
        return _new_place(nc, start, end, text)
    if key(text) in nc.reg.institution_nouns:  # "the Defence Ministry" alone: whose is unknown
        return None
    if len(words) == 1 and label in {"PERSON", "GPE", "ORG", "LOC"} and nc.memory.person_named(text):
        return Cand(start, end, "actor", nc.memory.person_named(text), "short_form", person=True)
    if label == "PERSON":
        pid = nc.memory.person_named(text) if len(words) == 1 else None
        if pid is None and len(words) == 1 and len(text) >= 7:
            pid = fuzzy_person(nc, words)
        return Cand(start, end, "actor", pid, "short_form", person=True) if pid else None
    if label == "ORG" or (label == "NORP" and len(words) > 1):
        return Cand(start, end, "actor", new_actor(nc, text, guess_type(text)), "ner")
    if label in {"GPE", "LOC"}:
        return _new_place(nc, start, end, text)
    return None


def _new_place(nc: NameContext, start: int, end: int, text: str) -> Cand | None:
    if nc.doc[start].pos_ != "PROPN" or len(text) < 3 or text.isupper():
        return None
    pid = slug(text)
    known = nc.gaz.get(pid)
    if known is None and pid not in nc.memory.places:
        kind = settlement_word(nc.doc, start)
        nc.memory.places[pid] = Location(id=pid, name=text, type=_SETTLEMENT_TYPES.get(kind or ""))
    return Cand(start, end, "location", pid, "ner", place=pid)


def resolve_entities(nc: NameContext, cands: list[Cand]) -> list[Cand]:
    taken = [False] * len(nc.doc)
    for c in cands:
        for i in range(c.start, c.end):
            taken[i] = True
    out = []
    for ent in nc.ents:
        if ent.label_ == "NORP" and ent.end - ent.start > 1:
            out += _group(nc, ent, cands)
            continue
        if ent.label_ not in {"PERSON", "ORG", "NORP", "GPE", "LOC"} or all(taken[ent.start:ent.end]):
            continue
        bounds = _ent_tokens(nc, ent, taken)
        cand = _entity(nc, ent.label_, *bounds) if bounds else None
        if cand is not None:
            out.append(with_honorific(nc, cand))
    return out


def _group(nc: NameContext, ent: Span, cands: list[Cand]) -> list[Cand]:
    """'Bosnian Serbs', 'Crimean Tatars': a people named by two words is one group actor,
    not two countries."""
    inside = [c for c in cands if ent.start <= c.start and c.end <= ent.end]
    if any(c.how != "demonym" for c in inside) or any(c.overlaps(ent.start, ent.end) for c in cands
                                                       if c not in inside):
        return []
    bounds = _ent_tokens(nc, ent, [False] * len(nc.doc))
    if bounds is None or nc.reg.demonyms.get(key(nc.doc[bounds[0]:bounds[1]].text)):
        return []
    for c in inside:
        cands.remove(c)
    text = nc.doc[bounds[0]:bounds[1]].text
    return [Cand(bounds[0], bounds[1], "actor", new_actor(nc, text, ActorType.ORGANIZATION), "ner")]


def resolve_abbreviations(nc: NameContext, cands: list[Cand]) -> list[Cand]:
    """"Western Group of Forces (WGF)": the bracketed acronym names the actor just before it."""
    doc, out = nc.doc, []
    by_end = {c.end: c for c in cands if c.kind == "actor"}
    for i in range(1, len(doc) - 2):
        if doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_upper and 2 <= len(doc[i + 1]) <= 6:
            owner = by_end.get(i)
            if owner is not None:
                nc.memory.abbreviations[doc[i + 1].text] = owner.ref
                out.append(Cand(i + 1, i + 2, "actor", owner.ref, "short_form"))
    return out


def resolve_known_abbreviations(nc: NameContext, cands: list[Cand]) -> list[Cand]:
    """Later uses of an acronym defined in this document (replacing a guess made from NER)."""
    for c in list(cands):
        if c.how == "ner" and c.end - c.start == 1 and nc.doc[c.start].text in nc.memory.abbreviations:
            cands.remove(c)
    if not nc.memory.abbreviations:
        return []
    taken = {i for c in cands for i in range(c.start, c.end)}
    return [Cand(i, i + 1, "actor", nc.memory.abbreviations[t.text], "short_form")
            for i, t in enumerate(nc.doc) if i not in taken and t.text in nc.memory.abbreviations]
