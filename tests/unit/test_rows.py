"""kg.rows: the flat form both stores share."""

from __future__ import annotations

import datetime as dt

import pytest

from kg import cypher
from kg.errors import InputError
from kg.model import Document, DocumentGraph, Event, EventType, Evidence
from kg.rows import NODE_COLUMNS, RELATIONS, fold, graph_rows, iso, search_text, when
from ontology.mapping import Label, Rel

pytestmark = pytest.mark.unit


def test_every_label_and_relationship_has_a_table() -> None:
    assert set(NODE_COLUMNS) == set(Label)
    assert set(RELATIONS) == set(Rel)
    assert all(columns[0].name == "id" for columns in NODE_COLUMNS.values())


@pytest.mark.parametrize("value", [dt.date(2022, 12, 30), dt.datetime(2022, 12, 30, 9, 15),
                                   dt.datetime(2022, 12, 30, 9, 15, tzinfo=dt.UTC), None])
def test_times_round_trip_keeping_their_kind(value) -> None:
    back = when(iso(value))
    assert back == value and type(back) is type(value)


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  Sergueï   LAVROV ") == "serguei lavrov"
    assert search_text("Kyiv", ["Kiev", "Київ"]).split("\n")[:2] == ["kyiv", "kiev"]


def _graph(event: Event) -> DocumentGraph:
    doc = Document(id="d1", source="d1.txt", text="Russia struck Kyiv.", content_hash="h")
    return DocumentGraph(document=doc, events=(event,))


@pytest.mark.parametrize(("change", "named"), [
    ({"locations": ("loc_nowhere",)}, "loc_nowhere"),
    ({"evidence": (Evidence(document="d2", start=0, end=6, text="Russia"),)}, "document d2"),
])
def test_graphs_must_be_self_contained(change: dict, named: str) -> None:
    event = Event(id="ev", type=EventType.STRIKE,
                  evidence=(Evidence(document="d1", start=0, end=6, text="Russia"),))
    graph_rows(_graph(event))
    with pytest.raises(InputError, match=named):
        graph_rows(_graph(event.model_copy(update=change)))


def test_actor_and_location_rows_are_their_json_form() -> None:
    """The rows are built by hand for speed; they must stay what pydantic would dump,
    whatever fields the models gain."""
    from bench.synthetic import generate
    from kg.model import Actor, ActorType, Location

    graphs = list(generate(300, seed=4))
    records = [r for g in graphs for r in (*g.actors, *g.locations)]
    records += [Actor(id="a", name="A", type=ActorType.MEDIA, aliases=("y", "x"), role="r", country="UA"),
                Location(id="l", name="L", lat=50.45, lon=30.52, parent="p", aliases=("k",))]
    assert len(records) > 50
    for record in records:
        expected = record.model_dump(mode="json")
        row = graph_rows(DocumentGraph(document=graphs[0].document, **{
            "actors" if isinstance(record, Actor) else "locations": (record,)})).nodes[
            Label.ACTOR if isinstance(record, Actor) else Label.LOCATION][0]
        assert {k: v for k, v in row.items() if k != "search"} == expected | {
            "aliases": sorted(expected["aliases"])}


def test_neo4j_reads_stored_nodes_only_where_aliases_are_united() -> None:
    assert cypher.NEO4J.looked_up == {Label.ACTOR, Label.LOCATION}
    assert cypher.LADYBUG.looked_up == set(Label)  # it CREATEs, so it must know
    # documents and entries are rewritten whole by their MERGE, so no lookup is needed
    for label in (Label.DOCUMENT, Label.ENTRY):
        assert "ON CREATE" not in cypher.NEO4J.create_node[label]
    assert "ON CREATE SET" in cypher.NEO4J.create_node[Label.EVIDENCE]
