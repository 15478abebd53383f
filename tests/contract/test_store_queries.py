"""GraphStore filtered reads: events, actors, statements, on every store."""

from __future__ import annotations

import datetime as dt

import graphs as G  # tests/contract/graphs.py (pytest puts this directory on sys.path)
import pytest

from kg.model import EventType, Participant, Role
from kg.stores.base import ActorQuery, EventQuery, GraphStore, Page, StatementQuery
from kg.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.contract


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.upsert(G.all_graphs())
    return store


def _kinds(store: GraphStore, **query) -> list[str]:
    return sorted(e.type.value for e in store.events(EventQuery(**query)))


def _newest_first(facts) -> list[str]:
    """Newest first, undated last, ties by id: the order of every event and statement listing."""
    dated = sorted((f for f in facts if f.date), key=lambda f: f.id)
    return ([f.id for f in sorted(dated, key=lambda f: f.date, reverse=True)]
            + sorted(f.id for f in facts if not f.date))


def test_events_unfiltered_are_all_events_newest_first(loaded: GraphStore) -> None:
    found = loaded.events(EventQuery())
    assert [e.id for e in found] == _newest_first(loaded.snapshot().events)
    assert len(found) == 4  # strike (A+B), intercept (A), sanction (B), aid (C)


@pytest.mark.parametrize("query", [{}, {"speaker": G.ZELENSKY}, {"about": G.RUSSIA}])
def test_statement_listings_are_newest_first(loaded: GraphStore, query: dict) -> None:
    found = loaded.statements(StatementQuery(**query))
    everything = loaded.snapshot().statements
    expected = [s for s in everything
                if query.get("speaker", s.speaker) == s.speaker and query.get("about", "*") in (*s.about, "*")]
    assert found and [s.id for s in found] == _newest_first(expected)


def test_actor_listing_pages_without_gaps_or_repeats(loaded: GraphStore) -> None:
    every = [e.id for e in loaded.events(EventQuery(actor=G.UKRAINE))]
    paged = [e.id for offset in range(len(every))
             for e in loaded.events(EventQuery(actor=G.UKRAINE, page=Page(limit=1, offset=offset)))]
    assert paged == every and len(set(every)) == len(every) == 3


def test_events_by_type(loaded: GraphStore) -> None:
    assert _kinds(loaded, type=EventType.STRIKE) == ["strike"]
    assert _kinds(loaded, type=EventType.PERSONNEL) == []


def test_events_by_actor_and_role(loaded: GraphStore) -> None:
    assert _kinds(loaded, actor=G.UKRAINE) == ["aid", "intercept", "strike"]
    assert _kinds(loaded, actor=G.UKRAINE, role="target") == ["strike"]
    assert _kinds(loaded, actor=G.UKRAINE, role="attacker") == []
    assert _kinds(loaded, role="imposer") == ["sanction"]


def test_events_by_location_include_places_within_it(loaded: GraphStore) -> None:
    assert _kinds(loaded, location=G.KYIV) == ["intercept", "strike"]
    # The intercept is in Kyiv, within Kyiv Oblast, within Ukraine.
    assert _kinds(loaded, location=G.UA) == ["intercept", "strike"]
    assert _kinds(loaded, location=G.LVIV) == []


def test_events_by_date_range(loaded: GraphStore) -> None:
    assert _kinds(loaded, date_from=dt.date(2022, 12, 30)) == ["aid", "sanction"]
    assert _kinds(loaded, date_to=dt.date(2022, 12, 29)) == ["intercept", "strike"]
    assert _kinds(loaded, date_from=dt.date(2022, 12, 30), date_to=dt.date(2022, 12, 31)) == ["sanction"]


def test_events_filters_combine(loaded: GraphStore) -> None:
    assert _kinds(loaded, actor=G.RUSSIA, date_from=dt.date(2022, 12, 30)) == ["sanction"]
    assert _kinds(loaded, actor=G.RUSSIA, location=G.KYIV, type=EventType.STRIKE) == ["strike"]


def test_events_paging_is_stable(loaded: GraphStore) -> None:
    everything = [e.id for e in loaded.events(EventQuery())]
    pages = [loaded.events(EventQuery(page=Page(limit=3, offset=o))) for o in (0, 3, 6)]
    assert [e.id for page in pages for e in page] == everything
    assert [len(p) for p in pages] == [3, 1, 0]


def test_returned_events_carry_all_their_evidence(loaded: GraphStore) -> None:
    (strike,) = loaded.events(EventQuery(type=EventType.STRIKE))
    assert {e.document for e in strike.evidence} == {G.DOC_A, G.DOC_B}
    assert all(e.text in (G.TEXT_A + G.TEXT_B) for e in strike.evidence)
    assert strike == next(e for e in loaded.snapshot().events if e.id == strike.id)


def test_actors_match_name_or_alias_ignoring_case_and_accents(loaded: GraphStore) -> None:
    def ids(text: str) -> list[str]:
        return [a.id for a in loaded.actors(ActorQuery(text=text))]

    assert ids("KYIV") == sorted([G.UKRAINE, G.UKR_GOV])  # an alias both share
    assert ids("zelensky") == [G.ZELENSKY]
    assert ids("Serguei") == [G.LAVROV]  # alias "Sergueï Lavrov"
    assert ids("sergueï lavrov") == [G.LAVROV]
    assert ids("moscow") == [G.RUSSIA]
    assert ids("nobody at all") == []


def test_actors_by_type_and_paging(loaded: GraphStore) -> None:
    persons = loaded.actors(ActorQuery(type="person"))
    assert [a.id for a in persons] == sorted([G.ZELENSKY, G.LAVROV])
    first = loaded.actors(ActorQuery(page=Page(limit=3)))
    rest = loaded.actors(ActorQuery(page=Page(limit=10, offset=3)))
    assert [a.id for a in first + rest] == sorted(a.id for a in loaded.snapshot().actors)


def test_actor_by_id(loaded: GraphStore) -> None:
    lavrov = loaded.actor(G.LAVROV)
    assert lavrov is not None and lavrov.name == "Sergei Lavrov"
    assert lavrov.aliases == ("Lavrov", "Sergueï Lavrov")
    assert loaded.actor("act_missing") is None


def test_statements_by_speaker_about_stance(loaded: GraphStore) -> None:
    def quotes(**query) -> list[str]:
        return [s.quote for s in loaded.statements(StatementQuery(**query))]

    assert quotes(speaker=G.ZELENSKY) == ["will not break us"]
    assert quotes(about=G.UKR_GOV) == ["against further escalation"]
    assert quotes(about=G.RUSSIA, stance="critical") == ["will not break us"]
    assert quotes(stance="supportive") == []
    assert quotes(date_from=dt.date(2022, 12, 30)) == ["against further escalation"]
    assert quotes(date_to=dt.date(2022, 12, 29)) == ["will not break us"]


def test_statements_carry_speaker_channel_about_and_evidence(loaded: GraphStore) -> None:
    (said,) = loaded.statements(StatementQuery(speaker=G.ZELENSKY))
    assert (said.channel, said.about, said.direct) == (G.REUTERS, (G.RUSSIA,), True)
    (evidence,) = said.evidence
    assert G.TEXT_A[evidence.start:evidence.end] == evidence.text == "'will not break us'"
    (warned,) = loaded.statements(StatementQuery(speaker=G.LAVROV))
    assert warned.channel is None and warned.about == tuple(sorted([G.UKR_GOV, G.UKRAINE]))


def test_an_actor_in_two_roles_is_listed_once(store: GraphStore) -> None:
    graph = G.doc_a()
    strike = next(e for e in graph.events if e.type is EventType.STRIKE)
    both = strike.model_copy(update={"participants": (
        *strike.participants, Participant(actor=G.UKRAINE, role=Role.VICTIM))})
    store.upsert([graph.model_copy(update={"events": tuple(
        both if e.id == strike.id else e for e in graph.events)})])
    found = [e.id for e in store.events(EventQuery(actor=G.UKRAINE))]
    assert found.count(strike.id) == 1
    assert [e.id for e in store.events(EventQuery(actor=G.UKRAINE, role="victim"))] == [strike.id]


def _forget_listing_keys(store: GraphStore, request: pytest.FixtureRequest) -> None:
    """Make the store look written by a version without the listing keys."""
    from kg import cypher

    if isinstance(store, Neo4jStore):
        with request.getfixturevalue("neo4j_driver").session() as session:
            for rel in cypher.LISTING_RELS:
                session.run(f"MATCH ()-[k:{rel}]->() REMOVE k.actor, k.date_key").consume()
        return
    with store._session() as run:  # no public way to drop columns, on purpose
        for rel in cypher.LISTING_RELS:
            for column in ("actor", "date_key"):
                run(f"ALTER TABLE {rel} DROP {column}", {})


def test_setup_fills_the_listing_keys_of_an_older_store(loaded: GraphStore, request) -> None:
    before = ([e.id for e in loaded.events(EventQuery(actor=G.UKRAINE))],
              [s.id for s in loaded.statements(StatementQuery(about=G.RUSSIA))])
    assert all(before)
    _forget_listing_keys(loaded, request)
    loaded.setup()
    after = ([e.id for e in loaded.events(EventQuery(actor=G.UKRAINE))],
             [s.id for s in loaded.statements(StatementQuery(about=G.RUSSIA))])
    assert after == before


@pytest.mark.parametrize("query", [EventQuery(), EventQuery(type=EventType.STRIKE), EventQuery(actor=G.UKRAINE),
                                   StatementQuery(), StatementQuery(speaker=G.ZELENSKY), ActorQuery()])
def test_pages_far_past_the_end_are_empty(loaded: GraphStore, query) -> None:
    # LadybugDB 0.22 crashed the process on ORDER BY ... SKIP of some thousands; the
    # API allows offsets up to 10,000.
    far = query.model_copy(update={"page": Page(limit=100, offset=10_000)})
    fetch = {EventQuery: loaded.events, StatementQuery: loaded.statements, ActorQuery: loaded.actors}
    assert fetch[type(query)](far) == []
