"""Definite descriptions of places that name no place themselves: "the capital",
"the city", "the region", "the country" -> the place the entry has just been about."""

from __future__ import annotations

from spacy.strings import hash_string
from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .memory import DocMemory
from .registry import Registry
from .spans import Cand

_HEADS = {"capital": "capital", "city": "city", "region": "region", "oblast": "region", "country": "country"}
_HEAD_HASHES = frozenset(hash_string(word) for word in _HEADS)


class PlaceCoref:
    def __init__(self, doc: Doc, reg: Registry, gaz: Gazetteer, memory: DocMemory, cands: list[Cand]) -> None:
        self.doc, self.reg, self.gaz, self.memory = doc, reg, gaz, memory
        self.places = sorted((c for c in cands if c.place), key=lambda c: c.start)
        self.taken = {i for c in cands for i in range(c.start, c.end)}

    def find(self) -> list[Cand]:
        out = []
        heads = [i for i, word in enumerate(self.doc.to_array("LOWER")) if word in _HEAD_HASHES]
        for i in heads:
            tok = self.doc[i]
            head = _HEADS.get(tok.lower_)
            if head is None or not tok.is_lower or i in self.taken or i == 0 or self.doc[i - 1].lower_ != "the":
                continue
            if i + 1 < len(self.doc) and self.doc[i + 1].text in {"'s", "’s"}:
                continue  # "the country's top diplomat" is a description, resolved elsewhere
            end = i + 2 if head == "capital" and i + 1 < len(self.doc) and self.doc[i + 1].lower_ == "city" else i + 1
            if end < len(self.doc) and self.doc[end].pos_ == "PROPN":
                continue  # "the capital Kyiv": the name itself follows
            ref = self._referent(head, i)
            if ref:
                out.append(Cand(i - 1, end, "location", ref, "coref", place=ref))
        return out

    def _before(self, i: int) -> list[Cand]:
        return [c for c in self.places if c.end <= i]

    def _referent(self, head: str, i: int) -> str | None:
        before = self._before(i)
        if head == "capital":
            return self._capital(before)
        if head == "country":
            countries = [c for c in before if self._country(c)]
            return self._country(countries[-1]) if countries else None
        sentence = [c for c in before if c.start >= self.doc[i].sent.start]
        for c in reversed(sentence if head == "region" else before):
            place = self.gaz.get(c.place)
            if place is None:
                continue
            if head == "city" and place.type == "city":
                return place.id
            if head == "region":
                return place.id if place.type == "region" else place.parent
        return None

    def _country(self, cand: Cand) -> str | None:
        place = self.gaz.get(cand.place)
        return place.id if place is not None and place.type == "country" else None

    def _capital(self, before: list[Cand]) -> str | None:
        for c in reversed(before):
            place = self.gaz.get(c.place)
            if place is not None and place.id in self.reg.capitals:
                return place.id
            if place is not None and place.type == "country":
                return self._capital_of(place.id)
            if place is not None and place.country in self.reg.by_iso:  # "Lviv region and the capital"
                return self._capital_of(self.reg.by_iso[place.country])
        return self._capital_of(self.memory.last_country or self.memory.main_country())

    def _capital_of(self, country: str | None) -> str | None:
        rec = self.reg.get(country) if country else None
        return rec.capital if rec is not None and self.gaz.get(rec.capital or "") else None
