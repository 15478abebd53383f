"""Synthetic document graphs shaped like the extracted corpus, for load and query benchmarks.

The shape follows what the rule extractor produces from live blogs:

- documents are live blogs of ``entries_per_document`` entries, each entry a few
  sentences, each sentence the evidence of one fact;
- facts are ~40% statements (``Spec.statement_share``; the rule extractor
  currently finds 60-64% statements in the Guardian articles and the seed live
  blogs), the rest events with a type mix close to the extractor's (strikes
  first at ~0.3, then diplomacy, aid, impact, sanctions at ~0.1 each; the
  extractor puts more in ``other``), each with the roles its type implies
  (attacker/target, donor/recipient...), one or two participants;
- actors and places are drawn from unbounded Zipf laws, so a few hubs (Russia,
  Ukraine, Kyiv) take part in a large share of facts, most actors appear once or
  twice, and the number of distinct actors grows sub-linearly with the corpus;
- occurrence dates are spread over 2022-2023; a small share of events are
  re-reported by a later document (same event id, new evidence), as corroborated
  events are in the real corpus.

Everything is a function of the seed and the draw order: the stream for ``n``
events is a prefix of the stream for ``m > n`` events (but for the last document),
so a benchmark can load 10k, then grow the same graph to 100k and 1M.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from kg.ids import content_hash, digest, document_id, entry_id, event_id, statement_id
from kg.model import (
    Actor,
    ActorType,
    Document,
    DocumentGraph,
    Entry,
    Event,
    EventType,
    Evidence,
    Location,
    Participant,
    Role,
    Stance,
    Statement,
)

# Share of events by type, close to what the rule extractor finds in the Guardian corpus.
EVENT_MIX: dict[EventType, float] = {
    EventType.STRIKE: 0.30, EventType.DIPLOMACY: 0.15, EventType.AID: 0.12,
    EventType.IMPACT: 0.10, EventType.SANCTION: 0.08, EventType.INTERCEPT: 0.06,
    EventType.PERSONNEL: 0.06, EventType.INCIDENT: 0.05, EventType.TRADE: 0.03,
    EventType.OTHER: 0.05,
}
# (role of the first actor, role of the optional second actor) by event type.
ROLES: dict[EventType, tuple[Role, Role | None]] = {
    EventType.STRIKE: (Role.ATTACKER, Role.TARGET), EventType.SANCTION: (Role.IMPOSER, Role.SANCTIONED),
    EventType.AID: (Role.DONOR, Role.RECIPIENT), EventType.INTERCEPT: (Role.INTERCEPTOR, Role.ATTACKER),
    EventType.DIPLOMACY: (Role.PARTICIPANT, Role.PARTICIPANT), EventType.IMPACT: (Role.VICTIM, None),
    EventType.PERSONNEL: (Role.PARTICIPANT, None), EventType.TRADE: (Role.PARTICIPANT, Role.PARTICIPANT),
    EventType.INCIDENT: (Role.PARTICIPANT, None), EventType.OTHER: (Role.PARTICIPANT, None),
}
# Event types that usually name a place.
PLACED = frozenset({EventType.STRIKE, EventType.INTERCEPT, EventType.IMPACT, EventType.INCIDENT})
STANCE_MIX: dict[Stance | None, float] = {
    Stance.CRITICAL: 0.30, Stance.NEUTRAL: 0.25, Stance.SUPPORTIVE: 0.20,
    Stance.DEMANDING: 0.10, Stance.THREATENING: 0.07, None: 0.08,
}
HUB_ACTORS: tuple[tuple[str, str], ...] = (
    ("russia", "Russia"), ("ukraine", "Ukraine"), ("united_states", "United States"),
    ("united_kingdom", "United Kingdom"), ("germany", "Germany"), ("nato", "Nato"),
    ("france", "France"), ("poland", "Poland"), ("china", "China"), ("belarus", "Belarus"),
)
# Types of non-hub actors, as shares.
ACTOR_TYPE_MIX: dict[ActorType, float] = {
    ActorType.PERSON: 0.45, ActorType.ORGANIZATION: 0.15, ActorType.GOVERNMENT: 0.10,
    ActorType.MILITARY_UNIT: 0.15, ActorType.GROUP: 0.10, ActorType.COUNTRY: 0.05,
}
MEDIA_OUTLETS = 20
VERBS: dict[EventType, str] = {
    EventType.STRIKE: "shelled", EventType.SANCTION: "sanctioned", EventType.AID: "sent aid to",
    EventType.INTERCEPT: "shot down drones of", EventType.DIPLOMACY: "met",
    EventType.IMPACT: "suffered losses", EventType.PERSONNEL: "appointed a commander",
    EventType.TRADE: "signed a grain deal with", EventType.INCIDENT: "reported an incident",
    EventType.OTHER: "announced measures",
}


@dataclass(frozen=True)
class Spec:
    """What to generate. ``events`` counts distinct events; statements come on top."""

    events: int
    seed: int = 0
    statement_share: float = 0.40  # of all facts
    entries_per_document: int = 20
    facts_per_entry: tuple[int, int] = (1, 5)  # uniform, inclusive
    corroboration: float = 0.05  # share of event reports that re-report an earlier event
    actor_exponent: float = 1.5  # Zipf exponent of actor ranks (degree distribution tail)
    place_exponent: float = 1.4
    start: dt.date = dt.date(2022, 1, 1)
    end: dt.date = dt.date(2023, 12, 31)


class _Zipf:
    """Zipf-distributed ranks (1 = most frequent), drawn in bulk for speed."""

    def __init__(self, rng: np.random.Generator, exponent: float, chunk: int = 1 << 16) -> None:
        self._rng, self._exponent, self._chunk = rng, exponent, chunk
        self._buf: list[int] = []

    def __call__(self) -> int:
        if not self._buf:
            self._buf = self._rng.zipf(self._exponent, self._chunk).tolist()[::-1]
        return self._buf.pop()


def _hashed(rank: int, salt: str) -> float:
    """A uniform [0, 1) value that depends only on (rank, salt): attributes of the
    n-th actor must not depend on when it is first drawn."""
    return int(digest(salt, rank, size=4), 16) / 2**32


def _pick(table: dict, u: float):
    acc = 0.0
    for key, share in table.items():
        acc += share
        if u < acc:
            return key
    return key


def actor(rank: int) -> Actor:
    """The actor of a Zipf rank: the first ranks are the real hubs."""
    if rank <= len(HUB_ACTORS):
        ident, name = HUB_ACTORS[rank - 1]
        kind = ActorType.ORGANIZATION if ident == "nato" else ActorType.COUNTRY
        return Actor(id=ident, name=name, type=kind, aliases=(name,))
    kind = _pick(ACTOR_TYPE_MIX, _hashed(rank, "actor-type"))
    name = f"{kind.value.replace('_', ' ').title()} {rank}"
    return Actor(id=f"{kind.value}_{rank}", name=name, type=kind, aliases=(name,))


def media(k: int) -> Actor:
    return Actor(id=f"media_{k}", name=f"Outlet {k}", type=ActorType.MEDIA, aliases=(f"Outlet {k}",))


def location(rank: int) -> Location:
    if rank == 1:
        return Location(id="ukraine_loc", name="Ukraine", type="country", country="UA",
                        lat=49.0, lon=32.0, aliases=("Ukraine",))
    kind = "region" if rank <= 25 else "city"
    name = f"{kind.title()} {rank}"
    return Location(id=f"{kind}_{rank}", name=name, type=kind, country="UA",
                    lat=round(44.5 + 7.5 * _hashed(rank, "lat"), 4),
                    lon=round(22.5 + 17.5 * _hashed(rank, "lon"), 4), aliases=(name,))


@dataclass
class _Doc:
    """A document under construction: text, entries and facts, with offsets kept exact."""

    id: str
    date: dt.date
    parts: list[str]
    size: int = 0
    entries: list[Entry] | None = None

    def append(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size


class Generator:
    """Streams ``DocumentGraph``s for a ``Spec``; see the module docstring."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._rng = random.Random(spec.seed)
        np_rng = np.random.default_rng(spec.seed)
        self._actor_rank = _Zipf(np_rng, spec.actor_exponent)
        self._place_rank = _Zipf(np_rng, spec.place_exponent)
        self._recent: deque[Event] = deque(maxlen=2000)
        self._seen_events: set[str] = set()
        self._docs = 0
        self._days = (spec.end - spec.start).days

    @property
    def events_written(self) -> int:
        return len(self._seen_events)

    def documents(self) -> Iterator[DocumentGraph]:
        while self.events_written < self.spec.events:
            yield self._document()

    # --- one document -------------------------------------------------------------

    def _document(self) -> DocumentGraph:
        n = self._docs
        self._docs += 1
        source = f"synthetic://{self.spec.seed}/{n:07d}"
        day = self.spec.start + dt.timedelta(days=self._rng.randrange(self._days + 1))
        doc = _Doc(id=document_id(source), date=day, parts=[], entries=[])
        actors: dict[str, Actor] = {}
        places: dict[str, Location] = {}
        events: dict[str, Event] = {}
        statements: list[Statement] = []
        for index in range(self.spec.entries_per_document):
            if self.events_written >= self.spec.events:
                break
            self._entry(doc, index, actors, places, events, statements)
        self._recent.extend(events.values())
        text = "".join(doc.parts)
        document = Document(id=doc.id, source=source, title=f"Live: war day {n}", published=day,
                            text=text, content_hash=content_hash(text),
                            ingested_at=dt.datetime.combine(day, dt.time(12), dt.UTC),
                            entries=tuple(doc.entries))
        return DocumentGraph(document=document, actors=tuple(actors[k] for k in sorted(actors)),
                             locations=tuple(places[k] for k in sorted(places)),
                             events=tuple(events[k] for k in sorted(events)),
                             statements=tuple(sorted(statements, key=lambda s: s.id)))

    def _entry(self, doc: _Doc, index: int, actors: dict, places: dict, events: dict,
               statements: list) -> None:
        eid = entry_id(doc.id, index)
        first_part = len(doc.parts)
        start, _ = doc.append(f"Update {index}\n")
        for _ in range(self._rng.randint(*self.spec.facts_per_entry)):
            if self.events_written >= self.spec.events:
                break
            if self._rng.random() < self.spec.statement_share:
                statements.append(self._statement(doc, eid, actors))
            else:
                ev = self._event(doc, eid, actors, places)
                events[ev.id] = _merged(events.get(ev.id), ev)
        end = doc.size
        doc.append("\n\n")
        entry_text = "".join(doc.parts[first_part:-1])
        published = dt.datetime.combine(doc.date, dt.time(6 + index % 18), dt.UTC)
        doc.entries.append(Entry(id=eid, document=doc.id, index=index, headline=f"Update {index}",
                                 published=published, start=start, end=end,
                                 content_hash=content_hash(entry_text)))

    # --- facts --------------------------------------------------------------------

    def _distinct_actors(self, n: int, avoid: set[str] = frozenset()) -> list[Actor]:
        out: list[Actor] = []
        while len(out) < n:
            a = actor(self._actor_rank())
            if a.id not in avoid and all(a.id != b.id for b in out):
                out.append(a)
        return out

    def _fact_date(self, doc: _Doc) -> dt.date | None:
        if self._rng.random() < 0.05:
            return None
        return max(self.spec.start, doc.date - dt.timedelta(days=self._rng.randrange(3)))

    def _event(self, doc: _Doc, eid: str, actors: dict, places: dict) -> Event:
        if self._recent and self._rng.random() < self.spec.corroboration:
            return self._re_report(doc, eid, actors, places)
        kind = _pick(EVENT_MIX, self._rng.random())
        first, second = ROLES[kind]
        cast = self._distinct_actors(2 if second and self._rng.random() < 0.7 else 1)
        roles = [first, second][: len(cast)]
        where = [location(self._place_rank())] if (
            self._rng.random() < (0.85 if kind in PLACED else 0.3)) else []
        date = self._fact_date(doc)
        sentence = _sentence(kind, cast, where, date)
        start, end = doc.append(sentence)
        doc.append(" ")
        ev = Event(id=event_id(kind.value, date, tuple(a.id for a in cast), tuple(p.id for p in where),
                               f"syn{self.spec.seed}:{doc.id}:{start}"),
                   type=kind, date=date, summary=sentence,
                   participants=tuple(Participant(actor=a.id, role=r) for a, r in zip(cast, roles)),
                   locations=tuple(p.id for p in where), quantities=_quantities(kind, self._rng),
                   confidence=round(0.5 + 0.5 * self._rng.random(), 3),
                   evidence=(Evidence(document=doc.id, entry=eid, start=start, end=end, text=sentence),))
        return self._register(ev, cast, where, actors, places)

    def _re_report(self, doc: _Doc, eid: str, actors: dict, places: dict) -> Event:
        old = self._recent[self._rng.randrange(len(self._recent))]
        cast = [actor_by_id(p.actor) for p in old.participants]
        where = [location_by_id(p) for p in old.locations]
        sentence = _sentence(old.type, cast, where, old.date) + " (updated)"
        start, end = doc.append(sentence)
        doc.append(" ")
        ev = old.model_copy(update={"evidence": (
            Evidence(document=doc.id, entry=eid, start=start, end=end, text=sentence),)})
        return self._register(ev, cast, where, actors, places)

    def _register(self, ev: Event, cast: list[Actor], where: list[Location], actors: dict,
                  places: dict) -> Event:
        self._seen_events.add(ev.id)
        actors.update((a.id, a) for a in cast)
        places.update((p.id, p) for p in where)
        return ev

    def _statement(self, doc: _Doc, eid: str, actors: dict) -> Statement:
        speaker = self._distinct_actors(1)[0] if self._rng.random() < 0.9 else None
        about = self._distinct_actors(self._rng.choice((1, 1, 2)),
                                      avoid={speaker.id} if speaker else set())
        channel = media(1 + int(MEDIA_OUTLETS * self._rng.random() ** 2)) if (
            self._rng.random() < 0.3) else None
        quote = f"{', '.join(a.name for a in about)} must answer for this"
        sentence = f"{speaker.name if speaker else 'Officials'} said: \u201c{quote}.\u201d"
        start, end = doc.append(sentence)
        doc.append(" ")
        for a in (speaker, channel, *about):
            if a is not None:
                actors[a.id] = a
        return Statement(id=statement_id(doc.id, eid, start, end), speaker=speaker.id if speaker else None,
                         about=tuple(sorted(a.id for a in about)), quote=quote,
                         direct=self._rng.random() < 0.5, date=self._fact_date(doc),
                         stance=_pick(STANCE_MIX, self._rng.random()),
                         channel=channel.id if channel else None,
                         evidence=(Evidence(document=doc.id, entry=eid, start=start, end=end,
                                            text=sentence),))


def _merged(old: Event | None, new: Event) -> Event:
    if old is None:
        return new
    return old.model_copy(update={"evidence": tuple(sorted({*old.evidence, *new.evidence},
                                                           key=lambda e: (e.start, e.end)))})


def _sentence(kind: EventType, cast: list[Actor], where: list[Location], date: dt.date | None) -> str:
    text = f"{cast[0].name} {VERBS[kind]}"
    if len(cast) > 1:
        text += f" {cast[1].name}"
    if where:
        text += f" in {where[0].name}"
    if date is not None:
        text += f" on {date:%d %B %Y}"
    return text + "."


def _quantities(kind: EventType, rng: random.Random) -> dict[str, float]:
    if kind is EventType.STRIKE and rng.random() < 0.3:
        return {"killed": float(rng.randint(1, 40))}
    if kind is EventType.AID and rng.random() < 0.5:
        return {"usd": float(rng.randint(1, 500) * 1_000_000)}
    return {}


def _rank_of(ident: str) -> int:
    hub = next((i for i, (k, _) in enumerate(HUB_ACTORS, 1) if k == ident), None)
    return hub if hub is not None else int(ident.rsplit("_", 1)[1])


def actor_by_id(ident: str) -> Actor:
    return actor(_rank_of(ident))


def location_by_id(ident: str) -> Location:
    return location(1 if ident == "ukraine_loc" else int(ident.rsplit("_", 1)[1]))


def generate(events: int, seed: int = 0, **params) -> Iterator[DocumentGraph]:
    """Document graphs holding ``events`` distinct events (plus statements)."""
    return Generator(Spec(events=events, seed=seed, **params)).documents()
