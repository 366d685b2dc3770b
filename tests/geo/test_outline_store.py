"""The basemap outlines' stored form: the same outlines as the GeoJSON, never stale or broken."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from geo import outlines
from geo.exceptions import BasemapUnavailable
from geo.outlines import COUNTRIES_FILE, outline_layer

SQUARE = [[[30.0, 30.0], [31, 30.0], [31.0, 31.0], [30.0, 30.0]]]
HOLED = [[[40.0, 10.0], [44.0, 10.0], [44.0, 14.0], [40.0, 10.0]], [[41.0, 11.0], [42.0, 11.0], [42.0, 12.0],
                                                                    [41.0, 11.0]]]


def _write(path: Path, name: str, polygons: list[list[list[list[float]]]]) -> None:
    geometry = ({"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons})
    features = [{"type": "Feature", "properties": {"name": name, "iso_a2": "XA"}, "geometry": geometry},
                {"type": "Feature", "properties": {"name": "No shape"}, "geometry": None}]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def _stored(directory: Path) -> list[Path]:
    return sorted(directory.glob("outlines-*.npz"))


def test_the_stored_form_gives_back_every_country_exactly_as_the_source_has_it(tmp_path: Path) -> None:
    source = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))["features"]
    outline_layer(COUNTRIES_FILE, tmp_path)
    layer = outline_layer(COUNTRIES_FILE, tmp_path)  # from the stored form this time
    assert len(_stored(tmp_path)) == 1
    assert [layer.geometry(k) for k in range(len(layer))] == [f["geometry"] for f in source]
    assert list(layer.properties) == [f["properties"] for f in source]
    syria = next(k for k, p in enumerate(layer.properties) if p["iso_a2"] == "SY")
    west, south, east, north = layer.boxes[syria]
    assert 35.5 < west < 36 and 32 < south < 32.5 and 42 < east < 42.5 and 37 < north < 37.5
    assert syria in layer.overlapping(38.0, 34.0, 39.0, 35.0)
    assert not any(layer.properties[k]["iso_a2"] == "BR" for k in layer.overlapping(38.0, 34.0, 39.0, 35.0))


def test_rings_come_back_as_arrays_holes_included(tmp_path: Path) -> None:
    source = tmp_path / "shapes.json"
    _write(source, "Holed", [HOLED, SQUARE])
    layer = outline_layer(source, tmp_path)
    assert len(layer) == 1  # the feature without a geometry is left out
    rings = layer.rings(0)
    assert [ring.tolist() for ring in rings] == [HOLED[0], HOLED[1], SQUARE[0]]
    assert layer.boxes[0].tolist() == [30.0, 10.0, 44.0, 31.0]
    # An integer coordinate stays an integer in the geometry, as the source wrote it.
    assert layer.geometry(0)["coordinates"][1][0][1] == [31, 30.0]


def test_a_changed_source_is_read_anew(tmp_path: Path) -> None:
    source = tmp_path / "shapes.json"
    _write(source, "First", [SQUARE])
    assert outline_layer(source, tmp_path).properties[0]["name"] == "First"
    _write(source, "Second", [SQUARE])
    assert outline_layer(source, tmp_path).properties[0]["name"] == "Second"
    assert len(_stored(tmp_path)) == 2  # named for each content: the first is never read for the second


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other source"])
def test_a_broken_or_foreign_stored_form_is_never_used(tmp_path: Path, damage: str) -> None:
    source = tmp_path / "shapes.json"
    _write(source, "Real", [SQUARE])
    outline_layer(source, tmp_path)
    (stored,) = _stored(tmp_path)
    if damage == "truncated":
        stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 2])
    elif damage == "garbage":
        stored.write_bytes(b"not a numpy archive")
    else:  # a stored form of another file under this file's name
        other = tmp_path / "other" / "shapes.json"
        other.parent.mkdir()
        _write(other, "Impostor", [HOLED])
        outline_layer(other, other.parent)
        stored.write_bytes(_stored(other.parent)[0].read_bytes())
    layer = outline_layer(source, tmp_path)
    assert layer.properties[0]["name"] == "Real"
    assert [ring.tolist() for ring in layer.rings(0)] == SQUARE
    assert outline_layer(source, tmp_path).properties[0]["name"] == "Real"  # and it was written again, whole


def test_an_unwritable_directory_only_costs_speed(tmp_path: Path) -> None:
    source = tmp_path / "shapes.json"
    _write(source, "Real", [SQUARE])
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be")
    assert outline_layer(source, blocked).properties[0]["name"] == "Real"
    assert not list(tmp_path.glob("**/*.part"))


def test_a_missing_or_broken_source_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(BasemapUnavailable, match="missing.json: cannot read the basemap outlines .*restore"):
        outline_layer(tmp_path / "missing.json", tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"features": [', encoding="utf-8")
    with pytest.raises(BasemapUnavailable, match="broken.json: cannot read the basemap outlines"):
        outline_layer(broken, tmp_path)


def test_the_process_reads_the_shipped_layers_through_the_stored_form() -> None:
    layer = outlines.regions_layer()
    assert layer is outlines.regions_layer()
    assert layer.vertices.dtype == np.float64 and len(layer) > 4000
