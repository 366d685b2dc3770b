"""Country and first-level region outlines from the shipped offline basemap.

The outlines are Natural Earth's 1:10m admin-1 states and provinces, simplified
(see ``assets/basemap/README.md``); countries are those regions dissolved by
ISO code, so the two layers share their borders.

    country_outline("SY")                         -> Outline of Syria
    region_outline("SY", geonameid=172957)        -> Outline of Ar Raqqah
    region_outline("SY", name="Raqqa Governorate") -> the same region

A region is matched by its GeoNames id first (Natural Earth carries ``gn_id``),
then by its normalised name or alternative names within the country.
Both return ``None`` when nothing matches.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from geo.exceptions import BasemapUnavailable

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "assets" / "basemap"
COUNTRIES_FILE = BASEMAP_DIR / "countries.json"
REGIONS_FILE = BASEMAP_DIR / "admin1.json"

# Words a gazetteer or an article adds to a region's name that Natural Earth leaves out.
_GENERIC_WORDS = frozenset(
    {"governorate", "province", "provincia", "region", "state", "district", "muhafazat", "wilayat", "oblast"}
)
_ARABIC_ARTICLES = frozenset({"al", "ar", "as", "ad", "ash", "an", "az", "at", "el", "es", "ed", "er"})


class Outline(BaseModel):
    """A named area's GeoJSON geometry (``Polygon`` or ``MultiPolygon``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    country_code: str
    geonameid: int | None = None
    geometry: dict[str, Any]


def country_outline(country_code: str) -> Outline | None:
    """The outline of a country given its ISO 3166-1 alpha-2 code."""
    return _countries().get(country_code.upper())


def country_code_of(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country named as the basemap names it ("Syria")."""
    folded = normalised_name(name)
    return next((code for code, outline in _countries().items()
                 if normalised_name(outline.name) == folded), None)


def region_outline(
    country_code: str, name: str | None = None, geonameid: int | None = None
) -> Outline | None:
    """The outline of a first-level region, by GeoNames id, else by name within the country."""
    index = _regions()
    if geonameid is not None and geonameid in index.by_geonameid:
        return index.by_geonameid[geonameid]
    if name is None:
        return None
    return index.by_name.get((country_code.upper(), normalised_name(name)))


def normalised_name(name: str) -> str:
    """A region name folded for matching: no accents, case, punctuation, articles or 'governorate'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"\([^)]*\)", " ", folded)
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    words = [w for w in words if w not in _GENERIC_WORDS]
    if len(words) > 1 and words[0] in _ARABIC_ARTICLES:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class _RegionIndex:
    by_geonameid: dict[int, Outline]
    by_name: dict[tuple[str, str], Outline]


def _read_features(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as stream:
            features: list[dict[str, Any]] = json.load(stream)["features"]
    except (OSError, ValueError, KeyError) as error:
        raise BasemapUnavailable(
            f"{path}: cannot read the basemap outlines ({error}); restore the file from the repository"
        ) from error
    return [f for f in features if f.get("geometry")]


@lru_cache(maxsize=1)
def _countries() -> dict[str, Outline]:
    outlines: dict[str, Outline] = {}
    for feature in _read_features(COUNTRIES_FILE):
        code = str(feature["properties"].get("iso_a2") or "")
        if len(code) == 2:
            name = str(feature["properties"].get("admin") or code)
            outlines[code] = Outline(name=name, country_code=code, geometry=feature["geometry"])
    return outlines


def _region_names(properties: dict[str, Any]) -> set[str]:
    names = {properties.get("name"), properties.get("name_en")}
    names.update(str(properties.get("name_alt") or "").split("|"))
    folded = {normalised_name(n) for n in names if n}
    return {n for n in folded if n}


@lru_cache(maxsize=1)
def _regions() -> _RegionIndex:
    by_geonameid: dict[int, Outline] = {}
    by_name: dict[tuple[str, str], Outline] = {}
    for feature in _read_features(REGIONS_FILE):
        properties = feature["properties"]
        code = str(properties.get("iso_a2") or "").upper()
        gn_id = properties.get("gn_id")
        outline = Outline(
            name=str(properties.get("name") or ""),
            country_code=code,
            geonameid=gn_id if isinstance(gn_id, int) and gn_id > 0 else None,
            geometry=feature["geometry"],
        )
        if outline.geonameid is not None:
            by_geonameid.setdefault(outline.geonameid, outline)
        for name in _region_names(properties):
            by_name.setdefault((code, name), outline)
    return _RegionIndex(by_geonameid=by_geonameid, by_name=by_name)
