"""What a viewer sees in Chromium: events drawn, filtered in place, and restored from a URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from tests.browser.harness import (
    MAP_IFRAME,
    Server,
    Traffic,
    choose_option,
    click_event,
    map_frame,
    open_app,
    wait_drawn_event_ids,
    wait_map_ready,
)

MIX = Path(__file__).resolve().parents[1] / "fixtures" / "dossiers"
# Palmyra, Raqqa and Aleppo are marks; the two events placed only in "Syria" are listed
# beside the map (their country is only tinted), never drawn as items.
MIX_DRAWN = ["aleppo-hospital", "palmyra-advance", "palmyra-withdrawal", "raqqa-orders"]
LEAKED_DRAWN = ["palmyra-withdrawal", "raqqa-orders"]


def test_fixture_dossier_draws_every_placeable_event(page: Page, server_for: Callable[[Path], Server]) -> None:
    open_app(page, server_for(MIX).url)
    wait_drawn_event_ids(map_frame(page), MIX_DRAWN)
    assert page.get_by_text("Showing 6 of 6 events").is_visible()


def test_sourcing_filter_narrows_the_map_in_the_same_iframe(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    iframe = page.locator(MAP_IFRAME).element_handle()
    frame.evaluate("() => { window.__sameDocument = true; }")
    choose_option(page, "Evidence", "leaked-documents")
    wait_drawn_event_ids(frame, LEAKED_DRAWN)
    assert page.evaluate(f"(el) => el === document.querySelector('{MAP_IFRAME}')", iframe) is True
    assert frame.evaluate("() => window.__sameDocument") is True
    assert "evidence=leaked-documents" in page.url


def test_shared_url_restores_the_same_view(page: Page, server_for: Callable[[Path], Server]) -> None:
    server = server_for(MIX)
    open_app(page, f"{server.url}?evidence=leaked-documents&event=raqqa-orders")
    wait_drawn_event_ids(map_frame(page), LEAKED_DRAWN)
    assert page.get_by_text("Showing 2 of 6 events").is_visible()
    assert page.get_by_role("heading", name="Orders sent from ISIS headquarters in Raqqa").is_visible()


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
    click_event(page, frame, "aleppo-hospital")
    heading = page.get_by_role("heading", name="Hospital supported by Doctors Without Borders bombed in Aleppo")
    heading.wait_for()
    assert page.get_by_text("Chain: Global News").is_visible()
    assert page.url.endswith("?event=aleppo-hospital")
