"""One compact map layer for tens of thousands of events (a context layer such as ACLED).

A folium layer per event costs about a kilobyte of script and a second of Python per
thousand events, and a Leaflet layer per event costs the browser as much again. This
layer ships its events as data and draws them as *marks*: one mark per distinct place and
style, sized by how many events it holds, all drawn by one canvas path
(``pointlayer.js``). The payload is a table of places, a table of styles, one
``[place, style, count, first day, last day]`` row per mark, and the event ids in mark
order: about the size of the ids alone.

Truth of the picture is kept: only point-precision events become marks; region-precision
events are never points: they are gathered per region into one dashed area. Every drawn
event keeps its id (the path's and the areas' ``eventIds`` options). A click on a mark
reports the mark's own coordinates; a click on an area reports its region's anchor, with
:data:`REGION_MARKER` in the clicked tooltip (see :func:`spot_from_click`). Text reaches
the page as JSON, set with ``textContent`` only.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement

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


@dataclass(frozen=True)
class Spot:
    """Where a click on the layer landed: a mark's place, or the anchor of a region's area."""

    lat: float
    lon: float
    region: bool


def spot_from_click(returned: Mapping[str, Any] | None) -> Spot | None:
    """The mark or region area last clicked, from what ``st_folium`` returned (ask it for
    ``last_object_clicked`` and ``last_object_clicked_tooltip``), or None."""
    where = (returned or {}).get("last_object_clicked")
    if not isinstance(where, Mapping) or not {"lat", "lng"} <= where.keys():
        return None
    tooltip = (returned or {}).get("last_object_clicked_tooltip")
    region = isinstance(tooltip, str) and tooltip.rstrip().endswith(REGION_MARKER)
    return Spot(float(where["lat"]), float(where["lng"]), region)


@dataclass(frozen=True)
class PointStyle:
    """How one class of events looks: ``near`` marks a location given as "near a town"."""

    label: str
    color: str
    near: bool = False


@dataclass(frozen=True)
class PointColumns:
    """Many located events as columns: entry ``i`` of every tuple describes event ``i``.

    ``styles`` index into the style table given to :func:`point_layer`; ``regions`` name
    the first-level region of each event (the area a region-precision event is drawn as).
    """

    ids: tuple[str, ...]
    lats: tuple[float, ...]
    lons: tuple[float, ...]
    places: tuple[str, ...]
    regions: tuple[str, ...]
    precisions: tuple[Precision, ...]
    styles: tuple[int, ...]
    dates: tuple[datetime.date, ...]

    def __post_init__(self) -> None:
        lengths = {len(column) for column in (self.ids, self.lats, self.lons, self.places,
                                              self.regions, self.precisions, self.styles,
                                              self.dates)}
        if len(lengths) > 1:
            raise ValueError(f"PointColumns: columns differ in length ({sorted(lengths)})")

    def __len__(self) -> int:
        return len(self.ids)


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


def point_layer(columns: PointColumns, styles: Sequence[PointStyle],
                rows: Sequence[int] | None = None, name: str = "Context events",
                outlines: Mapping[str, Geometry] | None = None) -> folium.FeatureGroup:
    """A feature group drawing ``rows`` of ``columns`` (all rows when ``None``)."""
    group = folium.FeatureGroup(name=name)
    point_layer_element(columns, styles, rows, outlines).add_to(group)
    return group


def point_layer_element(columns: PointColumns, styles: Sequence[PointStyle],
                        rows: Sequence[int] | None = None,
                        outlines: Mapping[str, Geometry] | None = None) -> PointLayer:
    """The layer as an element to add to another feature group (it draws into its parent).

    ``outlines`` maps a region name to its GeoJSON geometry: the region's events are
    drawn as that shaded area; a region without one is a dashed circle of 40 km.
    """
    chosen = range(len(columns)) if rows is None else rows
    return PointLayer(layer_payload(columns, styles, chosen, outlines or {}))


def layer_payload(columns: PointColumns, styles: Sequence[PointStyle], rows: Sequence[int],
                  outlines: Mapping[str, Geometry] | None = None) -> str:
    """The layer's data as JSON that is safe in a ``<script>`` and in streamlit-folium's rewriting."""
    points = [row for row in rows if columns.precisions[row].is_point]
    data = {
        "styles": [{"label": s.label, "color": s.color, "near": s.near} for s in styles],
        **_point_tables(columns, points),
        "regions": _region_areas(columns, [r for r in rows if not columns.precisions[r].is_point],
                                 outlines or {}),
    }
    return script_json(data)


def _point_tables(columns: PointColumns, points: Sequence[int]) -> dict[str, list[Any]]:
    places: dict[tuple[float, float, str], int] = {}
    marks: dict[tuple[int, int], list[int]] = {}
    for row in points:
        place = places.setdefault((round(columns.lats[row], COORDINATE_DECIMALS),
                                   round(columns.lons[row], COORDINATE_DECIMALS),
                                   columns.places[row]), len(places))
        marks.setdefault((place, columns.styles[row]), []).append(row)
    flat: list[int] = []
    for (place, style), rows in marks.items():
        days = [(columns.dates[row] - EPOCH).days for row in rows]
        flat += (place, style, len(rows), min(days), max(days))
    return {"places": [list(key) for key in places], "marks": flat,
            "ids": [columns.ids[row] for rows in marks.values() for row in rows]}


def _region_areas(columns: PointColumns, rows: Sequence[int],
                  outlines: Mapping[str, Geometry]) -> list[dict[str, object]]:
    """One area per region and anchor; the anchor is where the source put the region."""
    areas: dict[tuple[str, float, float], list[str]] = {}
    for row in rows:
        key = (columns.regions[row] or columns.places[row],
               round(columns.lats[row], COORDINATE_DECIMALS),
               round(columns.lons[row], COORDINATE_DECIMALS))
        areas.setdefault(key, []).append(columns.ids[row])
    return [{"name": name, "lat": lat, "lon": lon, "radius": REGION_RADIUS_M,
             "geometry": outlines.get(name), "ids": ids}
            for (name, lat, lon), ids in areas.items()]


def floor_bytes(columns: PointColumns, rows: Sequence[int] | None = None) -> int:
    """The least any map could ship: each event's id and coordinates, without separators."""
    chosen = range(len(columns)) if rows is None else rows
    return sum(len(columns.ids[r].encode()) + len(f"{columns.lats[r]:.{COORDINATE_DECIMALS}f}")
               + len(f"{columns.lons[r]:.{COORDINATE_DECIMALS}f}") for r in chosen)
