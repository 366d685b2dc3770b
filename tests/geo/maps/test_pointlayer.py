"""The compact context layer: what it ships, and that regions never become points."""

import datetime
import json
import re
from pathlib import Path

import folium
import pytest

from geo.place import Precision
from geo.maps.pointlayer import (REGION_MARKER, Mark, PointColumns, PointIndex, PointStyle, Spot,
                                 floor_bytes, layer_payload, point_columns, point_index,
                                 point_layer, spot_from_click)
from map_fixtures import HOSTILE, node_syntax_error

STYLES = [PointStyle("Battles", "#d95f02"), PointStyle("Battles", "#d95f02", near=True)]


def _columns(*rows: tuple[str, float, float, str, str, Precision, int],
             dates: tuple[datetime.date, ...] | None = None) -> PointIndex:
    return point_index(point_columns(
        ids=[r[0] for r in rows], lats=[r[1] for r in rows], lons=[r[2] for r in rows],
        places=[r[3] for r in rows], regions=[r[4] for r in rows],
        precisions=[r[5] for r in rows], styles=[r[6] for r in rows],
        dates=dates or (datetime.date(2016, 5, 2),) * len(rows)))


TADMUR = ("SYR1", 34.5608, 38.2805, "Tadmur", "Homs", Precision.CITY, 0)
TADMUR_AGAIN = ("SYR2", 34.5608, 38.2805, "Tadmur", "Homs", Precision.CITY, 1)
RAQQA_PROVINCE = ("SYR3", 35.9528, 39.0079, "Ar-Raqqa", "Ar-Raqqa", Precision.REGION, 0)
RAQQA_PROVINCE_2 = ("SYR4", 35.9528, 39.0079, "Ar-Raqqa", "Ar-Raqqa", Precision.REGION, 0)


def _payload(columns: PointIndex, rows: list[int] | None = None) -> dict[str, object]:
    chosen = range(len(columns)) if rows is None else rows
    return json.loads(layer_payload(columns, STYLES, chosen))  # type: ignore[no-any-return]


def test_events_at_one_town_share_one_place_and_one_mark_per_style() -> None:
    third = ("SYR5", 34.5608, 38.2805, "Tadmur", "Homs", Precision.CITY, 0)
    columns = _columns(TADMUR, TADMUR_AGAIN, third, dates=(datetime.date(2016, 5, 2),
                                                           datetime.date(2016, 5, 2),
                                                           datetime.date(2016, 5, 9)))
    payload = _payload(columns)
    # lat, lon, name, and the place's whole-number pixel at zoom 18 (x, y)
    assert payload["places"] == [[34.5608, 38.2805, "Tadmur", 40690434, 26681357]]
    # place, style, count, first day, last day (days since 1970-01-01)
    assert payload["marks"] == [0, 0, 2, 16923, 16930, 0, 1, 1, 16923, 16923]
    assert payload["ids"] == ["SYR1", "SYR5", "SYR2"]


def test_region_events_are_one_area_with_their_ids_and_never_points() -> None:
    payload = _payload(_columns(TADMUR, RAQQA_PROVINCE, RAQQA_PROVINCE_2))
    assert payload["ids"] == ["SYR1"]
    assert payload["regions"] == [{"name": "Ar-Raqqa", "lat": 35.9528, "lon": 39.0079,
                                   "radius": 40000, "geometry": None, "ids": ["SYR3", "SYR4"]}]


def test_a_region_with_an_outline_ships_it_for_its_area() -> None:
    square = {"type": "Polygon", "coordinates": [[[38, 35], [40, 35], [40, 37], [38, 35]]]}
    text = layer_payload(_columns(RAQQA_PROVINCE), STYLES, [0], {"Ar-Raqqa": square})
    assert json.loads(text)["regions"][0]["geometry"] == square


def test_only_the_chosen_rows_are_shipped() -> None:
    payload = _payload(_columns(TADMUR, TADMUR_AGAIN, RAQQA_PROVINCE), rows=[1])
    assert (payload["ids"], payload["regions"]) == (["SYR2"], [])


@pytest.mark.parametrize("hostile", [
    HOSTILE, "</script><script>alert(1)</script>", "a\u2028b", "x & y",
    # streamlit-folium rewrites `_<name>` and `{{'name'}}` in the feature group's script.
    "feature_group_feature_group_0 {{'map'}}",
])
def test_text_cannot_end_the_script_or_be_rewritten(hostile: str) -> None:
    text = layer_payload(_columns((hostile, 34.0, 38.0, hostile, hostile, Precision.CITY, 0)),
                         STYLES, [0])
    assert not set(text) & set("<>&'_\u2028\u2029")
    assert json.loads(text)["ids"] == [hostile]
    assert json.loads(text)["places"][0][:3] == [34.0, 38.0, hostile]


def test_hostile_text_leaves_the_layer_script_valid(tmp_path: Path) -> None:
    group = point_layer(_columns((HOSTILE, 34.0, 38.0, HOSTILE, HOSTILE, Precision.CITY, 0),
                                 (HOSTILE + "2", 35.0, 39.0, HOSTILE, HOSTILE, Precision.REGION, 0)),
                        STYLES)
    folium_map = folium.Map(tiles=None)
    group.add_to(folium_map)
    scripts = re.findall(r"<script>(.*?)</script>", folium_map.get_root().render(), re.S)
    assert [node_syntax_error(script, tmp_path) for script in scripts] == [""] * len(scripts)


def test_the_layer_script_reads_the_payload_into_its_own_group() -> None:
    group = point_layer(_columns(TADMUR), STYLES)
    folium_map = folium.Map(tiles=None)
    group.add_to(folium_map)
    html = folium_map.get_root().render()
    assert f"}})({group.get_name()}, {{" in html
    assert '"ids":["SYR1"]' in html
    assert "const MarkCloud = L.Path.extend(" in html


def test_floor_counts_ids_and_four_decimal_coordinates() -> None:
    assert floor_bytes(_columns(TADMUR)) == len("SYR1") + len("34.5608") + len("38.2805")


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match=r"columns differ in length \(\[1, 2\]\)"):
        PointColumns(ids=("a", "b"), lats=(1.0,), lons=(1.0,), places=("p",), regions=("r",),
                     points=(True,), styles=(0,), days=(16923,))


@pytest.mark.parametrize(("returned", "spot"), [
    # A mark: its tooltip is the mark's own text, and the click reports the mark's place.
    ({"last_object_clicked": {"lat": 34.5608, "lng": 38.2805},
      "last_object_clicked_tooltip": "Tadmur2 events, 2016-05-02Battles"},
     Spot(34.5608, 38.2805, region=False)),
    # A region area: its group's tooltip ends with the hidden marker; the place is its anchor.
    ({"last_object_clicked": {"lat": 35.9528, "lng": 39.0079},
      "last_object_clicked_tooltip": f"Ar-Raqqa1 events located only to this region{REGION_MARKER}"},
     Spot(35.9528, 39.0079, region=True)),
    ({"last_object_clicked": {"lat": 35.9528, "lng": 39.0079}}, Spot(35.9528, 39.0079, region=False)),
    # A mark says its zoom, cell and style in a hidden marker, as pointlayer.js writes it.
    ({"last_object_clicked": {"lat": 34.5608, "lng": 38.2805},
      "last_object_clicked_tooltip": "near Tadmur1 event, 2016-05-10Battles\u27eamark 7 254 162 1\u27eb"},
     Spot(34.5608, 38.2805, region=False, mark=Mark(7, 254, 162, 1))),
    ({"last_object_clicked": None, "last_object_clicked_tooltip": REGION_MARKER}, None),
    ({}, None),
    (None, None),
])
def test_a_click_is_a_mark_or_a_region_area_by_its_tooltip(returned: dict[str, object] | None,
                                                           spot: Spot | None) -> None:
    assert spot_from_click(returned) == spot


def test_the_layer_script_writes_the_region_marker_python_reads() -> None:
    script = Path(__file__).parents[3].joinpath("geo", "maps", "pointlayer.js").read_text(encoding="utf-8")
    assert f'const REGION_MARKER = "{REGION_MARKER.encode("unicode_escape").decode()}";' in script


# A stand-in for the few Leaflet calls the layer script makes, with a Web Mercator map at a
# given zoom; prints each mark the script aggregates at each zoom asked for.
_MARKS_IN_NODE = r"""
const zooms = JSON.parse(process.argv[2]);
const data = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
class Layer {
  constructor(options) { this.options = options || {}; }
  addTo(group) { group.layers.push(this); return this; }
  bindTooltip() { return this; }
  on() { return this; }
}
global.performance = {now: () => 0, measure: () => {}};
global.L = {
  Path: {extend: (proto) => { const C = class extends Layer {}; Object.assign(C.prototype, proto);
                               return function (...a) { const o = new C(); o.initialize(...a); return o; }; }},
  setOptions: (layer, options) => { layer.options = options; },
  canvas: () => ({}), featureGroup: (layers) => { const g = new Layer(); g.layers = [...(layers || [])]; return g; },
  layerGroup: () => { const g = new Layer(); g.layers = []; return g; },
  circle: () => new Layer(), marker: () => new Layer(), divIcon: () => ({}), GeoJSON: {geometryToLayer: () => new Layer()},
  extend: Object.assign, latLng: (a, b) => [a, b],
  Bounds: class {
    constructor() { const at = {subtract: () => at, add: () => at}; this.min = at; this.max = at; }
    extend() {}
  },
};
const group = {layers: []};
const layer = eval(require("fs").readFileSync(process.argv[4], "utf8"));
layer(group, data);
const layers = (g) => g.layers.flatMap((l) => (l.layers ? [l, ...layers(l)] : [l]));
const cloud = layers(group).find((l) => l._places);
const out = {};
for (const zoom of zooms) {
  const scale = 256 * 2 ** zoom;
  cloud._map = {getZoom: () => zoom, latLngToLayerPoint: ([lat, lon]) => ({x: (lon + 180) / 360 * scale, y: lat})};
  cloud._project();
  out[zoom] = cloud._marks.map((m) => [m.x, m.y, m.styleIndex, m.count, m.places]);
}
console.log(JSON.stringify(out));
"""


def _marks_in_node(index: PointIndex, zooms: list[int], tmp_path: Path) -> dict[str, list[list[int]]]:
    import shutil
    import subprocess
    from geo.maps.pointlayer import _SCRIPT
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    (tmp_path / "marks.js").write_text(_MARKS_IN_NODE, encoding="utf-8")
    (tmp_path / "data.json").write_text(layer_payload(index, STYLES, range(len(index))), encoding="utf-8")
    (tmp_path / "layer.js").write_text(_SCRIPT, encoding="utf-8")
    done = subprocess.run([node, str(tmp_path / "marks.js"), json.dumps(zooms), str(tmp_path / "data.json"),
                           str(tmp_path / "layer.js")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _spread(count: int) -> PointIndex:
    """Events over a few hundred places of Syria's extent, a fifth of them "near" a town,
    one in ten located only to a region; several at each place."""
    import random
    rng = random.Random(5)
    places = [(round(rng.uniform(32.3, 37.3), 4), round(rng.uniform(35.7, 42.4), 4), f"P{n}")
              for n in range(300)]
    rows = []
    for n in range(count):
        lat, lon, name = rng.choice(places)
        region = rng.random() < 0.1
        rows.append((f"SYR{n}", lat, lon, name, f"R{int(lat)}",
                     Precision.REGION if region else Precision.CITY, int(rng.random() < 0.2)))
    return _columns(*rows)


def test_the_marks_the_script_draws_count_exactly_the_events_a_click_on_them_lists(
        tmp_path: Path) -> None:
    import numpy as np
    from geo.maps.pointlayer import rows_of_mark
    index = _spread(3_000)
    every = np.arange(len(index))
    points = int(np.count_nonzero(index.point))
    drawn = _marks_in_node(index, [3, 6, 9, 12, 18], tmp_path)
    for zoom, marks in drawn.items():
        assert sum(m[3] for m in marks) == points
        for x, y, style, count, _ in marks:
            assert len(rows_of_mark(index, every, Mark(int(zoom), x, y, style))) == count
    # Zoomed out, nearby places gather: few marks, each of several places; at the
    # deepest zoom every place and style is its own mark again.
    assert len(drawn["3"]) < 20 and max(m[4] for m in drawn["3"]) > 10
    assert len(drawn["18"]) == len({(int(p), int(s)) for p, s in
                                    zip(index.place[index.point], index.style[index.point])})
