"""Response and request bodies of the API: one model per resource.

These are wire shapes, kept apart from the frozen domain model (``kg.model``) so
that the API can add names, counts and links without touching the domain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from kg.model import ActorType, EventType, Role, Stance


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(Out):
    """RFC 9457 problem details."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None


class Health(Out):
    status: Literal["ok"]
    store: Literal["ladybug", "neo4j"]


class EvidenceOut(Out):
    document: str
    entry: str | None
    start: int
    end: int
    text: str


class ActorRef(Out):
    """An actor as referenced from a fact; ``name`` is null for an id the store lacks."""

    id: str
    name: str | None


class ParticipantOut(Out):
    actor: str
    name: str | None
    role: Role


class PlaceOut(Out):
    id: str
    name: str | None
    lat: float | None
    lon: float | None


class EventOut(Out):
    id: str
    type: EventType
    date: dt.date | None
    summary: str | None
    participants: list[ParticipantOut]
    locations: list[PlaceOut]
    quantities: dict[str, float]
    confidence: float | None
    sources: int = Field(description="Distinct documents with evidence for the event.")
    evidence: list[EvidenceOut]


class StatementOut(Out):
    id: str
    speaker: ActorRef | None
    about: list[ActorRef]
    quote: str
    direct: bool
    date: dt.date | None
    stance: Stance | None
    channel: ActorRef | None
    evidence: list[EvidenceOut]


class ActorOut(Out):
    id: str
    name: str
    type: ActorType
    aliases: list[str]
    role: str | None
    country: str | None
    affiliation: str | None
    events: int | None = Field(None, description="Events the actor took part in (detail only).")
    statements: int | None = Field(None, description="Statements the actor made (detail only).")
    mentioned_in: int | None = Field(None, description="Statements about the actor (detail only).")


class LocationOut(Out):
    id: str
    name: str
    type: str | None
    country: str | None
    lat: float | None
    lon: float | None
    parent: str | None
    aliases: list[str]
    events: int = Field(description="Events that occurred at this location.")


T = TypeVar("T")


class Page(Out, Generic[T]):
    """A page of a list in a stable order. ``next`` is the offset of the following
    page, null on the last one; ``total`` is given when known without extra cost."""

    items: list[T]
    limit: int
    offset: int
    next: int | None
    total: int | None = None


class TimelineItem(Out):
    date: dt.date | None
    kind: Literal["event", "statement"]
    event: EventOut | None = None
    statement: StatementOut | None = None


class SummaryRow(Out):
    actor: ActorRef | None = Field(description="Null for unattributed statements.")
    statements: int
    stances: dict[str, int]


class AboutSummary(Out):
    speaker: ActorRef | None = None
    about: ActorRef | None = None
    statements: int = Field(description="Statements considered.")
    items: list[SummaryRow]


class NetworkNode(Out):
    id: str
    name: str | None
    type: str | None
    distance: int | None = None


class NetworkEdge(Out):
    source: str
    target: str
    kind: Literal["event", "statement"]
    event_type: EventType | None
    directed: bool
    weight: int
    facts: list[str] = Field(description="Ids of the events or statements behind the edge.")
    stances: dict[str, int] | None


class Network(Out):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    center: str | None = None
    depth: int | None = None
    path: list[str] | None = None


class CentralityRow(Out):
    id: str
    name: str | None
    type: str | None
    degree: float
    weighted_degree: float
    betweenness: float
    closeness: float
    eigenvector: float | None


class Community(Out):
    id: int
    size: int
    members: list[NetworkNode]


class Communities(Out):
    modularity: float | None
    communities: list[Community]


class PointGeometry(Out):
    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(min_length=2, max_length=2, description="[lon, lat]")


class Feature(Out):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: dict[str, Any]


class FeatureCollection(Out):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


class CypherRequest(Out):
    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)


class CypherResult(Out):
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="More rows existed than the row cap.")


class DocumentIn(Out):
    source: str = Field(min_length=1, max_length=1000, description="Name of the source (file name, URL).")
    text: str = Field(min_length=1)
    format: str | None = Field(None, description="Loader format hint; detected when absent.")


class IngestResult(Out):
    document: str
    status: Literal["added", "replaced", "unchanged"]
    entries: int
    actors: int
    locations: int
    events: int
    statements: int
