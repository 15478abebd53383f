"""The document resolver: finds actor and location mentions entry by entry,
remembering what the document has established (full names, acronyms, institutions)."""

from __future__ import annotations

import logging

from kg.model import Actor, ActorType, Document, Location
from loaders.extraction.base import EntryContext, Mention

from .context import NameContext
from .coref import PlaceCoref
from .entities import resolve_abbreviations, resolve_entities, resolve_known_abbreviations
from .gazetteer import Gazetteer, load_gazetteer
from .groups import GroupFinder
from .memory import DocMemory
from .metonymy import acts
from .names import resolve_runs
from .people import resolve_people
from .phrases import PhraseFinder
from .registry import Registry, load_registry
from .spans import Cand

log = logging.getLogger(__name__)


class DocumentResolver:
    """Implements ``loaders.extraction.base.Resolver`` for one document (create one per document)."""

    def __init__(self, document: Document, registry: Registry | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self.document = document
        self.reg = registry or load_registry()
        self.gaz = gazetteer or load_gazetteer()
        self.memory = DocMemory()

    # -- Resolver protocol ----------------------------------------------------
    def resolve(self, ctx: EntryContext, previous: list[EntryContext]) -> list[Mention]:
        doc = ctx.sdoc
        nc = NameContext(doc, self.reg, self.gaz, self.memory)
        self.memory.institutions.clear()  # "the ministry" refers within an entry only
        cands = resolve_people(nc)
        cands += resolve_runs(nc, {i for c in cands for i in range(c.start, c.end)})
        cands += resolve_entities(nc, cands)
        cands += resolve_abbreviations(nc, cands)
        cands += resolve_known_abbreviations(nc, cands)
        finder = PhraseFinder(doc, self.reg, self.gaz, self.memory, ctx.published, cands)
        cands += _outer(finder.city_bodies(), cands)
        cands += _outer(finder.institutions(), cands)
        self._decide_kinds(doc, cands)
        cands += _outer(finder.descriptions(), cands)
        cands += _outer(GroupFinder(doc, self.memory, cands).find(), cands)
        cands += PlaceCoref(doc, self.reg, self.gaz, self.memory, cands).find()
        cands = _prune(cands)
        self._note_countries(cands)
        return [self._mention(ctx, c) for c in cands]

    def actor(self, actor_id: str) -> Actor:
        rec = self.reg.get(actor_id)
        if rec is not None:
            return rec.to_actor()
        made = self.memory.actors.get(actor_id)
        if made is not None:
            return made
        place = self.gaz.get(actor_id)
        if place is not None and place.type == "country":  # a country outside the registry that acts
            return Actor(id=place.id, name=place.name, type=ActorType.COUNTRY, country=place.country)
        log.warning("unknown actor id %r: minimal record", actor_id)
        return Actor(id=actor_id, name=actor_id.replace("_", " ").title(), type=ActorType.ORGANIZATION)

    def location(self, location_id: str) -> Location:
        place = self.gaz.get(location_id)
        if place is not None:
            return place.to_location()
        made = self.memory.places.get(location_id)
        if made is not None:
            return made
        log.warning("unknown location id %r: minimal record", location_id)
        return Location(id=location_id, name=location_id.replace("_", " ").title())

    # -- steps ------------------------------------------------------------------
    def _decide_kinds(self, doc, cands: list[Cand]) -> None:
        """Countries and capitals: actor when they act, place when they are where things happen."""
        for c in cands:
            if not c.place:
                continue
            country = self.reg.capitals.get(c.place)
            is_country = self.reg.get(c.place) is not None and c.how != "gazetteer" or (
                self.gaz.get(c.place) is not None and self.gaz.get(c.place).type == "country")
            if country is None and not is_country:
                c.kind, c.ref = "location", c.place
                continue
            if acts(doc[c.end - 1], capital=not is_country):
                c.kind, c.ref = "actor", (c.place if is_country else country)
                c.how = c.how if is_country else "metonymy"
            else:
                c.kind, c.ref = "location", c.place

    def _note_countries(self, cands: list[Cand]) -> None:
        for c in sorted(cands, key=lambda c: c.start):
            rec = self.reg.get(c.ref) if c.kind == "actor" else None
            if rec is not None and rec.type is ActorType.COUNTRY:
                self.memory.saw_country(rec.id)
            elif c.kind == "location" and self.gaz.get(c.ref) and self.gaz.get(c.ref).type == "country":
                self.memory.saw_country(c.ref)

    def _mention(self, ctx: EntryContext, c: Cand) -> Mention:
        doc = ctx.sdoc
        start = ctx.doc_offset(doc[c.start].idx)
        last = doc[c.end - 1]
        end = ctx.doc_offset(last.idx + len(last.text))
        text = self.document.text
        while start < end and not text[start].isalnum():  # "-Chinese" from "Russian-Chinese"
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        return Mention(start, end, text[start:end], c.kind, c.ref, c.how)


def _outer(new: list[Cand], old: list[Cand]) -> list[Cand]:
    """New phrase candidates replace the names strictly inside them that are not their modifiers."""
    for n in new:
        for o in list(old):
            if n.covers(o) and o.end == n.end:
                old.remove(o)
    return new


def _prune(cands: list[Cand]) -> list[Cand]:
    """Drop duplicates, partial overlaps (first and longest wins) and anything nested
    inside a person description ("Russian" in "Russian president")."""
    ordered = sorted(cands, key=lambda c: (c.start, -c.end, c.how))
    kept: list[Cand] = []
    for c in ordered:
        if any(k.start == c.start and k.end == c.end for k in kept):
            continue
        if any(k.overlaps(c.start, c.end) and not k.covers(c) and not c.covers(k) for k in kept):
            continue
        if any(k.covers(c) and k.person and k.how == "description" for k in kept):
            continue
        kept.append(c)
    return kept
