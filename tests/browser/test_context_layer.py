"""The context layer in the real app: thousands of events drawn and filtered in place; a mark's
events listed on a click, their text kept as text."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from playwright.sync_api import Browser, Page, expect

from events.acled import context_layer_from_file
from events.context import SPOT_LISTED, SPOT_PLACES_NAMED, context_index, context_rows_at, context_rows_matching
from events.filtering import EventFilter
from geo.maps.pointlayer import CELL_PX, ZOOM_REF, Mark, Spot
from tests.browser.harness import (MAP_IFRAME, PAGE_TIMEOUT_MS, POLL_MS, REPO, Server, map_frame, open_app,
                                   wait_details_in_view, wait_drawn_event_ids, wait_script_done)
from tests.browser.test_hostile import PWNED
from tests.fixtures.hostile import HOSTILE

ROWS = 3_000
CONTEXT_PREFIX = "SYR"  # the generated export's ids; the sample dossier's are slugs
SEARCH_LABEL = "Search titles, summaries, quotes and places"


def _data_dir_with_export(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(REPO / "events" / "data", data)
    export = data / "acled-syria.csv"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate_acled.py"), str(ROWS),
                    str(export)], check=True, cwd=REPO, capture_output=True)
    return data, export


def test_thousands_of_context_events_draw_and_a_search_narrows_them_in_place(
        page: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    data, export = _data_dir_with_export(tmp_path)
    index = context_index(context_layer_from_file(export))
    every = index.ids(range(len(index)))
    aleppo = index.ids(context_rows_matching(index, EventFilter(q="aleppo")))
    assert len(every) == ROWS and 0 < len(aleppo) < ROWS
    open_app(page, server_for(data).url)
    wait_drawn_event_ids(map_frame(page), every, prefix=CONTEXT_PREFIX)
    page.locator(MAP_IFRAME).evaluate("(frame) => { frame.dataset.testMark = 'first'; }")
    box = page.get_by_label(SEARCH_LABEL)
    box.fill("aleppo")
    box.press("Enter")
    wait_script_done(page)
    wait_drawn_event_ids(map_frame(page), aleppo, prefix=CONTEXT_PREFIX)
    assert page.locator(MAP_IFRAME).evaluate("(frame) => frame.dataset.testMark") == "first"


def test_an_uploaded_export_replaces_the_directorys_on_the_live_map_for_its_viewer_only(
        page: Page, browser: Browser, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    data, export = _data_dir_with_export(tmp_path)
    upload = tmp_path / "upload.csv"
    upload.write_text("".join(export.read_text(encoding="utf-8").splitlines(keepends=True)[:51]),
                      encoding="utf-8")
    every = [event.event_id for event in context_layer_from_file(export).events]
    open_app(page, server_for(data).url)
    wait_drawn_event_ids(map_frame(page), every, prefix=CONTEXT_PREFIX)
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(upload)
    wait_script_done(page)
    wait_drawn_event_ids(map_frame(page), every[:50], prefix=CONTEXT_PREFIX)
    # Another viewer of the same server, opening the page after the upload, sees the data
    # directory's layer, never the first viewer's upload.
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    other.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        second = other.new_page()
        open_app(second, server_for(data).url)
        wait_drawn_event_ids(map_frame(second), every, prefix=CONTEXT_PREFIX)
        assert "upload.csv" not in second.locator("[data-testid='stSidebar']").inner_text()
    finally:
        other.close()
    wait_drawn_event_ids(map_frame(page), every[:50], prefix=CONTEXT_PREFIX)


# Daraa, far from the sample's own marks, so that a click there meets only the context mark.
DARAA = (32.6189, 36.1021)
_MARK_POINT = """([lat, lon]) => {
    const point = window.map_div.latLngToContainerPoint([lat, lon]);
    const box = window.map_div.getContainer().getBoundingClientRect();
    return [point.x + box.left, point.y + box.top];
}"""


def _write_export(path: Path, rows: list[list[str]]) -> None:
    header = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
              "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
              "geo_precision", "source", "notes", "fatalities"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


def _hostile_export(path: Path) -> None:
    _write_export(path, [[f"SYR{n}", f"2016-05-0{n}", "1", HOSTILE, HOSTILE, HOSTILE, "", "Syria", HOSTILE,
                          HOSTILE, str(DARAA[0]), str(DARAA[1]), "1", HOSTILE, f"{HOSTILE} note {n}", "0"]
                         for n in (1, 2)])


def _click_map_at(page: Page, lat: float, lon: float, tap: bool = False) -> None:
    frame = map_frame(page)
    frame.wait_for_load_state("networkidle")  # st_folium can lose a click while outlines load
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    x, y = frame.evaluate(_MARK_POINT, [lat, lon])
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map iframe is not laid out"
    if tap:
        page.touchscreen.tap(box["x"] + x, box["y"] + y)
    else:
        page.mouse.click(box["x"] + x, box["y"] + y)


def test_a_click_on_a_context_mark_lists_its_events_as_text(
        page: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "events" / "data", data)
    _hostile_export(data / "acled-hostile.csv")
    open_app(page, server_for(data).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, ["SYR1", "SYR2"], prefix=CONTEXT_PREFIX)
    _click_map_at(page, *DARAA)
    heading = page.get_by_role("heading", name=f"2 ACLED context events at {HOSTILE}")
    heading.wait_for()
    # The heading comes first: the list below it may still be arriving.
    expect(page.locator("[data-testid='stMain']")).to_contain_text(f"{HOSTILE} note 1")
    main = page.locator("[data-testid='stMain']").inner_text()
    assert f"Source: {HOSTILE}\n" in main
    assert f"{HOSTILE} note 2" in main and f"{HOSTILE} note 1" in main
    assert main.index(f"{HOSTILE} note 2") < main.index(f"{HOSTILE} note 1")  # newest first
    assert (page.evaluate(PWNED), frame.evaluate(PWNED)) == (None, None)


def _daraa_data(tmp_path: Path) -> Path:
    """Shelling located only to the governorate; ACLED puts it at the capital, where a town's
    own event sits too."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "events" / "data", data)
    _write_export(data / "acled-daraa.csv", [
        ["SYR1", "2016-05-01", "1", "Explosions/Remote violence", "Shelling/artillery/missile attack",
         "Military Forces of Syria (2000-)", "", "Syria", "Dar'a", "Dar'a", str(DARAA[0]), str(DARAA[1]),
         "3", "Step Agency", "Shelling across the governorate.", "0"],
        ["SYR2", "2016-05-02", "1", "Battles", "Armed clash", "Military Forces of Syria (2000-)", "", "Syria",
         "Dar'a", "Dar'a", str(DARAA[0]), str(DARAA[1]), "1", "SANA", "Clashes in the town.", "0"],
    ])
    return data


def _lists_only_the_regions_event(page: Page) -> None:
    page.get_by_role("heading", name="1 ACLED context event located only to Dar'a").wait_for()
    expect(page.locator("[data-testid='stMain']")).to_contain_text("Shelling across the governorate.")
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Shelling across the governorate." in main
    assert "Clashes in the town." not in main


def test_a_click_inside_a_context_region_lists_the_events_located_only_to_it(
        page: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    open_app(page, server_for(_daraa_data(tmp_path)).url)
    wait_drawn_event_ids(map_frame(page), ["SYR1", "SYR2"], prefix=CONTEXT_PREFIX)
    _click_map_at(page, DARAA[0] + 0.15, DARAA[1])  # inside the area, away from the town's mark
    _lists_only_the_regions_event(page)


def test_on_a_phone_a_tapped_context_mark_brings_its_events_to_the_eye(
        phone: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    open_app(phone, server_for(_daraa_data(tmp_path)).url)
    wait_drawn_event_ids(map_frame(phone), ["SYR1", "SYR2"], prefix=CONTEXT_PREFIX)
    _click_map_at(phone, *DARAA, tap=True)  # the town's own mark, above the governorate's area
    wait_details_in_view(phone, "1 ACLED context event at Dar'a")
    assert "Clashes in the town." in phone.locator("[data-testid='stMain']").inner_text()


def test_a_context_region_and_mark_are_named_as_their_tooltips_and_open_with_the_keyboard(
        page: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    open_app(page, server_for(_daraa_data(tmp_path)).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, ["SYR1", "SYR2"], prefix=CONTEXT_PREFIX)
    frame.wait_for_load_state("networkidle")  # a key press while outlines arrive can be lost
    area = frame.get_by_role("button", name="Dar'a, 1 event located only to this region", exact=True)
    area.focus()
    # While focused, the area it stands for is outlined in the focus colour.
    frame.wait_for_function("""() => { let found = false; window.map_div.eachLayer((layer) => {
        if (layer.options && layer.options.region && layer.options.color === "#1a73e8") found = true; });
        return found; }""")
    page.keyboard.press("Enter")
    _lists_only_the_regions_event(page)
    # The town's own mark: its place, count, dates and kind, as its tooltip says them.
    mark = frame.get_by_role("button", name=re.compile(r"^Dar'a, 1 event, 2016-05-02, \w"))
    mark.focus()
    page.keyboard.press("Space")
    page.get_by_role("heading", name="1 ACLED context event at Dar'a").wait_for()
    expect(page.locator("[data-testid='stMain']")).to_contain_text("Clashes in the town.")
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "Clashes in the town." in main and "Shelling across the governorate." not in main


# The mark of most events on the map as drawn now: its place on the frame's page, its zoom,
# cell and style, and the places it gathers with the events of each (what its hover counts).
# Whether the details list at least ``n`` ACLED ids (the list arrives after its heading).
_LISTED_AT_LEAST = """(n) => (document.querySelector("[data-testid='stMain']").innerText
    .match(/ACLED id \\S+/g) || []).length >= n"""
_BIGGEST_MARK = """([zoomRef, cellPx]) => {
    const map = window.map_div;
    for (const key in map._layers) {
        const layer = map._layers[key];
        if (!layer._marks || !layer._marks.length) { continue; }
        let best = 0;
        layer._marks.forEach((mark, i) => { if (mark.count > layer._marks[best].count) { best = i; } });
        const mark = layer._marks[best];
        const point = map.layerPointToContainerPoint([layer._x[best], layer._y[best]]);
        const box = map.getContainer().getBoundingClientRect();
        const scale = 2 ** (zoomRef - mark.zoom);
        const places = layer._places.filter((place) => place.styleIndex === mark.styleIndex
            && Math.floor(Math.floor(place.x / scale) / cellPx) === mark.x
            && Math.floor(Math.floor(place.y / scale) / cellPx) === mark.y);
        return {x: point.x + box.left, y: point.y + box.top,
                mark: [mark.zoom, mark.x, mark.y, mark.styleIndex],
                places: places.map((place) => [place.lat, place.lon, place.count])};
    }
    return null;
}"""


def test_a_dense_layer_draws_marks_of_many_places_whose_hover_and_click_counts_agree(
        page: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    data, export = _data_dir_with_export(tmp_path)
    index = context_index(context_layer_from_file(export))
    every = index.ids(range(len(index)))
    open_app(page, server_for(data).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, every, prefix=CONTEXT_PREFIX)
    frame.wait_for_load_state("networkidle")  # st_folium can lose a click while outlines load
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    found = frame.evaluate(_BIGGEST_MARK, [ZOOM_REF, CELL_PX])
    assert found is not None and len(found["places"]) > 1  # zoomed out, a mark gathers several places
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + found["x"], box["y"] + found["y"])
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for()
    hovered = int(tooltip.inner_text().split("\n")[1].split(" ")[0])
    assert hovered == sum(count for _, _, count in found["places"])
    page.mouse.click(box["x"] + found["x"], box["y"] + found["y"])
    heading = page.get_by_role("heading", name=re.compile(f"^{hovered:,} ACLED context events (at|near) "))
    heading.wait_for()
    if len(found["places"]) > SPOT_PLACES_NAMED:
        assert "more places" in heading.inner_text()
    # The same set, not only the same number: the events the click lists are those of the
    # places the hovered mark gathers, as many at each.
    points = index.points
    clicked = context_rows_at(index, np.arange(len(index)), Spot(0.0, 0.0, False, Mark(*found["mark"])))
    at_place = Counter((float(points.place_lat[points.place[row]]), float(points.place_lon[points.place[row]]))
                       for row in clicked)
    assert at_place == {(lat, lon): count for lat, lon, count in found["places"]}
    page.wait_for_function(_LISTED_AT_LEAST, arg=min(hovered, SPOT_LISTED), polling=POLL_MS)
    listed = re.findall(r"ACLED id (\S+)", page.locator("[data-testid='stMain']").inner_text())
    assert len(listed) == min(hovered, SPOT_LISTED)
    assert set(listed) <= set(index.ids(clicked))
