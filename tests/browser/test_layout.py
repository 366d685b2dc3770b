"""The page around the map as a reader meets it: room for the map, details brought to the eye
and to the keyboard after a choice, on a wide screen and on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.harness import (
    MAP_IFRAME,
    Server,
    click_event,
    map_frame,
    open_app,
    open_events_table,
    select_table_row,
    wait_drawn_event_ids,
    wait_map_ready,
    wait_details_in_view,
    wait_query,
)
from tests.browser.test_map import MIX, MIX_DRAWN

HOSPITAL = "Hospital supported by Doctors Without Borders bombed in Aleppo"
_FOCUS_IN_DETAILS_COLUMN = """() => {
    const column = document.getElementById("event-details").closest("[data-testid='stColumn']");
    return document.activeElement !== document.body && column.contains(document.activeElement);
}"""


def test_the_map_takes_half_a_wide_screen(page: Page, server_for: Callable[[Path], Server]) -> None:
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    assert (box["width"] >= 0.48 * 1400, box["height"]) == (True, 600)
    assert box["y"] + box["height"] <= 1000  # wholly on the first screen


def test_a_row_clicked_below_the_map_brings_the_details_into_view_and_focus(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    select_table_row(page, 2)  # scrolls the table into view first
    wait_details_in_view(page, HOSPITAL)
    page.keyboard.press("Tab")  # the keyboard goes on through the details, not back to the top
    assert page.evaluate(_FOCUS_IN_DETAILS_COLUMN) is True


def test_on_a_phone_a_tapped_mark_brings_its_details_to_the_eye(
    phone: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(phone, server_for(MIX).url)
    frame = map_frame(phone)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    click_event(phone, frame, "aleppo-hospital", tap=True)
    wait_query(phone, "?event=aleppo-hospital")
    wait_details_in_view(phone, HOSPITAL)


# Each event of the mixed dossier as the list below the map shows it: title, then verification and claimants.
MIX_LIST = [
    ("Artillery withdrawn from Palmyra to Raqqa province", "Unverified · Sky News"),
    ("Orders sent from ISIS headquarters in Raqqa", "Unverified · Sky News"),
    (HOSPITAL, "Alleged · unnamed accusers"),
    ("Fertilizer traded for oil", "Alleged · unnamed accusers"),
    ("Local non-aggression between ISIS and Jabhat al-Nusra", "Reported · Michael Zekulin, University of Calgary"),
    ("Government soldiers at the entrance of Palmyra", "Reported · SANA"),
]


def test_on_a_phone_every_event_shows_its_title_verification_and_claimants_without_sideways_scroll(
    phone: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(phone, server_for(MIX).url)
    wait_map_ready(map_frame(phone))
    expect(phone.locator("[data-testid='stDataFrame']")).to_have_count(0)  # opened on demand only
    listed = phone.locator(".st-key-events-list")
    titles, sourcings = listed.get_by_role("button"), listed.locator("[data-testid='stCaptionContainer']")
    expect(titles).to_have_count(len(MIX_LIST))
    assert list(zip(titles.all_inner_texts(), sourcings.all_inner_texts(), strict=True)) == MIX_LIST
    for shown in titles.all() + sourcings.all():
        shown.scroll_into_view_if_needed()
        box = shown.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (shown.inner_text(), box)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    listed.get_by_role("button", name=HOSPITAL, exact=True).tap()
    wait_query(phone, "?event=aleppo-hospital")
    wait_details_in_view(phone, HOSPITAL)


def test_on_a_wide_screen_the_list_shows_every_event_and_the_table_is_built_when_opened(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    listed = page.locator(".st-key-events-list")
    titles, sourcings = listed.get_by_role("button"), listed.locator("[data-testid='stCaptionContainer']")
    expect(titles).to_have_count(len(MIX_LIST))
    assert list(zip(titles.all_inner_texts(), sourcings.all_inner_texts(), strict=True)) == MIX_LIST
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(0)  # not in the first draw
    open_events_table(page)
    expect(page.locator("[data-testid='stDataFrame']")).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame'] tbody tr")).to_have_count(len(MIX_LIST))


def test_an_event_with_no_mark_opens_from_the_list_beside_the_map(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    wait_map_ready(map_frame(page))
    beside_map = page.get_by_test_id("stColumn")  # not the list of every event below
    beside_map.get_by_role("button", name="Fertilizer traded for oil").click()
    wait_query(page, "?event=fertilizer-for-oil")
    wait_details_in_view(page, "Fertilizer traded for oil")


def test_a_link_to_an_event_neither_scrolls_nor_takes_the_focus(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, f"{server_for(MIX).url}?event=aleppo-hospital")
    wait_map_ready(map_frame(page))
    expect(page.get_by_role("heading", name=HOSPITAL)).to_be_visible()
    assert page.evaluate("() => document.activeElement === document.getElementById('event-details')") is False
