"""The value objects an event mention carries on its trigger span (``span._.event``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")
STATUSES = ("occurred", "ongoing", "planned", "hypothetical", "negated", "denied", "reported")


@dataclass
class EventDate:
    """When an event happened: a TIMEX3 value with its interval (ISO strings) and where it came from."""

    value: str
    granularity: str
    start: str | None
    end: str | None
    text: str | None
    anchor: str  # "expression" | "discourse" | "publication"


@dataclass
class Entity:
    """A participant or a location, canonicalized within the article."""

    name: str
    type: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None


@dataclass
class EventMention:
    """Everything the pipeline learns about one event mention; components fill it step by step."""

    lemma: str
    cls: str = "OCCURRENCE"
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str | None = None
    status: str = "occurred"
    reported_by: str | None = None
    date: EventDate | None = None
    participants: list[Entity] = field(default_factory=list)
    locations: list[Entity] = field(default_factory=list)
    title: str = ""
    confidence: float = 0.5
    timeline: bool = True


if not Span.has_extension("event"):
    Span.set_extension("event", default=None)
