"""A dossier full of markup and script breakers shows as text and runs nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Dialog, Page, expect

from tests.browser.harness import Server, map_frame, open_app, wait_drawn_event_ids
from tests.fixtures.hostile import EVENT_IDS, HOSTILE, write_hostile_dossier

PWNED = "() => window.__pwned === undefined ? null : window.__pwned"


def test_hostile_dossier_runs_no_script_and_shows_its_text(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    server = server_for(write_hostile_dossier(tmp_path))
    open_app(page, f"{server.url}?event={EVENT_IDS[0]}")
    frame = map_frame(page)
    wait_drawn_event_ids(frame, [EVENT_IDS[0]])
    frame.evaluate("() => { window.map_div.eachLayer((layer) => layer.openTooltip && layer.openTooltip()); }")
    tooltips = frame.evaluate("() => [...document.querySelectorAll('.leaflet-tooltip')].map((t) => t.textContent)")
    assert len(tooltips) == 1 and tooltips[0].startswith(HOSTILE)  # then a hidden id marker
    expect(page.get_by_role("heading", name=HOSTILE)).to_be_visible()
    expect(page.locator("[data-testid='stMain']")).to_contain_text(f"Claimant: {HOSTILE}")
    assert (page.evaluate(PWNED), frame.evaluate(PWNED), dialogs) == (None, None, [])
