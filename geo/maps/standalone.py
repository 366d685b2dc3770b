"""The one-file HTML map for a briefing: opens from disk, makes no network request.

    html_text = standalone_html(items, legend, sources, title="Syria, May 2016",
                                filters=["Evidence: Leaked documents"])

The map, the filters that chose its items, its legend, every item with its text and
its sources are in one page; Leaflet, the project's map script and styles, Leaflet's
images and the basemap outlines (every country, and the regions of the countries the
items are in) are inlined. Online tile layers stay in the layer switcher, off by default.

The page reads on a wide screen (map left, panel right), on a phone (map on top, the
panel below it) and on paper (A4 or Letter: the map framed on every item, without its
controls, then the panel). Text made from the items reaches the page's templates only
as variables, never as template source.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from branca.element import Element, MacroElement
from folium.template import Template
from pydantic import BaseModel, ConfigDict

from geo.exceptions import BasemapUnavailable
from geo.maps.leaflet import (
    ASSET_URL,
    LegendEntry,
    MapItem,
    base_map,
    feature_group_from_items,
    legend_html,
    placement_of_items,
    script_json,
)
from geo.outlines import COUNTRIES_FILE, REGIONS_FILE

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

_SCRIPT_TAG = re.compile(r'<script src="(?P<url>[^"]+)"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="(?P<url>[^"]+)"/>')
_REMOTE_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=", re.IGNORECASE)
_CSS_IMAGE = re.compile(r"url\((?P<path>images/[^)]+\.png)\)")


class _Markup(Element):
    """Finished HTML put into the page as a value: ``Element(text)`` would compile the text
    as a Jinja template, and run any ``{{ ... }}`` an article's title carries."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup


class Source(BaseModel):
    """A source listed under the map: a label, an optional web address, a note."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    url: str | None = None
    note: str = ""


def standalone_html(
    items: Sequence[MapItem],
    legend: Sequence[LegendEntry],
    sources: Sequence[Source],
    *,
    title: str = "Event Atlas briefing",
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    filters: Sequence[str] = (),
) -> str:
    """A complete HTML document of the items on the offline map, with legend and sources.

    ``filters`` names, one line each, the choices that selected the items (none: all)."""
    m = base_map(basemap=_inline_basemap(items), legend=legend, **_view(center, zoom))
    m.add_child(feature_group_from_items(items))
    bounds = _bounds(items)
    if center is None and bounds:
        m.fit_bounds(bounds, padding=(40, 40), max_zoom=8)
    m.add_child(_PrintFrame(bounds))
    figure = m.get_root()
    figure.title = html.escape(title)  # type: ignore[attr-defined]  # branca inserts it raw
    figure.header.add_child(_Markup(_LAYOUT_CSS), name="ea_briefing_layout")  # type: ignore[attr-defined]
    panel = _side_panel(items, legend, sources, title, filters)
    figure.html.add_child(_Markup(panel), name="ea_briefing_side")  # type: ignore[attr-defined]
    return inline_assets(figure.render())



class _PrintFrame(MacroElement):
    """On paper the map is narrower than on screen: before printing, frame every item again."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        EventAtlas.printFrame({{ this._parent.get_name() }}, {{ this.bounds }});
        {% endmacro %}"""
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped here
        self._name = "PrintFrame"
        self.bounds = script_json(bounds or None)


def inline_assets(page: str, asset_url: str = ASSET_URL) -> str:
    """Replace the page's links to the app's assets with the files' contents."""
    page = _SCRIPT_TAG.sub(lambda match: _inline_script(match["url"], asset_url), page)
    page = _CSS_TAG.sub(lambda match: _inline_css(match["url"], asset_url), page)
    leftover = _REMOTE_TAG.search(page)
    if leftover:
        raise BasemapUnavailable(f"briefing export: a linked file is left in the page: {leftover.group(0)!r}")
    return page


def _asset_path(url: str, asset_url: str) -> Path:
    if not url.startswith(asset_url + "/"):
        raise BasemapUnavailable(f"briefing export: {url!r} is not one of the app's assets under {asset_url}/")
    return ASSETS_DIR / url[len(asset_url) + 1:]


def _inline_script(url: str, asset_url: str) -> str:
    code = _asset_path(url, asset_url).read_text(encoding="utf-8")
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "</script>"


def _inline_css(url: str, asset_url: str) -> str:
    path = _asset_path(url, asset_url)
    css = path.read_text(encoding="utf-8")
    css = _CSS_IMAGE.sub(lambda match: f"url({_data_uri(path.parent / match['path'])})", css)
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _load_features(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        features: list[dict[str, Any]] = json.load(stream)["features"]
    return features


def _inline_basemap(items: Iterable[MapItem]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every country; the regions only of the countries the items are in (to keep the file small)."""
    codes = {
        place.country_code.upper()
        for item in items
        for place in (item.place, item.origin, item.destination)
        if place is not None and place.country_code
    }
    regions = [f for f in _load_features(REGIONS_FILE) if str(f["properties"].get("iso_a2")).upper() in codes]
    countries = {"type": "FeatureCollection", "features": _load_features(COUNTRIES_FILE)}
    return countries, {"type": "FeatureCollection", "features": regions}


def _view(center: tuple[float, float] | None, zoom: int | None) -> dict[str, Any]:
    view: dict[str, Any] = {}
    if center is not None:
        view["center"] = center
    if zoom is not None:
        view["zoom"] = zoom
    return view


def _bounds(items: Iterable[MapItem]) -> list[list[float]]:
    drawn = set(placement_of_items(items).drawn)
    points = [
        (place.lat, place.lon)
        for item in items
        if item.id in drawn
        for place in (item.place, item.origin, item.destination)
        if place is not None and place.lat is not None and place.lon is not None
    ]
    if not points:
        return []
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _source_html(source: Source) -> str:
    label = html.escape(source.label)
    if source.url and re.match(r"^https?://", source.url):
        label = f'<a href="{html.escape(source.url)}" rel="noopener noreferrer">{label}</a>'
    elif source.url:
        label = f"{label} ({html.escape(source.url)})"
    note = f" — {html.escape(source.note)}" if source.note else ""
    return f"<li>{label}{note}</li>"


def _side_panel(items: Sequence[MapItem], legend: Sequence[LegendEntry], sources: Sequence[Source], title: str,
                filters: Sequence[str]) -> str:
    placement = placement_of_items(items)
    titles = {item.id: item.title for item in items}
    country_wide = "".join(f"<li>{html.escape(titles[i])}</li>" for i in placement.country_wide)
    not_drawn = "".join(f"<li>{html.escape(n.title)}: {html.escape(n.reason)}</li>" for n in placement.not_drawn)
    chosen = "; ".join(html.escape(line) for line in filters) or "none: every event"
    parts = [
        f'<aside class="ea-briefing-side"><h1>{html.escape(title)}</h1>',
        f'<p class="ea-briefing-filters"><b>Filters:</b> {chosen}</p>',
        f"<p>{len(placement.drawn)} of {len(items)} events on the map.</p>",
        legend_html(legend) if legend else "",
        f"<h2>Country-wide</h2><ul>{country_wide}</ul>" if country_wide else "",
        f"<h2>Not on the map</h2><ul>{not_drawn}</ul>" if not_drawn else "",
        f'<h2>Events</h2><ol class="ea-briefing-events">{"".join(_event_html(item) for item in items)}</ol>',
        "<h2>Sources</h2>" + (f"<ul>{''.join(_source_html(s) for s in sources)}</ul>" if sources else
                              "<p>None given.</p>") + "</aside>",
    ]
    return "".join(parts)


def _event_html(item: MapItem) -> str:
    lines = "".join(f"<div>{html.escape(line)}</div>" for line in item.lines)
    return f"<li><b>{html.escape(item.title)}</b>{lines}</li>"


_LAYOUT_CSS = """<style>
    html, body { height: 100%; margin: 0; }
    .folium-map { position: absolute !important; left: 0; top: 0; bottom: 0;
                  width: calc(100% - 360px) !important; height: 100% !important; }
    .ea-briefing-side { position: absolute; right: 0; top: 0; bottom: 0; width: 328px;
                        overflow-y: auto; padding: 12px 16px; border-left: 1px solid #ddd;
                        font: 14px/1.45 system-ui, sans-serif; background: #fff; color: #1a1a1a; }
    .ea-briefing-side h1 { font-size: 18px; margin: 0 0 8px; }
    .ea-briefing-side h2 { font-size: 15px; margin: 16px 0 6px; }
    .ea-briefing-events { padding-left: 20px; }
    .ea-briefing-events li { margin: 0 0 8px; }
    .ea-briefing-events div { font-size: 13px; }
    /* A phone: the map on top, the panel below it; the page scrolls. */
    @media (max-width: 759px) {
        html, body { height: auto !important; }
        body { display: flex; flex-direction: column; }
        .folium-map { position: relative !important; width: 100% !important; height: 60vh !important; flex: none; }
        .ea-briefing-side { order: 1; }
        .ea-briefing-side { position: static; width: auto; overflow: visible; border-left: none;
                            border-top: 1px solid #ddd; }
    }
    @media (prefers-color-scheme: dark) {
        .ea-briefing-side { background: #15171a; color: #e8e8e8; border-color: #3a3d42; }
        .ea-briefing-side a { color: #8ab4f8; }
    }
    /* Paper (A4 or Letter): the title and filters, the map as on screen scaled to the page
       (event-atlas.js sets the variables) without its controls, then the rest of the panel. */
    @media print {
        @page { margin: 12mm; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        html, body { height: auto !important; background: #fff; }
        body { display: flex; flex-direction: column; }
        .folium-map { position: relative !important; flex: none; break-inside: avoid;
                      width: var(--ea-map-width, 700px) !important; height: var(--ea-map-height, 620px) !important;
                      zoom: var(--ea-print-zoom, 1); }
        .leaflet-control-zoom, .leaflet-control-layers, .leaflet-control-container .ea-legend { display: none !important; }
        .ea-briefing-side { display: contents; color: #000; font-size: 11pt; }
        .ea-briefing-side > * { order: 1; }
        .ea-briefing-side > h1, .ea-briefing-side > .ea-briefing-filters { order: -1; }
        .ea-briefing-side a { color: #000; }
        .ea-briefing-side a[href]::after { content: " (" attr(href) ")"; word-break: break-all; }
        .ea-briefing-events li, .ea-legend-row { break-inside: avoid; }
    }
</style>"""


__all__ = ["Source", "inline_assets", "standalone_html"]
