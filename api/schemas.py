"""Response and request bodies of the API: one model per resource.

These are wire shapes, kept apart from the frozen domain model (``kg.model``) so
that the API can add names, counts and links without touching the domain.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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
    truncated: bool | None = None  # ego networks: whether a bound left facts or actors out


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


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
ParamName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=100)]


def _storable(value: Any) -> Any:
    """Refuse what no store can take: integers beyond 64 bits, text that is not valid
    Unicode (lone surrogates, which JSON escapes can carry)."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        raise ValueError("integers must fit in 64 bits")
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError (a ValueError) on lone surrogates
    elif isinstance(value, list):
        for item in value:
            _storable(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable(item)
    return value


class CypherRequest(Out):
    # Long junk text makes LadybugDB's parser slow (quadratic) before any time limit applies.
    query: Annotated[str, AfterValidator(_storable)] = Field(min_length=1, max_length=5_000)
    params: dict[ParamName, Annotated[Any, AfterValidator(_storable)]] = Field(
        default_factory=dict, description="Query parameters by name (`$name` in the query).")


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
