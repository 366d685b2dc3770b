"""The map with a keyboard and a screen reader: named marks that open with Enter or Space, a
legend read as words, and a dark system theme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.harness import Server, map_frame, open_app, wait_drawn_event_ids, wait_script_done
from tests.browser.test_map import MIX, MIX_DRAWN

HOSPITAL = "Hospital supported by Doctors Without Borders bombed in Aleppo"
ADVANCE = "Government soldiers at the entrance of Palmyra"


def _open_mix(page: Page, server_for: Callable[[Path], Server]) -> None:
    open_app(page, server_for(MIX).url)
    frame = map_frame(page)
    wait_drawn_event_ids(frame, MIX_DRAWN)
    frame.wait_for_load_state("networkidle")  # a key press while outlines arrive can be lost


def test_a_mark_is_named_by_its_event_and_sourcing_and_opens_with_space_or_enter(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    _open_mix(page, server_for)
    frame = map_frame(page)
    hospital = frame.get_by_role("button", name=f"{HOSPITAL}. unnamed accusers: Allegation without evidence, alleged")
    hospital.focus()
    page.keyboard.press("Space")
    wait_script_done(page)
    expect(page.get_by_role("heading", name=HOSPITAL)).to_be_visible()

    advance = frame.get_by_role("button", name=f"{ADVANCE}.", exact=False).first
    advance.focus()
    page.keyboard.press("Enter")
    wait_script_done(page)
    expect(page.get_by_role("heading", name=ADVANCE)).to_be_visible()


def test_every_focusable_mark_has_a_name_naming_its_sourcing(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    _open_mix(page, server_for)
    names = map_frame(page).evaluate("""() => [...document.querySelectorAll('.leaflet-marker-icon[tabindex="0"]')]
        .map(icon => icon.textContent.trim())""")
    # Three marks and the arrowhead of the one movement; each name: title, then claimant: evidence, level.
    assert len(names) == len(MIX_DRAWN)
    assert all(". " in name and ": " in name for name in names)


def test_the_legend_is_read_as_text_beside_pictures_a_screen_reader_skips(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    _open_mix(page, server_for)
    rows = page.locator(".ea-legend-static .ea-legend-row")
    expect(rows.filter(has_text="Reported")).to_have_text(
        "Reported Stated as fact by a named source; not independently confirmed.")
    # The five looks are pictures a screen reader skips (empty alt): the words carry the meaning.
    expect(page.locator(".ea-legend-static img.ea-legend-look[alt='']")).to_have_count(5)


def test_in_a_dark_system_theme_the_map_turns_dark_and_the_legend_stays_readable(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    page.emulate_media(color_scheme="dark")
    _open_mix(page, server_for)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelector('.leaflet-container').classList.contains('ea-dark')")
    chosen = frame.evaluate("() => [...document.querySelectorAll('.leaflet-control-layers-base label')]"
                            ".filter(l => l.querySelector('input').checked).map(l => l.textContent.trim())")
    assert chosen == ["Offline basemap, dark"]
    legend = page.locator(".ea-legend-static")
    expect(legend).to_be_visible()
    # The legend takes the page's own (light) text colour; a definition is only quieter.
    colours = page.evaluate("""() => ['.ea-legend-static b', '.ea-legend-def'].map(s => {
        const c = getComputedStyle(document.querySelector(s)); return [c.color, c.opacity]; })""")
    assert colours[0][0] == colours[1][0] and float(colours[1][1]) >= 0.75
    assert colours[0][0] != "rgb(85, 85, 85)"
