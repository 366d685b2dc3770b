"""The places an article names, found by geo's own parser and resolved in the article's context.

Each mention keeps its exact span, the resolved place with its precision, the top
candidates an editor may switch to, and what the words before it say of its role
("from Palmyra" is an origin, "to Raqqa province" a destination). A demonym
("Syrian forces") says whose, not where, and is no place of an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from events.model import PlaceRole
from geo.gazetteer import MATCH_DEMONYM, gazetteer, name_key
from geo.parsing import toponym_spans
from geo.place import Candidate, Place, Precision
from geo.resolution import ArticleContext, place_from_name

TOP_CANDIDATES = 5
_ORIGIN_WORDS = re.compile(r"\bfrom\s+(?:(?:in|and|around|near|the|city|town|of|areas?|outside)\s+){0,5}$", re.IGNORECASE)
_DESTINATION_WORDS = re.compile(r"\b(?:to|into|towards?|for)\s+(?:the\s+(?:city|town|province|region)\s+of\s+)?(?:the\s+)?$", re.IGNORECASE)


class PlaceCandidate(BaseModel):
    """A place an editor may choose for a name, with a label that tells it from its namesakes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision: Precision
    country_code: str | None = None
    label: str


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name at ``text[start:end]`` (feature word included: "Raqqa province") and where it is."""

    start: int
    end: int
    name: str
    place: Place
    is_demonym: bool
    role: PlaceRole

    @property
    def key(self) -> str:
        """What tells two mentions of one place apart from two places."""
        return f"{self.place.name}|{self.place.lat}|{self.place.lon}" if self.place.found else name_key(self.name)

    @property
    def is_sure(self) -> bool:
        """Found, and clearly ahead of the next candidate."""
        scores = [c.score for c in self.place.candidates[:2]]
        return self.place.found and (len(scores) < 2 or scores[0] - scores[1] >= 1.0)


def place_mentions(text: str) -> list[PlaceMention]:
    """Every place name in ``text``, in order, resolved in the article's context."""
    index = gazetteer()
    context = ArticleContext.from_text(text)
    resolved: dict[str, Place] = {}
    mentions = []
    for span in toponym_spans(text, index):
        name = span.query if text[span.start : span.start + len(span.query)] == span.query else span.name
        if name not in resolved:
            resolved[name] = place_from_name(name, context)
        entries = index.entries_by_key(name_key(span.name))
        demonym = bool(entries) and all(entry.match == MATCH_DEMONYM for entry in entries)
        end = span.start + len(name)
        mentions.append(PlaceMention(span.start, end, name, resolved[name], demonym, _role(text, span.start)))
    return mentions


def candidates_of(place: Place) -> tuple[PlaceCandidate, ...]:
    """The top candidates weighed for a place, best first, labelled for a person to choose from."""
    return tuple(_candidate(c) for c in place.candidates[:TOP_CANDIDATES])


def _candidate(candidate: Candidate) -> PlaceCandidate:
    within = ", ".join(part for part in (candidate.admin1, candidate.country_code) if part and part != candidate.name)
    label = f"{candidate.name} ({candidate.precision.value}{', ' + within if within else ''})"
    return PlaceCandidate(
        name=candidate.name,
        lat=candidate.lat,
        lon=candidate.lon,
        precision=candidate.precision,
        country_code=candidate.country_code,
        label=label,
    )


def _role(text: str, start: int) -> PlaceRole:
    before = text[max(0, start - 60) : start]
    if _ORIGIN_WORDS.search(before):
        return PlaceRole.ORIGIN
    if _DESTINATION_WORDS.search(before):
        return PlaceRole.DESTINATION
    return PlaceRole.LOCATION
