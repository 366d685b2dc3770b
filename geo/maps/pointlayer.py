"""One compact map layer for hundreds of thousands of events (a context layer such as ACLED).

A folium layer per event costs about a kilobyte of script and a second of Python per
thousand events, and a Leaflet layer per event costs the browser as much again. This
layer ships its events as data and draws them as *marks*, all by one canvas path
(``pointlayer.js``). The payload is a table of places, a table of styles, one
``[place, style, count, first day, last day]`` row per place and style, and the event ids
in that order: about the size of the ids alone.

Marks are aggregated by zoom so that a dense layer stays readable: at each zoom level the
places fall into a grid of :data:`CELL_PX` screen pixels, and the events of one cell and
one style are one mark, sized by their count (a cell holding one place is that place's
mark). The grid is computed on whole numbers, each place's pixel at zoom
:data:`ZOOM_REF` (:func:`place_pixels`), the same in Python and in the script, so the
events a mark counts and those a click on it lists (:func:`cell_of`) are the same set.

Truth of the picture is kept: only point-precision events become marks; region-precision
events are never points: they are gathered per region into one dashed area. Every drawn
event keeps its id (the path's and the areas' ``eventIds`` options). A click on a mark
reports the mark's place, with its zoom, cell and style hidden in the clicked tooltip
(:data:`MARK_MARKER`); a click on an area reports its region's anchor, with
:data:`REGION_MARKER` (see :func:`spot_from_click`). Text reaches the page as JSON, set
with ``textContent`` only.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
import re
from typing import Any

import folium
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from branca.element import Element, Figure, MacroElement

from folium.template import Template

from geo.maps.leaflet import script_json
from geo.place import Precision

EPOCH = datetime.date(1970, 1, 1)
Geometry = dict[str, Any]
"""A GeoJSON geometry (``Polygon`` or ``MultiPolygon``)."""
REGION_RADIUS_M = 40_000
# Four decimals are 11 m at most: finer than any town-level coordinate, and 40 % fewer bytes.
COORDINATE_DECIMALS = 4
# Hidden at the end of a region area's tooltip, as pointlayer.js writes it.
REGION_MARKER = "\u27earegion\u27eb"
# Hidden at the end of a mark's tooltip: "<zoom> <cell x> <cell y> <style>".
MARK_MARKER = re.compile("\u27eamark (\\d+) (\\d+) (\\d+) (\\d+)\u27eb")
ZOOM_REF = 18
"""The zoom at which places' pixels are computed (the basemap's deepest)."""
CELL_PX = 40
"""A mark's cell, in screen pixels: marks closer than this at a zoom level are one."""


@dataclass(frozen=True)
class Mark:
    """One mark of the aggregated layer: its zoom level, grid cell and style."""

    zoom: int
    x: int
    y: int
    style: int


@dataclass(frozen=True)
class Spot:
    """Where a click on the layer landed: a mark (with its cell), or the anchor of a region's area."""

    lat: float
    lon: float
    region: bool
    mark: Mark | None = None


def spot_from_click(returned: Mapping[str, Any] | None) -> Spot | None:
    """The mark or region area last clicked, from what ``st_folium`` returned (ask it for
    ``last_object_clicked`` and ``last_object_clicked_tooltip``), or None."""
    where = (returned or {}).get("last_object_clicked")
    if not isinstance(where, Mapping) or not {"lat", "lng"} <= where.keys():
        return None
    tooltip = (returned or {}).get("last_object_clicked_tooltip")
    text = tooltip.rstrip() if isinstance(tooltip, str) else ""
    found = MARK_MARKER.search(text)
    mark = Mark(*(int(part) for part in found.groups())) if found else None
    return Spot(float(where["lat"]), float(where["lng"]), text.endswith(REGION_MARKER), mark)


@dataclass(frozen=True)
class PointStyle:
    """How one class of events looks: ``near`` marks a location given as "near a town"."""

    label: str
    color: str
    near: bool = False


@dataclass(frozen=True)
class PointColumns:
    """Many located events as columns: entry ``i`` of every column describes event ``i``.

    ``styles`` index into the style table given to :func:`point_layer`; ``regions`` name
    the first-level region of each event (the area a region-precision event is drawn as).
    ``days`` count from 1970-01-01.
    """

    ids: Sequence[str] | pa.Array
    lats: Sequence[float] | np.ndarray
    lons: Sequence[float] | np.ndarray
    places: Sequence[str] | pa.Array
    regions: Sequence[str] | pa.Array
    points: Sequence[bool] | np.ndarray
    """Whether each event is located to a point (else only to its region)."""
    styles: Sequence[int] | np.ndarray
    days: Sequence[int] | np.ndarray

    def __post_init__(self) -> None:
        lengths = {len(column) for column in (self.ids, self.lats, self.lons, self.places,
                                              self.regions, self.points, self.styles,
                                              self.days)}
        if len(lengths) > 1:
            raise ValueError(f"PointColumns: columns differ in length ({sorted(lengths)})")

    def __len__(self) -> int:
        return len(self.ids)


def point_columns(ids: Sequence[str], lats: Sequence[float], lons: Sequence[float],
                  places: Sequence[str], regions: Sequence[str], precisions: Sequence[Precision],
                  styles: Sequence[int], dates: Sequence[datetime.date]) -> PointColumns:
    """Columns from one value per event, with precisions and dates as the model has them."""
    return PointColumns(ids, lats, lons, places, regions, [p.is_point for p in precisions],
                        styles, [(d - EPOCH).days for d in dates])


@dataclass(frozen=True, eq=False)
class PointIndex:
    """What drawing any subset of the columns needs, computed once: each event's place (a
    distinct rounded position and name) and area, and each place's pixel at :data:`ZOOM_REF`."""

    ids: pa.Array
    point: np.ndarray
    style: np.ndarray
    day: np.ndarray
    place: np.ndarray
    """Per event, its place's row in the place table (points only; -1 for regions)."""
    area: np.ndarray
    """Per event, its area's row in the area table (regions only; -1 for points)."""
    place_lat: np.ndarray
    place_lon: np.ndarray
    place_name: tuple[str, ...]
    place_x: np.ndarray
    place_y: np.ndarray
    areas: tuple[tuple[str, float, float], ...]
    """Each area's region name, and its anchor's rounded latitude and longitude."""

    def __len__(self) -> int:
        return len(self.ids)


def point_index(columns: PointColumns) -> PointIndex:
    lat = np.round(np.asarray(columns.lats, dtype=np.float64), COORDINATE_DECIMALS)
    lon = np.round(np.asarray(columns.lons, dtype=np.float64), COORDINATE_DECIMALS)
    point = np.asarray(columns.points, dtype=bool)
    names = _encoded(columns.places)
    place, place_rows = _codes(lat, lon, names.indices.to_numpy(zero_copy_only=False), point)
    # An area is named by its region, or by its place when the region is not given.
    region_rows = pa.array(np.flatnonzero(~point))
    regions = _encoded(columns.regions).take(region_rows).cast(pa.string())
    region_names = pc.dictionary_encode(
        pc.if_else(pc.equal(regions, ""), names.take(region_rows).cast(pa.string()), regions))
    region_codes = np.zeros(len(point), dtype=np.int64)
    region_codes[~point] = region_names.indices.to_numpy(zero_copy_only=False)
    area, area_rows = _codes(lat, lon, region_codes, ~point)
    x, y = place_pixels(lat[place_rows], lon[place_rows])
    area_names = region_names.dictionary.take(
        pa.array(region_codes[area_rows], pa.int64())).to_pylist()
    return PointIndex(
        ids=_strings(columns.ids), point=point, style=np.asarray(columns.styles, dtype=np.int8),
        day=np.asarray(columns.days, dtype=np.int32), place=place, area=area,
        place_lat=lat[place_rows], place_lon=lon[place_rows],
        place_name=tuple(names.dictionary.take(names.indices.take(place_rows)).to_pylist()),
        place_x=x, place_y=y,
        areas=tuple((name, float(lat[r]), float(lon[r]))
                    for name, r in zip(area_names, area_rows.tolist(), strict=True)))


def _encoded(values: Sequence[str] | pa.Array | pa.ChunkedArray) -> pa.DictionaryArray:
    """Texts as codes into their distinct values (as given, if they already are)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array) and pa.types.is_dictionary(values.type):
        return values
    return pc.dictionary_encode(_strings(values))


def _strings(values: Sequence[str] | pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values.cast(pa.string()) if pa.types.is_dictionary(values.type) else values
    return pa.array(list(values), pa.string())


def _codes(lat: np.ndarray, lon: np.ndarray, name: np.ndarray,
           chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per chosen row, the number of its distinct (lat, lon, name) in first-seen order, -1
    for the others; and the first row of each."""
    rows = np.flatnonzero(chosen)
    codes = np.full(len(lat), -1, dtype=np.int32)
    if not len(rows):
        return codes, rows
    # Whole ten-thousandths of a degree and the name's number, as one integer per row.
    scale = 10**COORDINATE_DECIMALS
    lat_i = np.rint(lat[rows] * scale).astype(np.int64) + 90 * scale
    lon_i = np.rint(lon[rows] * scale).astype(np.int64) + 180 * scale
    key = (lat_i * (360 * scale + 1) + lon_i) * (int(name.max(initial=0)) + 1) + name[rows]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    # np.unique sorts; renumber by first appearance, as the layer lists them.
    order = np.argsort(first, kind="stable")
    renumber = np.empty_like(order)
    renumber[order] = np.arange(len(order))
    codes[rows] = renumber[inverse.reshape(-1)]
    return codes, rows[first[order]]


def place_pixels(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixels of each position at zoom :data:`ZOOM_REF`, as whole numbers."""
    size = 256 * 2**ZOOM_REF
    phi = np.radians(np.clip(lat, -85.05112878, 85.05112878))
    x = np.floor((lon + 180.0) / 360.0 * size)
    y = np.floor((1.0 - np.log(np.tan(phi) + 1.0 / np.cos(phi)) / np.pi) / 2.0 * size)
    return (np.clip(x, 0, size - 1).astype(np.int64), np.clip(y, 0, size - 1).astype(np.int64))


def cell_of(x: np.ndarray, y: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """The grid cell of each pixel (at :data:`ZOOM_REF`) at ``zoom``; pointlayer.js does the same."""
    shift = ZOOM_REF - min(max(zoom, 0), ZOOM_REF)
    return (x >> shift) // CELL_PX, (y >> shift) // CELL_PX


def rows_of_mark(index: PointIndex, rows: np.ndarray, mark: Mark) -> np.ndarray:
    """Of ``rows``, those the mark counts: point events of its style in its cell at its zoom."""
    rows = rows[index.point[rows] & (index.style[rows] == mark.style)]
    places = index.place[rows]
    x, y = cell_of(index.place_x[places], index.place_y[places], mark.zoom)
    found: np.ndarray = rows[(x == mark.x) & (y == mark.y)]
    return found


def rows_at_place(index: PointIndex, rows: np.ndarray, lat: float, lon: float) -> np.ndarray:
    """Of ``rows``, the point events at ``lat``/``lon`` (rounded as places are)."""
    rows = rows[index.point[rows]]
    places = index.place[rows]
    spot = (round(lat, COORDINATE_DECIMALS), round(lon, COORDINATE_DECIMALS))
    found: np.ndarray = rows[(index.place_lat[places] == spot[0]) & (index.place_lon[places] == spot[1])]
    return found


def rows_of_area(index: PointIndex, rows: np.ndarray, lat: float, lon: float) -> np.ndarray:
    """Of ``rows``, the region events of the area anchored at ``lat``/``lon``."""
    spot = (round(lat, COORDINATE_DECIMALS), round(lon, COORDINATE_DECIMALS))
    anchors = [i for i, (_, a_lat, a_lon) in enumerate(index.areas) if (a_lat, a_lon) == spot]
    rows = rows[~index.point[rows]]
    found: np.ndarray = rows[np.isin(index.area[rows], anchors)]
    return found


_SCRIPT = (Path(__file__).with_name("pointlayer.js")).read_text(encoding="utf-8").strip()


class PointLayer(MacroElement):
    """Draws a :func:`layer_payload` into the feature group it is added to."""

    _template = Template(
        "{% macro script(this, kwargs) %}{% raw %}\n" + _SCRIPT
        + "{% endraw %}({{ this._parent.get_name() }}, {{ this.payload }});\n{% endmacro %}")

    def __init__(self, payload: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PointLayer"
        self.payload = payload

    # A macro renders into its figure and returns nothing, as branca's MacroElement does.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        """As branca's, without compiling the script written as a template once more: for
        megabytes of payload that took most of a run's rendering (streamlit-folium renders
        the map's group on every run). The figure gets the same text, since the payload
        holds no template syntax (:func:`geo.maps.leaflet.script_json`) and the layer's
        script is raw text in the template."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("PointLayer: render it inside a figure (add it to a map first)")
        # Jinja drops a template's final newline: the text compiled before came out without it.
        script = self._template.module.script(self, kwargs).removesuffix("\n")
        figure.script.add_child(_Written(script), name=self.get_name())


class _Written(Element):
    """Text written by an element's macro, put out as it is."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def point_layer(index: PointIndex, styles: Sequence[PointStyle],
                rows: Sequence[int] | np.ndarray | None = None, name: str = "Context events",
                outlines: Mapping[str, Geometry] | None = None) -> folium.FeatureGroup:
    """A feature group drawing ``rows`` of the index (all rows when ``None``)."""
    group = folium.FeatureGroup(name=name)
    chosen = np.arange(len(index)) if rows is None else rows
    PointLayer(layer_payload(index, styles, chosen, outlines)).add_to(group)
    return group


def layer_payload(index: PointIndex, styles: Sequence[PointStyle],
                  rows: Sequence[int] | np.ndarray,
                  outlines: Mapping[str, Geometry] | None = None) -> str:
    """The layer's data as JSON that is safe in a ``<script>`` and in streamlit-folium's rewriting."""
    chosen = np.asarray(rows, dtype=np.int64)
    data = {
        "styles": [{"label": s.label, "color": s.color, "near": s.near} for s in styles],
        "zoomRef": ZOOM_REF, "cellPx": CELL_PX,
        **_point_tables(index, chosen[index.point[chosen]]),
        "regions": _region_areas(index, chosen[~index.point[chosen]], outlines or {}),
    }
    return script_json(data)


def _point_tables(index: PointIndex, rows: np.ndarray) -> dict[str, list[Any]]:
    """One mark row per place and style, in the order of their first event; ids in mark order."""
    key = index.place[rows].astype(np.int64) * 256 + index.style[rows]
    order = np.argsort(key, kind="stable")
    keys = key[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else keys
    counts = np.diff(np.r_[starts, len(keys)])
    days = index.day[rows][order]
    first = np.minimum.reduceat(days, starts) if len(keys) else days
    last = np.maximum.reduceat(days, starts) if len(keys) else days
    mark_places = keys[starts] // 256
    used, place_of_mark = np.unique(mark_places, return_inverse=True)
    places = [[float(index.place_lat[p]), float(index.place_lon[p]), index.place_name[p],
               int(index.place_x[p]), int(index.place_y[p])] for p in used]
    marks = np.stack([place_of_mark.reshape(-1), keys[starts] % 256, counts, first, last], axis=1)
    return {"places": places, "marks": marks.reshape(-1).tolist(),
            "ids": index.ids.take(pa.array(rows[order])).to_pylist()}


def _region_areas(index: PointIndex, rows: np.ndarray,
                  outlines: Mapping[str, Geometry]) -> list[dict[str, object]]:
    """One area per region and anchor; the anchor is where the source put the region."""
    areas = index.area[rows]
    order = np.argsort(areas, kind="stable")
    ids = index.ids.take(pa.array(rows[order])).to_pylist()
    found, starts = np.unique(areas[order], return_index=True)
    ends = np.append(starts[1:], len(order)) if len(starts) else starts
    shown = []
    for area, start, end in zip(found.tolist(), starts.tolist(), ends.tolist(), strict=True):
        name, lat, lon = index.areas[area]
        shown.append({"name": name, "lat": lat, "lon": lon, "radius": REGION_RADIUS_M,
                      "geometry": outlines.get(name), "ids": ids[start:end]})
    return shown


def floor_bytes(index: PointIndex, rows: Sequence[int] | None = None) -> int:
    """The least any map could ship: each event's id and coordinates, without separators."""
    chosen = np.arange(len(index)) if rows is None else np.asarray(rows, dtype=np.int64)
    ids = pc.sum(pc.binary_length(index.ids.take(pa.array(chosen)))).as_py() or 0
    coordinates = sum(len(f"{value:.{COORDINATE_DECIMALS}f}")
                      for p in index.place[chosen] if p >= 0
                      for value in (index.place_lat[p], index.place_lon[p]))
    return int(ids) + coordinates
