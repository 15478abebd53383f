"""GraphSnapshot -> RDF: round trips, SHACL validation (good and broken graphs), SPARQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib import namespace as rns  # module import: pytest probes module globals, XSD warns
from rdflib.compare import isomorphic

from kg.stores.base import GraphSnapshot
from ontology.mapping import KG_NS
from ontology.namespace import KG, OA, SEM
from ontology.rdf import (example_queries, iri, ontology_graph, parse, serialize,
                          snapshot_to_rdf, validate)

pytestmark = pytest.mark.unit

Ids = SimpleNamespace  # the ``ids`` fixture (conftest.py)
SEM_ROLE_TYPE = URIRef(str(SEM) + "roleType")  # only sem_roles.rq uses it, so not in kg.ttl


@pytest.fixture
def graph(snapshot: GraphSnapshot) -> Graph:
    return snapshot_to_rdf(snapshot)


def statement_iri(graph: Graph, *, attributed: bool) -> URIRef:
    nodes = [s for s in graph.subjects(RDF.type, KG.Statement)
             if ((s, KG.speaker, None) in graph) == attributed]
    assert len(nodes) == 1
    return nodes[0]


# --- the export --------------------------------------------------------------------------------

def test_export_conforms_to_the_shapes(graph: Graph) -> None:
    conforms, report = validate(graph)
    assert conforms, report


def test_export_conforms_with_rdfs_inference_too(graph: Graph) -> None:
    # kg.ttl decision 7: kinds stay "exactly one" when superclasses are inferred.
    from pyshacl import validate as shacl_validate

    from ontology.rdf import shapes_graph

    conforms, _, report = shacl_validate(graph, shacl_graph=shapes_graph(),
                                         ont_graph=ontology_graph(), inference="rdfs")
    assert conforms, report


def test_export_uses_only_defined_kg_terms(graph: Graph) -> None:
    defined = {s for s in ontology_graph().subjects() if str(s).startswith(KG_NS)}
    used = {n for triple in graph for n in triple if str(n).startswith(KG_NS)}
    assert used and used <= defined


def test_strike_has_types_roles_places_quantities_and_two_sources(graph: Graph, ids: Ids) -> None:
    strike = iri("event", ids.kyiv_strike)
    assert set(graph.objects(strike, RDF.type)) == {KG.Event, KG.Strike}
    assert (strike, KG.attacker, iri("actor", "russia")) in graph
    assert (strike, KG.target, iri("actor", "ukraine")) in graph
    assert set(graph.objects(strike, KG.hasActor)) == {iri("actor", "russia"),
                                                       iri("actor", "ukraine")}
    assert (strike, KG.occurredAt, iri("location", "kyiv")) in graph
    docs = {graph.value(e, KG.inDocument) for e in graph.objects(strike, KG.hasEvidence)}
    assert docs == {iri("document", ids.doc_a), iri("document", ids.doc_b)}
    (quantity,) = graph.objects(strike, KG.quantity)
    assert (str(graph.value(quantity, KG.counts)), graph.value(quantity, KG.amount).toPython()) \
        == ("missiles", 20.0)


def test_evidence_is_a_web_annotation_selector(graph: Graph, snapshot, ids: Ids) -> None:
    strike = next(e for e in snapshot.events if e.id == ids.kyiv_strike)
    for ev in strike.evidence:
        (node,) = [n for n in graph.objects(iri("event", ids.kyiv_strike), KG.hasEvidence)
                   if graph.value(n, KG.inDocument) == iri("document", ev.document)]
        assert {OA.TextPositionSelector, OA.TextQuoteSelector, KG.Evidence} <= set(
            graph.objects(node, RDF.type))
        assert graph.value(node, OA.start) == Literal(ev.start, datatype=rns.XSD.nonNegativeInteger)
        assert graph.value(node, OA.end).toPython() == ev.end
        assert str(graph.value(node, OA.exact)) == ev.text
        assert graph.value(node, KG.inEntry) == iri("entry", ev.entry)


def test_statements_carry_speaker_about_channel_or_unattributed(graph: Graph) -> None:
    said = statement_iri(graph, attributed=True)
    assert graph.value(said, KG.speaker) == iri("actor", "volodymyr_zelensky")
    assert graph.value(said, KG.about) == iri("actor", "russia")
    assert graph.value(said, KG.channel) == iri("actor", "interfax")
    assert graph.value(said, KG.direct) == Literal(True)
    assert graph.value(said, KG.unattributed) is None
    unsaid = statement_iri(graph, attributed=False)
    assert graph.value(unsaid, KG.unattributed) == Literal(True)


def test_three_times_stay_apart(graph: Graph, ids: Ids) -> None:
    doc = iri("document", ids.doc_a)
    assert graph.value(doc, KG.reportedDate).datatype == rns.XSD.date
    assert graph.value(doc, KG.ingestedAt).datatype == rns.XSD.dateTime
    assert graph.value(iri("event", ids.kyiv_strike), KG.date).datatype == rns.XSD.date


def test_ingested_at_can_be_left_out(snapshot: GraphSnapshot) -> None:
    graph = snapshot_to_rdf(snapshot, include_ingested_at=False)
    assert (None, KG.ingestedAt, None) not in graph
    assert len(snapshot_to_rdf(snapshot)) - len(graph) == len(snapshot.documents)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_round_trip_is_isomorphic(graph: Graph, fmt: str) -> None:
    text = serialize(graph, fmt)
    back = parse(text, fmt)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


@pytest.mark.parametrize("value", [48.015883, 0.30000000000000004, 1e21, 1e-7, -33.0])
def test_real_numbers_survive_a_turtle_round_trip_exactly(snapshot: GraphSnapshot,
                                                          value: float) -> None:
    # rdflib abbreviates xsd:double in Turtle to 7 digits; the export must not lose precision.
    kyiv = next(loc for loc in snapshot.locations if loc.id == "kyiv")
    others = tuple(loc for loc in snapshot.locations if loc.id != "kyiv")
    moved = kyiv.model_copy(update={"lon": value})
    graph = snapshot_to_rdf(snapshot.model_copy(update={"locations": (*others, moved)}))
    back = parse(serialize(graph, "turtle"), "turtle")
    assert isomorphic(back, graph)
    assert float(back.value(iri("location", "kyiv"), KG.lon).toPython()) == value


def test_json_ld_is_compacted_with_our_prefixes(graph: Graph) -> None:
    doc = json.loads(serialize(graph, "json-ld"))
    assert doc["@context"]["kg"] == KG_NS
    assert '"kg:hasEvidence"' in serialize(graph, "json-ld")


def test_unknown_format_is_refused(graph: Graph) -> None:
    with pytest.raises(ValueError, match="xml"):
        serialize(graph, "xml")  # type: ignore[arg-type]


def test_export_is_deterministic(snapshot: GraphSnapshot) -> None:
    assert serialize(snapshot_to_rdf(snapshot)) == serialize(snapshot_to_rdf(snapshot))


def test_within_links_only_to_a_parent_present_in_the_snapshot(snapshot: GraphSnapshot) -> None:
    orphan = next(loc for loc in snapshot.locations if loc.id == "kharkiv").model_copy(
        update={"parent": "kharkiv_oblast"})  # a region no graph ever emitted
    others = tuple(loc for loc in snapshot.locations if loc.id != "kharkiv")
    graph = snapshot_to_rdf(snapshot.model_copy(update={"locations": (*others, orphan)}))
    assert graph.value(iri("location", "kharkiv"), KG.within) is None
    assert graph.value(iri("location", "kyiv"), KG.within) == iri("location", "kyiv_oblast")
    assert validate(graph)[0]


def test_instance_iris_are_escaped() -> None:
    assert str(iri("actor", "a b/c")) == "https://w3id.org/event-kg/id/actor/a%20b%2Fc"


# --- broken graphs -----------------------------------------------------------------------------

def _drop_evidence(g: Graph, ids: Ids) -> URIRef:
    node = iri("event", ids.intercept)
    g.remove((node, KG.hasEvidence, None))
    return node


def _negative_offset(g: Graph, ids: Ids) -> URIRef:
    node = g.value(iri("event", ids.kharkiv_strike), KG.hasEvidence)
    g.set((node, OA.start, Literal(-5)))
    return node


def _forget_unattributed(g: Graph, ids: Ids) -> URIRef:
    node = statement_iri(g, attributed=False)
    g.remove((node, KG.unattributed, None))
    return node


def _end_before_start(g: Graph, ids: Ids) -> URIRef:
    node = g.value(iri("event", ids.intercept), KG.hasEvidence)
    g.set((node, OA.end, Literal(1, datatype=rns.XSD.nonNegativeInteger)))
    return node


def _two_event_types(g: Graph, ids: Ids) -> URIRef:
    node = iri("event", ids.kharkiv_strike)
    g.add((node, RDF.type, KG.Aid))
    return node


def _speaker_and_unattributed(g: Graph, ids: Ids) -> URIRef:
    node = statement_iri(g, attributed=True)
    g.add((node, KG.unattributed, Literal(True)))
    return node


def _evidence_without_document(g: Graph, ids: Ids) -> URIRef:
    node = g.value(iri("event", ids.kharkiv_strike), KG.hasEvidence)
    g.remove((node, KG.inDocument, None))
    return node


def _actor_without_kind(g: Graph, ids: Ids) -> URIRef:
    node = iri("actor", "interfax")
    g.remove((node, RDF.type, KG.Media))
    return node


def _actor_without_name(g: Graph, ids: Ids) -> URIRef:
    node = iri("actor", "ukraine")
    g.remove((node, KG.name, None))
    return node


def _latitude_out_of_range(g: Graph, ids: Ids) -> URIRef:
    node = iri("location", "kyiv")
    g.set((node, KG.lat, Literal(123.0)))
    return node


def _unknown_stance(g: Graph, ids: Ids) -> URIRef:
    node = statement_iri(g, attributed=True)
    g.set((node, KG.stance, Literal("furious")))
    return node


BREAKAGES: dict[str, tuple[Callable[[Graph, Ids], URIRef], str]] = {
    "event without evidence": (_drop_evidence, "at least one kg:Evidence"),
    "negative offset": (_negative_offset, "non-negative integer oa:start"),
    "unmarked statement without speaker": (_forget_unattributed, "kg:unattributed true"),
    "end before start": (_end_before_start, "not after its oa:end"),
    "two event types": (_two_event_types, "exactly one event type"),
    "speaker and unattributed": (_speaker_and_unattributed, "kg:unattributed true"),
    "evidence without document": (_evidence_without_document, "exactly one kg:Document"),
    "actor without kind": (_actor_without_kind, "exactly one kind"),
    "actor without name": (_actor_without_name, "non-empty name"),
    "latitude out of range": (_latitude_out_of_range, "between -90 and 90"),
    "unknown stance": (_unknown_stance, "stance is one of"),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_each_breakage_is_reported_at_its_focus_node(graph: Graph, breakage: str,
                                                    ids: Ids) -> None:
    assert validate(graph)[0]
    mutate, message = BREAKAGES[breakage]
    focus = mutate(graph, ids)
    conforms, report = validate(graph)
    assert not conforms
    assert f"Focus Node: <{focus}>" in report
    assert message in report


def test_broken_graph_report_names_all_three_offenders(graph: Graph, ids: Ids) -> None:
    offenders = [f(graph, ids) for f in (_drop_evidence, _negative_offset, _forget_unattributed)]
    conforms, report = validate(graph)
    assert not conforms
    for node in offenders:
        assert str(node) in report
    for message in ("an event has at least one kg:Evidence", "non-negative integer oa:start",
                    "or is marked kg:unattributed true"):
        assert message in report


# --- example queries ---------------------------------------------------------------------------

def _rows(graph: Graph, name: str) -> list[tuple]:
    return [tuple(None if v is None else v.toPython() for v in row)
            for row in graph.query(example_queries()[name])]


def test_example_queries_are_the_four_files() -> None:
    assert set(example_queries()) == {"who_said_what_about_whom", "strikes_by_location",
                                      "corroborated_events", "sem_roles"}


def test_who_said_what_about_whom(graph: Graph) -> None:
    rows = [(r[2], r[4], r[5], r[6], r[7], r[9])
            for r in _rows(graph, "who_said_what_about_whom")]
    assert sorted(rows, key=str) == sorted([
        ("Volodymyr Zelensky", "Russia", "We will rebuild everything", True, "critical",
         "Interfax"),
        (None, "Russia", "Russia would face more sanctions", False, "threatening", None),
    ], key=str)


def test_strikes_by_location_rolls_up_the_place_hierarchy(graph: Graph) -> None:
    rows = [(name, count) for _, name, count in _rows(graph, "strikes_by_location")]
    # Kyiv strike: Kyiv -> Kyiv Oblast -> Ukraine; Kharkiv strike: Kharkiv -> Ukraine.
    # The interception over Kyiv Oblast is not a strike and must not count.
    assert rows == [("Ukraine", 2), ("Kharkiv", 1), ("Kyiv", 1), ("Kyiv Oblast", 1)]


def test_corroborated_events_are_reported_by_two_documents(graph: Graph, ids: Ids) -> None:
    rows = _rows(graph, "corroborated_events")
    assert rows == [(str(iri("event", ids.kyiv_strike)), str(KG.Strike), 2)]


def test_sem_roles_construct_gives_one_role_node_per_participation(graph: Graph, snapshot) -> None:
    sem = graph.query(example_queries()["sem_roles"]).graph
    participations = {(iri("event", e.id), iri("actor", p.actor), KG[p.role.value])
                      for e in snapshot.events for p in e.participants}
    roles = {(event, sem.value(node, RDF.value), sem.value(node, SEM_ROLE_TYPE))
             for event, node in sem.subject_objects(SEM.hasActor)}
    assert roles == participations
    assert len(participations) == 4


