"""Temporary NER-only resolver (replaced by the registry-backed one)."""

from __future__ import annotations

from kg.ids import slug
from kg.model import Actor, ActorType, Document, Location
from loaders.extraction.base import EntryContext, Mention


class DocumentResolver:
    def __init__(self, document: Document) -> None:
        self.document = document
        self._actors: dict[str, Actor] = {}
        self._places: dict[str, Location] = {}

    def resolve(self, ctx: EntryContext, previous: list[EntryContext]) -> list[Mention]:
        out = []
        for ent in ctx.sdoc.ents:
            start = ctx.doc_offset(ent.start_char)
            end = ctx.doc_offset(ent.end_char)
            ref = slug(ent.text)
            if ent.label_ in {"GPE", "LOC"}:
                self._places.setdefault(ref, Location(id=ref, name=ent.text))
                out.append(Mention(start, end, ent.text, "location", ref, "ner"))
            elif ent.label_ in {"PERSON", "ORG", "NORP"}:
                kind = ActorType.PERSON if ent.label_ == "PERSON" else ActorType.ORGANIZATION
                self._actors.setdefault(ref, Actor(id=ref, name=ent.text, type=kind))
                out.append(Mention(start, end, ent.text, "actor", ref, "ner"))
        return out

    def actor(self, actor_id: str) -> Actor:
        return self._actors.get(actor_id) or Actor(id=actor_id, name=actor_id, type=ActorType.ORGANIZATION)

    def location(self, location_id: str) -> Location:
        return self._places.get(location_id) or Location(id=location_id, name=location_id)
