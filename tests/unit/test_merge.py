"""kg.merge.merge_graphs: the reference semantics every store is tested against."""

from __future__ import annotations

import pytest

from kg.export import export_json
from kg.merge import merge_graphs
from kg.model import (
    Actor,
    ActorType,
    Document,
    DocumentGraph,
    Event,
    EventType,
    Evidence,
    Location,
    Participant,
    Role,
    Statement,
)

pytestmark = pytest.mark.unit


def _doc(doc_id: str, text: str = "0123456789") -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, content_hash=f"hash-{text}")


def _evi(doc_id: str, start: int, end: int = 0) -> Evidence:
    return Evidence(document=doc_id, start=start, end=end or start + 1, text="x")


def _event(event_id: str, *evidence: Evidence, summary: str | None = None,
           participants: tuple[Participant, ...] = (), locations: tuple[str, ...] = ()) -> Event:
    return Event(id=event_id, type=EventType.STRIKE, summary=summary, participants=participants,
                 locations=locations, evidence=evidence)


def _actor(actor_id: str, name: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, name=name, type=ActorType.COUNTRY, aliases=aliases)


def _graph(doc: Document, *events: Event, actors: tuple[Actor, ...] = (),
           statements: tuple[Statement, ...] = (),
           locations: tuple[Location, ...] = ()) -> DocumentGraph:
    return DocumentGraph(document=doc, actors=actors, events=events, statements=statements,
                         locations=locations)


def test_records_come_out_sorted_by_id() -> None:
    snap = merge_graphs([_graph(_doc("d2"), _event("ev_b", _evi("d2", 0))),
                         _graph(_doc("d1"), _event("ev_a", _evi("d1", 0)))])
    assert [d.id for d in snap.documents] == ["d1", "d2"]
    assert [e.id for e in snap.events] == ["ev_a", "ev_b"]


def test_first_written_scalars_win_and_aliases_union_sorted() -> None:
    snap = merge_graphs([
        _graph(_doc("d1"), actors=(_actor("a", "Russia", "Russia", "Moscow", "Moscow"),)),
        _graph(_doc("d2"), actors=(_actor("a", "Russian Federation", "RF", "Moscow"),)),
    ])
    (actor,) = snap.actors
    assert actor.name == "Russia"
    assert actor.aliases == ("Moscow", "RF", "Russia")


def test_location_aliases_union_and_first_parent_wins() -> None:
    first = Location(id="l", name="Kyiv", parent="oblast", aliases=("Kiev",))
    later = Location(id="l", name="Kiev", parent="ua", aliases=("Kyiv", "Kiev"))
    (loc,) = merge_graphs([_graph(_doc("d1"), locations=(first,)),
                           _graph(_doc("d2"), locations=(later,))]).locations
    assert (loc.name, loc.parent, loc.aliases) == ("Kyiv", "oblast", ("Kiev", "Kyiv"))


def test_a_shared_event_unions_evidence_participants_and_places() -> None:
    attacker = Participant(actor="ru", role=Role.ATTACKER)
    target = Participant(actor="ua", role=Role.TARGET)
    snap = merge_graphs([
        _graph(_doc("d1"), _event("ev", _evi("d1", 3), summary="first", participants=(attacker,),
                                  locations=("kyiv",))),
        _graph(_doc("d2"), _event("ev", _evi("d2", 5), summary="second",
                                  participants=(attacker, target), locations=("ua", "kyiv"))),
    ])
    (event,) = snap.events
    assert event.summary == "first"
    assert {e.document for e in event.evidence} == {"d1", "d2"}
    assert set(event.participants) == {attacker, target} and len(event.participants) == 2
    assert event.locations == ("kyiv", "ua")
    assert export_json(snap)["events"][0]["sources"] == 2


def test_set_valued_parts_are_canonical_even_when_written_once() -> None:
    p1, p2 = Participant(actor="z", role=Role.TARGET), Participant(actor="a", role=Role.ATTACKER)
    written = _event("ev", _evi("d1", 7), _evi("d1", 2), _evi("d1", 2),
                     participants=(p1, p2, p1), locations=("b", "a", "b"))
    (event,) = merge_graphs([_graph(_doc("d1"), written)]).events
    assert len(event.evidence) == 2 and len(event.participants) == 2
    assert event.locations == ("a", "b")
    assert event == merge_graphs([_graph(_doc("d1"), written), _graph(_doc("d1"), written)]).events[0]


def test_rewriting_a_document_replaces_its_facts_only() -> None:
    shared_v1 = _event("shared", _evi("d1", 0), summary="from d1")
    shared_d2 = _event("shared", _evi("d2", 4), summary="from d2")
    snap = merge_graphs([
        _graph(_doc("d1"), shared_v1, _event("only_d1", _evi("d1", 1))),
        _graph(_doc("d2"), shared_d2),
        _graph(_doc("d1", "edited text"), _event("new_d1", _evi("d1", 2))),
    ])
    assert [e.id for e in snap.events] == ["new_d1", "shared"]
    shared = snap.events[1]
    assert [e.document for e in shared.evidence] == ["d2"]
    assert shared.summary == "from d1"  # still the first write: the fact survived via d2
    assert snap.documents[0].text == "edited text"


def test_a_fact_dropped_and_written_again_takes_the_new_scalars() -> None:
    snap = merge_graphs([
        _graph(_doc("d1"), _event("ev", _evi("d1", 0), summary="old")),
        _graph(_doc("d1"), _event("ev", _evi("d1", 0), summary="new")),
    ])
    assert snap.events[0].summary == "new"


def test_rewriting_keeps_actors_of_the_old_version() -> None:
    snap = merge_graphs([_graph(_doc("d1"), actors=(_actor("a", "A"),)), _graph(_doc("d1"))])
    assert [a.id for a in snap.actors] == ["a"]


def test_statements_union_about_and_evidence_keep_first_speaker() -> None:
    def said(doc: str, speaker: str, about: tuple[str, ...]) -> Statement:
        return Statement(id="st", speaker=speaker, about=about, quote="q", evidence=(_evi(doc, 1),))

    snap = merge_graphs([_graph(_doc("d1"), statements=(said("d1", "s1", ("x",)),)),
                         _graph(_doc("d2"), statements=(said("d2", "s2", ("y", "x")),))])
    (st,) = snap.statements
    assert (st.speaker, st.about, len(st.evidence)) == ("s1", ("x", "y"), 2)


def test_the_same_graphs_twice_give_the_same_snapshot() -> None:
    graphs = [_graph(_doc("d1"), _event("ev", _evi("d1", 0)), actors=(_actor("a", "A", "x"),)),
              _graph(_doc("d2"), _event("ev", _evi("d2", 1)))]
    assert merge_graphs(graphs + graphs) == merge_graphs(graphs)


def test_export_without_ingest_time_drops_only_that_key() -> None:
    snap = merge_graphs([_graph(_doc("d1"), _event("ev", _evi("d1", 0)))])
    full, timeless = export_json(snap), export_json(snap, include_ingested_at=False)
    assert "ingested_at" in full["documents"][0] and "ingested_at" not in timeless["documents"][0]
    full["documents"][0].pop("ingested_at")
    assert full == timeless
