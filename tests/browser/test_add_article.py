"""The "Add an article" page in Chromium: paste, accept, save, and the map draws the new events."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from events import mapview
from geo.maps.leaflet import placement_of_items
from tests.browser.harness import (REPO, Server, map_frame, open_app, runs_ended, wait_drawn_event_ids,
                                   wait_run_ended_after, wait_script_done)

SAMPLE = REPO.parent / "shared" / "seed" / "article-2016-05-02-syria-isis-deals.txt"
PAGE_PATH = "Add_an_article"
HOSTILE_HTML = b"""<html><head><title>Shelling near Aleppo</title>
<script>window.__pwned = 1; alert(1)</script></head>
<body onload="window.__pwned = 2"><article><h1>Shelling near Aleppo</h1>
<p>Rebels said on Monday they had shelled the airport in Aleppo <img src=x onerror="window.__pwned = 3">.</p>
<p>Government forces withdrew from Palmyra last week, the ministry said in a statement.</p>
</article></body></html>"""
PWNED = "() => window.__pwned === undefined ? null : window.__pwned"


# Each action waits for the run it causes to end, not merely for no run to be going on: that
# run may not have started yet, and a click made while it redraws the page can land on a
# button that is moving.
def _click(page: Page, name: str) -> None:
    before = runs_ended(page)
    page.get_by_role("button", name=name).click()
    wait_run_ended_after(page, before)


def _fill(page: Page, label: str, value: str) -> None:
    """Type a new ``value`` (a value left as it was causes no run)."""
    before = runs_ended(page)
    page.get_by_label(label, exact=True).fill(value)
    page.get_by_label(label, exact=True).press("Tab")
    wait_run_ended_after(page, before)


def _draft(page: Page) -> None:
    page.get_by_role("button", name="Draft the events").click()
    # Drafting takes a few seconds: wait for the cards, not only for a run to end.
    expect(page.get_by_text(re.compile(r"drafted events, the least sure first"))).to_be_visible()
    wait_script_done(page)


def _set_published(page: Page, day: str) -> None:
    """Type a day into the date field (one segment per part: year, month, day). Typing causes
    no run: the next action's run carries the day."""
    field = page.get_by_role("group", name="Published")
    field.locator("[role='spinbutton']").first.click()
    page.keyboard.type(day.replace("-", ""))
    page.keyboard.press("Tab")
    wait_script_done(page)
    expect(field).to_contain_text(day)


def _article_page(page: Page, server: Server) -> None:
    open_app(page, f"{server.url}{PAGE_PATH}")
    expect(page.get_by_role("heading", name="Add an article")).to_be_visible()


def test_a_pasted_article_saved_is_drawn_on_the_map(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"the sample article is not at {SAMPLE}")
    server = server_for(tmp_path)
    _article_page(page, server)
    page.get_by_label("Article text").fill(SAMPLE.read_bytes().decode("utf-8"))
    _fill(page, "Publisher", "Global News")
    _set_published(page, "2016-05-02")
    _draft(page)
    _click(page, "Accept every undecided event")
    save = page.get_by_role("button", name=re.compile(r"^Save \d+ accepted event"))
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_text(re.compile(r"^Saved \d+ event"))).to_be_visible()
    atlas = mapview.atlas_from_directory(tmp_path)
    drawn = placement_of_items(mapview.map_item(placed) for placed in atlas.placed.values()).drawn
    assert len(atlas.events) >= 3 and len(drawn) >= 3
    page.get_by_role("link", name="See them on the map").click()
    # The review page's own small map is an iframe of the same kind: wait for the map page.
    expect(page.get_by_role("heading", name="Event Atlas", exact=True)).to_be_visible()
    wait_script_done(page)
    wait_drawn_event_ids(map_frame(page), list(drawn))
    expect(page.get_by_text(f"Showing {len(atlas.events)} of {len(atlas.events)} events")).to_be_visible()


def test_a_binary_upload_says_why_and_keeps_what_was_typed(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    server = server_for(tmp_path)
    _article_page(page, server)
    page.get_by_label("Article text").fill("Typed by the editor before the upload.")
    _fill(page, "Publisher", "Global News")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "photo.txt", "mimeType": "text/plain", "buffer": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200)}]
    )
    wait_script_done(page)
    expect(page.locator("[data-testid='stAlertContentError']")).to_contain_text("photo.txt")
    expect(page.get_by_label("Article text")).to_have_value("Typed by the editor before the upload.")
    expect(page.get_by_label("Publisher", exact=True)).to_have_value("Global News")


def test_an_html_upload_with_scripts_is_read_as_text_and_runs_nothing(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    server = server_for(tmp_path)
    _article_page(page, server)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "aleppo.html", "mimeType": "text/html", "buffer": HOSTILE_HTML}]
    )
    # The upload's rerun starts once the file has reached the server: wait for its outcome.
    expect(page.get_by_label("Article text")).to_have_value(re.compile("shelled the airport in Aleppo"))
    expect(page.get_by_label("Title", exact=True)).to_have_value("Shelling near Aleppo")
    text = page.get_by_label("Article text").input_value()
    assert "<script" not in text and "onerror" not in text
    _fill(page, "Publisher", "Global News")
    _set_published(page, "2016-05-02")
    _draft(page)
    assert (page.evaluate(PWNED), dialogs) == (None, [])
