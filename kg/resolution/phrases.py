"""Noun phrases built on a resolved name: institutions ("Russia's Defence Ministry",
"Moscow's troops"), a city's own bodies ("Kyiv officials") and role descriptions
("the Ukraine president", "NATO chief", "the country's top diplomat")."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from kg.ids import slug
from kg.model import Actor, ActorType

from .gazetteer import Gazetteer
from .memory import DocMemory
from .normalize import key
from .registry import Registry
from .spans import POSSESSIVE_TOKENS, Cand, with_determiner

_CONTEXT_COUNTRY = ("country", "nation")
_TITLE_INSTITUTION = {"defence_minister": "defence_ministry", "foreign_minister": "foreign_ministry",
                      "chief_of_general_staff": "general_staff", "commander_in_chief": "armed_forces"}


class PhraseFinder:
    def __init__(self, doc: Doc, reg: Registry, gaz: Gazetteer, memory: DocMemory,
                 day: dt.date | None, cands: list[Cand]) -> None:
        self.doc, self.reg, self.gaz, self.memory, self.day = doc, reg, gaz, memory, day
        self.cands = cands
        words, alpha = [t.lower_ for t in doc], [t.is_alpha for t in doc]
        self.title_hits = reg.title_phrases.scan(words, alpha)
        self.institution_hits = reg.institution_phrases.scan(words, alpha)
        self.city_body_hits = reg.city_body_phrases.scan(words, alpha)
        self.by_end = {c.end: c for c in sorted(cands, key=lambda c: (c.end, c.start))}
        self.by_start = {c.start: c for c in sorted(cands, key=lambda c: (c.start, -c.end), reverse=True)}

    # -- modifiers ---------------------------------------------------------
    def left_modifier(self, i: int) -> Cand | None:
        """The name right before token ``i``, possibly with a possessive clitic between."""
        if i > 0 and self.doc[i - 1].text in POSSESSIVE_TOKENS:
            i -= 1
        cand = self.by_end.get(i)
        if cand is not None:
            return cand
        for width in (3, 2, 1):
            if i - width >= 0 and self.doc[i - 1].is_alpha:
                ref = self.reg.modifiers.get(key(self.doc[i - width:i].text))
                if ref and self.doc[i - width].text[:1].isupper():
                    return Cand(i - width, i, "actor", ref, "modifier")
        return None

    def country_of(self, cand: Cand) -> str | None:
        """The country a modifier names: itself, its capital's country, or a government's country."""
        if cand.place and cand.place in self.reg.capitals:
            return self.reg.capitals[cand.place]
        rec = self.reg.get(cand.ref)
        if rec is None:
            return None
        if rec.type is ActorType.COUNTRY:
            return rec.id
        aff = self.reg.get(rec.affiliation or "")
        if rec.type is ActorType.GOVERNMENT and aff is not None and aff.type is ActorType.COUNTRY:
            return aff.id
        return None

    def context_country(self, i: int) -> tuple[int, str] | None:
        """'the country's' -> the country most recently named (start of the phrase, country)."""
        doc = self.doc
        if i >= 2 and doc[i - 1].text in POSSESSIVE_TOKENS and doc[i - 2].lower_ in _CONTEXT_COUNTRY:
            before = [c for c in self.cands if c.end <= i - 2 and self.country_of(c)]
            country = self.country_of(max(before, key=lambda c: c.end)) if before else None
            country = country or self.memory.last_country or self.memory.main_country()
            return (with_determiner(doc, i - 2), country) if country else None
        return None

    # -- institutions --------------------------------------------------------
    def institution_id(self, inst_key: str, country: str) -> str:
        explicit = self.reg.explicit_institutions.get((inst_key, country))
        if explicit:
            return explicit
        inst = self.reg.institutions[inst_key]
        adjective = self.reg.adjective(country)
        aid = f"{slug(adjective)}_{inst.id_suffix}"
        self.memory.actors.setdefault(aid, Actor(id=aid, name=f"{adjective} {inst.name_suffix}", type=inst.type,
                                                 affiliation=country, country=self.reg.get(country).country))
        return aid

    def note_titles(self) -> None:
        """Record ministries implied by officials' titles before institutions are read
        ("British Defence Minister Ben Wallace ... the Defence Ministry said")."""
        for i, end, titles in self.title_hits:
            _, of = self._holder_scope(i, end)
            if of is not None:
                self._note_institution(of[0], titles)

    def institutions(self) -> list[Cand]:
        self.note_titles()
        out = []
        for i, end, inst_key in self.institution_hits:
            mod = self.left_modifier(i)
            country = self.country_of(mod) if mod else None
            if country:
                aid = self.institution_id(inst_key, country)
                self.memory.institutions[inst_key] = aid
                out.append(Cand(with_determiner(self.doc, mod.start), end, "actor", aid, "registry"))
            elif self._named_institution(i, end) and inst_key in self.memory.institutions \
                    and not any(c.start <= i < c.end for c in self.cands):
                out.append(Cand(with_determiner(self.doc, i), end, "actor",
                                self.memory.institutions[inst_key], "coref"))
        return out

    def _named_institution(self, i: int, end: int) -> bool:
        """'the Defence Ministry', 'the MoD' (not a sentence-initial 'Soldiers')."""
        tok = self.doc[i]
        return tok.text[:1].isupper() and (end - i > 1 or tok.is_upper or not tok.is_sent_start) \
            and i > 0 and self.doc[i - 1].lower_ == "the"

    def city_bodies(self) -> list[Cand]:
        out = []
        for i, end, suffix in self.city_body_hits:
            mod = self.left_modifier(i)
            place = self.gaz.get(mod.place) if mod and mod.place else None
            if place is None or place.type != "city":
                continue
            aid = f"{place.id}_{suffix}"
            name = f"{place.name} {self.doc[i:end].text}"
            self.memory.actors.setdefault(aid, Actor(id=aid, name=name, type=ActorType.GOVERNMENT,
                                                     country=place.country))
            out.append(Cand(mod.start, end, "actor", aid, "registry"))
        return out

    # -- descriptions ----------------------------------------------------------
    def descriptions(self) -> list[Cand]:
        out = []
        for i, end, titles in self.title_hits:
            cand = self._description(i, end, titles)
            if cand is not None:
                out.append(cand)
        return out

    def _description(self, i: int, end: int, titles: tuple[str, ...]) -> Cand | None:
        start, of = self._holder_scope(i, end)
        if of is None:
            return None
        span_end = max(end, of[1])
        self._note_institution(of[0], titles)
        named = self.by_start.get(span_end)
        if named is not None and named.person:
            return Cand(start, span_end, "actor", named.ref, "description", person=True)
        person = self.reg.holder(of[0], titles, self.day)
        return Cand(start, span_end, "actor", person, "description", person=True) if person else None

    def _note_institution(self, of: str, titles: tuple[str, ...]) -> None:
        """'Britain's defence minister ... the Defence Ministry': the minister's own ministry."""
        rec = self.reg.get(of)
        if rec is None or rec.type is not ActorType.COUNTRY:
            return
        for title in titles:
            inst_key = _TITLE_INSTITUTION.get(title)
            if inst_key:
                self.memory.institutions[inst_key] = self.institution_id(inst_key, of)

    def _holder_scope(self, i: int, end: int) -> tuple[int, tuple[str, int] | None]:
        """Start of the description and (organisation or place id, end of its phrase)."""
        context = self.context_country(i)
        if context is not None:
            return context[0], (context[1], end)
        mod = self.left_modifier(i)
        if mod is not None and not mod.person:
            return with_determiner(self.doc, mod.start), (self._of_id(mod), end)
        j = end + 1 if end < len(self.doc) and self.doc[end].lower_ == "of" else None
        if j is not None and j < len(self.doc) and self.doc[j].lower_ == "the":
            j += 1
        right = self.by_start.get(j) if j is not None else None
        if right is not None and not right.person:
            return with_determiner(self.doc, i), (self._of_id(right), right.end)
        return i, None

    def _of_id(self, cand: Cand) -> str:
        if cand.place and cand.place in self.reg.capitals and cand.kind == "actor":
            return self.reg.capitals[cand.place]
        return cand.place or cand.ref
