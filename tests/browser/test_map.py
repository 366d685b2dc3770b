"""What a viewer sees in Chromium: events drawn, filtered in place, and restored from a URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.harness import (
    MAP_IFRAME,
    POLL_MS,
    Server,
    Traffic,
    choose_in_shared_area,
    choose_option,
    chosen_options,
    click_event,
    map_frame,
    multiselect,
    open_app,
    open_events_table,
    runs_ended,
    select_table_row,
    wait_drawn_event_ids,
    wait_map_ready,
    wait_query,
    wait_selected_in_view,
    wait_ticked_rows,
)
from tests.fixtures.articles import copy_sample_article

MIX = Path(__file__).resolve().parents[1] / "fixtures" / "dossiers"
# Palmyra, Raqqa and Aleppo are marks; the two events placed only in "Syria" are listed
# beside the map (their country is only tinted), never drawn as items.
MIX_DRAWN = ["aleppo-hospital", "palmyra-advance", "palmyra-withdrawal", "raqqa-orders"]
LEAKED_DRAWN = ["palmyra-withdrawal", "raqqa-orders"]
# The sample article: Palmyra (twice), Raqqa and Aleppo (three times) are marks; seven events
# placed only in Syria or the U.S. are listed beside the map.
SAMPLE_DRAWN = [
    "aleppo-canadian-clinic-bombing",
    "aleppo-msf-hospital-bombing",
    "aleppo-truce-talks",
    "isis-headquarters-orders",
    "palmyra-government-advance",
    "palmyra-weapons-withdrawal",
]
SAMPLE_VISUAL_EVIDENCE = ["aleppo-msf-hospital-bombing", "palmyra-government-advance"]


def test_sample_draws_its_placed_events_and_lists_the_country_wide_ones(page: Page, server: Server) -> None:
    open_app(page, server.url)
    wait_drawn_event_ids(map_frame(page), SAMPLE_DRAWN)
    expect(page.get_by_text("Showing 13 of 13 events")).to_be_visible()
    expect(page.get_by_text("No precise place (7 of the events shown)")).to_be_visible()


def test_sample_narrows_to_visual_evidence_in_the_same_iframe(page: Page, server: Server) -> None:
    open_app(page, server.url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, SAMPLE_DRAWN)
    frame.evaluate("() => { window.__sameDocument = true; }")
    choose_option(page, "Evidence", "Photo or video")
    wait_drawn_event_ids(frame, SAMPLE_VISUAL_EVIDENCE)
    assert frame.evaluate("() => window.__sameDocument") is True
    expect(page.get_by_text("Showing 2 of 13 events")).to_be_visible()


def test_panning_and_zooming_do_not_rerun_the_script(page: Page, server: Server) -> None:
    open_app(page, server.url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, SAMPLE_DRAWN)
    frame.wait_for_load_state("networkidle")
    runs = runs_ended(page)
    assert runs == 1  # the map's first moveend asks for no rerun
    frame.evaluate("() => { window.__ends = 0; window.map_div.on('moveend', () => { window.__ends += 1; }); }")
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 240, box["y"] + 490)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 450, steps=8)  # Aleppo stays in view
    page.mouse.up()
    frame.wait_for_function("() => window.__ends >= 1", polling=POLL_MS)  # the drag's inertia ended
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("() => window.__ends >= 2 && window.map_div.getZoom() === 7", polling=POLL_MS)
    click_event(page, frame, "aleppo-truce-talks")  # a run that must happen, to count against
    page.wait_for_function("() => window.location.search.startsWith('?event=')", polling=POLL_MS)
    assert runs_ended(page) == runs + 1


def test_fixture_dossier_draws_every_placeable_event(page: Page, server_for: Callable[[Path], Server]) -> None:
    open_app(page, server_for(MIX).url)
    wait_drawn_event_ids(map_frame(page), MIX_DRAWN)
    expect(page.get_by_text("Showing 6 of 6 events")).to_be_visible()


def test_sourcing_filter_narrows_the_map_in_the_same_iframe(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    iframe = page.locator(MAP_IFRAME).element_handle()
    frame.evaluate("() => { window.__sameDocument = true; }")
    choose_option(page, "Evidence", "Leaked documents")
    wait_drawn_event_ids(frame, LEAKED_DRAWN)
    assert page.evaluate(f"(el) => el === document.querySelector('{MAP_IFRAME}')", iframe) is True
    assert frame.evaluate("() => window.__sameDocument") is True
    wait_query(page, "?evidence=leaked-documents")


def test_a_filter_that_leaves_nothing_keeps_the_map_in_the_same_iframe(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    """The lines above the map change (the placing line goes, an empty result's notice and
    button come): the map keeps its place on the page, so its iframe is not replaced."""
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    iframe = page.locator(MAP_IFRAME).element_handle()
    frame.evaluate("() => { window.__sameDocument = true; }")
    search = page.get_by_label("Search titles, summaries, quotes and places")
    search.fill("no event says this")
    search.press("Enter")
    expect(page.get_by_role("button", name="Clear the filters")).to_be_visible()
    wait_drawn_event_ids(frame, [])
    assert page.evaluate(f"(el) => el === document.querySelector('{MAP_IFRAME}')", iframe) is True
    assert frame.evaluate("() => window.__sameDocument") is True


def test_shared_url_restores_the_same_view(page: Page, server_for: Callable[[Path], Server]) -> None:
    server = server_for(MIX)
    open_app(page, f"{server.url}?evidence=leaked-documents&event=raqqa-orders")
    frame = map_frame(page)
    wait_drawn_event_ids(frame, LEAKED_DRAWN)
    wait_selected_in_view(frame, "raqqa-orders")
    expect(page.get_by_text("Showing 2 of 6 events")).to_be_visible()
    expect(page.get_by_role("heading", name="Orders sent from ISIS headquarters in Raqqa")).to_be_visible()


def test_a_table_row_moves_the_highlight_and_brings_the_event_into_view(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    frame.evaluate("() => { window.map_div.setView([48.85, 2.35], 7, {animate: false}); }")  # Paris
    select_table_row(page, 2)
    wait_query(page, "?event=aleppo-hospital")
    wait_selected_in_view(frame, "aleppo-hospital")
    assert frame.evaluate("() => window.map_div.getZoom()") == 7  # panned, not zoomed
    # A filter change that keeps the selection leaves a view the reader has moved since.
    frame.evaluate("() => { window.map_div.setView([48.85, 2.35], 7, {animate: false}); }")
    choose_option(page, "Evidence", "Allegation without evidence")
    wait_drawn_event_ids(frame, ["aleppo-hospital"])
    assert frame.evaluate("() => window.map_div.getCenter().lat.toFixed(2)") == "48.85"


def test_a_filter_opened_as_soon_as_the_last_one_applied_takes_only_the_option_clicked(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    # A quick reader opens the next filter the moment the last one's rerun ends. The dropdown
    # offers no "Select all" row (it is the same as no choice here, and it sat first, where a
    # click or an Enter meant for an option landed): only the option clicked is taken.
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    choose_option(page, "Evidence", "allegation")
    multiselect(page, "Verification").locator("input").click()
    # The list is drawn after the click: wait for it. An option already chosen is not offered,
    # so a click that chose the first option as it opened shows here as four options.
    expect(page.get_by_role("option")).to_have_text(
        ["Confirmed (0)", "Reported (2)", "Unverified (2)", "Alleged (2)", "Disputed (0)"])
    page.keyboard.press("Escape")
    expect(page.get_by_role("option")).to_have_count(0)  # closed before it is opened again
    choose_option(page, "Verification", "alleged")
    assert chosen_options(page, "Verification") == ["Alleged (2)"]
    wait_query(page, "?evidence=allegation&verification=alleged")


def test_choosing_a_filter_moves_no_field_below_it_and_the_next_list_opens_below_its_field(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    # A chosen value that took a second row made the Evidence field taller: the fields below
    # moved down, and the next one's list opened where that field had been, over the point
    # clicked to open it, where a slow release chose its first option.
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    field = multiselect(page, "Verification").locator("input")
    before = field.bounding_box()
    choose_option(page, "Evidence", "Allegation without evidence")
    after = field.bounding_box()
    assert before is not None and after is not None and after["y"] == before["y"]
    field.click(position={"x": 4, "y": 2})  # its top edge: no list, even a misplaced one, is there yet
    expect(page.get_by_role("option").first).to_be_visible()
    listed = page.get_by_role("listbox").bounding_box()
    assert listed is not None and listed["y"] >= after["y"] + after["height"]
    assert chosen_options(page, "Verification") == []


def test_every_event_sharing_a_region_can_be_chosen_from_the_map(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    # The orders placed at the province the withdrawal ends in: two events, one area.
    dossier = (MIX / "sourcing-mix.yaml").read_text(encoding="utf-8")
    (copy_sample_article(tmp_path) / "sourcing-mix.yaml").write_text(dossier.replace("  - name: Raqqa\n", "  - name: Raqqa province\n"),
                                                encoding="utf-8")
    open_app(page, server_for(tmp_path).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    for event_id, title in [("raqqa-orders", "Orders sent from ISIS headquarters in Raqqa"),
                            ("palmyra-withdrawal", "Artillery withdrawn from Palmyra to Raqqa province")]:
        choose_in_shared_area(page, frame, title)
        wait_query(page, f"?event={event_id}")
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        wait_selected_in_view(frame, event_id)


def test_nothing_is_requested_from_another_host(page: Page, server: Server, traffic: Traffic) -> None:
    open_app(page, server.url)
    wait_map_ready(map_frame(page))
    assert traffic.requested, "no request was recorded"
    assert traffic.blocked == []


def test_clicking_an_event_shows_its_sources_beside_the_map(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    open_events_table(page)
    click_event(page, frame, "aleppo-hospital")
    heading = page.get_by_role("heading", name="Hospital supported by Doctors Without Borders bombed in Aleppo")
    heading.wait_for()
    expect(page.get_by_text("Chain: Global News")).to_be_visible()
    wait_query(page, "?event=aleppo-hospital")
    wait_ticked_rows(page, ["Hospital supported by Doctors Without Borders bombed in Aleppo"])
    click_event(page, frame, "raqqa-orders")  # the row the app ticked does not take the selection back
    wait_query(page, "?event=raqqa-orders")
    wait_ticked_rows(page, ["Orders sent from ISIS headquarters in Raqqa"])


def test_selecting_a_table_row_shows_that_events_sources(page: Page, server_for: Callable[[Path], Server]) -> None:
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    select_table_row(page, 2)
    expect(page.get_by_role("heading", name="Hospital supported by Doctors Without Borders bombed in Aleppo")).to_be_visible()
    wait_query(page, "?event=aleppo-hospital")


def test_clicking_the_same_mark_again_reselects_it(page: Page, server_for: Callable[[Path], Server]) -> None:
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    click_event(page, frame, "aleppo-hospital")
    wait_query(page, "?event=aleppo-hospital")
    select_table_row(page, 0)
    wait_query(page, "?event=palmyra-withdrawal")
    click_event(page, frame, "aleppo-hospital")
    wait_query(page, "?event=aleppo-hospital")
