"""The actor registry (``kg/data/actors.json``): canonical actors, their aliases,
demonyms, capitals and dated roles, indexed for lookup by normalised name."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.model import Actor, ActorType

from .normalize import key, skeleton
from .spans import PhraseTable

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class RoleSpell:
    """A post held over a period: ``title`` of ``of`` (an actor or place id)."""

    title: str
    of: str
    start: dt.date
    end: dt.date
    head: bool

    def holds(self, day: dt.date | None) -> bool:
        return day is None or self.start <= day <= self.end


@dataclass(frozen=True)
class ActorRecord:
    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None
    roles: tuple[RoleSpell, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    desc_forms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    institution: str | None = None
    of: str | None = None
    needs_article: bool = False  # "The Independent": the bare word is an ordinary adjective

    def to_actor(self) -> Actor:
        return Actor(id=self.id, name=self.name, type=self.type, role=self.role,
                     country=self.country, affiliation=self.affiliation)


@dataclass(frozen=True)
class Institution:
    key: str
    nouns: tuple[str, ...]
    type: ActorType
    id_suffix: str
    name_suffix: str


def _day(text: str | None, *, end: bool) -> dt.date:
    """ISO date, or year / year-month read as the whole period."""
    if not text:
        return dt.date.max if end else dt.date.min
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def _record(raw: dict) -> ActorRecord:
    roles = tuple(RoleSpell(r["title"], r["of"], _day(r.get("from"), end=False),
                            _day(r.get("to"), end=True), bool(r.get("head")))
                  for r in raw.get("roles", ()))
    return ActorRecord(
        id=raw["id"], name=raw["name"], type=ActorType(raw["type"]), aliases=tuple(raw.get("aliases", ())),
        role=raw.get("role"), country=raw.get("country"), affiliation=raw.get("affiliation"), roles=roles,
        demonyms=tuple(raw.get("demonyms", ())), capital=raw.get("capital"),
        desc_forms=tuple(raw.get("desc_forms", ())), metonyms=tuple(raw.get("metonyms", ())),
        institution=raw.get("institution"), of=raw.get("of"), needs_article=bool(raw.get("needs_article")))


@dataclass
class Registry:
    """Indexes over the records; built once per process (see ``load_registry``)."""

    records: dict[str, ActorRecord]
    titles: dict[str, tuple[str, ...]]  # surface (key) -> title keys
    institutions: dict[str, Institution]
    city_bodies: dict[str, str]
    names: dict[str, list[str]] = field(default_factory=dict)  # skeleton -> actor ids
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> country id
    capitals: dict[str, str] = field(default_factory=dict)  # location id -> actor id it stands for
    modifiers: dict[str, str] = field(default_factory=dict)  # key -> actor id (for "X president", "X's army")
    surnames: dict[str, list[str]] = field(default_factory=dict)  # skeleton of last name -> person ids
    institution_nouns: dict[str, str] = field(default_factory=dict)  # key -> institution key
    explicit_institutions: dict[tuple[str, str], str] = field(default_factory=dict)
    by_iso: dict[str, str] = field(default_factory=dict)  # ISO 3166 code -> country actor id
    title_phrases: PhraseTable = field(init=False)
    institution_phrases: PhraseTable = field(init=False)
    city_body_phrases: PhraseTable = field(init=False)

    def __post_init__(self) -> None:
        for rec in self.records.values():
            self._index(rec)

    def _index(self, rec: ActorRecord) -> None:
        for alias in (rec.name, *rec.aliases):
            ids = self.names.setdefault(skeleton(alias), [])
            if rec.id not in ids:
                ids.append(rec.id)
        if rec.type is ActorType.PERSON:
            self.surnames.setdefault(skeleton(rec.name.split()[-1]), []).append(rec.id)
        for form in (rec.name, *rec.aliases, *rec.desc_forms, *rec.demonyms):
            self.modifiers.setdefault(key(form), rec.id)
        for dem in rec.demonyms:
            self.demonyms.setdefault(key(dem), rec.id)
        if rec.capital:
            self.capitals.setdefault(rec.capital, rec.id)
        if rec.type is ActorType.COUNTRY and rec.country:
            self.by_iso.setdefault(rec.country, rec.id)
        for place in rec.metonyms:
            self.capitals[place] = rec.id
        if rec.institution and rec.of:
            self.explicit_institutions[(rec.institution, rec.of)] = rec.id

    def get(self, actor_id: str) -> ActorRecord | None:
        return self.records.get(actor_id)

    def by_name(self, text: str) -> list[str]:
        return self.names.get(skeleton(text), [])

    def holder(self, of: str, title_keys: tuple[str, ...], day: dt.date | None) -> str | None:
        """The person holding one of the titles of ``of`` on ``day`` (``head`` = any top post).
        Undated text resolves only a post that one person has ever held."""
        for title in title_keys:
            holders = [rec.id for rec in self.records.values()
                       if any(r.of == of and (r.title == title or (title in {"head", "leader"} and r.head))
                              and r.holds(day) for r in rec.roles)]
            if len(holders) == 1 or (holders and day is not None):
                return holders[0]
        return None

    def adjective(self, country_id: str) -> str:
        rec = self.records[country_id]
        return rec.demonyms[0] if rec.demonyms else rec.name


def _titles(raw: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for title, surfaces in raw.items():
        for surface in surfaces:
            out.setdefault(key(surface), []).append(title)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def load_registry(path: Path | None = None) -> Registry:
    raw = json.loads((path or DATA / "actors.json").read_text(encoding="utf-8"))
    institutions = {k: Institution(k, tuple(v["nouns"]), ActorType(v["type"]), v["id_suffix"], v["name_suffix"])
                    for k, v in raw["institutions"].items()}
    reg = Registry(records={r["id"]: _record(r) for r in raw["actors"]}, titles=_titles(raw["titles"]),
                   institutions=institutions, city_bodies={key(k): v for k, v in raw["city_bodies"].items()})
    for inst in institutions.values():
        for noun in inst.nouns:
            reg.institution_nouns.setdefault(key(noun), inst.key)
    reg.title_phrases = PhraseTable(reg.titles)
    reg.institution_phrases = PhraseTable(reg.institution_nouns)
    reg.city_body_phrases = PhraseTable(reg.city_bodies)
    return reg
