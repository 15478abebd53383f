"""Domain model: pure, frozen pydantic records. Nothing here touches a database.

Three times are kept apart everywhere:
- ``Event.date`` / ``Statement.date``: when it happened or was said (occurrence);
- ``Document.published`` / ``Entry.published``: when it was reported;
- ``Document.ingested_at``: when this system read it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Record(BaseModel):
    """Base of every domain record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    GOVERNMENT = "government"
    MILITARY_UNIT = "military_unit"
    MEDIA = "media"
    GROUP = "group"


class EventType(StrEnum):
    STRIKE = "strike"
    SANCTION = "sanction"
    AID = "aid"
    DIPLOMACY = "diplomacy"
    INTERCEPT = "intercept"
    IMPACT = "impact"
    PERSONNEL = "personnel"
    TRADE = "trade"
    INCIDENT = "incident"
    OTHER = "other"


class Role(StrEnum):
    ATTACKER = "attacker"
    TARGET = "target"
    IMPOSER = "imposer"
    SANCTIONED = "sanctioned"
    DONOR = "donor"
    RECIPIENT = "recipient"
    INTERCEPTOR = "interceptor"
    PARTICIPANT = "participant"
    VICTIM = "victim"


class Stance(StrEnum):
    SUPPORTIVE = "supportive"
    CRITICAL = "critical"
    THREATENING = "threatening"
    DEMANDING = "demanding"
    NEUTRAL = "neutral"


class Evidence(Record):
    """A span of a document's text that supports a fact: ``text == doc.text[start:end]``."""

    document: str
    entry: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError("evidence end precedes start")
        return self


class Entry(Record):
    """One live-blog entry (or the whole body of an article): ``[start, end)`` of the document text."""

    id: str
    document: str
    index: int = Field(ge=0)
    headline: str | None = None
    published: dt.datetime | dt.date | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    content_hash: str = ""


class Document(Record):
    id: str
    source: str
    title: str | None = None
    published: dt.date | None = None
    text: str
    content_hash: str
    ingested_at: dt.datetime | None = None
    entries: tuple[Entry, ...] = ()


class Actor(Record):
    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None


class Location(Record):
    id: str
    name: str
    type: str | None = None  # country, region (oblast), city, ...
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None  # id of the enclosing region/country, when known
    aliases: tuple[str, ...] = ()


class Participant(Record):
    actor: str
    role: Role


class Event(Record):
    id: str
    type: EventType
    date: dt.date | None = None
    summary: str | None = None
    participants: tuple[Participant, ...] = ()
    locations: tuple[str, ...] = ()
    quantities: dict[str, float] = Field(default_factory=dict)
    confidence: float | None = None
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class Statement(Record):
    id: str
    speaker: str | None = None
    about: tuple[str, ...] = ()
    quote: str
    direct: bool = False
    date: dt.date | None = None
    stance: Stance | None = None
    channel: str | None = None  # media actor that carried it (never the speaker)
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class DocumentGraph(Record):
    """Everything extracted from one document: the unit a store upserts atomically."""

    document: Document
    actors: tuple[Actor, ...] = ()
    locations: tuple[Location, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
