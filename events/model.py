"""The typed, immutable model of an article, the events it reports, and their claims.

A dossier file is a :class:`Dossier`: one article and its events. Each event
carries one or more claims, and each claim carries the article's own words
with their character offsets (Unicode code points) into the article text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from events.limits import excerpt
from events.sourcing import (
    DateKind,
    DatePrecision,
    Evidence,
    EventType,
    Verification,
    vocabulary_help,
)
from geo.place import Precision

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|unknown)$"
DATE_FORMATS = "YYYY-MM-DD, YYYY-MM, YYYY or unknown"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Model):
    """A published article; its text lives in ``articles/`` beside its dossier."""

    id: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    published: date
    url: str | None = None
    path: str = Field(
        min_length=1,
        description="The article text, relative to the dossier's directory and inside it, "
        "e.g. articles/x.txt.",
    )


class EventDate(_Model):
    """A date as precise as the article gives it: a day, a month, a year, or unknown."""

    precision: DatePrecision
    start: date | None = None

    @property
    def end(self) -> date | None:
        """The last day the date covers (the same day when the precision is ``day``)."""
        if self.start is None:
            return None
        if self.precision is DatePrecision.YEAR:
            return date(self.start.year, 12, 31)
        if self.precision is DatePrecision.MONTH:
            last_day = calendar.monthrange(self.start.year, self.start.month)[1]
            return date(self.start.year, self.start.month, last_day)
        return self.start

    def __str__(self) -> str:
        if self.start is None:
            return "unknown"
        digits = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(self.precision, 10)
        return self.start.isoformat()[:digits]


def event_date_from_text(value: object) -> EventDate:
    """Read ``2016-03-24``, ``2016-03``, ``2016`` or ``unknown`` (as YAML gives them)."""
    if isinstance(value, EventDate):
        return value
    if isinstance(value, date):
        return EventDate(precision=DatePrecision.DAY, start=value)
    # Only a scalar is spelled out: a list of a million items is never turned into text.
    text = str(value).strip() if isinstance(value, (str, int, float)) else ""
    if not re.fullmatch(DATE_PATTERN, text):
        raise ValueError(f"{excerpt(text or value)} is not a date; write {DATE_FORMATS}")
    if text == "unknown":
        return EventDate(precision=DatePrecision.UNKNOWN)
    parts = [int(part) for part in text.split("-")]
    precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(parts) - 1]
    year, month, day = (parts + [1, 1])[:3]
    try:
        start = date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date ({error}); write {DATE_FORMATS}") from None
    return EventDate(precision=precision, start=start)


DossierDate = Annotated[
    EventDate,
    BeforeValidator(event_date_from_text),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN, "description": DATE_FORMATS}),
]


class PlaceRole(StrEnum):
    """What a place is to an event."""

    LOCATION = "location"
    ORIGIN = "origin"
    DESTINATION = "destination"


class PlaceOverride(_Model):
    """An editor's coordinates for a place; they win over any geocoder."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision: Precision
    note: str = ""


class PlaceRef(_Model):
    """A place as the article names it, and its role in the event."""

    name: str = Field(min_length=1, description="The name exactly as the article writes it.")
    role: PlaceRole = PlaceRole.LOCATION
    override: PlaceOverride | None = None


class Quote(_Model):
    """The article's own words, and where they stand in its text."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(gt=0)

    @model_validator(mode="after")
    def _end_after_start(self) -> Quote:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be greater than start {self.start}")
        return self


class Claim(_Model):
    """Who asserts an event, on what evidence, how verified, and through whom it reached us."""

    claimant: str = Field(min_length=1)
    evidence: Evidence = Field(description=vocabulary_help(Evidence))
    verification: Verification = Field(description=vocabulary_help(Verification))
    chain: tuple[str, ...] = Field(
        min_length=1,
        description="The attribution chain from the origin to this article, "
        'e.g. ["ISIS defector", "Sky News", "Global News"].',
    )
    accused: str | None = None
    quote: Quote
    note: str = Field(default="", description="An editor's note on this claim's sourcing.")


class Event(_Model):
    """One thing the article reports, with every claim that supports it."""

    id: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    event_type: EventType = Field(description=vocabulary_help(EventType))
    date: DossierDate
    date_kind: DateKind = Field(description=vocabulary_help(DateKind))
    places: tuple[PlaceRef, ...] = Field(min_length=1)
    actors: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = Field(min_length=1)

    @property
    def location(self) -> PlaceRef:
        """The place the event is drawn at: its location, else its origin, else the first."""
        for role in (PlaceRole.LOCATION, PlaceRole.ORIGIN):
            for place in self.places:
                if place.role is role:
                    return place
        return self.places[0]


class Dossier(_Model):
    """One dossier file: an article and the events it reports."""

    article: Article
    events: tuple[Event, ...] = ()
