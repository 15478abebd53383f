"""Dataset records (ACLED, GDELT, ...) as documents, and their facts without NLP.

A record of an event dataset becomes one :class:`~kg.model.Document` named
``"<file name>#<record id>"``. Its text is a deterministic rendering of the record::

    ACLED record UKR86458
    event_date: 30/12/2022 00:00:00
    event_type: Strategic developments
    ...
    notes: Interception: On 30 December 2022, Ukrainian forces shot down ...

one ``name: value`` line per non-empty field, in the file's column order (line breaks
inside a value read as spaces). Evidence offsets index this text, so the stored
document *is* the record and re-extracting it needs nothing but the store.

Extraction is a mapping, not NLP: :class:`DatasetExtractor` reads the rendering back
(:func:`read_record`) and hands it to the dataset's mapper (registered with
:func:`register_dataset`), which names the event type through the ontology's
crosswalk (``ontology/crosswalk.json``), actors through the resolver's registry and
places through its gazetteer. Event ids come from the events engineer's keying rule
(:func:`loaders.extraction.event_rules.assemble.event_key`), so a record and a news
entry reporting the same happening get equal ids and merge into one event.

:class:`RoutedExtractor` is what an ingest runs: dataset records through their mapping,
every other document through the named extractor.

The resolver's data and the event keying import spaCy; they are imported inside the
functions that need them so that ``import loaders`` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ids import event_id, slug
from kg.model import Actor, ActorType, Document, DocumentGraph, Entry, Event, EventType, Evidence, Location, \
    Participant, Role

from loaders.article import EntrySpan, build_document

CROSSWALK = Path(__file__).resolve().parents[1] / "ontology" / "crosswalk.json"
_HEADER = re.compile(r"(?P<dataset>[A-Z][A-Z0-9_]*) record (?P<id>\S+)")
_FIELD = re.compile(r"(?P<name>\w+): (?P<value>.*)")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_NOT_NAME = re.compile(r"\W+")
SUMMARY_MAX = 200


# -- records as documents -------------------------------------------------------------

def render(dataset: str, record_id: str, fields: Iterable[tuple[str, str]]) -> str:
    """The record's text: a header line, then ``name: value`` per non-empty field (a name
    with other than letters, digits and ``_`` is written with ``_`` for them)."""
    lines = [f"{dataset} record {record_id}"]
    for name, value in fields:
        flat = _BREAKS.sub(" ", value or "").strip()
        if flat:
            lines.append(f"{_NOT_NAME.sub('_', name) or 'field'}: {flat}")
    return "\n".join(lines) + "\n"


def record_document(file_name: str, dataset: str, record_id: str, fields: Iterable[tuple[str, str]], *,
                    title: str | None = None, published: dt.date | None = None,
                    reported: dt.datetime | dt.date | None = None) -> Document:
    """One record as a document with one entry (the field lines, header excluded)."""
    if not _HEADER.fullmatch(f"{dataset} record {record_id}"):
        raise InputError(f"{file_name}#{record_id}", f"unusable record id {record_id!r}")
    text = render(dataset, record_id, fields)
    start = text.index("\n") + 1
    if start >= len(text):
        raise InputError(f"{file_name}#{record_id}", "record has no non-empty field")
    return build_document(f"{file_name}#{record_id}", text, title=title, published=published,
                          spans=[EntrySpan(start, len(text) - 1, None, reported or published)])


@dataclass(frozen=True)
class RecordField:
    value: str
    start: int  # offsets of the value in the document text
    end: int


@dataclass(frozen=True)
class RecordText:
    """A rendered record read back: its dataset, id and fields with their offsets."""

    dataset: str
    record_id: str
    fields: dict[str, RecordField]
    body: tuple[int, int]  # offsets of the field lines (the whole record)

    def get(self, name: str) -> str:
        found = self.fields.get(name)
        return found.value if found else ""

    def span(self, name: str) -> tuple[int, int] | None:
        found = self.fields.get(name)
        return (found.start, found.end) if found else None


def read_record(doc: Document) -> RecordText | None:
    """The record a dataset document renders, or None when ``doc`` is not one.
    The header must name the record its source names: a news text that happens to
    begin with "ACLED record ..." is still read as news."""
    first, _, _ = doc.text.partition("\n")
    head = _HEADER.fullmatch(first)
    if head is None or not doc.source.endswith("#" + head["id"]):
        return None
    fields: dict[str, RecordField] = {}
    pos = len(first) + 1
    for line in doc.text[pos:].split("\n"):
        m = _FIELD.fullmatch(line)
        if m:
            fields.setdefault(m["name"], RecordField(m["value"], pos + m.start("value"), pos + m.end("value")))
        pos += len(line) + 1
    return RecordText(head["dataset"], head["id"], fields, (len(first) + 1, len(doc.text.rstrip("\n"))))


# -- the crosswalk ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def crosswalk() -> dict[str, Any]:
    return json.loads(CROSSWALK.read_text(encoding="utf-8"))["types"]


def event_types() -> list[tuple[str, EventType]]:
    """(crosswalk row name, our type) in the crosswalk's order."""
    names = {t.value for t in EventType}
    return [(name, EventType(name)) for name in crosswalk() if name in names]


# -- actors and places --------------------------------------------------------------------

@lru_cache(maxsize=1)
def _registry() -> Any:
    from kg.resolution.registry import load_registry

    return load_registry()


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from kg.resolution.gazetteer import load_gazetteer

    return load_gazetteer()


@lru_cache(maxsize=1)
def _gazetteer_countries() -> dict[str, str]:
    """Alpha-2 code -> id of the countries the gazetteer knows beyond the registry's."""
    return {p.country: p.id for p in sorted(_gazetteer().places.values(), key=lambda p: p.id)
            if p.type == "country" and p.country}


def _adjective(country: str) -> str:
    """"Ukrainian" for ukraine; a country the registry lacks is its own name."""
    reg = _registry()
    if reg.get(country) is not None:
        return reg.adjective(country)
    place = _gazetteer().get(country)
    return place.name if place is not None else country.replace("_", " ").title()


def _iso_of(country: str) -> str | None:
    rec = _registry().get(country)
    place = _gazetteer().get(country) if rec is None else None
    return rec.country if rec is not None else place.country if place is not None else None


@dataclass
class Lookup:
    """Resolves the names one record uses and keeps every actor and place it resolved."""

    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)

    def _keep_actor(self, actor: Actor, alias: str | None) -> str:
        self.actors.setdefault(actor.id, actor)
        if alias:
            self.aliases.setdefault(actor.id, set()).add(alias)
        return actor.id

    def country(self, name: str | None = None, *, iso: str | None = None) -> str | None:
        """Country actor id by name ("Russia") or by alpha-2 code."""
        reg = _registry()
        if iso:
            return reg.by_iso.get(iso) or _gazetteer_countries().get(iso)
        found = [i for i in reg.by_name(name or "") if reg.get(i).type is ActorType.COUNTRY]
        place = None if found or not name else _gazetteer().lookup(name)
        return found[0] if found else place.id if place is not None and place.type == "country" else None

    def known(self, actor_id: str, alias: str | None = None) -> str:
        """A registry actor (or a country known only to the gazetteer)."""
        rec = _registry().get(actor_id)
        if rec is not None:
            return self._keep_actor(rec.to_actor(), alias)
        place = _gazetteer().get(actor_id)
        name = place.name if place else actor_id.replace("_", " ").title()
        return self._keep_actor(Actor(id=actor_id, name=name, type=ActorType.COUNTRY,
                                      country=place.country if place else None), alias)

    def named(self, name: str, alias: str | None = None) -> str | None:
        """The registry actor called ``name``, if exactly one is."""
        found = _registry().by_name(name)
        return self.known(found[0], alias or name) if len(found) == 1 else None

    def institution(self, inst_key: str, country: str, alias: str | None = None) -> str:
        """A country's institution with the resolver's id scheme ("ukrainian_armed_forces"),
        so a dataset and a news text naming it meet on one actor."""
        reg = _registry()
        explicit = reg.explicit_institutions.get((inst_key, country))
        if explicit:
            return self.known(explicit, alias)
        inst = reg.institutions[inst_key]
        adjective = _adjective(country)
        return self._keep_actor(Actor(id=f"{slug(adjective)}_{inst.id_suffix}", name=f"{adjective} {inst.name_suffix}",
                                      type=inst.type, affiliation=country, country=_iso_of(country)), alias)

    def iso(self, country: str | None) -> str | None:
        """Alpha-2 code of a country actor id."""
        return _iso_of(country) if country else None

    def institution_key(self, words: str) -> str | None:
        from kg.resolution.normalize import key

        return _registry().institution_nouns.get(key(words))

    def made(self, name: str, kind: ActorType, country: str | None = None, alias: str | None = None,
             *, qualify: bool = False) -> str:
        """An actor the registry does not know, named by the dataset; ``qualify`` prefixes
        its country's adjective ("Civilians" of Ukraine -> "ukrainian_civilians")."""
        label = f"{_adjective(country)} {name}" if qualify and country else name
        return self._keep_actor(Actor(id=slug(label), name=label, type=kind, affiliation=country,
                                      country=_iso_of(country) if country else None), alias)

    def place(self, name: str, *, iso: str | None, kinds: tuple[str, ...] = (), within: str | None = None,
              alias: str | None = None) -> str | None:
        """The gazetteer place ``name`` in country ``iso`` (of one of ``kinds``, inside region
        ``within`` when its parent is known); regions are also found by their stem ("Kyiv")."""
        gaz = _gazetteer()
        candidates = [gaz.region(name)] if "region" in kinds else []
        candidates.append(gaz.lookup(name))
        for place in candidates:
            if place is None or (iso and place.country and place.country != iso):
                continue
            if kinds and place.type not in kinds:
                continue
            if within and place.parent and place.parent != within:
                continue
            return self._keep_place(place, alias or name)
        return None

    def place_id(self, place_id: str | None, alias: str | None = None) -> str | None:
        """A gazetteer place by id (a country's place id is its actor id)."""
        place = _gazetteer().get(place_id) if place_id else None
        return self._keep_place(place, alias) if place is not None else None

    def _keep_place(self, place: Any, alias: str | None) -> str:
        self.places.setdefault(place.id, place.to_location())
        if alias:
            self.aliases.setdefault(place.id, set()).add(alias)
        return place.id

    def actor_records(self) -> tuple[Actor, ...]:
        return tuple(a.model_copy(update={"aliases": tuple(sorted(self.aliases.get(a.id, ())))})
                     for a in (self.actors[k] for k in sorted(self.actors)))

    def place_records(self) -> tuple[Location, ...]:
        return tuple(p.model_copy(update={"aliases": tuple(sorted(self.aliases.get(p.id, ())))})
                     for p in (self.places[k] for k in sorted(self.places)))


# -- events ---------------------------------------------------------------------------------

@dataclass
class RecordEvent:
    """What a mapper reads off a record, before it is keyed."""

    type: EventType
    date: dt.date | None
    exact_day: bool  # the dataset dates it to the day (else: week, month, ...)
    participants: list[Participant]
    locations: list[str]
    spans: list[tuple[int, int]]  # evidence, document offsets
    summary: str
    quantities: dict[str, float] = field(default_factory=dict)
    confidence: float | None = None

    def add(self, actor: str | None, role: Role) -> None:
        if actor and all(p.actor != actor for p in self.participants):
            self.participants.append(Participant(actor=actor, role=role))


def agent_role(kind: EventType) -> Role:
    from loaders.extraction.event_rules.assemble import AGENT_ROLE

    return AGENT_ROLE.get(kind, Role.PARTICIPANT)


def patient_role(kind: EventType) -> Role:
    """The role of the side acted on. An interception is done *to* the attacker's
    weapons, so its second party is the attacker (as the text extractor has it)."""
    from loaders.extraction.event_rules.assemble import OWNER_ROLE, PATIENT_ROLE

    if kind == EventType.INTERCEPT:
        return OWNER_ROLE[kind]
    return PATIENT_ROLE.get(kind, Role.PARTICIPANT)


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_MAX else text[:SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def to_event(found: RecordEvent, doc: Document, entry: Entry) -> Event:
    """Keyed as the text extractor keys a dated event, so reports of one happening meet.
    A record dated only to its week or month is anchored to itself: it is no evidence
    of what happened on the day it is filed under."""
    from loaders.extraction.event_rules.assemble import event_key

    actors, places = event_key(found.type, found.participants, found.locations)
    keyed = found.date is not None and found.exact_day and bool(actors or places)
    eid = event_id(found.type.value, found.date, actors, places, "" if keyed else doc.id)
    evidence = tuple(Evidence(document=doc.id, entry=entry.id, start=s, end=e, text=doc.text[s:e])
                     for s, e in sorted(set(found.spans)))
    return Event(id=eid, type=found.type, date=found.date, summary=_summary(found.summary),
                 participants=tuple(sorted(found.participants, key=lambda p: (p.actor, p.role))),
                 locations=tuple(sorted(set(found.locations))), quantities=dict(sorted(found.quantities.items())),
                 confidence=found.confidence, evidence=evidence)


# -- extractors -------------------------------------------------------------------------------

Mapper = Callable[[RecordText, Lookup], list[RecordEvent]]
_DATASETS: dict[str, Mapper] = {}


def register_dataset(name: str, mapper: Mapper) -> None:
    """``name`` is the header word of the dataset's records ("ACLED")."""
    _DATASETS[name] = mapper


def dataset_of(doc: Document) -> str | None:
    record = read_record(doc)
    return record.dataset if record is not None and record.dataset in _DATASETS else None


class DatasetExtractor:
    """Document -> DocumentGraph for the records of one dataset; pure."""

    version = "1"

    def __init__(self, dataset: str) -> None:
        self.name = dataset.lower()
        self.dataset = dataset

    def __call__(self, document: Document) -> DocumentGraph:
        record = read_record(document)
        if record is None or record.dataset != self.dataset:
            raise InputError(document.source, f"not a {self.dataset} record")
        lookup = Lookup()
        entry = document.entries[0]
        events = [to_event(found, document, entry) for found in _DATASETS[self.dataset](record, lookup)]
        merged: dict[str, Event] = {}
        for ev in events:  # two happenings of one record with one key are one event
            merged.setdefault(ev.id, ev)
        return DocumentGraph(document=document, actors=lookup.actor_records(), locations=lookup.place_records(),
                             events=tuple(merged[k] for k in sorted(merged)))


def _register_with_extraction() -> None:
    """Make ``get_extractor("acled")`` work too (importing loaders.extraction loads spaCy)."""
    from loaders.extraction import available, register

    known = set(available())
    for dataset in _DATASETS:
        if (dataset.lower(), DatasetExtractor.version) not in known:
            register(dataset.lower(), DatasetExtractor.version)(lambda d=dataset: DatasetExtractor(d))


class RoutedExtractor:
    """What an ingest runs: a dataset record through its dataset's mapping, any other
    document through the named extractor (built on first use: an ingest of records
    only never loads the spaCy model)."""

    def __init__(self, name: str = "rules", version: str | None = None) -> None:
        import loaders  # noqa: F401  (registers the built-in datasets)

        _register_with_extraction()
        self.name, self.version = name, version
        self._default: Callable[[Document], DocumentGraph] | None = None
        self._datasets: dict[str, DatasetExtractor] = {}

    def __call__(self, document: Document) -> DocumentGraph:
        dataset = dataset_of(document)
        if dataset is not None:
            return self._datasets.setdefault(dataset, DatasetExtractor(dataset))(document)
        if self._default is None:
            from loaders.extraction import get_extractor

            self._default = get_extractor(self.name, self.version)
        return self._default(document)


def routed_extractor(name: str = "rules", version: str | None = None) -> RoutedExtractor:
    return RoutedExtractor(name, version)
