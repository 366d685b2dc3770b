"""The shipped outlines: found by GeoNames id or by the names articles and gazetteers use."""

from __future__ import annotations

from typing import Any

import pytest

from geo.outlines import country_code_of, country_outline, normalised_name, region_outline


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def _contains(geometry: dict[str, Any], lat: float, lon: float) -> bool:
    """Even-odd ray casting over the outer rings (enough for points well inside or outside)."""
    inside = False
    for ring in _rings(geometry):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


@pytest.mark.parametrize(
    ("query", "expected_name", "expected_geonameid"),
    [
        ({"geonameid": 172957}, "Ar Raqqah", 172957),
        ({"name": "Raqqa Governorate"}, "Ar Raqqah", 172957),
        ({"name": "Ar-Raqqah"}, "Ar Raqqah", 172957),
        ({"name": "Deir ez-Zor Governorate"}, "Dayr Az Zawr", 170792),
        ({"name": "Homs"}, "Homs (Hims)", 169575),
        ({"name": "Aleppo Governorate"}, "Aleppo", 170062),
        ({"name": "Rif Dimashq"}, "Rif Dimashq", 170652),
        ({"name": "Al-Hasakah Governorate"}, "Hasaka (Al Haksa)", 173813),
        # The id wins over a name that points elsewhere.
        ({"geonameid": 172957, "name": "Homs"}, "Ar Raqqah", 172957),
    ],
)
def test_syrian_governorates_resolve_to_their_natural_earth_region(
    query: dict[str, Any], expected_name: str, expected_geonameid: int
) -> None:
    outline = region_outline("SY", **query)
    assert outline is not None
    assert (outline.name, outline.geonameid, outline.country_code) == (expected_name, expected_geonameid, "SY")


def test_a_region_name_only_matches_within_its_country() -> None:
    assert region_outline("IQ", name="Raqqa") is None
    nineveh = region_outline("IQ", name="Nineveh")
    assert nineveh is not None and nineveh.name == "Ninawa"


@pytest.mark.parametrize(
    ("country", "name", "inside", "outside"),
    [
        ("SY", "Raqqa", (35.9506, 39.0094), (36.2012, 37.1612)),  # Raqqa city in; Aleppo out
        ("SY", "Homs", (34.5624, 38.2840), (35.9506, 39.0094)),  # Palmyra (Tadmur) in; Raqqa out
        ("IQ", "Nineveh", (36.3350, 43.1189), (33.3406, 44.4009)),  # Mosul in; Baghdad out
    ],
)
def test_region_outline_contains_its_cities(
    country: str, name: str, inside: tuple[float, float], outside: tuple[float, float]
) -> None:
    outline = region_outline(country, name=name)
    assert outline is not None
    assert _contains(outline.geometry, *inside)
    assert not _contains(outline.geometry, *outside)


@pytest.mark.parametrize(
    ("code", "name", "inside", "outside"),
    [
        ("SY", "Syria", (33.5138, 36.2765), (33.8938, 35.5018)),  # Damascus in; Beirut out
        ("sy", "Syria", (36.2012, 37.1612), (37.0662, 37.3833)),  # Aleppo in; Gaziantep out
        ("IQ", "Iraq", (33.3406, 44.4009), (35.6892, 51.3890)),  # Baghdad in; Tehran out
    ],
)
def test_country_outline_contains_its_capital(
    code: str, name: str, inside: tuple[float, float], outside: tuple[float, float]
) -> None:
    outline = country_outline(code)
    assert outline is not None
    assert outline.name == name
    assert _contains(outline.geometry, *inside)
    assert not _contains(outline.geometry, *outside)


@pytest.mark.parametrize(
    ("country", "query"),
    [("XX", {}), ("SY", {"name": "Atlantis"}), ("SY", {"geonameid": 1}), ("SY", {})],
)
def test_unknown_areas_have_no_outline(country: str, query: dict[str, Any]) -> None:
    assert region_outline(country, **query) is None
    if country == "XX":
        assert country_outline(country) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Raqqa Governorate", "raqqa"),
        ("Ar-Raqqah", "raqqah"),
        ("Homs (Hims)", "homs"),
        ("Dar`a", "dar a"),
        ("Ḥalab", "halab"),
        ("Deir ez-Zor", "deir ez zor"),
    ],
)
def test_names_are_folded_for_matching(name: str, expected: str) -> None:
    assert normalised_name(name) == expected


@pytest.mark.parametrize(("name", "code"), [("Syria", "SY"), ("syria", "SY"), ("Atlantis", None)])
def test_country_code_of_a_country_name(name: str, code: str | None) -> None:
    assert country_code_of(name) == code
