"""Folium maps of placed items: offline, honest about precision, safe with hostile text.

Generic over what is mapped (this module knows nothing of events)::

    m = base_map(legend=entries)                 # stable: build once, same JS every run
    group = feature_group_from_items(items, selected=item_id)  # what changes with filters and selection
    placement = placement_of_items(items)        # what is drawn, country-wide, not drawn
    returned = st_folium(m, feature_group_to_add=group,
                         returned_objects=["last_object_clicked_tooltip",
                                           "last_object_clicked_popup"])
    selected = event_id_from_click(returned)     # exactly one item id, or None

How an item is drawn follows its place's precision: ``exact``/``city`` is a point
mark; ``region`` is the region's shaded outline (a circle when no outline is
known), never a pin; ``country`` is never drawn as an item: it is listed in
``Placement.country_wide`` (show that list beside the map), and its country gets
one faint, non-interactive dashed shading however many such items it has; a place
not found is not drawn and is listed with its reason. An item with an ``origin`` and a ``destination`` is drawn
as a line with an arrowhead past its middle (a region destination is also shaded).

Colour is the item's ``colour``; ``stroke`` is ``solid`` (filled), ``hollow``
(outline only) or ``dashed``; ``symbol`` is a short glyph in the mark. Items at
the same point are spread by a few screen pixels; their coordinates are untouched.
Items sharing an area (one region, or a region and a movement's destination) are
reached through one invisible chooser over it, whose popup lists them to pick from.

Every item's main Leaflet layer carries the option ``eventId`` (its secondary
layers, ``eventRef``). All text reaches the browser as JSON and is put in the
page with ``textContent`` (``assets/event-atlas/event-atlas.js``).

The one-file briefing export is :func:`geo.maps.standalone.standalone_html`. A large
context layer (:mod:`geo.maps.pointlayer`) goes into the same feature group through
``feature_group_from_items(items, extra_layers=[layer])``.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from geo.maps.marks import LINE_EXTRA_PX, SOLID, MarkLook, look_svg
from geo.outlines import Outline, country_outline, region_outline
from geo.place import Place, Precision

ASSET_URL = "/app/static"
"""Where streamlit serves ``assets/`` (``static`` links to it; see ``assets/README.md``)."""

LEAFLET_JS = "vendor/leaflet-1.9.3/leaflet.js"
LEAFLET_CSS = "vendor/leaflet-1.9.3/leaflet.css"
ATLAS_JS = "event-atlas/event-atlas.js"
ATLAS_CSS = "event-atlas/event-atlas.css"
COUNTRIES_JSON = "basemap/countries.json"
REGIONS_JSON = "basemap/admin1.json"

DEFAULT_CENTER = (35.0, 38.5)
DEFAULT_ZOOM = 6
MAX_ZOOM = 10
"""The deepest zoom of the offline basemap: its outlines and names carry no detail beyond.
An online tile layer, once chosen, allows its own deeper zooms."""
REGION_RADIUS_M = 50_000
"""Radius of the circle drawn for a region whose outline is not shipped."""
ARROW_AT = 0.6
"""How far along a movement line its arrowhead is drawn."""
SPREAD_PX = 13
"""The least distance, in screen pixels, from a shared point to the marks spread around it."""
MARK_PX = 26
"""A mark's width and the gap to the next, for spreading many marks around one point."""

LEGEND_INK = "#808080"
"""The colour of a look in a static legend: 3.9:1 on white and 5:1 on near-black pages."""

_HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
_ID_OPEN, _ID_CLOSE = "\u27e6", "\u27e7"
_ID_MARKER = re.compile(_ID_OPEN + r"([^" + _ID_OPEN + _ID_CLOSE + r"]+)" + _ID_CLOSE + r"\s*$")


class LegendKind(StrEnum):
    COLOUR = "colour"
    LOOK = "look"
    SYMBOL = "symbol"


class MapItem(BaseModel):
    """One thing to draw: where, how, and the text shown for it (always as text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    title: str
    place: Place
    origin: Place | None = None
    destination: Place | None = None
    colour: str = Field(default="#555555", pattern=_HEX_COLOUR)
    ink: str = Field(default="#FFFFFF", pattern=_HEX_COLOUR)
    """The colour of the symbol on a mark filled with ``colour``."""
    look: MarkLook = SOLID
    symbol: str = Field(default="", max_length=3)
    lines: tuple[str, ...] = ()
    """Details shown in the popup, one line each."""
    link: str | None = Field(default=None, pattern=r"^https?://")
    """A web page the popup links to (the article), with ``link_text``."""
    link_text: str = ""
    sourcing: str = ""
    """One line on where the item's claims come from, read out with the title to a screen
    reader (the mark's accessible name)."""

    @field_validator("id")
    @classmethod
    def _id_has_no_marker_brackets(cls, value: str) -> str:
        if _ID_OPEN in value or _ID_CLOSE in value:
            raise ValueError(f"item id {value!r} may not contain {_ID_OPEN} or {_ID_CLOSE}")
        return value


class LegendEntry(BaseModel):
    """A legend line: a sample (colour swatch, mark look or symbol), a label, a definition.

    A ``colour`` entry's ``value`` is its #rrggbb colour, a ``symbol`` entry's its glyph;
    a ``look`` entry draws ``look`` in a neutral ink."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LegendKind
    value: str = ""
    look: MarkLook | None = None
    label: str
    definition: str = ""

    @model_validator(mode="after")
    def _value_fits_kind(self) -> LegendEntry:
        if self.kind is LegendKind.COLOUR and not re.match(_HEX_COLOUR, self.value):
            raise ValueError(f"legend colour {self.value!r} is not a #rrggbb colour")
        if (self.kind is LegendKind.LOOK) != (self.look is not None):
            raise ValueError(f"legend entry {self.label!r}: a look is given with, and only with, kind 'look'")
        return self


class NotDrawn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    reason: str


class Placement(BaseModel):
    """What :func:`feature_group_from_items` does with each item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    drawn: tuple[str, ...] = ()
    """Ids of items drawn on the map, each with one layer carrying ``eventId``, bottom to top."""
    country_wide: tuple[str, ...] = ()
    """Ids of items placed only at country level: not drawn, list them beside the map."""
    not_drawn: tuple[NotDrawn, ...] = ()


# ---------------------------------------------------------------- item geometry


def _point_kind(item: MapItem) -> dict[str, Any]:
    return {"kind": "point", "lat": item.place.lat, "lon": item.place.lon, "name": item.place.query}


def region_outline_of(place: Place) -> Outline | None:
    """The shipped outline of a region-level place: by GeoNames id, admin1 name, then name."""
    if not place.country_code:
        return None
    for name in (place.admin1, place.name, place.query):
        outline = region_outline(place.country_code, name=name, geonameid=place.geonameid)
        if outline is not None:
            return outline
    return None


def _region_kind(item: MapItem) -> dict[str, Any]:
    outline = region_outline_of(item.place)
    region = item.place.name or item.place.query
    if outline is None:
        return {"kind": "circle", "lat": item.place.lat, "lon": item.place.lon, "radius": REGION_RADIUS_M,
                "region": region}
    return {"kind": "area", "geometry": outline.geometry, "region": region}


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _screen_angle(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Degrees clockwise from east of the line start -> end as Leaflet draws it (Web Mercator)."""
    x1, y1 = _mercator(*start)
    x2, y2 = _mercator(*end)
    return round(math.degrees(math.atan2(-(y2 - y1), x2 - x1)), 1)


def _along(start: tuple[float, float], end: tuple[float, float], fraction: float) -> list[float]:
    """The point that far along the straight line Leaflet draws from start to end."""
    x1, y1 = _mercator(*start)
    x2, y2 = _mercator(*end)
    x, y = x1 + (x2 - x1) * fraction, y1 + (y2 - y1) * fraction
    return [round(math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2), 5), round(math.degrees(x), 5)]


def _movement_kind(item: MapItem) -> dict[str, Any] | None:
    """A line origin -> destination, when both ends are found and neither is a whole country."""
    ends = (item.origin, item.destination)
    if any(end is None or not end.found or end.precision is Precision.COUNTRY for end in ends):
        return None
    origin, destination = ends
    assert origin is not None and destination is not None  # narrowed by the check above
    start = (float(origin.lat or 0), float(origin.lon or 0))
    end = (float(destination.lat or 0), float(destination.lon or 0))
    outline = region_outline_of(destination) if destination.precision is Precision.REGION else None
    return {
        "kind": "movement",
        "path": [list(start), list(end)],
        # Past the middle of the line, where marks at either end cannot hide it.
        "arrow": _along(start, end, ARROW_AT),
        "angle": _screen_angle(start, end),
        "geometry": outline.geometry if outline else None,
        "region": destination.name or destination.query,
        "origin": origin.query,
    }


def _layer_spec(item: MapItem) -> dict[str, Any] | str:
    """The drawing of one item, or the reason it is not drawn."""
    movement = _movement_kind(item)
    if movement is not None:
        return movement
    place = item.place
    if not place.found:
        return f"place {place.query!r} was not found"
    if place.precision is Precision.REGION:
        return _region_kind(item)
    if place.precision is Precision.COUNTRY:
        return {"kind": "country", "code": (place.country_code or "").upper()}
    return _point_kind(item)


def _spread(specs: list[dict[str, Any]]) -> None:
    """Give marks that share a point small screen offsets on a ring (data is not moved)."""
    by_point: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for spec in specs:
        if spec["kind"] == "point":
            by_point.setdefault((round(spec["lat"], 4), round(spec["lon"], 4)), []).append(spec)
    for group in by_point.values():
        if len(group) < 2:
            continue
        # A ring long enough for every mark side by side (24 px each, 2 px apart).
        radius = max(SPREAD_PX, math.ceil(len(group) * MARK_PX / (2 * math.pi)))
        for k, spec in enumerate(sorted(group, key=lambda s: str(s["id"]))):
            angle = 2 * math.pi * k / len(group) - math.pi / 2
            spec["offset"] = [round(radius * math.cos(angle)), round(radius * math.sin(angle))]


def _shared_areas(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items whose areas coincide (a region, or a movement's destination region).

    The area is filled once, so the shade does not darken with the count. Where several
    items share it, only the top one could take clicks: their areas take none, and one
    chooser over them lists the items to pick from. Returns those choosers."""
    by_shape: dict[str, list[dict[str, Any]]] = {}
    for spec in specs:
        shape = spec.get("geometry") or ([spec["lat"], spec["lon"]] if spec["kind"] == "circle" else None)
        if shape is not None:
            by_shape.setdefault(json.dumps(shape, sort_keys=True), []).append(spec)
    choosers: list[dict[str, Any]] = []
    for group in by_shape.values():
        for k, spec in enumerate(group):
            spec.update(stacked=k > 0, shared=len(group) > 1)
        if len(group) > 1:
            shape = {key: group[0][key] for key in ("geometry", "lat", "lon", "radius") if key in group[0]}
            choices = [{"id": spec["id"], "title": spec["title"]} for spec in reversed(group)]
            choosers.append({"kind": "chooser", "region": group[0]["region"], "choices": choices} | shape)
    return choosers


# Bottom to top: an area never covers a line or a mark it contains; the chooser over areas
# shared by several items takes their clicks, under any line or mark.
_DRAW_ORDER = {"area": 0, "circle": 0, "chooser": 0.5, "movement": 1, "point": 2}


def place_labels(specs: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A name for each point the items sit at (a mark, or the start of a movement), and how
    far below that point it goes (``below``, px) to clear the marks spread around it."""
    labels: dict[tuple[float, float], dict[str, Any]] = {}
    for spec in specs:
        if spec["kind"] == "point":
            key, name, reach = (spec["lat"], spec["lon"]), spec["name"], math.hypot(*spec.get("offset", (0, 0)))
        elif spec["kind"] == "movement":
            key, name, reach = tuple(spec["path"][0]), spec["origin"], 0.0
        else:
            continue
        key = (round(key[0], 4), round(key[1], 4))
        label = labels.setdefault(key, {"name": name, "lat": key[0], "lon": key[1], "below": 0})
        label["below"] = max(label["below"], math.ceil(reach + MARK_PX / 2) + 2)
    return list(labels.values())


def _country_wide_specs(items_by_country: dict[str, list[MapItem]], selected: str | None) -> list[dict[str, Any]]:
    """One faint, non-interactive shading per country that has country-wide items; the
    country of a selected country-wide item is outlined more heavily."""
    specs = []
    for code, items in items_by_country.items():
        outline = country_outline(code) if code else None
        if outline is not None:
            specs.append({"kind": "countryWide", "code": code, "geometry": outline.geometry,
                          "titles": [item.title for item in items],
                          "selected": any(item.id == selected for item in items)})
    return specs


def _plan(items: Iterable[MapItem], selected: str | None = None) -> tuple[list[dict[str, Any]], Placement]:
    specs: list[dict[str, Any]] = []
    country_wide: dict[str, list[MapItem]] = {}
    country_wide_ids: list[str] = []
    not_drawn: list[NotDrawn] = []
    for item in items:
        spec = _layer_spec(item)
        if isinstance(spec, str):
            not_drawn.append(NotDrawn(id=item.id, title=item.title, reason=spec))
        elif spec["kind"] == "country":
            country_wide.setdefault(spec["code"], []).append(item)
            country_wide_ids.append(item.id)
        else:
            spec.update(id=item.id, title=item.title, lines=list(item.lines), colour=item.colour, ink=item.ink,
                        look=_look_json(item.look), symbol=item.symbol, sourcing=item.sourcing,
                        link=item.link, linkText=item.link_text,
                        selected=item.id == selected)
            specs.append(spec)
    # The selected item is drawn last of its kind: above its peers, never above a line or a mark.
    specs.sort(key=lambda spec: (_DRAW_ORDER[spec["kind"]], spec["selected"]))
    _spread(specs)
    placement = Placement(drawn=tuple(spec["id"] for spec in specs), country_wide=tuple(country_wide_ids),
                          not_drawn=tuple(not_drawn))
    specs = sorted(specs + _shared_areas(specs), key=lambda spec: _DRAW_ORDER[spec["kind"]])
    return _country_wide_specs(country_wide, selected) + specs, placement


def _look_json(look: MarkLook) -> dict[str, Any]:
    return {"fill": str(look.fill), "areaOpacity": look.area_opacity, "dashArray": look.dash_array,
            "width": look.width, "lineWidth": look.width + LINE_EXTRA_PX}


def placement_of_items(items: Iterable[MapItem]) -> Placement:
    """Which items are drawn, which are country-wide, which cannot be drawn and why."""
    return _plan(items)[1]


# ---------------------------------------------------------------- JSON into scripts


_SCRIPT_SAFE = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
    # streamlit-folium rewrites `_<id>` names and `{{'name'}}` in the feature group's
    # script; with no `_` and no `'` left in the data, it cannot touch the data.
    "_": "\\u005f",
}


# branca compiles what an element's macro writes as a Jinja template once more (MacroElement.render
# wraps it in Element(...)), so "{{", "{%" and "{#" in the data would run on the server. In compact
# JSON a structural "{" is followed by '"' or "}", so these pairs only occur inside strings, where
# "\u007b" is the same character.
_TEMPLATE_START = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON that is safe to paste into a <script>, an HTML attribute, streamlit-folium's eval,
    and a Jinja template (branca renders an element's output again as template source)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # One replace per character: str.translate is ten times slower on megabytes of payload.
    for unsafe, escaped in _SCRIPT_SAFE.items():
        text = text.replace(unsafe, escaped)
    return _TEMPLATE_START.sub(r"\\u007b", text)


# ---------------------------------------------------------------- folium elements


def _asset_links(asset_url: str, names: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(key, f"{asset_url}/{path}") for key, path in names]


class _AtlasScript(JSCSSMixin):
    """Loads the project's map script and styles (instance-level links: class lists stay untouched)."""

    def __init__(self, asset_url: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped here
        self.default_js = _asset_links(asset_url, [("event_atlas", ATLAS_JS)])
        self.default_css = _asset_links(asset_url, [("event_atlas_css", ATLAS_CSS)])


class ItemLayer(_AtlasScript):
    """The items of one feature group, drawn by ``EventAtlas.itemLayer`` from JSON."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        EventAtlas.itemLayer({{ this.spec_json }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, specs: list[dict[str, Any]], asset_url: str = ASSET_URL, popups: bool = True,
                 places: Sequence[Mapping[str, Any]] = ()) -> None:
        super().__init__(asset_url)
        self._name = "ItemLayer"
        self.spec_json = script_json({"items": specs, "popups": popups, "places": list(places)})


class _FeatureGroupReset(MacroElement):
    """Empties streamlit-folium's ``window.feature_group`` list, which otherwise keeps every
    removed group alive (streamlit-folium issue #247); the current group is pushed after."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        window.feature_group = [];
        {% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped here
        self._name = "FeatureGroupReset"


def feature_group_from_items(
    items: Iterable[MapItem],
    *,
    selected: str | None = None,
    popups: bool = True,
    extra_layers: Iterable[MacroElement] = (),
    name: str = "Events",
    asset_url: str = ASSET_URL,
) -> folium.FeatureGroup:
    """The feature group to pass to ``st_folium(feature_group_to_add=...)`` or add to a map.

    The ``selected`` item stands out (heavier outline or line, ringed mark, drawn on top of
    its peers) and the map pans to it when it is not in view. Without ``popups`` a click on
    an item opens nothing (a page showing the selected item's details beside the map: the
    group is redrawn when the selection changes, which would close a popup just opened);
    the lists of items sharing an area still open."""
    specs, _ = _plan(items, selected)
    group = folium.FeatureGroup(name=name, control=False)
    group.add_child(_FeatureGroupReset())
    group.add_child(ItemLayer(specs, asset_url, popups, place_labels(specs)))
    for layer in extra_layers:
        group.add_child(layer)
    return group


# ---------------------------------------------------------------- the base map


class _OutlineLayer(_AtlasScript, folium.map.Layer):
    """The shipped outlines: ``sources`` are JS expressions, a URL the browser fetches
    from the app or the name of data inlined by :class:`_InlineBasemap`."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = EventAtlas.{{ this.kind }}({{ this._parent.get_name() }}, {{ this.sources }});
        {% endmacro %}"""
    )

    def __init__(self, kind: str, name: str, sources: list[str], *, overlay: bool, asset_url: str,
                 show: bool = True) -> None:
        folium.map.Layer.__init__(self, name=name, overlay=overlay, control=True, show=show)
        self.default_js = _asset_links(asset_url, [("event_atlas", ATLAS_JS)])
        self.default_css = _asset_links(asset_url, [("event_atlas_css", ATLAS_CSS)])
        self._name = "OutlineLayer"
        self.kind = kind
        self.sources = ", ".join(sources)


class _InlineBasemap(_AtlasScript):
    """The outlines written into the page once, for a page that must work from disk."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        EventAtlas.inline = {countries: {{ this.countries }}, regions: {{ this.regions }}};
        {% endmacro %}"""
    )

    def __init__(self, countries: Any, regions: Any, asset_url: str) -> None:
        super().__init__(asset_url)
        self._name = "InlineBasemap"
        self.countries = script_json(countries)
        self.regions = script_json(regions)


class _LegendControl(_AtlasScript):
    _template = Template(
        """{% macro script(this, kwargs) %}
        EventAtlas.legendControl({{ this.entries }}, {{ this.title }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, entries: Sequence[LegendEntry], title: str, asset_url: str) -> None:
        super().__init__(asset_url)
        self._name = "LegendControl"
        self.entries = script_json([entry.model_dump(mode="json") for entry in entries])
        self.title = script_json(title)


class _IconPath(MacroElement):
    """Leaflet's default marker images, from the app (streamlit-folium issue #275)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.path }};
        {% endmacro %}"""
    )

    def __init__(self, asset_url: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped here
        self.path = script_json(f"{asset_url}/vendor/leaflet-1.9.3/images/")


class AtlasMap(folium.Map):
    """A folium map whose Leaflet comes from the app, not from a CDN.

    No jQuery: only folium's ``Popup`` and ``objects_to_stay_in_front`` call ``$``, and the
    map uses neither (its popups are built by ``event-atlas.js``)."""

    def __init__(self, asset_url: str = ASSET_URL, **kwargs: Any) -> None:
        super().__init__(tiles=None, **kwargs)
        self.default_js = _asset_links(asset_url, [("leaflet", LEAFLET_JS)])
        self.default_css = _asset_links(asset_url, [("leaflet_css", LEAFLET_CSS)])


_CARTO_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
    '&copy; <a href="https://carto.com/attributions">CARTO</a>'
)


def _tile_layers() -> list[folium.TileLayer]:
    """Online basemaps, offered but off: offline they fail and the outlines still draw."""
    return [
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", show=False),
        folium.TileLayer(
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
            attr=_CARTO_ATTRIBUTION, name="Carto light (online)", subdomains="abcd", max_zoom=20, show=False,
        ),
        folium.TileLayer(
            "https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}.png",
            attr=_CARTO_ATTRIBUTION, name="Carto dark (online)", subdomains="abcd", max_zoom=20, show=False,
        ),
    ]


def base_map(
    *,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    legend: Sequence[LegendEntry] = (),
    legend_title: str = "Legend",
    asset_url: str = ASSET_URL,
    basemap: tuple[Any, Any] | None = None,
) -> folium.Map:
    """The map that does not change with the items: build it the same way on every run.

    The offline basemap (land, in a light and a dark style; country and region borders; their
    names when zoomed in) is fetched by the browser from ``asset_url``, or drawn from ``basemap`` = (countries,
    regions) GeoJSON written into the page.
    """
    m = AtlasMap(asset_url, location=list(center), zoom_start=zoom, maxZoom=MAX_ZOOM, control_scale=True)
    if basemap is None:
        countries = script_json(f"{asset_url}/{COUNTRIES_JSON}")
        regions = script_json(f"{asset_url}/{REGIONS_JSON}")
        m.add_child(_IconPath(asset_url))
    else:
        m.add_child(_InlineBasemap(*basemap, asset_url=asset_url))
        countries, regions = "EventAtlas.inline.countries", "EventAtlas.inline.regions"
    m.add_child(_OutlineLayer("land", "Offline basemap", [countries], overlay=False, asset_url=asset_url))
    m.add_child(_OutlineLayer("landDark", "Offline basemap, dark", [countries], overlay=False, asset_url=asset_url,
                              show=False))
    for tiles in _tile_layers():
        m.add_child(tiles)
    for kind, name in (("borders", "Borders and regions"), ("labels", "Place names")):
        m.add_child(_OutlineLayer(kind, name, [countries, regions], overlay=True, asset_url=asset_url))
    if legend:
        m.add_child(_LegendControl(legend, legend_title, asset_url))
    m.add_child(folium.LayerControl(collapsed=True))
    return m


# ---------------------------------------------------------------- legend and clicks


def legend_html(entries: Sequence[LegendEntry], title: str = "Legend") -> str:
    """The legend as escaped static HTML (uses the classes of ``event-atlas.css``)."""
    rows = "".join(_legend_row(entry) for entry in entries)
    return f'<div class="ea-legend-static"><b>{html.escape(title)}</b>{rows}</div>'


def _legend_row(entry: LegendEntry) -> str:
    value = html.escape(entry.value)
    if entry.kind is LegendKind.COLOUR:
        sample = f'<span class="ea-legend-swatch" style="background:{value}"></span>'
    elif entry.look is not None:
        # An image, not inline SVG: a page that sanitises HTML (Streamlit's st.html) drops <svg>.
        picture = base64.b64encode(look_svg(entry.look, colour=LEGEND_INK).encode()).decode("ascii")
        sample = f'<img class="ea-legend-look" alt="" width="18" height="18" src="data:image/svg+xml;base64,{picture}">'
    else:
        sample = f'<span class="ea-legend-symbol">{value}</span>'
    definition = f' <span class="ea-legend-def">{html.escape(entry.definition)}</span>' if entry.definition else ""
    return f'<div class="ea-legend-row">{sample}<span><b>{html.escape(entry.label)}</b>{definition}</span></div>'


def event_id_from_click(returned: Mapping[str, Any] | None) -> str | None:
    """The id of the item last clicked, from what ``st_folium`` returned, or None.

    streamlit-folium 0.27.4 returns the clicked layer's tooltip text
    (``last_object_clicked_tooltip``) and popup text (``last_object_clicked_popup``);
    both end with a hidden ``⟦id⟧`` marker that this reads. Ask st_folium for at least one
    of those two keys. The coordinates (``last_object_clicked``) are not used: two items
    may share a point. st_folium reruns the script only when what it returns changes: to
    hear a second click on the same item (after choosing another one elsewhere), also ask
    for ``last_object_clicked_count``.
    """
    if not returned:
        return None
    for key in ("last_object_clicked_tooltip", "last_object_clicked_popup"):
        text = returned.get(key)
        if isinstance(text, str):
            match = _ID_MARKER.search(text)
            if match:
                return match.group(1)
    return None


def add_items(m: folium.Map, items: Iterable[MapItem], **kwargs: Any) -> folium.FeatureGroup:
    """Add the items' feature group to a map directly (outside streamlit)."""
    group = feature_group_from_items(items, **kwargs)
    m.add_child(group)
    return group


__all__ = [
    "ASSET_URL", "AtlasMap", "LegendEntry", "LegendKind", "MapItem", "NotDrawn", "Placement",
    "add_items", "base_map", "event_id_from_click",
    "feature_group_from_items", "legend_html", "placement_of_items", "script_json",
]
