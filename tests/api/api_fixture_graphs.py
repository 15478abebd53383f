"""Two small hand-built document graphs for the API tests.

The texts paraphrase the two seed live blogs of 30 Dec 2022; every fact's
evidence is a real span of its document. The graph is small enough to reason
about by hand, so the tests state expected answers from the story itself:

- the 29 Dec strike on Kyiv is reported by both documents (2 sources), the one on
  Odesa by document B only; Kherson was shelled on 28 Dec; the IOC sanction is undated;
- Putin says two things: one about Xi and China, one about Russia;
- Russia is talked about by Kuleba (twice), Putin, the IOC, Erdoğan and one
  unattributed source.
"""

from __future__ import annotations

import datetime as dt

from kg.ids import content_hash, document_id, entry_id
from kg.model import (Actor, ActorType, Document, DocumentGraph, Entry, Event, EventType, Evidence,
                      Location, Participant, Role, Stance, Statement)

D29, D28, D30 = dt.date(2022, 12, 29), dt.date(2022, 12, 28), dt.date(2022, 12, 30)

TEXT_A = [
    "Russia launched a barrage of missiles at Kyiv on Thursday.",
    "Ukraine's air force said it shot down 54 of 69 missiles over Kyiv.",
    "Vladimir Putin told Xi Jinping he wants closer military cooperation with China.",
    "\u201cRussia will never give up,\u201d Putin said.",
    "Kuleba said Russia must be pushed back into its borders.",
    "Kuleba doubts Russia will turn into a liberal, democratic country.",
    "The IOC said sanctions on Russia must remain in 2023.",
    "It was said in Minsk that Russia had asked for more.",
]
TEXT_B = [
    "Russia fired missiles at Kyiv on 29 December. Odesa was also hit.",
    "Xi told Putin the road to peace talks on Ukraine would not be smooth.",
    "Jens Stoltenberg said allies must make sure Ukraine prevails and Putin does not win.",
    "Erdoğan called on Russia and Ukraine to hold talks.",
    "Russian shelling hit Kherson on Wednesday.",
]


class Doc:
    """A document built from paragraphs (one entry each) and a span finder."""

    def __init__(self, source: str, paragraphs: list[str]) -> None:
        text = "\n\n".join(paragraphs)
        self.id = document_id(source)
        entries, start = [], 0
        for i, para in enumerate(paragraphs):
            entries.append(Entry(id=entry_id(self.id, i), document=self.id, index=i,
                                 start=start, end=start + len(para)))
            start += len(para) + 2
        self.document = Document(id=self.id, source=source, title=source, published=D30, text=text,
                                 content_hash=content_hash(text), entries=tuple(entries))

    def span(self, phrase: str) -> Evidence:
        start = self.document.text.index(phrase)
        entry = next(e for e in self.document.entries if e.start <= start < e.end)
        return Evidence(document=self.id, entry=entry.id, start=start, end=start + len(phrase),
                        text=phrase)


A = Doc("fixture_a.txt", TEXT_A)
B = Doc("fixture_b.txt", TEXT_B)

ACTORS = {a.id: a for a in [
    Actor(id="vladimir_putin", name="Vladimir Putin", type=ActorType.PERSON, role="President",
          country="RU", affiliation="russia", aliases=("Putin", "Vladimir Putin")),
    Actor(id="xi_jinping", name="Xi Jinping", type=ActorType.PERSON, role="President",
          country="CN", affiliation="china", aliases=("Xi", "Xi Jinping")),
    Actor(id="russia", name="Russia", type=ActorType.COUNTRY, country="RU",
          aliases=("Moscow", "Russia", "Russian")),
    Actor(id="ukraine", name="Ukraine", type=ActorType.COUNTRY, country="UA",
          aliases=("Kiev", "Kyiv", "Ukraine")),
    Actor(id="china", name="China", type=ActorType.COUNTRY, country="CN", aliases=("Beijing", "China")),
    Actor(id="ukrainian_air_force", name="Ukrainian Air Force", type=ActorType.MILITARY_UNIT,
          affiliation="ukraine", aliases=("Ukraine's air force",)),
    Actor(id="dmytro_kuleba", name="Dmytro Kuleba", type=ActorType.PERSON, role="Foreign Minister",
          affiliation="ukraine", aliases=("Kuleba",)),
    Actor(id="ioc", name="International Olympic Committee", type=ActorType.ORGANIZATION,
          aliases=("IOC",)),
    Actor(id="jens_stoltenberg", name="Jens Stoltenberg", type=ActorType.PERSON,
          role="Secretary General", affiliation="nato", aliases=("Jens Stoltenberg",)),
    Actor(id="recep_tayyip_erdogan", name="Recep Tayyip Erdoğan", type=ActorType.PERSON,
          country="TR", aliases=("Erdoğan",)),
    # Named in no fact: an actor the store knows that no event or statement involves.
    Actor(id="volodymyr_zelenskyy", name="Volodymyr Zelenskyy", type=ActorType.PERSON,
          role="President", country="UA", aliases=("Zelenskyy",)),
]}

LOCATIONS = {loc.id: loc for loc in [
    Location(id="ukraine", name="Ukraine", type="country", country="UA", lat=49.0, lon=32.0),
    Location(id="kyiv", name="Kyiv", type="city", country="UA", lat=50.4501, lon=30.5234,
             parent="ukraine", aliases=("Kiev", "Kyiv")),
    Location(id="odesa", name="Odesa", type="city", country="UA", lat=46.4825, lon=30.7233,
             parent="ukraine", aliases=("Odesa", "Odessa")),
    Location(id="kherson", name="Kherson", type="city", country="UA", lat=46.6354, lon=32.6169,
             parent="ukraine"),
    Location(id="minsk", name="Minsk", type="city", country="BY"),  # no coordinates known
]}


def _p(actor: str, role: Role) -> Participant:
    return Participant(actor=actor, role=role)


STRIKE_KYIV = "ev_strike_kyiv"
STRIKE_ODESA = "ev_strike_odesa"
STRIKE_KHERSON = "ev_strike_kherson"
INTERCEPT = "ev_intercept_kyiv"
DIPLOMACY = "ev_putin_xi_call"
SANCTION = "ev_ioc_sanctions"

_RUSSIA_ON_UKRAINE = (_p("russia", Role.ATTACKER), _p("ukraine", Role.TARGET))
_CALL = (_p("vladimir_putin", Role.PARTICIPANT), _p("xi_jinping", Role.PARTICIPANT))

EVENTS_A = (
    Event(id=STRIKE_KYIV, type=EventType.STRIKE, date=D29, participants=_RUSSIA_ON_UKRAINE,
          locations=("kyiv",), quantities={"missiles": 69.0},
          evidence=(A.span("Russia launched a barrage of missiles at Kyiv on Thursday."),)),
    Event(id=INTERCEPT, type=EventType.INTERCEPT, date=D29, locations=("kyiv",),
          participants=(_p("ukrainian_air_force", Role.INTERCEPTOR), _p("russia", Role.ATTACKER)),
          quantities={"intercepted": 54.0}, evidence=(A.span("it shot down 54 of 69 missiles"),)),
    Event(id=DIPLOMACY, type=EventType.DIPLOMACY, date=D30, participants=_CALL,
          evidence=(A.span("Vladimir Putin told Xi Jinping"),)),
    Event(id=SANCTION, type=EventType.SANCTION, date=None,
          participants=(_p("ioc", Role.IMPOSER), _p("russia", Role.SANCTIONED)),
          evidence=(A.span("sanctions on Russia must remain in 2023"),)),
)
EVENTS_B = (
    Event(id=STRIKE_KYIV, type=EventType.STRIKE, date=D29, participants=_RUSSIA_ON_UKRAINE,
          locations=("kyiv",), evidence=(B.span("Russia fired missiles at Kyiv on 29 December."),)),
    Event(id=STRIKE_ODESA, type=EventType.STRIKE, date=D29, participants=_RUSSIA_ON_UKRAINE,
          locations=("odesa",), evidence=(B.span("Odesa was also hit."),)),
    Event(id=DIPLOMACY, type=EventType.DIPLOMACY, date=D30, participants=_CALL,
          evidence=(B.span("Xi told Putin"),)),
    Event(id=STRIKE_KHERSON, type=EventType.STRIKE, date=D28, participants=(_p("russia", Role.ATTACKER),),
          locations=("kherson",), evidence=(B.span("Russian shelling hit Kherson on Wednesday."),)),
)

STATEMENTS_A = (
    Statement(id="st_putin_military", speaker="vladimir_putin", about=("china", "xi_jinping"),
              quote="he wants closer military cooperation with China", date=D30,
              stance=Stance.SUPPORTIVE,
              evidence=(A.span("he wants closer military cooperation with China"),)),
    Statement(id="st_putin_never", speaker="vladimir_putin", about=("russia",),
              quote="Russia will never give up", direct=True, date=D30, stance=Stance.THREATENING,
              evidence=(A.span("Russia will never give up"),)),
    Statement(id="st_kuleba_borders", speaker="dmytro_kuleba", about=("russia",), date=D30,
              quote="Russia must be pushed back into its borders", stance=Stance.DEMANDING,
              evidence=(A.span("Russia must be pushed back into its borders"),)),
    Statement(id="st_kuleba_democracy", speaker="dmytro_kuleba", about=("russia",), date=D30,
              quote="Russia will turn into a liberal, democratic country", stance=Stance.CRITICAL,
              evidence=(A.span("Russia will turn into a liberal, democratic country"),)),
    Statement(id="st_ioc_sanctions", speaker="ioc", about=("russia",), date=D30,
              quote="sanctions on Russia must remain in 2023", stance=Stance.DEMANDING,
              evidence=(A.span("sanctions on Russia must remain in 2023"),)),
    Statement(id="st_unattributed", speaker=None, about=("russia",), date=D30,
              quote="Russia had asked for more", evidence=(A.span("Russia had asked for more"),)),
)
STATEMENTS_B = (
    Statement(id="st_xi_road", speaker="xi_jinping", about=("ukraine",), date=D30,
              quote="the road to peace talks on Ukraine would not be smooth", stance=Stance.NEUTRAL,
              evidence=(B.span("the road to peace talks on Ukraine would not be smooth"),)),
    Statement(id="st_stoltenberg_win", speaker="jens_stoltenberg",
              about=("ukraine", "vladimir_putin"),
              quote="allies must make sure Ukraine prevails and Putin does not win", date=D30,
              stance=Stance.CRITICAL,
              evidence=(B.span("allies must make sure Ukraine prevails and Putin does not win"),)),
    Statement(id="st_erdogan_talks", speaker="recep_tayyip_erdogan", about=("russia", "ukraine"),
              quote="called on Russia and Ukraine to hold talks", date=None, stance=Stance.NEUTRAL,
              evidence=(B.span("called on Russia and Ukraine to hold talks"),)),
)


def _actors(*ids: str) -> tuple[Actor, ...]:
    return tuple(ACTORS[i] for i in ids)


def _places(*ids: str) -> tuple[Location, ...]:
    return tuple(LOCATIONS[i] for i in ids)


def fixture_graphs() -> list[DocumentGraph]:
    graph_a = DocumentGraph(
        document=A.document,
        actors=_actors("vladimir_putin", "xi_jinping", "russia", "ukraine", "china",
                       "ukrainian_air_force", "dmytro_kuleba", "ioc"),
        locations=_places("ukraine", "kyiv", "minsk"), events=EVENTS_A, statements=STATEMENTS_A)
    graph_b = DocumentGraph(
        document=B.document,
        actors=_actors("vladimir_putin", "xi_jinping", "russia", "ukraine", "jens_stoltenberg",
                       "recep_tayyip_erdogan", "volodymyr_zelenskyy"),
        locations=_places("ukraine", "kyiv", "odesa", "kherson"), events=EVENTS_B,
        statements=STATEMENTS_B)
    return [graph_a, graph_b]
