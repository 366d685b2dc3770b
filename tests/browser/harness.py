"""Real-browser harness: ``streamlit run`` on a free localhost port, driven by Debian's Chromium.

Requests are recorded by :class:`Traffic`; a request to any host other than localhost is
blocked (and the ``context`` fixture fails the test at teardown).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Frame, Locator, Page, Route, WebSocketRoute
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
SERVER_START_SECONDS = 30.0
# Generous: on a busy two-core CI machine a first script run can take many seconds.
PAGE_TIMEOUT_MS = 60_000
# Poll on a timer, not on animation frames: Chromium throttles those in a frame out of view.
POLL_MS = 100
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.read() == b"ok")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@dataclass
class Server:
    """A ``streamlit run dashboard.py`` process in its own process group."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_SECONDS
        health = f"{self.url}_stcore/health"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log.read_text()}")
            if _health_ok(health):
                return
            time.sleep(0.1)  # polling interval, not a wait for a condition
        raise RuntimeError(f"streamlit not healthy at {health} after {SERVER_START_SECONDS} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_server(log_dir: Path, data_dir: Path | None = None, script: Path | None = None) -> Server:
    """``streamlit run`` of the dashboard, or of another ``script`` that imports the packages."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("EVENT_ATLAS_DATA", None)
    if data_dir is not None:
        env["EVENT_ATLAS_DATA"] = str(data_dir)
    log = log_dir / f"streamlit-{port}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script or "dashboard.py"),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(port, process, log)
    try:
        server.wait_healthy()
    except RuntimeError:
        server.stop()
        raise
    return server


@dataclass
class Traffic:
    """Every URL the page asked for, and those blocked because they left localhost."""

    requested: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        self.requested.append(url)
        if _is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


def websocket_route(ws: WebSocketRoute, traffic: Traffic) -> None:
    traffic.requested.append(ws.url)
    if _is_local(ws.url):
        ws.connect_to_server()
    else:
        traffic.blocked.append(ws.url)
        ws.close()


def open_app(page: Page, url: str) -> None:
    """Navigate and wait until the script has run to the end."""
    page.goto(url)
    wait_script_done(page)


_SCRIPT_DONE = """() => document.querySelector(
    "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
) !== null"""


def wait_script_done(page: Page) -> None:
    """Poll until the app is connected and no script run is going on.

    A rerun a click has asked for may not have started yet: wait for its outcome too, or
    use :func:`runs_ended` and :func:`wait_run_ended_after`."""
    page.wait_for_function(_SCRIPT_DONE, polling=POLL_MS)


# Counts the script runs (whole or fragment) that have ended since the page loaded: one per
# `script_finished` message the server sends (field 6 of a ForwardMsg, read from the message's
# top-level fields), counted once the app's own handler has taken that message. Not from the
# app's `data-test-script-state`: when a short run's start and end reach the page together,
# React renders them at once and the attribute never leaves "notRunning". Its changes, and
# the connection's, are kept for a failed wait to show.
COUNT_RUNS = """
(() => {
    window.__runsEnded = 0;
    window.__runStates = [];
    const note = (line) => {
        window.__runStates.push(`${Math.round(performance.now())} ms ${line}`);
        if (window.__runStates.length > 40) window.__runStates.shift();
    };
    const finishedStatus = (bytes) => {
        let at = 0;
        const varint = () => {
            let value = 0, scale = 1, byte;
            do { byte = bytes[at++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
            return value;
        };
        while (at < bytes.length) {
            const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
            if (field === 6 && wire === 0) return varint();
            if (wire === 0) varint();
            else if (wire === 1) at += 8;
            else if (wire === 2) { const length = varint(); at += length; }  // not `at += varint()`: that reads `at` first
            else if (wire === 5) at += 4;
            else return null;
        }
        return null;
    };
    const PageWebSocket = window.WebSocket;
    window.WebSocket = class extends PageWebSocket {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", (event) => {
                if (!(event.data instanceof ArrayBuffer)) return;
                const status = finishedStatus(new Uint8Array(event.data));
                if (status === null) return;
                // The app's own listener, added after this one, takes the message next: count after it.
                setTimeout(() => { window.__runsEnded += 1; note(`script finished, status ${status}`); }, 0);
            });
        }
    };
    new MutationObserver((changes) => {
        for (const change of changes) {
            note(`${change.oldValue} -> ${change.target.getAttribute(change.attributeName)}`);
        }
    }).observe(document, {attributes: true, attributeOldValue: true, subtree: true,
                          attributeFilter: ["data-test-script-state", "data-test-connection-state"]});
})();
"""


def runs_ended(page: Page) -> int:
    """How many script runs have ended on ``page`` (``COUNT_RUNS`` must be an init script)."""
    ended: int = page.evaluate("() => window.__runsEnded")
    return ended


def wait_run_ended_after(page: Page, before: int) -> None:
    """Poll until a run has ended since ``before`` runs had, and no other is going on: the
    outcome of the rerun an action asked for, however late that rerun started."""
    try:
        page.wait_for_function(f"(before) => window.__runsEnded > before && ({_SCRIPT_DONE})()", arg=before,
                               polling=POLL_MS)
    except PlaywrightTimeoutError:
        raise AssertionError(f"no run ended after {before}: {run_history(page)}") from None


def run_history(page: Page) -> str:
    """What a failed wait saw: the runs ended, the app's states now, their last changes, the URL."""
    seen = page.evaluate("""() => {
        const app = document.querySelector("[data-testid='stApp']");
        return {ended: window.__runsEnded, url: location.href, changes: window.__runStates,
                script: app && app.getAttribute("data-test-script-state"),
                connection: app && app.getAttribute("data-test-connection-state")};
    }""")
    return json.dumps(seen, indent=1)


def map_frame(page: Page) -> Frame:
    """The live map's frame (the iframe is attached even when a failure leaves it at height 0)."""
    page.wait_for_function(f"() => document.querySelector({json.dumps(MAP_IFRAME)}) !== null", polling=POLL_MS)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    assert frame is not None, "the map iframe has no frame"
    return frame


# streamlit-folium names the live Leaflet map `map_div`; groups (clusters, feature groups)
# are walked so an event counts whether its layer is drawn alone or inside a group. A layer
# drawing one event carries its id as `eventId`; a layer drawing several at once (the
# context layer's marks, its region areas) lists them all in `eventIds`.
_DRAWN_EVENT_IDS = """(prefix) => {
    const ids = new Set();
    const visit = (layer) => {
        const options = layer.options || {};
        for (const id of options.eventIds || (options.eventId ? [options.eventId] : [])) {
            if (String(id).startsWith(prefix)) ids.add(String(id));
        }
        if (typeof layer.getLayers === "function") layer.getLayers().forEach(visit);
    };
    // Until the map script has run, `map_div` is only the element of that id.
    if (window.L && window.map_div instanceof window.L.Map) window.map_div.eachLayer(visit);
    return [...ids].sort();
}"""


def drawn_event_ids(frame: Frame, prefix: str = "") -> list[str]:
    """The ids (starting with ``prefix``) of the events the live map draws."""
    ids: list[str] = frame.evaluate(_DRAWN_EVENT_IDS, prefix)
    return ids


def wait_drawn_event_ids(frame: Frame, expected: list[str], prefix: str = "") -> None:
    """Poll until the map draws exactly ``expected`` among the ids starting with ``prefix``."""
    script = (f"([expected, prefix]) => JSON.stringify(({_DRAWN_EVENT_IDS})(prefix))"
              " === JSON.stringify(expected)")
    try:
        frame.wait_for_function(script, arg=[sorted(expected), prefix], polling=POLL_MS)
    except PlaywrightTimeoutError:
        drawn = drawn_event_ids(frame, prefix)
        raise AssertionError(f"the map draws {len(drawn)} events {drawn[:20]}, not the "
                             f"{len(expected)} {sorted(expected)[:20]} (page {frame.page.url})") from None


def multiselect(page: Page, label: str) -> Locator:
    """The sidebar multiselect labelled ``label``."""
    return page.locator("[data-testid='stMultiSelect']").filter(has=page.get_by_text(label, exact=True))


def chosen_options(page: Page, label: str) -> list[str]:
    """The options shown as chosen in the multiselect labelled ``label`` ("allegation (2)")."""
    tags: list[str] = multiselect(page, label).locator("[data-tag]").evaluate_all(
        "(tags) => tags.map((tag) => tag.getAttribute('aria-label'))")
    return tags


def choose_option(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar multiselect labelled ``label``; waits for the rerun it
    causes to end (not merely for no run to be going on: the rerun may not have started)."""
    before = runs_ended(page)
    multiselect(page, label).locator("input").click()
    page.get_by_role("option").filter(has_text=option).first.click()
    page.keyboard.press("Escape")
    wait_run_ended_after(page, before)


def wait_map_ready(frame: Frame) -> None:
    """Poll until the map frame's Leaflet map exists (its scripts loaded and ran)."""
    frame.wait_for_function(
        "() => window.L !== undefined && window.map_div instanceof window.L.Map", polling=POLL_MS
    )


_LAYER_POINT = """(eventId) => {
    let found = null;
    const visit = (layer) => {
        if (layer.options && layer.options.eventId === eventId) found = layer;
        if (typeof layer.getLayers === "function") layer.getLayers().forEach(visit);
    };
    window.map_div.eachLayer(visit);
    const at = found.getLatLng ? found.getLatLng() : found.getBounds().getCenter();
    const point = window.map_div.latLngToContainerPoint(at);
    const box = window.map_div.getContainer().getBoundingClientRect();
    return [point.x + box.left, point.y + box.top];
}"""


def click_event(page: Page, frame: Frame, event_id: str, tap: bool = False) -> None:
    """Click, with the mouse (or ``tap`` with a finger), the mark of one drawn event; waits
    for the rerun."""
    # A click while the basemap outlines are still arriving can be lost by st_folium.
    frame.wait_for_load_state("networkidle")
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    x, y = frame.evaluate(_LAYER_POINT, event_id)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map iframe is not laid out"
    before = runs_ended(page)
    if tap:
        page.touchscreen.tap(box["x"] + x, box["y"] + y)
    else:
        page.mouse.click(box["x"] + x, box["y"] + y)
    wait_run_ended_after(page, before)


# The events whose main layer is drawn as selected, and whether each is wholly in view.
_SELECTED = """() => {
    const found = new Map();
    const map = window.map_div;
    const visit = (layer) => {
        const element = layer.options && layer.options.eventId && layer.getElement && layer.getElement();
        if (element && element.classList.contains("ea-selected")) {
            const bounds = layer.getLatLng ? window.L.latLngBounds([layer.getLatLng()]) : layer.getBounds();
            found.set(String(layer.options.eventId), map.getBounds().contains(bounds));
        }
        if (typeof layer.getLayers === "function") layer.getLayers().forEach(visit);
    };
    if (window.L && map instanceof window.L.Map) map.eachLayer(visit);
    return [...found].sort();
}"""


def wait_selected_in_view(frame: Frame, event_id: str) -> None:
    """Poll until the map draws exactly ``event_id`` as selected, wholly in view."""
    script = f"(id) => JSON.stringify(({_SELECTED})()) === JSON.stringify([[id, true]])"
    try:
        frame.wait_for_function(script, arg=event_id, polling=POLL_MS)
    except PlaywrightTimeoutError:
        raise AssertionError(f"selected on the map [id, in view]: {frame.evaluate(_SELECTED)}, "
                             f"not [{event_id!r}, True]") from None


# A point of the map, in page pixels, where the chooser over a shared area itself takes the click
# (not a line or mark above it), found by hit-testing a grid over the area.
_CHOOSER_POINT = """() => {
    let chooser = null;
    window.map_div.eachLayer((layer) => { if (layer.options && layer.options.choices) chooser = layer; });
    const element = chooser.getElement();
    const bounds = chooser.getBounds();
    const box = window.map_div.getContainer().getBoundingClientRect();
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
        const at = [bounds.getSouth() + (bounds.getNorth() - bounds.getSouth()) * i / 20,
                    bounds.getWest() + (bounds.getEast() - bounds.getWest()) * j / 20];
        const point = window.map_div.latLngToContainerPoint(at);
        if (document.elementFromPoint(point.x + box.left, point.y + box.top) === element)
            return [point.x + box.left, point.y + box.top];
    }
    return null;
}"""


def choose_in_shared_area(page: Page, frame: Frame, title: str) -> None:
    """Click, with the mouse, the area several events share, then the named event in its list."""
    frame.wait_for_load_state("networkidle")
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    point = frame.evaluate(_CHOOSER_POINT)
    assert point is not None, "no point of the shared area takes clicks"
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map iframe is not laid out"
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    frame.get_by_role("button", name=title, exact=True).click()


# st.dataframe draws on a canvas: rows are 35 px high under a 35 px header, and the row
# selection checkboxes sit in the first 35 px column.
_GRID_ROW_PX = 35
_ROW_CLICKS = 3
_CLICK_TAKES_MS = 5_000

# The last grid's box once it is where it was one animation frame before.
_SETTLED_GRID_BOX = """() => new Promise((resolve) => {
    let last = null;
    const step = () => {
        const grid = [...document.querySelectorAll("[data-testid='stDataFrame']")].pop();
        const box = grid.getBoundingClientRect();
        const key = [box.x, box.y, box.width, box.height].join();
        if (key === last) resolve({x: box.x, y: box.y});
        else { last = key; requestAnimationFrame(step); }
    };
    step();
})"""

# A click on a row took once the row shows ticked or a run has started or ended since.
_CLICK_TOOK = """([row, before]) => {
    const grid = [...document.querySelectorAll("[data-testid='stDataFrame']")].pop();
    const line = grid && grid.querySelectorAll("tbody tr")[row];
    const app = document.querySelector("[data-testid='stApp']");
    return (line && line.getAttribute("aria-selected") === "true") || window.__runsEnded > before
        || (app && app.getAttribute("data-test-script-state") === "running");
}"""


TABLE_EXPANDER = "Table of these events: every column, sortable"


def open_events_table(page: Page) -> None:
    """Open the events table below the map (built only once opened) and wait for its rows."""
    grid = page.locator("[data-testid='stDataFrame']")
    if grid.count() == 0:
        before = runs_ended(page)
        page.get_by_text(TABLE_EXPANDER, exact=True).click()
        wait_run_ended_after(page, before)
    grid.last.wait_for()


def select_table_row(page: Page, row: int) -> None:
    """Tick the selection box of one row (0-based) of the events table, opened if it is not."""
    open_events_table(page)
    grid = page.locator("[data-testid='stDataFrame']").last
    # A grid just drawn lets a click through before it takes them: its accessible copy of the
    # rows comes a few tenths of a second after the canvas, once it does.
    grid.locator("tbody tr").nth(row).wait_for(state="attached")
    grid.scroll_into_view_if_needed()
    before = runs_ended(page)
    for _ in range(_ROW_CLICKS):
        # Where the grid stands once it has stopped moving: an expander just opened, or a map
        # above still taking its height, shifts it after it is first drawn.
        box = page.evaluate(_SETTLED_GRID_BOX)
        page.mouse.click(box["x"] + _GRID_ROW_PX / 2, box["y"] + _GRID_ROW_PX * (row + 1.5))
        try:
            page.wait_for_function(_CLICK_TOOK, arg=[row, before], polling=POLL_MS, timeout=_CLICK_TAKES_MS)
            break
        except PlaywrightTimeoutError:
            continue  # the click fell before the grid took clicks: the row is still unticked
    else:
        raise AssertionError(f"row {row} of the events table never took a click: {run_history(page)}")
    wait_run_ended_after(page, before)


# The titles of the ticked rows (the first column), read from the table's accessible copy of its canvas.
_TICKED_TITLES = """() => {
    const grid = [...document.querySelectorAll("[data-testid='stDataFrame']")].pop();
    if (!grid) return [];
    return [...grid.querySelectorAll("tr[aria-selected='true']")].map((row) => row.children[0].textContent);
}"""


def wait_ticked_rows(page: Page, titles: list[str]) -> None:
    """Poll until the rows ticked in the last table on the page are those titled ``titles``."""
    script = f"(titles) => JSON.stringify(({_TICKED_TITLES})()) === JSON.stringify(titles)"
    try:
        page.wait_for_function(script, arg=titles, polling=POLL_MS)
    except PlaywrightTimeoutError:
        raise AssertionError(f"ticked rows: {page.evaluate(_TICKED_TITLES)}, not {titles}") from None


# The heading of the details beside the map (an event's, or a context mark's list) wholly
# inside the window, with the keyboard focus on it.
_DETAILS_IN_VIEW = """(title) => {
    const heading = document.getElementById("event-details");
    if (!heading || heading.textContent.trim() !== title) return false;
    const box = heading.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && document.activeElement === heading;
}"""


def wait_details_in_view(page: Page, title: str) -> None:
    """Poll until the details headed ``title`` are in view and focused, as after a pick."""
    page.wait_for_function(_DETAILS_IN_VIEW, arg=title, polling=POLL_MS)


def wait_query(page: Page, search: str) -> None:
    """Poll until the address bar's query string is ``search`` (the app replaces it in place)."""
    page.wait_for_function("(search) => window.location.search === search", arg=search, polling=POLL_MS)
