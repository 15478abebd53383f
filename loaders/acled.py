"""ACLED CSV exports: one document per event record, mapped to typed events without NLP.

A record is named ``"<file name>#<event_id_cnty>"`` (``acled_2022.csv#UKR86458``) and
rendered as ``name: value`` lines (see :mod:`loaders.structured`); the event's
evidence is its ``notes`` value, ACLED's one-event description.

Mapping, by ACLED's own conventions (codebook 2023):

- type: ``(event_type, sub_event_type)`` through the crosswalk; a pair the crosswalk
  does not list is an ``other`` event;
- ``actor1`` takes the agent role of the type (attacker, interceptor, ...), ``actor2`` the
  other side (target; for ``Disrupted weapons use`` the attacker whose weapon was
  downed); associated actors take part;
- actor names: ``Military Forces of Russia (2000-) [unit]`` is the country's armed
  forces or the unit's institution (``Air Force`` -> ``russian_aerospace_forces``),
  ``Police Forces of X``, ``Government of X`` (the country), ``Civilians (X)`` and
  the like (the country's civilians), anything else by the registry or as named;
- places: ``location`` in the gazetteer (in the record's country and ``admin1``
  region), and ``admin1`` itself (an oblast, or a city with oblast status);
- date: ``event_date`` (``event_date_iso`` when present); a record whose
  ``time_precision`` is coarser than a day keeps its date but is not merged by it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import lru_cache

from kg.errors import InputError
from kg.model import ActorType, Document, EventType, Role

from loaders.dates import parse_date
from loaders.sources import LoadFailure
from loaders.structured import Lookup, RecordEvent, RecordText, agent_role, crosswalk, event_types, \
    patient_role, record_document, register_dataset

DATASET = "ACLED"
REQUIRED = frozenset({"event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country"})
_FORCES = re.compile(r"(?P<force>Military|Police) Forces of (?P<country>.+?) \(\d{4}-\d{0,4}\)(?: (?P<unit>.+))?")
_GOVERNMENT = re.compile(r"Government of (?P<country>.+?) \(\d{4}-\d{0,4}\)")
_OF_COUNTRY = re.compile(r"(?P<name>.+?) \((?P<country>[^()]+)\)")
_YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
# People named by what they are, of a country: qualified by it ("ukrainian_civilians"), as are
# "Unidentified Armed Group (X)": the same words in two countries are not one actor.
_PEOPLE = frozenset({"Civilians", "Protesters", "Rioters", "Prisoners", "Refugees/IDPs", "Labor Group",
                     "Journalists", "Health Workers", "Students"})
# ACLED types that are violence: their unmapped records still have an attacker and a target.
_VIOLENT = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"})
_NUMERIC_DAY = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")


@lru_cache(maxsize=1)
def acled_types() -> dict[tuple[str, str], EventType]:
    """(event_type, sub_event_type) -> our type; the first type listing a pair wins."""
    out: dict[tuple[str, str], EventType] = {}
    for name, kind in event_types():
        for pair in crosswalk()[name].get("acled", ()):
            out.setdefault((pair["event_type"], pair["sub_event_type"]), kind)
    return out


def _header(text: str) -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return []


class AcledLoader:
    """``acled``: an ACLED export (CSV with ACLED's column names)."""

    name = "acled"
    suffixes: tuple[str, ...] = (".csv",)

    def claims(self, text: str) -> bool:
        return REQUIRED <= set(_header(text))

    def parse(self, source_name: str, text: str) -> Iterator[Document | LoadFailure]:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        missing = REQUIRED - set(reader.fieldnames or ())
        if missing:
            raise InputError(source_name, f"not an ACLED export (no {', '.join(sorted(missing))} column)")
        seen: set[str] = set()
        for number, row in enumerate(reader, start=1):
            try:
                yield _document(source_name, number, row, reader.fieldnames, seen)
            except InputError as exc:
                yield LoadFailure.from_error(exc)


def _document(source_name: str, number: int, row: dict, columns: list[str], seen: set[str]) -> Document:
    if None in row or any(v is None for v in row.values()):
        raise InputError(f"{source_name}#{number}", "has a different number of fields than the header")
    record_id = row["event_id_cnty"].strip()
    if not record_id:
        raise InputError(f"{source_name}#{number}", "no event_id_cnty")
    if record_id in seen:
        raise InputError(f"{source_name}#{record_id}", "duplicate event_id_cnty")
    seen.add(record_id)
    title = f"{row['sub_event_type'] or row['event_type']} in {row.get('location') or row['country']}"
    return record_document(source_name, DATASET, record_id, [(c, row[c]) for c in columns],
                           title=title, published=None)


def event_day(record: RecordText):
    """The record's date: ``event_date_iso``, else ``event_date`` (ISO, day/month/year, or words)."""
    iso = parse_date(record.get("event_date_iso"))
    if iso is not None:
        return iso
    value = record.get("event_date")
    numeric = _NUMERIC_DAY.fullmatch(value)
    return parse_date(numeric.group(1) if numeric else value)


def resolve_actor(name: str, lookup: Lookup) -> str | None:
    """An ACLED actor name as one of our actor ids (see the module docstring)."""
    if m := _FORCES.fullmatch(name):
        country = lookup.country(m["country"])
        if country is None:
            return lookup.named(_YEARS.sub("", name), name)
        return _force(m["force"], m["unit"], country, lookup, name)
    if m := _GOVERNMENT.fullmatch(name):
        country = lookup.country(m["country"])
        return lookup.known(country, name) if country else lookup.named(m["country"], name)
    bare = _YEARS.sub("", name).strip()
    found = lookup.named(bare, name)
    if found:
        return found
    if (m := _OF_COUNTRY.fullmatch(bare)) and (country := lookup.country(m["country"])):
        generic = m["name"] in _PEOPLE or m["name"].startswith("Unidentified")
        return lookup.made(m["name"], ActorType.GROUP, country, name, qualify=generic)
    return lookup.made(bare, ActorType.ORGANIZATION, alias=name) if bare else None


def _force(force: str, unit: str | None, country: str, lookup: Lookup, alias: str) -> str:
    if unit:
        inst = lookup.institution_key(unit)
        if inst:
            return lookup.institution(inst, country, alias)
        return lookup.named(unit, alias) or lookup.made(unit, ActorType.GOVERNMENT, country, alias)
    if force == "Military":
        return lookup.institution("armed_forces", country, alias)
    return lookup.made("Police", ActorType.GOVERNMENT, country, alias, qualify=True)


def _places(record: RecordText, lookup: Lookup) -> list[str]:
    iso = lookup.iso(lookup.country(record.get("country")))
    admin1 = record.get("admin1")
    region = lookup.place(admin1, iso=iso, kinds=("region", "city", "other"), alias=admin1) if admin1 else None
    within = region if region and lookup.places[region].type == "region" else None
    location = record.get("location")
    town = lookup.place(location, iso=iso, kinds=("city", "other", "island"), within=within) if location else None
    return [p for p in dict.fromkeys((town, region)) if p]


def _roles(record: RecordText, kind: EventType) -> tuple[Role, Role]:
    if kind == EventType.OTHER and record.get("event_type") not in _VIOLENT:
        return Role.PARTICIPANT, Role.PARTICIPANT
    return agent_role(kind), patient_role(kind)


def _associates(value: str) -> list[str]:
    return [name.strip() for name in value.split(";") if name.strip()]


def map_record(record: RecordText, lookup: Lookup) -> list[RecordEvent]:
    """The one event an ACLED record codes."""
    kind = acled_types().get((record.get("event_type"), record.get("sub_event_type")), EventType.OTHER)
    first, second = _roles(record, kind)
    evidence = record.span("notes") or record.body
    found = RecordEvent(type=kind, date=event_day(record), exact_day=record.get("time_precision") in {"", "1"},
                        participants=[], locations=_places(record, lookup), spans=[evidence],
                        summary=record.get("notes") or f"{record.get('event_type')}: {record.get('sub_event_type')}",
                        confidence=0.9 if kind != EventType.OTHER else 0.6)
    found.add(resolve_actor(record.get("actor1"), lookup) if record.get("actor1") else None, first)
    found.add(resolve_actor(record.get("actor2"), lookup) if record.get("actor2") else None, second)
    for name in _associates(record.get("assoc_actor_1")) + _associates(record.get("assoc_actor_2")):
        found.add(resolve_actor(name, lookup), Role.PARTICIPANT)
    fatalities = record.get("fatalities")
    if fatalities.isdigit() and int(fatalities) > 0:
        found.quantities["fatalities"] = float(fatalities)
    return [found]


register_dataset(DATASET, map_record)
