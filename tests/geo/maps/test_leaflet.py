"""The folium map as HTML and as the script streamlit-folium runs: shapes, ids, colours, escaping."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from map_fixtures import DASHED, HOLLOW, ALEPPO, HOSTILE, NOWHERE, PALMYRA, RAQQA_PROVINCE, SYRIA, node_syntax_error, place, run_in_node
from pydantic import ValidationError
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from geo.maps.marks import Fill, MarkLook
from geo.maps.leaflet import (
    LegendEntry,
    MapItem,
    NotDrawn,
    Placement,
    base_map,
    event_id_from_click,
    feature_group_from_items,
    legend_html,
    placement_of_items,
)
from geo.place import Precision

# A region the basemap has no outline for: drawn as a circle.
ATLANTIS_REGION = place("Atlantis province", name="Atlantis province", lat=10.0, lon=10.0,
                        precision=Precision.REGION, country_code="ZZ")

ITEMS = [
    MapItem(id="aleppo-hospital", title="Strike on a hospital in Aleppo", place=ALEPPO, colour="#d62728",
            symbol="H", lines=("Claimed by an ISIS defector",)),
    MapItem(id="aleppo-clinic", title="Strike on a clinic in Aleppo", place=ALEPPO, colour="#1f77b4",
            look=HOLLOW, symbol="C"),
    MapItem(id="raqqa-oil", title="Oil deals in Raqqa province", place=RAQQA_PROVINCE, colour="#2ca02c",
            look=DASHED),
    MapItem(id="syria-deals", title="Deals across Syria", place=SYRIA, colour="#9467bd"),
    MapItem(id="palmyra-withdrawal", title="Withdrawal from Palmyra to Raqqa", place=RAQQA_PROVINCE,
            origin=PALMYRA, destination=RAQQA_PROVINCE, colour="#ff7f0e"),
    MapItem(id="atlantis", title="Somewhere in Atlantis province", place=ATLANTIS_REGION),
    MapItem(id="lost", title="Nowhere", place=NOWHERE),
]

ALLOWED_URLS = {
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
    "https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}.png",
    "https://www.openstreetmap.org/copyright",
    "https://carto.com/attributions",
}


def streamlit_script(items: list[MapItem]) -> str:
    """The feature group's script exactly as st_folium sends it to the browser."""
    return _get_feature_group_string(feature_group_from_items(items), base_map())


def drawn_layers(items: list[MapItem], tmp_path: Path) -> list[dict[str, Any]]:
    layers: list[dict[str, Any]] = run_in_node(streamlit_script(items), tmp_path)["layers"]
    return layers


def main_layers(layers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {layer["eventId"]: layer for layer in layers if layer["eventId"]}


def rendered(items: list[MapItem]) -> str:
    m = base_map(legend=[LegendEntry(kind="colour", value="#d62728", label="Leaked documents")])
    m.add_child(feature_group_from_items(items))
    page: str = m.get_root().render()
    return page


def test_every_drawn_item_has_exactly_one_layer_with_its_event_id(tmp_path: Path) -> None:
    counts = Counter(layer["eventId"] for layer in drawn_layers(ITEMS, tmp_path) if layer["eventId"])
    assert counts == {
        "aleppo-hospital": 1, "aleppo-clinic": 1, "raqqa-oil": 1, "palmyra-withdrawal": 1, "atlantis": 1,
    }


@pytest.mark.parametrize(
    ("event_id", "kind", "colour", "fill_opacity", "dash"),
    [
        ("aleppo-hospital", "marker", "#d62728", None, None),
        ("aleppo-clinic", "marker", "#1f77b4", None, None),
        ("raqqa-oil", "polygon", "#2ca02c", 0.05, "6 3"),
        ("palmyra-withdrawal", "polyline", "#ff7f0e", None, None),
        ("atlantis", "circle", "#555555", 0.35, None),
    ],
)
def test_precision_decides_the_shape_and_the_item_its_colour(
    tmp_path: Path, event_id: str, kind: str, colour: str, fill_opacity: float | None, dash: str | None
) -> None:
    layer = main_layers(drawn_layers(ITEMS, tmp_path))[event_id]
    assert (layer["kind"], layer["color"], layer["dashArray"]) == (kind, colour, dash)
    if fill_opacity is not None:
        assert layer["fillOpacity"] == pytest.approx(fill_opacity)


@pytest.mark.parametrize(("event_id", "kinds"), [("raqqa-oil", ["polygon"]), ("atlantis", ["circle"]),
                                                ("syria-deals", [])])
def test_regions_are_areas_and_countries_are_not_drawn_as_items(
    tmp_path: Path, event_id: str, kinds: list[str]
) -> None:
    layers = drawn_layers(ITEMS, tmp_path)
    assert [layer["kind"] for layer in layers if event_id in (layer["eventId"], layer["eventRef"])] == kinds


def test_a_country_with_country_wide_items_gets_one_faint_shading_that_takes_no_clicks(tmp_path: Path) -> None:
    second = MapItem(id="syria-more", title="More deals across Syria", place=SYRIA)
    layers = drawn_layers([*ITEMS, second], tmp_path)
    shading = [layer for layer in layers if layer["color"] == "#6b6b6b"]
    assert [(s["kind"], s["eventId"], s["eventRef"], s["fillOpacity"], s["dashArray"]) for s in shading] == [
        ("polygon", None, None, 0.06, "4 4")
    ]
    assert layers.index(shading[0]) == 0  # under everything else


def test_items_sharing_an_area_fill_it_once_and_one_chooser_over_it_lists_them(tmp_path: Path) -> None:
    layers = drawn_layers(ITEMS, tmp_path)
    raqqa = [(layer["eventId"] or layer["eventRef"], layer["choices"], layer["fillOpacity"], layer["interactive"])
             for layer in layers if layer["kind"] == "polygon" and layer["color"] != "#6b6b6b"]
    assert raqqa == [
        ("raqqa-oil", None, 0.05, False),
        (None, ["palmyra-withdrawal", "raqqa-oil"], 0, None),
        ("palmyra-withdrawal", None, 0, False),
    ]
    (chooser,) = [layer for layer in layers if layer["choices"]]
    assert chooser["tooltip"] == ("2 events in Raqqa Governorate: click to choose"
                                  "Withdrawal from Palmyra to RaqqaOil deals in Raqqa province")
    assert chooser["popup"] == "2 events in Raqqa GovernorateWithdrawal from Palmyra to RaqqaOil deals in Raqqa province"
    assert event_id_from_click({"last_object_clicked_tooltip": chooser["tooltip"]}) is None


def test_without_item_popups_only_the_choosers_open_one(tmp_path: Path) -> None:
    script = _get_feature_group_string(feature_group_from_items(ITEMS, popups=False), base_map())
    layers = run_in_node(script, tmp_path)["layers"]
    assert [(layer["choices"], layer["popup"]) for layer in layers if layer["popup"] is not None] == [
        (["palmyra-withdrawal", "raqqa-oil"],
         "2 events in Raqqa GovernorateWithdrawal from Palmyra to RaqqaOil deals in Raqqa province")
    ]
    assert all(event_id_from_click({"last_object_clicked_tooltip": layer["tooltip"]}) == layer["eventId"]
               for layer in layers if layer["eventId"])


def test_an_area_of_one_item_takes_its_clicks_itself(tmp_path: Path) -> None:
    layers = drawn_layers([ITEMS[2]], tmp_path)
    assert [(layer["eventId"], layer["choices"], layer["interactive"]) for layer in layers] == [
        ("raqqa-oil", None, True)
    ]


def test_every_item_sharing_a_circle_is_listed_by_its_chooser(tmp_path: Path) -> None:
    items = [MapItem(id=f"atlantis-{k}", title=f"Event {k}", place=ATLANTIS_REGION) for k in range(3)]
    layers = drawn_layers(items, tmp_path)
    assert [(layer["kind"], layer["choices"]) for layer in layers if layer["choices"]] == [
        ("circle", ["atlantis-2", "atlantis-1", "atlantis-0"])
    ]


def test_movement_is_a_line_with_an_arrowhead_and_a_shaded_destination_region(tmp_path: Path) -> None:
    layers = drawn_layers(ITEMS, tmp_path)
    own = sorted((layer["kind"], bool(layer["eventId"])) for layer in layers
                 if "palmyra-withdrawal" in (layer["eventId"], layer["eventRef"]))
    assert own == [("marker", False), ("polygon", False), ("polyline", True)]


def test_the_arrowhead_points_from_palmyra_to_raqqa_past_the_middle_of_the_line() -> None:
    data, _ = split_item_data(streamlit_script(ITEMS))
    (movement,) = [item for item in data["items"] if item["kind"] == "movement"]
    assert movement["path"] == [[34.5624, 38.28402], [35.95, 39.0]]
    lat, lon = movement["arrow"]
    assert lon == pytest.approx(38.28402 + 0.6 * (39.0 - 38.28402), abs=1e-5)
    assert lat == pytest.approx(35.40, abs=0.01)
    # Up and to the right on screen: atan2(-1.2246 * 1.3876°, 0.716°) in Mercator = -67.15°.
    assert movement["angle"] == pytest.approx(-67.15, abs=0.1)


def test_a_mark_is_drawn_in_the_fill_and_outline_of_its_look(tmp_path: Path) -> None:
    marks = main_layers(drawn_layers(ITEMS, tmp_path))
    assert marks["aleppo-hospital"]["iconClass"] == "ea-mark ea-fill-full"
    assert [(s["tag"], s["attributes"].get("fill"), s["attributes"].get("stroke-width"))
            for s in marks["aleppo-hospital"]["shapes"]] == [
        ("svg", None, None), ("circle", None, None), ("circle", "#d62728", None), ("circle", "none", "2.5")]
    clinic = marks["aleppo-clinic"]["shapes"]
    assert [s["tag"] for s in clinic] == ["svg", "circle", "circle"]  # ground and outline: no fill
    assert clinic[-1]["attributes"]["stroke"] == "#1f77b4"


FIVE_LOOKS = [
    MarkLook(fill=Fill.FULL, area_opacity=0.45, width=3),
    MarkLook(fill=Fill.HALF, area_opacity=0.22, width=2.5),
    MarkLook(fill=Fill.NONE, area_opacity=0.06, width=2),
    MarkLook(fill=Fill.NONE, area_opacity=0.06, dash=(6, 3), width=2.5),
    MarkLook(fill=Fill.NONE, area_opacity=0.06, dash=(1.5, 2.5), width=2.5),
]


def _drawing(layer: dict[str, Any]) -> str:
    """What a reader sees of a layer apart from its colour and place."""
    shapes = [(s["tag"], {k: v for k, v in s["attributes"].items() if k not in ("fill", "stroke") or v == "none"})
              for s in layer["shapes"] or []]
    return json.dumps([layer["kind"], layer["iconClass"], layer["fillOpacity"], layer["dashArray"],
                       layer["weight"], shapes], sort_keys=True)


@pytest.mark.parametrize("where", [ALEPPO, RAQQA_PROVINCE, "movement"])
def test_five_looks_draw_five_different_marks_areas_and_lines_in_one_colour(where: Any, tmp_path: Path) -> None:
    """Told apart without colour: every item here is drawn in the same colour."""
    def item(k: int, look: MarkLook) -> MapItem:
        if where == "movement":
            return MapItem(id=f"m{k}", title="t", place=ALEPPO, origin=PALMYRA, destination=ALEPPO, look=look)
        return MapItem(id=f"m{k}", title="t", place=where, look=look)

    by_item: dict[str, list[str]] = {}
    for layer in drawn_layers([item(k, look) for k, look in enumerate(FIVE_LOOKS)], tmp_path):
        if layer["eventId"] or layer["eventRef"]:  # a movement: its line and its arrowhead
            by_item.setdefault(layer["eventId"] or layer["eventRef"], []).append(_drawing(layer))
    assert len(by_item) == len({json.dumps(sorted(drawing)) for drawing in by_item.values()}) == len(FIVE_LOOKS)


def test_two_items_at_one_place_are_drawn_apart_without_moving_their_coordinates(tmp_path: Path) -> None:
    marks = main_layers(drawn_layers(ITEMS, tmp_path))
    hospital, clinic = marks["aleppo-hospital"], marks["aleppo-clinic"]
    assert hospital["iconAnchor"] != clinic["iconAnchor"]
    script = streamlit_script(ITEMS)
    assert script.count('"lat":36.20124,"lon":37.16117') == 2


@pytest.mark.parametrize(("count", "radius"), [(2, 13), (3, 13), (12, 50)])
def test_marks_at_one_point_are_spread_on_a_ring_wide_enough_for_all(count: int, radius: int) -> None:
    items = [MapItem(id=f"aleppo-{k:02d}", title=f"Event {k}", place=ALEPPO) for k in range(count)]
    data, _ = split_item_data(streamlit_script(items))
    offsets = [tuple(item["offset"]) for item in data["items"]]
    assert len(set(offsets)) == count
    assert offsets[0] == (0, -radius)  # the first straight above the point
    assert all(abs(math.hypot(*offset) - radius) <= 1 for offset in offsets)


def drawn_with_selection(selected: str, tmp_path: Path) -> list[dict[str, Any]]:
    script = _get_feature_group_string(feature_group_from_items(ITEMS, selected=selected), base_map())
    layers: list[dict[str, Any]] = run_in_node(script, tmp_path)["layers"]
    return layers


def _is_selected(layer: dict[str, Any]) -> bool:
    return "ea-selected" in (layer["className"] or "").split()


@pytest.mark.parametrize(
    ("selected", "layers", "weight"),
    [
        ("aleppo-clinic", [("marker", "aleppo-clinic", None)], None),
        ("raqqa-oil", [("polygon", "raqqa-oil", None)], 5),
        ("atlantis", [("circle", "atlantis", None)], 5),
        ("palmyra-withdrawal", [("marker", None, "palmyra-withdrawal"), ("polygon", None, "palmyra-withdrawal"),
                                ("polyline", "palmyra-withdrawal", None)], 6),
    ],
)
def test_the_selected_item_and_only_it_stands_out(
    tmp_path: Path, selected: str, layers: list[tuple[str, str | None, str | None]], weight: int | None
) -> None:
    drawn = drawn_with_selection(selected, tmp_path)
    assert sorted((layer["kind"], layer["eventId"], layer["eventRef"]) for layer in drawn
                  if _is_selected(layer)) == layers
    assert main_layers(drawn)[selected]["weight"] == weight
    others = [layer for layer in drawn if (layer["eventId"] or layer["eventRef"]) and not _is_selected(layer)]
    assert max(layer["weight"] for layer in others if layer["kind"] != "marker") < 5


def test_a_selected_country_wide_item_outlines_its_country_more_heavily(tmp_path: Path) -> None:
    drawn = drawn_with_selection("syria-deals", tmp_path)
    assert [(layer["kind"], layer["eventId"], layer["weight"]) for layer in drawn if _is_selected(layer)] == [
        ("polygon", None, 3.5)
    ]


def test_the_selected_area_is_drawn_above_the_other_areas_and_below_lines_and_marks() -> None:
    assert placement_of_items(ITEMS).drawn[:2] == ("raqqa-oil", "atlantis")
    data, _ = split_item_data(_get_feature_group_string(feature_group_from_items(ITEMS, selected="raqqa-oil"),
                                                        base_map()))
    assert [item["id"] for item in data["items"] if "id" in item] == [
        "atlantis", "raqqa-oil", "palmyra-withdrawal", "aleppo-hospital", "aleppo-clinic"
    ]


def test_placement_lists_country_wide_and_undrawable_items() -> None:
    assert placement_of_items(ITEMS) == Placement(
        drawn=("raqqa-oil", "atlantis", "palmyra-withdrawal", "aleppo-hospital", "aleppo-clinic"),
        country_wide=("syria-deals",),
        not_drawn=(NotDrawn(id="lost", title="Nowhere", reason="place 'Atlantis' was not found"),),
    )


def test_a_movement_to_a_whole_country_is_not_drawn_as_a_line(tmp_path: Path) -> None:
    item = MapItem(id="to-syria", title="Into Syria", place=SYRIA, origin=PALMYRA, destination=SYRIA)
    assert [(layer["kind"], layer["eventId"]) for layer in drawn_layers([item], tmp_path)] == [("polygon", None)]
    assert placement_of_items([item]) == Placement(country_wide=("to-syria",))


def test_a_click_on_any_layer_identifies_its_item(tmp_path: Path) -> None:
    layers = drawn_layers(ITEMS, tmp_path)
    for layer in layers:
        expected = layer["eventId"] or layer["eventRef"]
        assert event_id_from_click({"last_object_clicked_tooltip": layer["tooltip"]}) == expected
        assert event_id_from_click({"last_object_clicked_popup": layer["popup"]}) == expected


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        ({"last_object_clicked_tooltip": "Strike on a hospital\u27e6aleppo-hospital\u27e7"}, "aleppo-hospital"),
        ({"last_object_clicked_popup": "A\nRef: x\u27e6x\u27e7\n"}, "x"),
        ({"last_object_clicked_tooltip": "Fake \u27e6other\u27e7 title\u27e6real\u27e7"}, "real"),
        ({"last_object_clicked_tooltip": None, "last_object_clicked_popup": "T\u27e6p\u27e7"}, "p"),
        ({"last_object_clicked_tooltip": "No marker"}, None),
        ({"last_object_clicked": {"lat": 36.2, "lng": 37.1}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_event_id_from_click(returned: dict[str, Any] | None, expected: str | None) -> None:
    assert event_id_from_click(returned) == expected


def test_hostile_text_stays_text_in_tooltip_and_popup(tmp_path: Path) -> None:
    item = MapItem(id="hostile", title=HOSTILE, place=ALEPPO, lines=(HOSTILE,))
    script = streamlit_script([item])
    assert node_syntax_error(script, tmp_path) == ""
    (layer,) = drawn_layers([item], tmp_path)
    assert layer["tooltip"] == HOSTILE + "\u27e6hostile\u27e7"
    assert layer["popup"] == HOSTILE + HOSTILE + "Ref: hostile\u27e6hostile\u27e7"


def test_hostile_titles_stay_text_in_a_shared_areas_chooser(tmp_path: Path) -> None:
    items = [MapItem(id=f"hostile-{k}", title=HOSTILE, place=RAQQA_PROVINCE) for k in range(2)]
    assert node_syntax_error(streamlit_script(items), tmp_path) == ""
    (chooser,) = [layer for layer in drawn_layers(items, tmp_path) if layer["choices"]]
    assert chooser["popup"] == "2 events in Raqqa Governorate" + HOSTILE * 2


def split_item_data(page: str) -> tuple[dict[str, Any], str]:
    """The JSON handed to ``EventAtlas.itemLayer``, and the page without it."""
    start = page.index("EventAtlas.itemLayer(") + len("EventAtlas.itemLayer(")
    data, end = json.JSONDecoder().raw_decode(page, start)
    return data, page[:start] + page[end:]


@pytest.mark.parametrize("page", ["folium", "streamlit"])
def test_hostile_text_reaches_the_page_only_as_json_data(page: str) -> None:
    item = MapItem(id="hostile", title=HOSTILE, place=ALEPPO, lines=(HOSTILE,))
    text = rendered([item]) if page == "folium" else streamlit_script([item])
    data, rest = split_item_data(text)
    assert (data["items"][0]["title"], data["items"][0]["lines"]) == (HOSTILE, [HOSTILE])
    for raw in ("<img", "</script><script>", "<script>alert", "${", "`", "C:\\"):
        assert raw not in rest
    assert "<img" not in text and "</script><script>" not in text


def test_the_page_loads_scripts_only_from_the_app_and_links_only_tile_servers() -> None:
    page = rendered(ITEMS)
    linked = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assert linked and all(url.startswith("/app/static/") for url in linked)
    urls = {url.rstrip("\\") for url in re.findall(r"https?://[^\s\"'<>)]+", page)}
    assert urls == ALLOWED_URLS


def test_reruns_leave_one_group_in_streamlit_folium_list(tmp_path: Path) -> None:
    """streamlit-folium issue #247: without the reset, every rerun's group stays referenced."""
    assert run_in_node(streamlit_script(ITEMS), tmp_path, runs=3)["featureGroups"] == 1


def test_the_base_map_fetches_its_outlines_from_the_app_and_names_what_fits_the_zoom(tmp_path: Path) -> None:
    m = base_map(center=(35.0, 38.5), zoom=6)
    m.get_root().render()  # as st_folium does before taking the script
    drawn = run_in_node(_get_map_string(m), tmp_path)
    assert drawn["fetched"] == ["/app/static/basemap/countries.json", "/app/static/basemap/admin1.json"]
    assert {"Syria", "Iraq", "Homs", "Deir ez-Zor"} <= set(drawn["labels"])
    assert {"Damascus", "Quneitra", "Bahrain"}.isdisjoint(drawn["labels"])  # too small at zoom 6
    assert {layer["kind"] for layer in drawn["layers"]} == {"geoJSON", "marker"}
    assert all(layer["interactive"] is False and layer["eventId"] is None for layer in drawn["layers"])


def test_the_base_map_builds_only_the_outlines_near_the_view(tmp_path: Path) -> None:
    m = base_map(center=(35.0, 38.5), zoom=6)
    m.get_root().render()
    outlines = set(run_in_node(_get_map_string(m), tmp_path)["outlines"])
    assert {"Syria", "Iraq", "Homs", "Deir ez-Zor", "Damascus", "Hatay"} <= outlines
    assert {"Texas", "Australia", "Brazil", "Bavaria"}.isdisjoint(outlines)


def test_the_base_map_script_does_not_change_with_the_items() -> None:
    first, second = base_map(), base_map()
    _get_feature_group_string(feature_group_from_items(ITEMS[:1]), second)
    assert generate_js_hash(_get_map_string(first)) == generate_js_hash(_get_map_string(base_map()))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"colour": "red"}, "String should match pattern"),
        ({"id": "a\u27e6b"}, "may not contain"),
        ({"id": ""}, "at least 1 character"),
        ({"look": {"fill": "dotted", "area_opacity": 0, "width": 2}}, "Input should be 'full', 'half' or 'none'"),
        ({"link": "javascript:alert(1)"}, "String should match pattern '^https?://'"),
    ],
)
def test_map_items_are_validated(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        MapItem(**{"id": "x", "title": "x", "place": ALEPPO, **fields})


def test_legend_html_escapes_its_text() -> None:
    entry = LegendEntry(kind="symbol", value="<", label="<b>bold</b>", definition="a & b")
    assert legend_html([entry]) == (
        '<div class="ea-legend-static"><b>Legend</b><div class="ea-legend-row">'
        '<span class="ea-legend-symbol">&lt;</span><span><b>&lt;b&gt;bold&lt;/b&gt;</b>'
        ' <span class="ea-legend-def">a &amp; b</span></span></div></div>'
    )


def _map_with_items(items: list[MapItem], tmp_path: Path) -> dict[str, Any]:
    """The base map at zoom 6 over Syria, then the items' group as st_folium adds it."""
    m = base_map(center=(35.0, 38.5), zoom=6)
    m.get_root().render()
    return run_in_node(_get_map_string(m) + "\n" + _get_feature_group_string(feature_group_from_items(items), m),
                       tmp_path)


def test_the_places_events_sit_at_are_named_below_their_marks(tmp_path: Path) -> None:
    drawn = _map_with_items(ITEMS, tmp_path)
    assert {"Aleppo", "Palmyra", "Syria", "Deir ez-Zor"} <= set(drawn["labels"])
    assert "Homs" not in drawn["labels"]  # its name would overlap Palmyra's, which goes first
    places = {layer["name"]: layer for layer in drawn["placeLabels"]}
    # Two marks spread around Aleppo (13 px from it, 12 px each): the name clears them.
    assert places["Aleppo"]["iconAnchor"] == [0, -(13 + 13 + 2 + 9)]
    assert places["Palmyra"]["iconAnchor"] == [0, -(13 + 2 + 9)]  # a movement's start: its line only


def test_a_place_whose_name_below_would_meet_another_mark_is_named_above_its_own(tmp_path: Path) -> None:
    # At zoom 6 half a degree of latitude is about 27 px: B's mark sits where A's name would go.
    a, b = (place(name, name=name, lat=lat, lon=38.0, precision=Precision.CITY, country_code="SY")
            for name, lat in (("Upper town", 35.5), ("Lower town", 35.0)))
    drawn = _map_with_items([MapItem(id="a", title="a", place=a), MapItem(id="b", title="b", place=b)], tmp_path)
    places = {layer["name"]: layer for layer in drawn["placeLabels"]}
    assert places["Upper town"]["iconAnchor"] == [0, 13 + 2 + 9]  # above its mark
    assert places["Lower town"]["iconAnchor"] == [0, -(13 + 2 + 9)]  # below, where a name goes first


def test_no_basemap_name_is_written_under_a_mark(tmp_path: Path) -> None:
    at_homs_label = place("Homs label point", name="Homs label point", lat=34.15, lon=38.143,
                          precision=Precision.CITY, country_code="SY")
    drawn = _map_with_items([MapItem(id="x", title="x", place=at_homs_label)], tmp_path)
    assert "Homs" not in drawn["labels"]
    assert {"Syria", "Homs label point"} <= set(drawn["labels"])


def test_zoom_stops_where_the_offline_basemap_has_detail() -> None:
    assert '"maxZoom": 10' in rendered([])


def test_a_static_legend_draws_each_look_as_an_image_a_sanitiser_keeps() -> None:
    looks = [LegendEntry(kind="look", look=look, label=f"level {k}") for k, look in enumerate(FIVE_LOOKS)]
    page = legend_html(looks)
    pictures = re.findall(r'<img class="ea-legend-look" alt="" width="18" height="18" '
                          r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">', page)
    assert len(set(pictures)) == 5
    assert "<svg" not in page
