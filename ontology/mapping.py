"""The one mapping from ontology terms to store labels and relationship types.

Every node label and relationship type a store writes comes from here; nothing
extracted from text ever becomes a label. Kept in step with ``kg.ttl`` by a test
(tests/ontology/test_ontology_mapping.py), in both directions.

The ``*_CLASSES`` / ``*_PROPERTIES`` dicts below give the ontology term (a full IRI
string, so importing this module costs no rdflib) for each label, relationship type
and model enum; ``ontology.rdf`` resolves them through the closed generated namespace.
"""

from __future__ import annotations

from enum import StrEnum

from kg.model import ActorType, EventType, Role


class Label(StrEnum):
    """Node labels (Neo4j) / node tables (LadybugDB)."""

    DOCUMENT = "Document"
    ENTRY = "Entry"
    ACTOR = "Actor"
    LOCATION = "Location"
    EVENT = "Event"
    STATEMENT = "Statement"
    EVIDENCE = "Evidence"


class Rel(StrEnum):
    """Relationship types (Neo4j) / relationship tables (LadybugDB)."""

    HAS_ENTRY = "HAS_ENTRY"  # Document -> Entry
    IN_ENTRY = "IN_ENTRY"  # Evidence -> Entry
    SUPPORTS = "SUPPORTS"  # Evidence -> Event | Statement
    PARTICIPATED_IN = "PARTICIPATED_IN"  # Actor -> Event {role}
    OCCURRED_AT = "OCCURRED_AT"  # Event -> Location
    SAID = "SAID"  # Actor -> Statement
    ABOUT = "ABOUT"  # Statement -> Actor
    CARRIED_BY = "CARRIED_BY"  # Statement -> Actor (media channel)
    WITHIN = "WITHIN"  # Location -> Location (city within region/country)


# Neo4j gives every event a second label for its kind, so analysts can write
# MATCH (e:Strike); LadybugDB (one table per label) keeps the kind in ``type``.
EVENT_LABELS: dict[EventType, str] = {
    EventType.STRIKE: "Strike",
    EventType.SANCTION: "Sanction",
    EventType.AID: "Aid",
    EventType.DIPLOMACY: "Diplomacy",
    EventType.INTERCEPT: "Intercept",
    EventType.IMPACT: "Impact",
    EventType.PERSONNEL: "Personnel",
    EventType.TRADE: "Trade",
    EventType.INCIDENT: "Incident",
    EventType.OTHER: "OtherEvent",
}


# --- links to the ontology (ontology/kg.ttl) ---------------------------------------------------

KG_NS = "https://w3id.org/event-kg/ontology#"
"""The ontology namespace; instance IRIs live under https://w3id.org/event-kg/id/."""

LABEL_CLASSES: dict[Label, str] = {label: KG_NS + label.value for label in Label}
"""Node label -> ontology class (the label is the class's local name)."""

# Each property runs in the relationship's own direction (subject = start node). Where the
# RDF export writes the other direction (fact -> evidence, event -> actor, statement ->
# speaker), kg.ttl declares the two properties owl:inverseOf each other.
REL_PROPERTIES: dict[Rel, str] = {
    Rel.HAS_ENTRY: KG_NS + "hasEntry",
    Rel.IN_ENTRY: KG_NS + "inEntry",
    Rel.SUPPORTS: KG_NS + "supports",
    Rel.PARTICIPATED_IN: KG_NS + "participatedIn",  # the ``role`` attribute: ROLE_PROPERTIES
    Rel.OCCURRED_AT: KG_NS + "occurredAt",
    Rel.SAID: KG_NS + "said",
    Rel.ABOUT: KG_NS + "about",
    Rel.CARRIED_BY: KG_NS + "channel",
    Rel.WITHIN: KG_NS + "within",
}

EVENT_CLASSES: dict[EventType, str] = {t: KG_NS + label for t, label in EVENT_LABELS.items()}
"""Event type -> ontology class: the Neo4j secondary label is the class's local name."""

ROLE_PROPERTIES: dict[Role, str] = {role: KG_NS + role.value for role in Role}
"""Participant role -> ontology property (event -> actor), a sub-property of kg:hasActor."""

ACTOR_CLASSES: dict[ActorType, str] = {
    ActorType.PERSON: KG_NS + "Person",
    ActorType.ORGANIZATION: KG_NS + "Organization",
    ActorType.COUNTRY: KG_NS + "Country",
    ActorType.GOVERNMENT: KG_NS + "Government",
    ActorType.MILITARY_UNIT: KG_NS + "MilitaryUnit",
    ActorType.MEDIA: KG_NS + "Media",
    ActorType.GROUP: KG_NS + "Group",
}

# Location.type is free text; these values get a class, any other keeps only kg:placeType.
PLACE_CLASSES: dict[str, str] = {
    "country": KG_NS + "CountryPlace",
    "region": KG_NS + "Region",
    "oblast": KG_NS + "Region",
    "city": KG_NS + "City",
    "town": KG_NS + "City",
}
