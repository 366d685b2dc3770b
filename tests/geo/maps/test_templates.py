"""Text from dossiers, context files and links never reaches a template engine as source.

branca compiles what each element's macro writes as a Jinja template once more when a
figure renders, so text carried in a map's data would run on the server. Every probe must
come out of every rendering as written, and the unbalanced ones must not break it.
"""

from __future__ import annotations

import datetime
import html
import json
import re

import folium
import pytest
from branca.element import MacroElement
from map_fixtures import ALEPPO, NOWHERE, RAQQA_PROVINCE
from streamlit_folium import _get_feature_group_string

from geo.maps.leaflet import LegendEntry, MapItem, base_map, feature_group_from_items, script_json
from geo.maps.pointlayer import (PointIndex, PointLayer, PointStyle, layer_payload, point_columns,
                                 point_index, point_layer)
from geo.maps.standalone import Source, standalone_html
from geo.place import Precision
from tests.fixtures.hostile import PROBES, TEMPLATE_RAN

JINJA_STARTS = re.compile(r"\{[{%#]")
ELEMENT_ID = re.compile(r"[0-9a-f]{32}")


def _json_after(page: str, marker: str) -> object:
    return json.JSONDecoder().raw_decode(page, page.index(marker) + len(marker))[0]


def _items(probe: str) -> list[MapItem]:
    return [
        MapItem(id="drawn", title=probe, place=ALEPPO, lines=(probe,)),
        MapItem(id="region", title=probe, place=RAQQA_PROVINCE),
        MapItem(id="nowhere", title=probe, place=NOWHERE),
    ]


@pytest.mark.parametrize("probe", PROBES)
def test_script_json_round_trips_and_holds_no_template_syntax(probe: str) -> None:
    text = script_json({"title": probe, "nested": [{"x": probe}]})
    assert JINJA_STARTS.search(text) is None
    assert json.loads(text) == {"title": probe, "nested": [{"x": probe}]}


@pytest.mark.parametrize("probe", PROBES)
def test_the_one_file_map_shows_template_syntax_as_written(probe: str) -> None:
    legend = [LegendEntry(kind="colour", value="#d62728", label=probe, definition=probe)]
    page = standalone_html(_items(probe), legend, [Source(label=probe, note=probe)], title=probe)
    assert TEMPLATE_RAN not in page
    data = _json_after(page, "EventAtlas.itemLayer(")
    assert isinstance(data, dict)
    assert sorted((item["id"], item["title"], item["lines"]) for item in data["items"]) == [
        ("drawn", probe, [probe]), ("region", probe, [])
    ]
    legend_data = _json_after(page, "EventAtlas.legendControl(")
    assert isinstance(legend_data, list) and legend_data[0]["label"] == probe
    side = page[page.index('<aside class="ea-briefing-side">'):page.index("</aside>")]
    # The title; the legend label and definition; the item not drawn; the printed list of
    # every event (three titles and the drawn item's line); the source label and note.
    assert side.count(html.escape(probe)) == 10
    shown = html.escape(probe)
    for part in (f"<h1>{shown}</h1>", f'<b>{shown}</b> <span class="ea-legend-def">{shown}</span>',
                 f"<li>{shown} — {shown}</li>", f"<li><b>{shown}</b><div>{shown}</div></li>"):
        assert part in side
    assert f"<title>{html.escape(probe)}</title>" in page


@pytest.mark.parametrize("probe", PROBES)
def test_the_live_map_s_script_carries_template_syntax_as_data(probe: str) -> None:
    script = _get_feature_group_string(feature_group_from_items(_items(probe)), base_map())
    data = _json_after(script, "EventAtlas.itemLayer(")
    assert isinstance(data, dict)
    assert sorted((item["id"], item["title"], item["lines"]) for item in data["items"]) == [
        ("drawn", probe, [probe]), ("region", probe, [])
    ]


def _context_columns(probe: str) -> PointIndex:
    return point_index(point_columns(
        ids=(probe, probe + "2"), lats=(36.2, 35.9), lons=(37.2, 39.0), places=(probe, probe),
        regions=(probe, probe), precisions=(Precision.CITY, Precision.REGION), styles=(0, 0),
        dates=(datetime.date(2016, 4, 28), datetime.date(2016, 4, 28)),
    ))


@pytest.mark.parametrize("probe", PROBES)
def test_a_context_layer_rendered_by_folium_shows_template_syntax_as_written(probe: str) -> None:
    m = base_map()
    group = point_layer(_context_columns(probe), [PointStyle(label=probe, color="#555555", near=False)])
    group.add_to(m)
    page = m.get_root().render()
    assert TEMPLATE_RAN not in page
    payload = _json_after(page, f"({group.get_name()}, ")
    assert isinstance(payload, dict)
    assert ([place[:3] for place in payload["places"]], payload["ids"], payload["styles"][0]["label"]) == (
        [[36.2, 37.2, probe]], [probe], probe
    )
    assert [area["name"] for area in payload["regions"]] == [probe]


class _BrancaRendered(PointLayer):
    """The layer as branca renders any macro: its script compiled as a template once more."""

    render = MacroElement.render


def _page_with(layer: PointLayer) -> str:
    m = base_map()
    group = folium.FeatureGroup(name="Context events")
    layer.add_to(group)
    group.add_to(m)
    # Each element's name ends in a random id: the same page has others.
    return ELEMENT_ID.sub("<id>", m.get_root().render())


@pytest.mark.parametrize("probe", PROBES)
def test_a_context_layer_is_rendered_as_branca_renders_it_without_a_second_compile(probe: str) -> None:
    payload = layer_payload(_context_columns(probe), [PointStyle(label=probe, color="#555555")], [0, 1])
    assert _page_with(PointLayer(payload)) == _page_with(_BrancaRendered(payload))
