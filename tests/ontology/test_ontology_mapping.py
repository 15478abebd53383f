"""ontology.mapping and crosswalk.json against kg.ttl and kg.model, in both directions."""

from __future__ import annotations

import json

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.model import ActorType, EventType, Role, Stance
from ontology.mapping import (ACTOR_CLASSES, EVENT_CLASSES, EVENT_LABELS, KG_NS, LABEL_CLASSES,
                              PLACE_CLASSES, REL_PROPERTIES, ROLE_PROPERTIES, Label, Rel)
from ontology.namespace import KG
from ontology.rdf import KG_TTL
from ontology.tree import CROSSWALK, class_tree

pytestmark = pytest.mark.unit

# The endpoints each store relationship connects (mapping.py's comments, made checkable).
REL_ENDPOINTS: dict[Rel, tuple[URIRef, URIRef]] = {
    Rel.HAS_ENTRY: (KG.Document, KG.Entry),
    Rel.IN_ENTRY: (KG.Evidence, KG.Entry),
    Rel.SUPPORTS: (KG.Evidence, KG.Fact),
    Rel.PARTICIPATED_IN: (KG.Actor, KG.Event),
    Rel.OCCURRED_AT: (KG.Event, KG.Location),
    Rel.SAID: (KG.Actor, KG.Statement),
    Rel.ABOUT: (KG.Statement, KG.Actor),
    Rel.CARRIED_BY: (KG.Statement, KG.Actor),
    Rel.WITHIN: (KG.Location, KG.Location),
}

# Closed vocabularies of the crosswalk targets, to catch misspelt codes.
CAMEO_ROOTS = {f"{n:02d}" for n in range(1, 21)}
PLOVER_2021 = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
               "DEMAND", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
               "ASSAULT"}
ACLED = {
    "Battles": {"Government regains territory", "Non-state actor overtakes territory",
                "Armed clash"},
    "Protests": {"Excessive force against protesters", "Protest with intervention",
                 "Peaceful protest"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(KG_TTL, format="turtle")


@pytest.fixture(scope="module")
def crosswalk() -> dict:
    return json.loads(CROSSWALK.read_text(encoding="utf-8"))


def subclasses(onto: Graph, parent: URIRef) -> set[URIRef]:
    return set(onto.subjects(RDFS.subClassOf, parent))


def is_class(onto: Graph, iri: str) -> bool:
    return (URIRef(iri), RDF.type, OWL.Class) in onto


def model_value(onto: Graph, iri: str) -> str | None:
    value = onto.value(URIRef(iri), KG.modelValue)
    return None if value is None else str(value)


def test_every_label_is_an_ontology_class(onto: Graph) -> None:
    assert set(LABEL_CLASSES) == set(Label)
    assert all(is_class(onto, iri) for iri in LABEL_CLASSES.values())


def test_every_ontology_class_is_accounted_for_by_the_mapping(onto: Graph) -> None:
    # A class added to kg.ttl must get a store mapping (or be listed here as abstract/embedded).
    mapped = {*LABEL_CLASSES.values(), *EVENT_CLASSES.values(), *ACTOR_CLASSES.values(),
              *PLACE_CLASSES.values(), str(KG.Fact), str(KG.Quantity)}
    defined = {str(s) for s in onto.subjects(RDF.type, OWL.Class) if str(s).startswith(KG_NS)}
    assert defined == mapped


@pytest.mark.parametrize("rel", list(Rel))
def test_relationship_maps_to_an_object_property_with_its_endpoints(onto: Graph, rel: Rel) -> None:
    prop = URIRef(REL_PROPERTIES[rel])
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (onto.value(prop, RDFS.domain), onto.value(prop, RDFS.range)) == REL_ENDPOINTS[rel]


def test_every_object_property_is_a_relationship_or_declared_inverse_or_role(onto: Graph) -> None:
    props = {s for s in onto.subjects(RDF.type, OWL.ObjectProperty) if str(s).startswith(KG_NS)}
    rel_props = {URIRef(p) for p in REL_PROPERTIES.values()}
    inverses = {o for p in rel_props for o in onto.objects(p, OWL.inverseOf)}
    inverses |= {s for p in rel_props for s in onto.subjects(OWL.inverseOf, p)}
    roles = {URIRef(p) for p in ROLE_PROPERTIES.values()}
    # Stores keep these as node properties, not relationships: quantities as a map on the
    # event, the evidence's document as its ``document`` field. kg:reportedIn is a property
    # chain for reasoners only.
    assert props - rel_props - inverses - roles == {KG.quantity, KG.inDocument, KG.reportedIn}


def test_event_labels_are_the_event_classes(onto: Graph) -> None:
    assert set(EVENT_LABELS) == set(EventType) == set(EVENT_CLASSES)
    for event_type, label in EVENT_LABELS.items():
        iri = EVENT_CLASSES[event_type]
        assert iri == KG_NS + label
        assert model_value(onto, iri) == event_type.value
    assert {URIRef(i) for i in EVENT_CLASSES.values()} == subclasses(onto, KG.Event)


def test_roles_map_to_the_role_properties(onto: Graph) -> None:
    assert set(ROLE_PROPERTIES) == set(Role)
    for role, iri in ROLE_PROPERTIES.items():
        assert model_value(onto, iri) == role.value
    assert {URIRef(i) for i in ROLE_PROPERTIES.values()} == set(
        onto.subjects(RDFS.subPropertyOf, KG.hasActor))


def test_actor_types_map_to_the_actor_kinds(onto: Graph) -> None:
    assert set(ACTOR_CLASSES) == set(ActorType)
    for actor_type, iri in ACTOR_CLASSES.items():
        assert model_value(onto, iri) == actor_type.value
    assert {URIRef(i) for i in ACTOR_CLASSES.values()} == subclasses(onto, KG.Actor)


def test_place_types_map_onto_every_place_kind(onto: Graph) -> None:
    assert {URIRef(i) for i in PLACE_CLASSES.values()} == subclasses(onto, KG.Location)


def test_crosswalk_covers_every_event_type_and_statements(onto: Graph, crosswalk: dict) -> None:
    rows = crosswalk["types"]
    assert set(rows) == {t.value for t in EventType} | {"statement"}
    for key, row in rows.items():
        assert is_class(onto, row["class"])
        if key != "statement":
            assert model_value(onto, row["class"]) == key
    assert rows["statement"]["class"] == str(KG.Statement)


def test_crosswalk_codes_belong_to_their_schemes(crosswalk: dict) -> None:
    for key, row in crosswalk["types"].items():
        assert set(row["cameo"]) <= CAMEO_ROOTS, key
        assert set(row["plover"]) <= PLOVER_2021, key
        for acled in row["acled"]:
            assert acled["sub_event_type"] in ACLED[acled["event_type"]], key


def test_crosswalk_maps_every_stance(crosswalk: dict) -> None:
    stances = crosswalk["types"]["statement"]["stances"]
    assert set(stances) == {s.value for s in Stance}
    for mapped in stances.values():
        assert set(mapped["cameo"]) <= CAMEO_ROOTS and set(mapped["plover"]) <= PLOVER_2021


def test_crosswalk_agrees_with_the_acled_interception_convention(crosswalk: dict) -> None:
    # shared/eval/reference/README.md: "Disrupted weapons use" = an interception.
    assert {"event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use"} in \
        crosswalk["types"]["intercept"]["acled"]


def test_class_tree_nests_every_class_once_under_its_parent(onto: Graph) -> None:
    lines = class_tree().splitlines()
    names = [line.strip().split()[0] for line in lines[1:]]
    defined = {onto.namespace_manager.normalizeUri(s) for s in onto.subjects(RDF.type, OWL.Class)
               if str(s).startswith(KG_NS)}
    assert sorted(names) == sorted(defined)

    def depth(name: str) -> int:
        line = next(line for line in lines if line.strip().split()[0] == name)
        return (len(line) - len(line.lstrip())) // 2

    assert depth("kg:Fact") == 1 and depth("kg:Event") == 2 and depth("kg:Strike") == 3
    assert depth("kg:Statement") == 2  # a sibling of Event, not a child
    strike = next(line for line in lines if "kg:Strike" in line)
    assert "CAMEO 19 18" in strike and "ASSAULT" in strike
    assert "subClassOf sem:Event" in next(line for line in lines if "kg:Event" in line)


def test_class_tree_can_show_the_role_properties() -> None:
    text = class_tree(properties=True)
    tail = text.split("Object properties\n", 1)[1].splitlines()
    has_actor = next(i for i, line in enumerate(tail) if "kg:hasActor" in line)
    assert [line.strip() for line in tail[has_actor + 1:has_actor + 10]] == sorted(
        f"kg:{role.value}" for role in Role)


def test_model_value_literals_are_plain_strings(onto: Graph) -> None:
    values = list(onto.objects(None, KG.modelValue))
    assert values and all(isinstance(v, Literal) and v.language is None for v in values)
