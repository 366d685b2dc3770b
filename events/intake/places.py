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
from geo.gazetteer import MATCH_DEMONYM, MATCH_MAIN, Entry, gazetteer, name_key
from geo.parsing import toponym_spans
from geo.place import Candidate, Place, Precision
from geo.resolution import ArticleContext, place_from_name

TOP_CANDIDATES = 5
_ORIGIN_WORDS = re.compile(r"\bfrom\s+(?:(?:in|and|around|near|the|city|town|of|areas?|outside)\s+){0,5}$", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|into|from|to|outside|across|around|towards?|inside|throughout|between|of|on|hit|struck|"
    r"shelled|bombed|attacked|captured|seized|took|retook|entered|stormed|targeted)\s+"
    r"(?:(?:the|rural|central|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?)\s+)*$",
    re.IGNORECASE,
)
# "MOGADISHU (HOL) -", "NEW YORK (Reuters) -", "MEXICO CITY-": where the story was filed, not where it happened.
_LIST_JOIN = re.compile(r"^(?:,\s*|,?\s+(?:and|or|&)\s+)$")
_DATELINE = re.compile(r"^[A-Z][\w.'’ ,]{1,40}?\s*(?:\([^)\n]{1,40}\)\s*[-–—]+|[-–—]+)\s")
_ALL_CAPS_DATELINE = re.compile(r"^[A-Z][A-Z.'’ ,]{1,40}[-–—]")
_CALENDAR = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b"
)
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
    names_where: bool = True
    """False where the name only says whose or who: "Syrian forces", "Mexico's minister",
    "Jalisco New Generation Cartel", "al-Shabab", a dateline."""
    is_announced: bool = False
    """A preposition or a verb of attack says this is where something happened: "in Aleppo", "shelled Goma"."""

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
    mentions: list[PlaceMention] = []
    for span in toponym_spans(text, index):
        name = span.query if text[span.start : span.start + len(span.query)] == span.query else span.name
        query = context.query_of(span, name)
        if query not in resolved:
            resolved[query] = place_from_name(query, context)
        entries = index.entries_by_key(name_key(span.name))
        demonym = bool(entries) and all(entry.match == MATCH_DEMONYM for entry in entries)
        end = span.start + len(name)
        place = resolved[query]
        where = not demonym and _names_where(text, span.start, end, place, entries)
        announced = bool(_LOCATIVE.search(text[max(0, span.start - 40) : span.start])) or (
            # "in Beni and Butembo", "in Kunlong, Laukkai and Naungkio": a list shares its preposition.
            bool(mentions) and mentions[-1].is_announced and bool(_LIST_JOIN.match(text[mentions[-1].end : span.start]))
        )
        mentions.append(
            PlaceMention(span.start, end, name, place, demonym, _role(text, span.start), where, announced)
        )
    return mentions


def _not_its_own_name(entries: tuple[Entry, ...], place: Place) -> bool:
    """Whether no entry of the name is the resolved place under its own name."""
    return not any(e.match == MATCH_MAIN and e.name == place.name for e in entries)


def _names_where(text: str, start: int, end: int, place: Place, entries: tuple[Entry, ...]) -> bool:
    """Whether a name found as a place says where, rather than whose or who."""
    before, after = text[max(0, start - 1) : start], text[end : end + 40]
    if before == "-" or after.startswith("-"):
        return False  # "al-Shabab", "Israel-Hamas war", "Russia-based": part of a compound word
    if place.precision is Precision.COUNTRY and after.startswith(("'s", "’s")):
        return False  # "Lebanon's state-run agency": whose
    next_word = re.match(r" ([A-Z][\w’'-]*)", after)
    if next_word and not _CALENDAR.match(next_word.group(1)):
        return False  # "Jalisco New Generation Cartel", "Aden Yabal District": a longer name
    if "." in text[start:end] and place.precision in (Precision.CITY, Precision.EXACT):
        return False  # "U.N." is an abbreviation, not a town
    if any(e.match == MATCH_DEMONYM and e.name == place.name for e in entries) and _not_its_own_name(entries, place):
        return False  # "Somali forces", "its Spanish acronym": an adjective, resolved through its demonym
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start : line_start + 60]
    dateline = _DATELINE.match(line) or _ALL_CAPS_DATELINE.match(line)
    return not (dateline and start < line_start + dateline.end())


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
