"""A small hand-built ingest for the ontology tests: two documents reporting one strike,
a second strike and an interception, a statement with speaker/about/channel and one without
a speaker. Offsets are computed from the texts, so evidence text == text[start:end]."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kg.ids import content_hash, document_id, entry_id, event_id, statement_id
from kg.merge import merge_graphs
from kg.model import (Actor, ActorType, Document, DocumentGraph, Entry, Event, EventType,
                      Evidence, Location, Participant, Role, Stance, Statement)
from kg.stores.base import GraphSnapshot

TEXT_A = (
    "Missiles hit Kyiv\n"
    "Russia launched 20 missiles at Kyiv on Thursday. "
    "Ukraine's air force said it shot down 16 drones over the Kyiv region.\n"
    "Zelensky defiant\n"
    'Volodymyr Zelensky said of Russia: "We will rebuild everything," speaking to Interfax. '
    "Officials warned that Russia would face more sanctions.\n"
)
TEXT_B = "Russian missiles struck Kyiv on Thursday and a rocket hit Kharkiv, officials reported.\n"

DOC_A = document_id("seed-a.txt")
DOC_B = document_id("seed-b.txt")
THURSDAY = dt.date(2022, 12, 29)


def span(doc: str, text: str, phrase: str, entries: tuple[Entry, ...] = ()) -> Evidence:
    start = text.index(phrase)
    entry = next((e.id for e in entries if e.start <= start < e.end), None)
    return Evidence(document=doc, entry=entry, start=start, end=start + len(phrase), text=phrase)


def _entries(doc: str, text: str, headlines: tuple[str, ...]) -> tuple[Entry, ...]:
    starts = [text.index(h) for h in headlines] + [len(text)]
    return tuple(Entry(id=entry_id(doc, i), document=doc, index=i, headline=h,
                       published=dt.datetime(2022, 12, 30, 8 + i, 0, tzinfo=dt.timezone.utc),
                       start=starts[i], end=starts[i + 1],
                       content_hash=content_hash(text[starts[i]:starts[i + 1]]))
                 for i, h in enumerate(headlines))


ACTORS = {
    "russia": Actor(id="russia", name="Russia", type=ActorType.COUNTRY,
                    aliases=("Russia", "Russian")),
    "ukraine": Actor(id="ukraine", name="Ukraine", type=ActorType.COUNTRY, aliases=("Ukraine",)),
    "volodymyr_zelensky": Actor(id="volodymyr_zelensky", name="Volodymyr Zelensky",
                                type=ActorType.PERSON, aliases=("Volodymyr Zelensky",),
                                role="president", country="UA"),
    "interfax": Actor(id="interfax", name="Interfax", type=ActorType.MEDIA, aliases=("Interfax",)),
    "ukrainian_air_force": Actor(id="ukrainian_air_force", name="Ukrainian Air Force",
                                 type=ActorType.MILITARY_UNIT, aliases=("Ukraine's air force",)),
}
LOCATIONS = {
    "ukraine": Location(id="ukraine", name="Ukraine", type="country", country="UA",
                        lat=49.0, lon=32.0),
    "kyiv_oblast": Location(id="kyiv_oblast", name="Kyiv Oblast", type="region", country="UA",
                            parent="ukraine", aliases=("Kyiv region",)),
    "kyiv": Location(id="kyiv", name="Kyiv", type="city", country="UA", lat=50.45, lon=30.52,
                     parent="kyiv_oblast", aliases=("Kyiv",)),
    "kharkiv": Location(id="kharkiv", name="Kharkiv", type="city", country="UA", lat=49.99,
                        lon=36.23, parent="ukraine"),
}

KYIV_STRIKE = event_id("strike", THURSDAY, ("russia",), ("kyiv",), "")
KHARKIV_STRIKE = event_id("strike", THURSDAY, ("russia",), ("kharkiv",), "")
INTERCEPT = event_id("intercept", THURSDAY, ("ukrainian_air_force",), ("kyiv_oblast",), "")


def _doc(doc_id: str, source: str, text: str, entries: tuple[Entry, ...]) -> Document:
    return Document(id=doc_id, source=source, title=f"Live: {source}",
                    published=dt.date(2022, 12, 30), text=text, content_hash=content_hash(text),
                    ingested_at=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
                    entries=entries)


def _strike(evidence: Evidence) -> Event:
    return Event(id=KYIV_STRIKE, type=EventType.STRIKE, date=THURSDAY,
                 summary="Russia fired missiles at Kyiv.",
                 participants=(Participant(actor="russia", role=Role.ATTACKER),
                               Participant(actor="ukraine", role=Role.TARGET)),
                 locations=("kyiv",), quantities={"missiles": 20.0}, confidence=0.9,
                 evidence=(evidence,))


def graph_a() -> DocumentGraph:
    entries = _entries(DOC_A, TEXT_A, ("Missiles hit Kyiv", "Zelensky defiant"))
    defender = Participant(actor="ukrainian_air_force", role=Role.INTERCEPTOR)
    shot_down = span(DOC_A, TEXT_A, "shot down 16 drones over the Kyiv region", entries)
    intercept = Event(id=INTERCEPT, type=EventType.INTERCEPT, date=THURSDAY,
                      participants=(defender,), locations=("kyiv_oblast",),
                      quantities={"drones": 16.0}, evidence=(shot_down,))
    quote = span(DOC_A, TEXT_A, "We will rebuild everything", entries)
    said = Statement(id=statement_id(DOC_A, quote.entry, quote.start, quote.end),
                     speaker="volodymyr_zelensky", about=("russia",), quote=quote.text, direct=True,
                     date=dt.date(2022, 12, 30), stance=Stance.CRITICAL, channel="interfax",
                     evidence=(quote,))
    warning = span(DOC_A, TEXT_A, "Russia would face more sanctions", entries)
    unattributed = Statement(id=statement_id(DOC_A, warning.entry, warning.start, warning.end),
                             about=("russia",), quote=warning.text, stance=Stance.THREATENING,
                             evidence=(warning,))
    return DocumentGraph(
        document=_doc(DOC_A, "seed-a.txt", TEXT_A, entries),
        actors=tuple(ACTORS.values()),
        locations=(LOCATIONS["ukraine"], LOCATIONS["kyiv_oblast"], LOCATIONS["kyiv"]),
        events=(_strike(span(DOC_A, TEXT_A, "Russia launched 20 missiles at Kyiv", entries)),
                intercept),
        statements=(said, unattributed))


def graph_b() -> DocumentGraph:
    entries = _entries(DOC_B, TEXT_B, ("Russian missiles",))
    kharkiv = Event(id=KHARKIV_STRIKE, type=EventType.STRIKE, date=THURSDAY,
                    participants=(Participant(actor="russia", role=Role.ATTACKER),),
                    locations=("kharkiv",),
                    evidence=(span(DOC_B, TEXT_B, "a rocket hit Kharkiv", entries),))
    return DocumentGraph(
        document=_doc(DOC_B, "seed-b.txt", TEXT_B, entries),
        actors=(ACTORS["russia"], ACTORS["ukraine"]),
        locations=tuple(LOCATIONS.values()),
        events=(_strike(span(DOC_B, TEXT_B, "Russian missiles struck Kyiv", entries)), kharkiv))


@pytest.fixture
def document_graphs() -> list[DocumentGraph]:
    return [graph_a(), graph_b()]


@pytest.fixture
def snapshot(document_graphs: list[DocumentGraph]) -> GraphSnapshot:
    return merge_graphs(document_graphs)


@pytest.fixture
def ids() -> SimpleNamespace:
    """The fixture's document and event ids (a fixture, not an import: test modules here are
    not a package, and ``conftest`` is not importable by name under every import mode)."""
    return SimpleNamespace(doc_a=DOC_A, doc_b=DOC_B, kyiv_strike=KYIV_STRIKE,
                           kharkiv_strike=KHARKIV_STRIKE, intercept=INTERCEPT)
