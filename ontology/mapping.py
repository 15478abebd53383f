"""The one mapping from ontology terms to store labels and relationship types.

Every node label and relationship type a store writes comes from here; nothing
extracted from text ever becomes a label. Kept in step with ``kg.ttl`` by a test.
"""

from __future__ import annotations

from enum import StrEnum

from kg.model import EventType


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
