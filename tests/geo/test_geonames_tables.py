"""The shipped GeoNames tables: what they hold, and that the project's script rebuilds them."""

import importlib.util
import math
from pathlib import Path

import pytest

from geo.aliases import AREA_ALIASES, AREA_DEMONYMS
from geo.gazetteer import Gazetteer
from geo.geonames_tables import (
    NEIGHBOURS_FILE, TABLE_FILES, admin1_points, country_points, features_beyond_countries, neighbours,
)
from geo.place import Precision
from geo.resolution import ArticleContext, place_from_name

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCES = REPO_ROOT / ".." / "shared" / "gazetteer-sources"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_country_points_are_geonames_own_to_the_degree() -> None:
    points = country_points()
    # GeoNames: Canada 60.10867,-113.64258; the United States 39.76,-98.5.
    assert km(*points["CA"], 60.10867, -113.64258) < 80
    assert km(*points["US"], 39.76, -98.5) < 80
    assert len(points) == 193


def test_admin1_points_are_geonames_own_to_a_tenth_of_a_degree() -> None:
    points = admin1_points()
    assert points[5883102] == (52.3, -117.5)  # Alberta
    assert len(points) > 3800


def test_features_beyond_countries_keep_seas_and_regions_not_undersea_features() -> None:
    features = {f.name: f for f in features_beyond_countries()}
    assert features["Middle East"].feature == "L.RGN"
    assert features["Red Sea"].feature == "H.SEA"
    assert "Arabian Gulf" in features["Persian Gulf"].names
    assert not any(f.feature.startswith("U.") for f in features.values())


@pytest.mark.parametrize(
    ("name", "lat", "lon", "within_km"),
    [
        ("Canada", 60.10867, -113.64258, 80),
        ("Alberta", 52.3, -117.5, 15),
        ("Queensland", -20.0, 145.0, 15),
        ("Middle East", 33.13906, 35.85869, 1),
        ("Mediterranean Sea", 35.0, 20.0, 1),
        ("Horn of Africa", 9.0, 47.99878, 1),
        ("Europe", 48.69096, 9.14062, 1),
    ],
)
def test_countries_regions_and_wider_areas_take_geonames_points(
    index: Gazetteer, name: str, lat: float, lon: float, within_km: float
) -> None:
    place = place_from_name(name)
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, lat, lon) <= within_km


@pytest.mark.parametrize("name", ["Red Sea", "Persian Gulf", "Gulf of Aden", "Balkans", "Sahel", "Soviet Union"])
def test_seas_and_multi_country_regions_are_areas_never_points(index: Gazetteer, name: str) -> None:
    place = place_from_name(name)
    assert (place.precision, place.country_code) == (Precision.COUNTRY, None)
    assert place.note.startswith("an area outside any one country")


def test_build_script_rebuilds_the_shipped_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not SOURCES.exists():
        pytest.skip(f"{SOURCES} is absent")
    spec = importlib.util.spec_from_file_location("build_tables", REPO_ROOT / "scripts" / "build_gazetteer_tables.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "OUT", tmp_path)
    monkeypatch.setattr(script, "REPO_ROOT", tmp_path)
    monkeypatch.setattr("sys.argv", ["build", str(SOURCES)])
    script.main()
    for shipped in (*TABLE_FILES, NEIGHBOURS_FILE):
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes()


def test_neighbours_are_geonames_own_borders_territories_included() -> None:
    borders = neighbours()
    assert borders["IL"] == {"SY", "JO", "LB", "EG", "PS"}
    assert borders["PS"] == {"JO", "IL", "EG"}
    assert borders["US"] == {"CA", "MX", "CU"}
    assert "AU" not in borders  # an island continent borders no country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Soviet troops left Afghanistan in 1989.", "Soviet"),
        ("Two years later the Soviet Union collapsed.", "Soviet Union"),
        ("The USSR had lost 15,000 men.", "USSR"),
    ],
)
def test_a_former_state_is_found_and_is_an_area_with_geonames_own_point(index: Gazetteer, text: str, name: str) -> None:
    from geo.parsing import toponym_spans

    assert name in [span.name for span in toponym_spans(text, index)]
    place = place_from_name(name, ArticleContext.from_text(text))
    assert (place.geonameid, place.precision, place.country_code) == (8354411, Precision.COUNTRY, None)
    assert (place.lat, place.lon) == (60.0, 98.0)


def test_every_area_alias_names_a_shipped_feature() -> None:
    shipped = {f.geonameid for f in features_beyond_countries()}
    assert set(AREA_ALIASES) | set(AREA_DEMONYMS) <= shipped


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Pacific", 2363254), ("South Pacific", 4030483), ("North Atlantic", 3411923), ("Mediterranean", 363196)],
)
def test_oceans_and_seas_go_by_their_short_names(index: Gazetteer, name: str, geonameid: int) -> None:
    place = place_from_name(name, ArticleContext.from_text(f"The ship sank in the {name} on Monday."))
    assert (place.geonameid, place.precision, place.country_code) == (geonameid, Precision.COUNTRY, None)


@pytest.mark.parametrize("name", ["Red Sea", "Middle East", "Pacific Ocean", "South Pacific", "EU", "USSR", "Baltic"])
def test_an_area_outside_any_country_is_listed_never_drawn_as_a_pin(index: Gazetteer, name: str) -> None:
    from geo.maps.leaflet import MapItem, placement_of_items

    item = MapItem(id="item", title=f"Ships turned back in the {name}", place=place_from_name(name))
    placement = placement_of_items([item])
    assert (placement.drawn, placement.country_wide) == ((), ("item",))
