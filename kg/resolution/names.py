"""Proper names in capitalised runs: registry aliases, gazetteer places, region phrases,
demonyms and short forms of names the document has already given in full."""

from __future__ import annotations

from kg.model import ActorType, Location

from .context import AREA_WORDS, NameContext, place_cue, with_honorific
from .gazetteer import Place
from .normalize import key, skeleton
from .spans import (
    CONNECTORS,
    MAX_NAME_TOKENS,
    Cand,
    is_capitalised,
    name_runs,
    with_determiner,
)


def _small_place_ok(nc: NameContext, start: int, end: int, place: Place) -> bool:
    """Uncurated places are matched only where the text treats the name as a place;
    big cities and capitals wherever they are capitalised (spaCy often calls them PERSON)."""
    doc = nc.doc
    if place.id in nc.reg.capitals or place.id in nc.gaz.major:
        return True
    if nc.ent_labels[start] in {"GPE", "LOC", "FAC"} or place_cue(doc, start):
        return True
    proper = all(t.pos_ == "PROPN" for t in doc[start:end])  # "Mobile phones", "Nice to see"
    if place.population >= 100000:
        return proper or not doc[start].is_sent_start
    return place.population >= 15000 and proper and nc.ent_labels[start] != "PERSON"


def _region_phrase(nc: NameContext, start: int, end: int) -> Cand | None:
    doc = nc.doc
    text = doc[start:end].text
    rid = nc.gaz.regions.get(skeleton(text))
    if rid:
        return Cand(start, end, "location", rid, "gazetteer", place=rid)
    if end < len(doc) and doc[end].lower_ in nc.gaz.region_words:
        rid = nc.gaz.regions.get(skeleton(f"{text} {doc[end].lower_}"))
        if rid:
            return Cand(start, end + 1, "location", rid, "gazetteer", place=rid)
    return None


def _registry(nc: NameContext, start: int, end: int) -> Cand | None:
    text = nc.doc[start:end].text
    ids = nc.reg.by_name(text)
    if end - start == 1:
        remembered = nc.memory.person_named(text)
        if remembered and (not ids or nc.reg.get(ids[0]).type is ActorType.PERSON):
            return Cand(start, end, "actor", remembered, "short_form", person=True)
        abbrev = nc.memory.abbreviations.get(text)
        if abbrev and not ids:
            return Cand(start, end, "actor", abbrev, "short_form")
    if not ids:
        return None
    rec = nc.reg.get(ids[0])
    if rec.needs_article and not (nc.doc[start].lower_ == "the" or (start and nc.doc[start - 1].lower_ == "the")):
        return None
    if rec.type is ActorType.COUNTRY:
        return Cand(start, end, "actor", rec.id, "registry", place=rec.id)
    person = rec.type is ActorType.PERSON
    if person:
        nc.memory.remember_person(rec.name, rec.id)
    return Cand(start, end, "actor", rec.id, "registry", person=person)


def inside_longer_entity(nc: NameContext, start: int, end: int) -> bool:
    """'Carolina' in 'South Carolina', 'Graham' in 'Lindsey Graham' (but not 'Kyiv' in a
    mislabelled 'Inside Kyiv')."""
    if nc.ent_labels[start] not in {"PERSON", "GPE", "LOC"}:
        return False
    ent = nc.ent_of[start]
    if ent is None:
        return False
    others = [t for t in ent if not (start <= t.i < end) and t.is_alpha]
    return any(t.pos_ == "PROPN" for t in others)


def _place(nc: NameContext, start: int, end: int) -> Cand | None:
    if nc.doc[start].lower_ in CONNECTORS or inside_longer_entity(nc, start, end):
        return None
    place = nc.gaz.lookup(nc.doc[start:end].text)
    if place is None or (not place.curated and not _small_place_ok(nc, start, end, place)):
        return None
    if end < len(nc.doc) and nc.doc[end].lower_ in AREA_WORDS and place.type == "city":
        return _area(nc, place, start, end + 1)
    return Cand(start, end, "location", place.id, "gazetteer", place=place.id)


def _area(nc: NameContext, place: Place, start: int, end: int) -> Cand:
    """'the Chernobyl area': the surroundings of a town, a place of its own."""
    pid = f"{place.id}_area"
    name = f"{nc.doc[start:end - 1].text} area"
    nc.memory.places.setdefault(pid, Location(id=pid, name=name, type="other", country=place.country,
                                              lat=place.lat, lon=place.lon, parent=place.parent))
    return Cand(with_determiner(nc.doc, start), end, "location", pid, "gazetteer", place=pid)


def _demonym(nc: NameContext, start: int, end: int) -> Cand | None:
    country = nc.reg.demonyms.get(key(nc.doc[start:end].text))
    if country and _bloc_in_name(nc, country, end):
        return None
    return Cand(start, end, "actor", country, "demonym") if country else None


def _bloc_in_name(nc: NameContext, actor_id: str, end: int) -> bool:
    """A bloc adjective ("Western") opening a longer name is part of that name ("Western
    Group of Forces", "Western Ukraine"), unlike a country's ("Russian President")."""
    rec = nc.reg.get(actor_id)
    return rec is not None and rec.type is not ActorType.COUNTRY and end < len(nc.doc) \
        and is_capitalised(nc.doc[end])


def _extend(nc: NameContext, cand: Cand) -> Cand:
    """A registry alias may continue in lower case ("the Wagner group", "UN nuclear watchdog")."""
    doc = nc.doc
    for extra in (2, 1):
        end = cand.end + extra
        if end <= len(doc) and all(t.is_lower and t.is_alpha for t in doc[cand.end:end]):
            ids = nc.reg.by_name(doc[cand.start:end].text)
            if ids:
                return Cand(cand.start, end, "actor", ids[0], "registry")
    return cand


def match_at(nc: NameContext, start: int, stop: int) -> Cand | None:
    """Longest name starting at token ``start`` inside the run ending at ``stop``.

    A span opening with "The" can only be an organisation's alias ("The Kremlin");
    for anything else the determiner is left out of the mention."""
    finders = (_registry,) if nc.doc[start].lower_ == "the" else (_region_phrase, _registry, _place, _demonym)
    for end in range(min(stop, start + MAX_NAME_TOKENS), start, -1):
        if nc.doc[end - 1].lower_ in CONNECTORS:
            continue
        for finder in finders:
            cand = finder(nc, start, end)
            if cand is None or (finder is _registry and start < end - 1 and nc.doc[start].lower_ == "the"
                                and (cand.person or cand.place)):
                continue
            return _extend(nc, cand) if cand.how == "registry" and cand.place is None else cand
    return None


def _coordinated_regions(nc: NameContext, cands: list[Cand]) -> None:
    """'Donetsk and Luhansk regions': the plural region word makes every conjunct a region."""
    by_end = {c.end: c for c in cands}
    for c in cands:
        if c.kind != "location" or nc.doc[c.end - 1].lower_ not in {"regions", "oblasts", "provinces"}:
            continue
        i = c.start
        while i > 1 and nc.doc[i - 1].lower_ in {"and", ",", "&"} and (i - 1) in by_end:
            prev = by_end[i - 1]
            region = nc.gaz.region(nc.doc[prev.start:prev.end].text)
            if region is None:
                break
            prev.ref = prev.place = region.id
            i = prev.start


def resolve_runs(nc: NameContext, taken: set[int]) -> list[Cand]:
    cands = []
    for start, stop in name_runs(nc.doc):
        i = start
        while i < stop:
            if i in taken:
                i += 1
                continue
            cand = match_at(nc, i, stop)
            if cand is None:
                i += 1
                continue
            cands.append(with_honorific(nc, cand))
            i = cand.end
    _coordinated_regions(nc, cands)
    return cands
