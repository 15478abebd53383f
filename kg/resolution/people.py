"""People: full names found by the entity recogniser, matched to the registry even when
misspelt ("Volodymyr Zelemnsky", "Olekskiy Kuleba"), or added as new actors."""

from __future__ import annotations

from spacy.tokens import Span

from kg.model import ActorType

from .context import NameContext, new_actor, with_honorific
from .normalize import edit_distance, is_honorific, key, skeleton
from .spans import CONNECTORS, Cand, is_capitalised

# Lower-case particles inside people's names ("Ursula von der Leyen", "Lula da Silva").
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "la", "le", "al", "bin", "ibn", "du", "dos"})
CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
                            "january", "february", "march", "april", "may", "june", "july", "august",
                            "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})


def _person_tokens(nc: NameContext, ent: Span) -> tuple[int, int] | None:
    """The name proper inside a PERSON entity (leading titles, places and demonyms dropped,
    continued through "von der ..."), or None when it does not look like a person's name."""
    doc, start, end = nc.doc, ent.start, ent.end
    while end < len(doc) and (doc[end].lower_ in NAME_PARTICLES or
                              (is_capitalised(doc[end]) and doc[end - 1].lower_ in NAME_PARTICLES)):
        end += 1
    while end > start and (not doc[end - 1].is_alpha or doc[end - 1].lower_ in CONNECTORS
                           or doc[end - 1].lower_ in CALENDAR_WORDS):
        end -= 1
    while start < end and (not is_capitalised(doc[start]) or is_honorific(doc[start].text)
                           or known_word(nc, doc[start].text)):
        start += 1
    words = doc[start:end]
    if end - start < 2 or not all(is_capitalised(t) or t.lower_ in CONNECTORS for t in words):
        return None
    if any(t.is_stop and t.lower_ not in CONNECTORS or t.like_num or known_word(nc, t.text)
           or t.lower_ in CALENDAR_WORDS for t in words):
        return None
    return start, end


def known_word(nc: NameContext, word: str) -> bool:
    if nc.reg.demonyms.get(key(word)) or key(word) in nc.reg.titles:
        return True
    ids = nc.reg.by_name(word)
    if ids and nc.reg.get(ids[0]).type is not ActorType.PERSON:
        return True
    place = nc.gaz.lookup(word)
    return place is not None and (place.curated or place.population >= 100000)


def resolve_people(nc: NameContext) -> list[Cand]:
    """Full names of people not in the registry (or misspelt), before anything else so
    that their short forms later in the same entry resolve."""
    out = []
    for ent in nc.ents:
        bounds = _person_tokens(nc, ent) if ent.label_ == "PERSON" else None
        if bounds is None or nc.reg.by_name(nc.doc[bounds[0]:bounds[1]].text):
            continue
        text = nc.doc[bounds[0]:bounds[1]].text
        pid = fuzzy_person(nc, text.split()) or _fuzzy_seen(nc, text.split())
        how = "fuzzy" if pid else "ner"
        pid = pid or new_actor(nc, text, ActorType.PERSON)
        nc.memory.remember_person(text, pid)
        out.append(with_honorific(nc, Cand(bounds[0], bounds[1], "actor", pid, how, person=True)))
    return out


def fuzzy_person(nc: NameContext, words: list[str]) -> str | None:
    """A registry person whose name is within typo distance ("Zelemnsky", "Olekskiy Kuleba")."""
    surname = skeleton(words[-1])
    if len(surname) < 4:
        return None
    best: tuple[int, str] | None = None
    limit = 2 if len(surname) >= 6 and len(words) > 1 else 1
    for known, ids in nc.reg.surnames.items():
        if known[0] != surname[0] and known[-2:] != surname[-2:]:
            continue
        dist = 0 if known == surname else edit_distance(known, surname, limit + 1)
        if dist > limit:
            continue
        for pid in ids:
            score = dist + _given_name_distance(nc, pid, words[:-1])
            if score <= 3 and (best is None or (score, pid) < best):
                best = (score, pid)
    return best[1] if best else None


def _fuzzy_seen(nc: NameContext, words: list[str]) -> str | None:
    """A person already named in this document under a slightly different spelling
    ("Ruslan Muzychuk" / "Ruslan Muzytchuk")."""
    surname, given = skeleton(words[-1]), skeleton(words[0])
    if len(surname) < 6:
        return None
    for known, pid in nc.memory.surnames.items():
        actor = nc.memory.actors.get(pid)
        if actor is None or known[0] != surname[0] or edit_distance(known, surname, 2) > 1:
            continue
        if skeleton(actor.name.split()[0]) == given:
            return pid
    return None


def _given_name_distance(nc: NameContext, pid: str, given: list[str]) -> int:
    if not given:
        return 0
    rec = nc.reg.get(pid)
    firsts = {skeleton(n.split()[0]) for n in (rec.name, *rec.aliases) if len(n.split()) > 1}
    mine = skeleton(given[0])
    return min((edit_distance(f, mine, 3) for f in firsts), default=3)
