"""``streamlit run serve.py``, what ``scripts/dashboard.sh`` starts: the same app, with the
context layer read and the dashboard's modules imported as the server starts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from playwright.sync_api import Page

from events.acled import context_layer_from_file
from events.context import context_index
from serve import project_imports
from tests.browser.harness import REPO, drawn_event_ids, map_frame, open_app, start_server, wait_drawn_event_ids
from tests.browser.test_context_layer import CONTEXT_PREFIX, _data_dir_with_export
from tests.browser.test_map import SAMPLE_DRAWN


def test_the_modules_imported_at_start_are_the_projects_own_that_the_dashboard_imports() -> None:
    modules = project_imports()
    assert {"events.briefing", "events.mapview", "geo.maps.pointlayer"} <= set(modules)
    assert not {"streamlit", "streamlit_folium", "json", "events.mapview.Atlas"} & set(modules)
    assert all(importlib.util.find_spec(module) is not None for module in modules)


def test_the_served_app_draws_the_sample_and_every_context_event(page: Page, tmp_path: Path) -> None:
    data, export = _data_dir_with_export(tmp_path)
    index = context_index(context_layer_from_file(export))
    server = start_server(tmp_path, data, script=REPO / "serve.py")
    try:
        open_app(page, server.url)
        frame = map_frame(page)
        wait_drawn_event_ids(frame, index.ids(range(len(index))), prefix=CONTEXT_PREFIX)
        sample_drawn = [i for i in drawn_event_ids(frame) if not i.startswith(CONTEXT_PREFIX)]
    finally:
        server.stop()
    assert sample_drawn == sorted(SAMPLE_DRAWN)
    assert "Traceback" not in server.log.read_text()
