"""The typed result of place resolution: a place with its precision and provenance."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Precision(StrEnum):
    """How exactly a place's coordinates locate what the article named.

    Only ``exact`` and ``city`` may be drawn as a point; a ``region`` or a
    ``country`` is an area, and its coordinates are only a label anchor.
    """

    EXACT = "exact"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"

    @property
    def is_point(self) -> bool:
        return self in (Precision.EXACT, Precision.CITY)


class Candidate(BaseModel):
    """One gazetteer entry weighed for a name, with the score it got."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision: Precision
    country_code: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    score: float = 0.0


class Place(BaseModel):
    """A name resolved (or not) to a place.

    ``resolver`` says what placed it (``"gazetteer"``, ``"nominatim"``,
    ``"editor"`` for a dossier override); ``note`` carries anything a reader
    should know, such as a fallback after an online geocoder failed.
    A place that was not found has ``lat``/``lon``/``precision`` of ``None``
    and still lists the candidates it weighed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    query: str
    name: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    precision: Precision | None = None
    country_code: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    resolver: str
    candidates: tuple[Candidate, ...] = ()
    note: str = ""

    @property
    def found(self) -> bool:
        return self.lat is not None and self.lon is not None and self.precision is not None
