"""GeoNames' own points and features, read from the tables shipped under assets/gazetteer/.

The PyPI sources of the gazetteer lack GeoNames' representative points of countries and
first-level regions, the features GeoNames puts in no country (seas, oceans, gulfs,
multi-country regions such as the Middle East), and the countries each country borders.
scripts/build_gazetteer_tables.py builds these tables from copies of GeoNames files;
assets/gazetteer/README.md gives provenance, licence (CC BY 4.0, GeoNames) and limits.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TABLES_DIR = Path(__file__).resolve().parents[1] / "assets" / "gazetteer"
COUNTRIES_FILE = TABLES_DIR / "countries.tsv"
ADMIN1_FILE = TABLES_DIR / "admin1.tsv"
BEYOND_COUNTRIES_FILE = TABLES_DIR / "beyond-countries.tsv"
NEIGHBOURS_FILE = TABLES_DIR / "neighbours.tsv"
# The tables compiled into the index; the neighbours are read when names are resolved.
TABLE_FILES = (COUNTRIES_FILE, ADMIN1_FILE, BEYOND_COUNTRIES_FILE)

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature outside every country: its GeoNames id, name, class.code, point, names."""

    geonameid: int
    name: str
    feature: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def country_points() -> dict[str, Point]:
    """GeoNames' point of each country, by ISO 3166-1 alpha-2 code."""
    return {row["iso"]: (float(row["lat"]), float(row["lon"])) for row in _rows(COUNTRIES_FILE)}


def admin1_points() -> dict[int, Point]:
    """GeoNames' point of each first-level region, by the region's GeoNames id."""
    return {int(row["geonameid"]): (float(row["lat"]), float(row["lon"])) for row in _rows(ADMIN1_FILE)}


def features_beyond_countries() -> list[Feature]:
    return [
        Feature(int(row["geonameid"]), row["name"], row["feature"], float(row["lat"]), float(row["lon"]),
                int(row["population"] or 0), tuple(n for n in row["names"].split("|") if n))
        for row in _rows(BEYOND_COUNTRIES_FILE)
    ]


def neighbours() -> dict[str, frozenset[str]]:
    """The ISO codes of the countries each country borders, as GeoNames' country table gives them."""
    return {row["iso"]: frozenset(row["neighbours"].split(",")) for row in _rows(NEIGHBOURS_FILE)}
