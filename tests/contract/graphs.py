"""Hand-built document graphs for the store contract tests.

Three documents: A and B both report one strike (``SHARED_STRIKE``); two actors
share the alias "Kyiv"; A's statement has a speaker, an ``about`` and a media
channel; C is an article whose only facts involve an actor (the US) nobody else
mentions. ``doc_a_edited`` is A re-ingested after an edit.
"""

from __future__ import annotations

import datetime as dt

from kg.ids import content_hash, document_id, entry_id, event_id, statement_id
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

RUSSIA, UKRAINE, UKR_GOV, ZELENSKY, LAVROV, REUTERS, USA = (
    "act_russia", "act_ukraine", "act_ukraine_gov", "act_zelensky", "act_lavrov", "act_reuters",
    "act_usa")
UA, KYIV_OBLAST, KYIV, LVIV = "loc_ua", "loc_kyiv_oblast", "loc_kyiv", "loc_lviv"

DOC_A, DOC_B, DOC_C = document_id("a.txt"), document_id("b.txt"), document_id("c.txt")
SHARED_STRIKE = event_id("strike", dt.date(2022, 12, 29), (RUSSIA, UKRAINE), (KYIV,), "")

TEXT_A = ("Russia launched 69 missiles at Kyiv overnight, officials said.\n"
          "Ukraine's air force shot down 54 of them over Kyiv.\n"
          "Zelensky told Reuters that Moscow 'will not break us'.\n")
TEXT_A_EDITED = ("Russia launched 69 missiles at Kyiv overnight, officials said.\n"
                 "A fire broke out at a power station in Lviv.\n"
                 "Zelensky said Russia was 'running out of missiles'.\n")
TEXT_B = ("Kyiv came under a massive missile attack by Russia on Thursday.\n"
          "Kyiv announced sanctions against Russian banks.\n"
          "Sergei Lavrov warned Kyiv and Ukraine against further escalation.\n")
TEXT_C = "The United States announced $1.85bn in military aid to Ukraine, including Patriot systems."


def _actor(actor_id: str, name: str, kind: ActorType, *aliases: str, **more: str) -> Actor:
    return Actor(id=actor_id, name=name, type=kind, aliases=aliases, **more)


def _evidence(doc: Document, phrase: str) -> Evidence:
    """Evidence of the first occurrence of ``phrase`` (``text == doc.text[start:end]``)."""
    start = doc.text.index(phrase)
    end = start + len(phrase)
    entry = next((e.id for e in doc.entries if e.start <= start and end <= e.end), None)
    return Evidence(document=doc.id, entry=entry, start=start, end=end, text=phrase)


def _document(source: str, text: str, published: dt.date, *, live: bool) -> Document:
    doc_id = document_id(source)
    bounds, start = [], 0
    for line in text.splitlines(keepends=True) if live else [text]:
        bounds.append((start, start + len(line)))
        start += len(line)
    entries = tuple(
        Entry(id=entry_id(doc_id, i), document=doc_id, index=i, headline=f"Entry {i}",
              published=dt.datetime(2022, 12, 29, 8 + i, 0, tzinfo=dt.UTC) if live else published,
              start=s, end=e, content_hash=content_hash(text[s:e]))
        for i, (s, e) in enumerate(bounds))
    return Document(id=doc_id, source=source, title=f"Live: {source}", published=published, text=text,
                    content_hash=content_hash(text), entries=entries,
                    ingested_at=dt.datetime(2023, 1, 5, 12, 0, tzinfo=dt.UTC))


def _statement(doc: Document, phrase: str, **fields) -> Statement:
    evidence = _evidence(doc, phrase)
    return Statement(id=statement_id(doc.id, evidence.entry, evidence.start, evidence.end),
                     evidence=(evidence,), **fields)


def _places() -> dict[str, Location]:
    return {
        UA: Location(id=UA, name="Ukraine", type="country", country="UA", lat=49.0, lon=32.0),
        KYIV_OBLAST: Location(id=KYIV_OBLAST, name="Kyiv Oblast", type="region", country="UA",
                              parent=UA),
        KYIV: Location(id=KYIV, name="Kyiv", type="city", country="UA", lat=50.45, lon=30.52,
                       parent=KYIV_OBLAST, aliases=("Kiev", "Kyiv")),
        LVIV: Location(id=LVIV, name="Lviv", type="city", country="UA", lat=49.84, lon=24.03,
                       parent=UA, aliases=("Lvov",)),
    }


def doc_a() -> DocumentGraph:
    doc = _document("a.txt", TEXT_A, dt.date(2022, 12, 29), live=True)
    places = _places()
    strike = Event(id=SHARED_STRIKE, type=EventType.STRIKE, date=dt.date(2022, 12, 29),
                   summary="Russia fired 69 missiles at Kyiv",
                   participants=(Participant(actor=RUSSIA, role=Role.ATTACKER),
                                 Participant(actor=UKRAINE, role=Role.TARGET)),
                   locations=(KYIV,), quantities={"missiles": 69.0}, confidence=0.9,
                   evidence=(_evidence(doc, "Russia launched 69 missiles at Kyiv overnight"),))
    intercept = Event(id=event_id("intercept", dt.date(2022, 12, 29), (UKRAINE,), (KYIV,), ""),
                      type=EventType.INTERCEPT, date=dt.date(2022, 12, 29),
                      participants=(Participant(actor=UKRAINE, role=Role.INTERCEPTOR),),
                      locations=(KYIV,), quantities={"missiles": 54},
                      evidence=(_evidence(doc, "shot down 54 of them over Kyiv"),))
    said = _statement(doc, "'will not break us'", speaker=ZELENSKY, about=(RUSSIA,),
                      quote="will not break us", direct=True, date=dt.date(2022, 12, 29),
                      stance=Stance.CRITICAL, channel=REUTERS)
    return DocumentGraph(
        document=doc,
        actors=(_actor(RUSSIA, "Russia", ActorType.COUNTRY, "Russia", "Moscow", country="RU"),
                _actor(UKRAINE, "Ukraine", ActorType.COUNTRY, "Ukraine", "Ukraine's air force"),
                _actor(ZELENSKY, "Volodymyr Zelensky", ActorType.PERSON, "Zelensky",
                       role="President of Ukraine", country="UA"),
                _actor(REUTERS, "Reuters", ActorType.MEDIA, "Reuters")),
        locations=(places[KYIV], places[KYIV_OBLAST]),
        events=(strike, intercept), statements=(said,))


def doc_b() -> DocumentGraph:
    doc = _document("b.txt", TEXT_B, dt.date(2022, 12, 30), live=True)
    places = _places()
    strike = Event(id=SHARED_STRIKE, type=EventType.STRIKE, date=dt.date(2022, 12, 29),
                   summary="Massive missile attack on Kyiv",  # A's summary, written first, stays
                   participants=(Participant(actor=RUSSIA, role=Role.ATTACKER),
                                 Participant(actor=UKR_GOV, role=Role.TARGET)),
                   locations=(KYIV, UA), confidence=0.7,
                   evidence=(_evidence(doc, "Kyiv came under a massive missile attack by Russia"),))
    sanction = Event(id=event_id("sanction", dt.date(2022, 12, 30), (UKR_GOV, RUSSIA), (), ""),
                     type=EventType.SANCTION, date=dt.date(2022, 12, 30),
                     participants=(Participant(actor=UKR_GOV, role=Role.IMPOSER),
                                   Participant(actor=RUSSIA, role=Role.SANCTIONED)),
                     evidence=(_evidence(doc, "Kyiv announced sanctions against Russian banks"),))
    warned = _statement(doc, "Sergei Lavrov warned Kyiv and Ukraine against further escalation",
                        speaker=LAVROV, about=(UKR_GOV, UKRAINE), quote="against further escalation",
                        direct=False, date=dt.date(2022, 12, 30), stance=Stance.THREATENING)
    return DocumentGraph(
        document=doc,
        actors=(_actor(RUSSIA, "Russian Federation", ActorType.GOVERNMENT, "Russian", "Russia"),
                _actor(UKR_GOV, "Government of Ukraine", ActorType.GOVERNMENT, "Kyiv"),
                _actor(UKRAINE, "Ukraine", ActorType.COUNTRY, "Kyiv", "Ukraine"),
                _actor(LAVROV, "Sergei Lavrov", ActorType.PERSON, "Sergueï Lavrov", "Lavrov",
                       affiliation=RUSSIA)),
        locations=(places[KYIV], places[UA]),
        events=(strike, sanction), statements=(warned,))


def doc_c() -> DocumentGraph:
    doc = _document("c.txt", TEXT_C, dt.date(2023, 1, 2), live=False)
    aid = Event(id=event_id("aid", dt.date(2023, 1, 2), (USA, UKRAINE), (), ""), type=EventType.AID,
                date=dt.date(2023, 1, 2), summary="US military aid package",
                participants=(Participant(actor=USA, role=Role.DONOR),
                              Participant(actor=UKRAINE, role=Role.RECIPIENT)),
                quantities={"usd": 1.85e9},
                evidence=(_evidence(doc, "The United States announced $1.85bn in military aid"),))
    return DocumentGraph(
        document=doc,
        actors=(_actor(USA, "United States", ActorType.COUNTRY, "United States", "US"),
                _actor(UKRAINE, "Ukraine", ActorType.COUNTRY, "Ukraine")),
        events=(aid,))


def doc_a_edited() -> DocumentGraph:
    """A after an edit: the strike stays (same text), the intercept is gone, a fire in
    Lviv is new, and Zelensky's statement changed (and lost its channel)."""
    doc = _document("a.txt", TEXT_A_EDITED, dt.date(2022, 12, 29), live=True)
    places = _places()
    original = doc_a()
    strike = original.events[0].model_copy(update={"evidence": (
        _evidence(doc, "Russia launched 69 missiles at Kyiv overnight"),)})
    fire = Event(id=event_id("incident", None, (), (LVIV,), "fire"), type=EventType.INCIDENT,
                 locations=(LVIV,), evidence=(_evidence(doc, "A fire broke out at a power station in Lviv"),))
    said = _statement(doc, "'running out of missiles'", speaker=ZELENSKY, about=(RUSSIA,),
                      quote="running out of missiles", direct=True, date=dt.date(2022, 12, 29),
                      stance=Stance.CRITICAL)
    return DocumentGraph(document=doc, actors=original.actors[:3],
                         locations=(places[KYIV], places[KYIV_OBLAST], places[LVIV]),
                         events=(strike, fire), statements=(said,))


def all_graphs() -> list[DocumentGraph]:
    return [doc_a(), doc_b(), doc_c()]
