"""A context layer of a few thousand ACLED events in the real app: drawn, and filtered in place."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from events.acled import context_layer_from_file
from events.context import context_index, context_rows_matching
from events.filtering import EventFilter
from tests.browser.harness import (MAP_IFRAME, REPO, Server, map_frame, open_app, wait_drawn_event_ids,
                                   wait_script_done)

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
    every = [event.event_id for event in index.events]
    aleppo = [index.events[row].event_id
              for row in context_rows_matching(index, EventFilter(q="aleppo"))]
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


def test_an_uploaded_export_replaces_the_directorys_on_the_live_map(
        page: Page, server_for: Callable[[Path], Server], tmp_path: Path) -> None:
    data, export = _data_dir_with_export(tmp_path)
    upload = tmp_path / "upload.csv"
    upload.write_text("".join(export.read_text(encoding="utf-8").splitlines(keepends=True)[:51]),
                      encoding="utf-8")
    every = [event.event_id for event in context_index(context_layer_from_file(export)).events]
    open_app(page, server_for(data).url)
    wait_drawn_event_ids(map_frame(page), every, prefix=CONTEXT_PREFIX)
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(upload)
    wait_script_done(page)
    wait_drawn_event_ids(map_frame(page), every[:50], prefix=CONTEXT_PREFIX)
