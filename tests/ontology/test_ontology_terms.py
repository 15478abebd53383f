"""kg.ttl itself: it parses, every kg: term is defined and documented, the generated
namespace matches it, and the alignments the ontology promises are present."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import PROV

from ontology import generate
from ontology.namespace import GEO, KG, OA, SEM
from ontology.rdf import KG_TTL, SHAPES_TTL, SPARQL_DIR, term

pytestmark = pytest.mark.unit

KG_NS = str(KG)
# rdflib's SDO is an open namespace that warns on unknown attributes (pytest probes some).
SDO = Namespace("https://schema.org/")
DEFINING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(KG_TTL, format="turtle")


def defined_terms(graph: Graph) -> set[URIRef]:
    return {s for t in DEFINING_TYPES for s in graph.subjects(RDF.type, t)
            if str(s).startswith(KG_NS)}


def mentioned_kg_terms(graph: Graph) -> set[URIRef]:
    return {n for triple in graph for n in triple
            if isinstance(n, URIRef) and str(n).startswith(KG_NS)}


def test_kg_ttl_parses_and_declares_the_ontology(onto: Graph) -> None:
    assert (URIRef("https://w3id.org/event-kg/ontology"), RDF.type, OWL.Ontology) in onto
    assert len(defined_terms(onto)) > 50


def test_every_kg_term_mentioned_in_kg_ttl_is_defined_there(onto: Graph) -> None:
    assert mentioned_kg_terms(onto) - defined_terms(onto) == set()


def test_every_kg_term_has_a_label_and_a_comment(onto: Graph) -> None:
    undocumented = [t for t in defined_terms(onto)
                    if onto.value(t, RDFS.label) is None or onto.value(t, RDFS.comment) is None]
    assert undocumented == []


def test_shapes_use_only_terms_defined_in_kg_ttl(onto: Graph) -> None:
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    assert mentioned_kg_terms(shapes) - defined_terms(onto) == set()


@pytest.mark.parametrize("path", sorted(SPARQL_DIR.glob("*.rq")), ids=lambda p: p.name)
def test_example_queries_use_only_terms_defined_in_kg_ttl(onto: Graph, path) -> None:
    used = {URIRef(KG_NS + name) for name in re.findall(r"\bkg:(\w+)", path.read_text())}
    assert used and used - defined_terms(onto) == set()


def test_generated_namespace_matches_kg_ttl() -> None:
    # If this fails: run `python3 -m ontology.generate` and commit ontology/namespace.py.
    assert generate.render() == generate.NAMESPACE_PY.read_text(encoding="utf-8")


def test_generated_namespace_holds_exactly_the_defined_terms(onto: Graph) -> None:
    assert {KG[str(t)[len(KG_NS):]] for t in defined_terms(onto)} == {
        URIRef(KG_NS + name) for name in KG.__annotations__}


def test_namespaces_are_closed() -> None:
    assert KG.Strike == URIRef(KG_NS + "Strike")
    for ns, typo in ((KG, "Strik"), (OA, "exactText"), (SEM, "hasActors"), (GEO, "lng")):
        with pytest.raises(AttributeError):
            getattr(ns, typo)
    with pytest.raises(AttributeError):
        term(KG_NS + "Stirke")
    with pytest.raises(AttributeError):
        term("https://schema.org/Event")


def test_render_rejects_a_term_that_is_not_a_python_identifier(tmp_path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"@prefix owl: <{OWL}> .\n<{KG_NS}not-valid> a owl:Class .\n")
    with pytest.raises(ValueError, match="not-valid"):
        generate.render(bad)


@pytest.mark.parametrize(("subject", "predicate", "obj"), [
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Actor, RDFS.subClassOf, SEM.Actor),
    (KG.Location, RDFS.subClassOf, SEM.Place),
    (KG.Location, RDFS.subClassOf, SDO.Place),
    (KG.Person, RDFS.subClassOf, SDO.Person),
    (KG.Organization, RDFS.subClassOf, SDO.Organization),
    (KG.Statement, RDFS.subClassOf, SDO.Quotation),
    (KG.Statement, RDFS.subClassOf, PROV.Entity),
    (KG.Document, RDFS.subClassOf, PROV.Entity),
    (KG.Evidence, RDFS.subClassOf, OA.TextPositionSelector),
    (KG.Evidence, RDFS.subClassOf, OA.TextQuoteSelector),
    (KG.hasActor, RDFS.subPropertyOf, SEM.hasActor),
    (KG.occurredAt, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.date, RDFS.subPropertyOf, SEM.hasTimeStamp),
    (KG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (KG.lat, RDFS.subPropertyOf, GEO.lat),
    (KG.hasEvidence, OWL.inverseOf, KG.supports),
    (KG.hasActor, OWL.inverseOf, KG.participatedIn),
    (KG.speaker, OWL.inverseOf, KG.said),
])
def test_promised_alignment_is_stated(onto: Graph, subject, predicate, obj) -> None:
    assert (subject, predicate, obj) in onto


def test_roles_are_sub_properties_of_has_actor_and_sem_role_types(onto: Graph) -> None:
    roles = set(onto.subjects(RDFS.subPropertyOf, KG.hasActor))
    assert len(roles) == 9
    assert all((r, RDF.type, SEM.RoleType) in onto for r in roles)


def test_statement_is_a_fact_but_not_an_event(onto: Graph) -> None:
    assert (KG.Statement, RDFS.subClassOf, KG.Event) not in onto
    union = onto.value(KG.Fact, OWL.disjointUnionOf)
    assert list(onto.items(union)) == [KG.Event, KG.Statement]


def test_event_types_are_pairwise_disjoint(onto: Graph) -> None:
    event_types = set(onto.subjects(RDFS.subClassOf, KG.Event))
    disjoint_sets = [set(onto.items(onto.value(node, OWL.members)))
                     for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    assert event_types in disjoint_sets

