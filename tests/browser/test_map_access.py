"""The map with a keyboard and a screen reader: named marks that open with Enter or Space, a
legend read as words, and a dark system theme."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.harness import (Server, click_event, map_frame, open_app, wait_drawn_event_ids, wait_query,
                                   wait_script_done, wait_selected_in_view)
from tests.browser.test_map import MIX, MIX_DRAWN
from tests.fixtures.articles import copy_sample_article

HOSPITAL = "Hospital supported by Doctors Without Borders bombed in Aleppo"
ADVANCE = "Government soldiers at the entrance of Palmyra"


def _open_mix(page: Page, server_for: Callable[[Path], Server], data: Path = MIX) -> None:
    open_app(page, server_for(data).url)
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


def _mix_with_place(directory: Path, place: str, region: str) -> Path:
    """The mixed dossier with one place named as a region, so that its events are areas."""
    dossier = (MIX / "sourcing-mix.yaml").read_text(encoding="utf-8")
    assert f"  - name: {place}\n" in dossier
    (copy_sample_article(directory) / "sourcing-mix.yaml").write_text(
        dossier.replace(f"  - name: {place}\n", f"  - name: {region}\n"), encoding="utf-8")
    return directory


def test_a_region_area_is_named_by_its_event_and_sourcing_and_opens_with_enter(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    _open_mix(page, server_for, _mix_with_place(tmp_path, "Aleppo", "Aleppo Governorate"))
    frame = map_frame(page)
    area = frame.get_by_role("button", name=f"{HOSPITAL}. unnamed accusers: Allegation without evidence, alleged",
                             exact=True)
    assert area.evaluate("(element) => element.tagName") == "path"  # the area's own outline, not a mark
    area.focus()
    page.keyboard.press("Enter")
    wait_query(page, "?event=aleppo-hospital")
    expect(page.get_by_role("heading", name=HOSPITAL)).to_be_visible()
    wait_selected_in_view(frame, "aleppo-hospital")


def test_an_area_events_share_opens_its_choices_with_space_and_the_focus_moves_to_them(
    page: Page, server_for: Callable[[Path], Server], tmp_path: Path
) -> None:
    # The orders placed at the province the withdrawal ends in: two events, one area.
    _open_mix(page, server_for, _mix_with_place(tmp_path, "Raqqa", "Raqqa province"))
    frame = map_frame(page)
    chooser = frame.get_by_role("button", name=re.compile(r"^2 events in .*, choose one: "))
    expect(chooser).to_have_accessible_name(re.compile("Orders sent from ISIS headquarters in Raqqa"))
    chooser.focus()
    page.keyboard.press("Space")
    focused = frame.locator(".ea-choice:focus")
    expect(focused).to_have_count(1)
    title = focused.inner_text()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=title)).to_be_visible()


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


LEGEND_LABEL = "Legend: what the colours, outlines and symbols mean"
# The keyboard focus, if it is on an expander's summary: its label (its icon is hidden from
# screen readers) and whether it is open.
_FOCUSED_SUMMARY = """() => {
    const focused = document.activeElement;
    if (!focused || focused.tagName !== "SUMMARY" || !focused.closest("[data-testid='stExpander']")) return null;
    const label = focused.querySelector("[data-testid='stMarkdownContainer']");
    return [label ? label.innerText.trim() : "", focused.closest("details").open];
}"""


def test_the_legend_is_reached_with_tab_from_the_details_and_opens_with_enter(
    page: Page, server_for: Callable[[Path], Server]
) -> None:
    _open_mix(page, server_for)
    frame = map_frame(page)
    click_event(page, frame, "aleppo-hospital")  # the details take the focus; the legend is closed
    page.wait_for_function("() => document.activeElement === document.getElementById('event-details')")
    legend = page.locator(".ea-legend-static")
    expect(legend).to_be_hidden()
    for _ in range(10):  # through the details' few links and expanders, then the legend
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED_SUMMARY) == [LEGEND_LABEL, False]:
            break
    assert page.evaluate(_FOCUSED_SUMMARY) == [LEGEND_LABEL, False]
    page.keyboard.press("Enter")
    expect(legend).to_be_visible()
    assert page.evaluate(_FOCUSED_SUMMARY) == [LEGEND_LABEL, True]
    # What a screen reader is given: each look by its name and meaning, as words.
    read = page.locator("[data-testid='stExpander']").filter(has_text=LEGEND_LABEL).aria_snapshot()
    for words in ("Reported Stated as fact by a named source; not independently confirmed.", "Alleged", "Disputed"):
        assert words in read
