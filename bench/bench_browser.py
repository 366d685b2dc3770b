"""The app in Chromium at 50,000 and 500,000 context events, against the plain-Leaflet floor.

    python bench/bench_browser.py [N [BIG]]

Generates N synthetic ACLED rows (default 50,000) into a data directory beside the sample
dossier, starts ``streamlit run serve.py`` on it (the dashboard, its context layer loaded
as the server starts), and prints, each beside its goal:

- loading: the first load of the export (CSV to the store on disk and the index) and a
  restart's (the store read back), each in its own process with its peak memory;
- the first viewer after a start: server started, page opened at once, to every event drawn
  (median of 3 starts at N rows, one start at BIG rows);
- first draw: page open to every context event drawn (median of 3 fresh sessions),
  against the floor (goal: at most 1.5x): the plain-Leaflet page drawing the same points
  plus an empty Streamlit page (page open to its one script run ended), each the median of
  3 in the same run; beside it the ratio to the Leaflet page alone; the same app
  without a context layer (what the layer adds), and a page holding only the map and its
  layer (what Streamlit and streamlit-folium take before the page's own elements);
- filter change: a search typed in the sidebar to the map redrawn in the same iframe,
  against the floor redrawing the same subset (goal: at most 2x + 0.3 s);
- the server's resident memory with the events loaded;
- the page's JS heap after each of 20 filter changes (goal: a plateau, not growth);
- 10 sessions opening the app at once: the slowest first draw, against the slowest of 10
  Leaflet floor pages opened at once plus the slowest of 10 empty Streamlit pages opened at
  once (goal: at most 2x);
- then at BIG rows (default 500,000): loading, the first viewer after a start without and
  with the store on disk, the server's memory, the first draw against the floor drawing
  every point, a click on the biggest mark of one place that no other mark covers (its
  list's count against the count the mark shows; a click that lists nothing within two
  minutes is reported as such), then a filter change.

Each line gives the ratio to its goal, and the loading lines their CPU seconds beside the
wall-clock ones: on a shared machine CPU time is the figure that does not depend on the load.
"""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Frame, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _browser  # noqa: E402
from bench_browser_floor import FloorPoint, floor_figures  # noqa: E402
from generate_acled import write_acled  # noqa: E402

from events.context import context_rows_matching, stored_index  # noqa: E402
from events.contextstore import stored_path  # noqa: E402
from events.filtering import EventFilter  # noqa: E402
from geo.gazetteer import cache_dir  # noqa: E402
from tests.browser.harness import COUNT_RUNS, MAP_IFRAME, Server, start_server  # noqa: E402

SEARCH_LABEL = "Search titles, summaries, quotes and places"
SEARCHES = ("aleppo", "idlib")
SESSIONS = 10
FILTER_CHANGES = 20
CONTEXT_PREFIX = "SYR"
MAP_TIMEOUT_S = 900
# A click that lists nothing is reported as such, not waited for as long as a first load.
CLICK_TIMEOUT_S = 120
# The same map and context layer in a page that holds nothing else: what Streamlit and
# streamlit-folium take of a first draw before the page's own widgets, tables and texts.
MAP_ONLY_APP = """
from pathlib import Path
import os
import streamlit as st
from streamlit_folium import st_folium
from events.context import directory_index, context_view
from events.filtering import EventFilter
from geo.maps import leaflet
from geo.maps.pointlayer import PointLayer

@st.cache_resource
def payload() -> str:
    index = directory_index(Path(os.environ["EVENT_ATLAS_DATA"])).result()
    return context_view(index, EventFilter()).payload

st.set_page_config(page_title="Event Atlas", layout="wide")
st_folium(leaflet.base_map(), key="event-map", height=560, use_container_width=True,
          feature_group_to_add=leaflet.feature_group_from_items([], extra_layers=[PointLayer(payload())]),
          returned_objects=[])
"""


# The Streamlit half of the floor: a page with nothing on it. It is drawn once its one
# script run has ended and the app has taken that message (COUNT_RUNS counts it).
EMPTY_APP = """
import streamlit as st

st.set_page_config(page_title="Event Atlas", layout="wide")
"""


def data_dir_with(csv_path: Path, root: Path) -> Path:
    """The sample dossier and one context export, as a data directory."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(_browser.REPO / "events" / "data", root)
    shutil.copy(csv_path, root / csv_path.name)
    return root


def context_frame(page: Page) -> Frame:
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=MAP_TIMEOUT_S * 1000)
    frame = page.query_selector(MAP_IFRAME).content_frame()  # type: ignore[union-attr]
    assert frame is not None
    return frame


def wait_context_drawn(page: Page, expected: int) -> Frame:
    """The map's frame once it shows ``expected`` events; a frame replaced meanwhile (a
    remount, which the filter change reports) is waited for in its place."""
    deadline = time.perf_counter() + MAP_TIMEOUT_S
    while True:
        frame = context_frame(page)
        try:
            _browser.wait_for_drawn(frame, expected, id_prefix=CONTEXT_PREFIX,
                                    timeout_s=max(1.0, deadline - time.perf_counter()))
            return frame
        except PlaywrightError as error:
            if "detached" not in str(error) or time.perf_counter() > deadline:
                raise


def first_draw(browser: Browser, url: str, expected: int) -> tuple[float, Page]:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    wait_context_drawn(page, expected)
    return time.perf_counter() - started, page


def _first_draw_closed(browser: Browser, url: str, expected: int) -> float:
    seconds, page = first_draw(browser, url, expected)
    page.context.close()
    return seconds


def layer_build_ms(page: Page) -> float:
    """The context layer script's own time in the map frame, at its latest run."""
    entries = context_frame(page).evaluate(
        "performance.getEntriesByName('context layer built').map(e => e.duration)")
    return float(entries[-1]) if entries else float("nan")


def script_server(name: str, source: str, data_dir: Path | None = None) -> Server:
    """``source`` served as an app of its own, with the app's static files (found next to
    the script): the map-only page, the empty page."""
    root = _browser.OUT / name
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text(source, encoding="utf-8")
    if not (root / "static").exists():
        (root / "static").symlink_to(_browser.REPO / "assets")
    return start_server(_browser.OUT, data_dir, script=root / "app.py")


def _empty_page_drawn_now(page: Page) -> int:
    try:
        return 1 if page.evaluate("() => window.__runsEnded") >= 1 else 0
    except PlaywrightError:  # the page navigated while we looked: not drawn yet
        return 0


def empty_page_first_draw(browser: Browser, url: str) -> float:
    """Page open to the empty app's first script run ended and taken by the page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(COUNT_RUNS)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__runsEnded >= 1", polling=20,
                           timeout=MAP_TIMEOUT_S * 1000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def base_first_draw(browser: Browser, server: Server) -> float:
    """Page open to the sample's own events drawn, on the app without a context layer."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    started = time.perf_counter()
    page.goto(server.url, wait_until="commit")
    context_frame(page).wait_for_function(f"({_browser.COUNT_DRAWN_JS})('map', '') > 0",
                                          polling=20, timeout=MAP_TIMEOUT_S * 1000)
    elapsed = time.perf_counter() - started
    page.context.close()
    return elapsed


def search(page: Page, term: str) -> None:
    box = page.get_by_label(SEARCH_LABEL)
    box.fill(term)
    box.press("Enter")


def filter_change(page: Page, term: str, expected: int) -> float:
    """Seconds from a search typed to the map showing its events, in the same iframe."""
    page.locator(MAP_IFRAME).evaluate("(frame) => { frame.dataset.benchMark = 'same'; }")
    started = time.perf_counter()
    search(page, term)
    wait_context_drawn(page, expected)
    elapsed = time.perf_counter() - started
    same = page.locator(MAP_IFRAME).evaluate("(frame) => frame.dataset.benchMark === 'same'")
    if not same:
        print(f"  (the map iframe was replaced on this filter change: {elapsed:.2f} s)")
    return elapsed


def server_rss_mb(server: Server) -> float:
    """Resident memory of the server's process group (streamlit and any children)."""
    total_kb = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            pgid = int(Path(status.parent, "stat").read_text().rsplit(")", 1)[1].split()[2])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        if pgid == server.process.pid:
            total_kb += next((int(line.split()[1]) for line in text.splitlines()
                              if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def sessions_at_once(browser: Browser, url: str, expected: int, count: int,
                     drawn_now: Callable[[Page], int] | None = None,
                     init_script: str | None = None) -> list[float]:
    """Open ``count`` sessions together; seconds each took to draw, polled round-robin."""
    drawn_now = drawn_now or _drawn_now
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000})
                for _ in range(count)]
    if init_script:
        for context in contexts:
            context.add_init_script(init_script)
    pages = [context.new_page() for context in contexts]
    started = time.perf_counter()
    for page in pages:
        page.goto(url, wait_until="commit")
    done: dict[int, float] = {}
    deadline = started + MAP_TIMEOUT_S
    while len(done) < count and time.perf_counter() < deadline:
        for number, page in enumerate(pages):
            if number not in done and drawn_now(page) == expected:
                done[number] = time.perf_counter() - started
        page.wait_for_timeout(25)  # polling interval of the round-robin
    for page in pages:
        page.context.close()
    if len(done) < count:
        raise RuntimeError(f"only {len(done)} of {count} sessions drew within {MAP_TIMEOUT_S} s")
    return sorted(done.values())


def _drawn_now(page: Page) -> int:
    element = page.query_selector(MAP_IFRAME)
    frame = element.content_frame() if element else None
    if frame is None:
        return -1
    try:
        return _browser.drawn_count(frame, id_prefix=CONTEXT_PREFIX)
    except PlaywrightError:  # the frame navigated while we looked: not drawn yet
        return -1


def floor_points(csv_path: Path, shown: set[str]) -> list[FloorPoint]:
    """The export's point-precision events; style 1 marks those the search keeps."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return [(float(r["latitude"]), float(r["longitude"]), r["event_id_cnty"],
                 int(r["event_id_cnty"] in shown))
                for r in csv.DictReader(handle) if r["geo_precision"] != "3"]


def _ratio_line(name: str, app: float, floor: float, goal: float) -> str:
    verdict = "meets" if app <= goal else "MISSES"
    return (f"{name:<16} app {app:6.2f} s | floor {floor:5.2f} s | {app / floor:4.1f}x | "
            f"goal <= {goal:.2f} s: {verdict}")


def main(count: int, big: int) -> None:
    """Both sizes in one run; a size of 0 is skipped."""
    print(f"machine: {_machine()}")
    with sync_playwright() as playwright:
        browser = _browser.launch(playwright)
        if count:
            _run_count(browser, count)
        if big:
            _run_big(browser, big)
        browser.close()
    print(f"machine at the end: {_machine()}")


def _run_count(browser: Browser, count: int) -> None:
    data_dir = data_dir_with(_export(count), _browser.OUT / f"data-{count}")
    _print_loading(data_dir)
    index = stored_index(data_dir, cache_dir() / "context")
    total = len(index)
    matching: Callable[[str], list[int]] = lambda term: list(context_rows_matching(
        index, EventFilter(q=term)))
    kept = set(index.ids(matching(SEARCHES[0])))
    # Each start is one sample, as noisy as any one first draw: the median of 3, as for those.
    after_start = statistics.median(first_viewer_after_start(browser, data_dir, total)
                                    for _ in range(3))
    server = app_server(data_dir)
    try:
        _run(browser, server, data_dir, total, kept, matching, after_start)
    finally:
        server.stop()


def _export(count: int) -> Path:
    csv_path = _browser.OUT / f"acled-{count}.csv"
    if not csv_path.exists():  # written whole or not at all: a stopped run leaves no half file
        write_acled(count, csv_path.with_suffix(".partial")).replace(csv_path)
    return csv_path


def _machine() -> str:
    load = Path("/proc/loadavg").read_text().split()[:3]
    return f"load average {' / '.join(load)} (1, 5, 15 min) on {len(os.sched_getaffinity(0))} cores"


def app_server(data_dir: Path) -> Server:
    """The dashboard served by ``serve.py``: the context layer starts loading with the server."""
    return start_server(_browser.OUT, data_dir, script=_browser.REPO / "serve.py")


def first_viewer_after_start(browser: Browser, data_dir: Path, total: int,
                             store: bool = True) -> float:
    """Seconds from a server's start (its health check answering) to the first page opened
    then having every context event drawn; without ``store``, its stored form is deleted first."""
    if not store:
        stored_path(data_dir, cache_dir() / "context").unlink(missing_ok=True)
    server = app_server(data_dir)
    try:
        seconds, page = first_draw(browser, server.url, total)
        print(f"first viewer after a start ({'store on disk' if store else 'first load'}): "
              f"{seconds:.2f} s; server {server_rss_mb(server):.0f} MiB")
        page.context.close()
    finally:
        server.stop()
    return seconds


def _print_loading(data_dir: Path) -> None:
    """The first load and a restart's, each in a process of its own (for its peak memory)."""
    with tempfile.TemporaryDirectory() as store:
        for label, goal in (("first load (CSV to store and index)", 10.0),
                            ("restart (store read back, index)", 2.0)):
            done = subprocess.run([sys.executable, __file__, "--load", str(data_dir), store],
                                  capture_output=True, text=True, check=True)
            figures = json.loads(done.stdout)
            verdict = "meets" if figures["seconds"] < goal else "MISSES"
            print(f"{label}: {figures['seconds']:.2f} s ({figures['cpu_s']:.2f} s of CPU), "
                  f"peak memory {figures['peak_mib']:.0f} MiB; goal < {goal:.0f} s at 500,000 "
                  f"rows: {verdict}")


def _load(data_dir: Path, store: Path) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    index = stored_index(data_dir, store)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu_s": cpu, "peak_mib": peak, "events": len(index)}))


def _run(browser: Browser, server: Server, data_dir: Path, total: int, kept: set[str],
         matching: Callable[[str], list[int]], after_start: float) -> None:
    warm_s, warm_page = first_draw(browser, server.url, total)
    print(f"{total} context events; first session on this server: {warm_s:.2f} s")
    print(f"server resident memory with them loaded: {server_rss_mb(server):.0f} MiB")
    warm_page.context.close()
    csv_path = next(data_dir.glob("acled-*.csv"))
    floor = floor_figures(browser, floor_points(csv_path, kept), keep_style=1)
    firsts = []
    for _ in range(3):
        seconds, page = first_draw(browser, server.url, total)
        firsts.append(seconds)
        page.context.close()
    app_first = statistics.median(firsts)
    empty = script_server("empty", EMPTY_APP)
    try:
        empty_page_first_draw(browser, empty.url)  # the server's first session, as for the app
        empty_first = statistics.median(empty_page_first_draw(browser, empty.url) for _ in range(3))
    finally:
        empty.stop()
    floor_first = floor.first_draw_s + empty_first
    print(f"floor: the Leaflet page {floor.first_draw_s:.2f} s + an empty Streamlit page "
          f"{empty_first:.2f} s = {floor_first:.2f} s")
    for name, app in (("first after start", after_start), ("first draw", app_first)):
        print(_ratio_line(name, app, floor_first, 1.5 * floor_first)
              + f" ({app / floor.first_draw_s:.1f}x the Leaflet page alone)")
    base = start_server(_browser.OUT)  # the sample dossier alone
    try:
        base_first = statistics.median(base_first_draw(browser, base) for _ in range(3))
        print(f"  the same app without a context layer: {base_first:.2f} s "
              f"({base_first / floor_first:.1f}x the floor); server "
              f"{server_rss_mb(base):.0f} MiB")
    finally:
        base.stop()
    map_only = script_server("map-only", MAP_ONLY_APP, data_dir)
    try:
        first_draw(browser, map_only.url, total)[1].context.close()  # loads the file
        alone = statistics.median(_first_draw_closed(browser, map_only.url, total) for _ in range(3))
        print(f"  a page holding only the map and its layer: {alone:.2f} s "
              f"({alone / floor_first:.1f}x the floor)")
    finally:
        map_only.stop()
    seconds, page = first_draw(browser, server.url, total)
    print(f"  of which the context layer's own script: {layer_build_ms(page):.0f} ms")
    change = filter_change(page, SEARCHES[0], len(kept))
    print(_ratio_line("filter change", change, floor.redraw_s, 2 * floor.redraw_s + 0.3)
          + f" ({len(kept)} events kept)")
    heaps = [_browser.js_heap_mb(page)]
    for number in range(1, FILTER_CHANGES + 1):
        term = SEARCHES[number % 2]
        filter_change(page, term, len(matching(term)))
        heaps.append(_browser.js_heap_mb(page))
    print("JS heap (MiB) after 0, 5, 10, 15, 20 filter changes: "
          + ", ".join(f"{heaps[i]:.0f}" for i in (0, 5, 10, 15, 20))
          + f"; 10 to 20: {heaps[20] - heaps[10]:+.1f} MiB")
    print(f"server resident memory after them: {server_rss_mb(server):.0f} MiB")
    page.context.close()
    times = sessions_at_once(browser, server.url, total, SESSIONS)
    # The same number of floor pages at once, each half in its own batch: ten browser pages on
    # the same cores weigh too.
    with _browser.static_server(_browser.OUT / "floor") as url:  # the page floor_figures wrote
        floors = sessions_at_once(browser, f"{url}/index.html", floor.points, SESSIONS,
                                  drawn_now=_floor_drawn_now)
    empty = script_server("empty", EMPTY_APP)
    try:
        empties = sessions_at_once(browser, empty.url, 1, SESSIONS,
                                   drawn_now=_empty_page_drawn_now, init_script=COUNT_RUNS)
    finally:
        empty.stop()
    floor_slowest = floors[-1] + empties[-1]
    print(f"{SESSIONS} sessions at once: slowest first draw {times[-1]:.2f} s, "
          f"median {statistics.median(times):.2f} s, fastest {times[0]:.2f} s; floor: slowest "
          f"Leaflet page {floors[-1]:.2f} s + slowest empty Streamlit page {empties[-1]:.2f} s "
          f"= {floor_slowest:.2f} s; {times[-1] / floor_slowest:.1f}x (goal <= 2x: "
          f"{'meets' if times[-1] <= 2 * floor_slowest else 'MISSES'}; "
          f"{times[-1] / floors[-1]:.1f}x the Leaflet pages alone)")


# The biggest mark of one place the map draws now that nothing covers (an article event's
# mark at the same place would take the click), where it is on the page of the map's frame,
# and how many events all the marks at its place count (its other style's included).
BIGGEST_MARK_JS = """
() => {
  const map = window.map;
  const box = map.getContainer().getBoundingClientRect();
  for (const key in map._layers) {
    const layer = map._layers[key];
    if (!layer._marks || !layer._marks.length) { continue; }
    const order = layer._marks.map((mark, i) => i).filter((i) => layer._marks[i].places === 1)
      .sort((a, b) => layer._marks[b].count - layer._marks[a].count);
    for (const i of order) {
      const mark = layer._marks[i];
      const point = map.layerPointToContainerPoint([layer._x[i], layer._y[i]]);
      const x = point.x + box.left, y = point.y + box.top;
      const top = document.elementFromPoint(x, y);
      if (!top || top.tagName !== "CANVAS") { continue; }  // off the map, or under another mark
      const atPlace = layer._marks.filter((m) => m.places === 1 && m.lat === mark.lat && m.lon === mark.lon)
        .reduce((sum, m) => sum + m.count, 0);
      return {x: x, y: y, count: mark.count, atPlace: atPlace};
    }
  }
  return null;
}
"""


def mark_click(page: Page) -> tuple[float, int, int, int]:
    """Seconds from a click on the biggest mark of one place to its list's heading; the
    count the mark shows, the count of every mark at its place, and the heading's count."""
    frame = context_frame(page)
    frame.wait_for_load_state("networkidle")  # st_folium can lose a click while outlines load
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    mark = frame.evaluate(BIGGEST_MARK_JS)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert mark is not None, "every mark of one place in view lies under another mark"
    assert box is not None
    heading = page.get_by_role("heading", name=re.compile(r"ACLED context events? (at|near) "))
    started = time.perf_counter()
    page.mouse.move(box["x"] + mark["x"], box["y"] + mark["y"])  # as a reader's pointer arrives
    page.mouse.click(box["x"] + mark["x"], box["y"] + mark["y"])
    try:
        heading.first.wait_for(timeout=CLICK_TIMEOUT_S * 1000)
    except PlaywrightError:
        return float("nan"), int(mark["count"]), int(mark["atPlace"]), -1
    elapsed = time.perf_counter() - started
    listed = int(heading.first.inner_text().split(" ")[0].replace(",", ""))
    return elapsed, int(mark["count"]), int(mark["atPlace"]), listed


def _run_big(browser: Browser, count: int) -> None:
    print(f"--- {count:,} rows ---")
    data_dir = data_dir_with(_export(count), _browser.OUT / f"data-{count}")
    _print_loading(data_dir)
    index = stored_index(data_dir, cache_dir() / "context")
    total = len(index)
    kept = set(index.ids(context_rows_matching(index, EventFilter(q=SEARCHES[0]))))
    first_viewer_after_start(browser, data_dir, total, store=False)  # writes the store again
    after_start = first_viewer_after_start(browser, data_dir, total)
    server = app_server(data_dir)
    try:
        first_draw(browser, server.url, total)[1].context.close()
        seconds, page = first_draw(browser, server.url, total)
        print(f"server resident memory: {server_rss_mb(server):.0f} MiB (goal < 1024)")
        csv_path = next(data_dir.glob("acled-*.csv"))
        floor = floor_figures(browser, floor_points(csv_path, kept), keep_style=1, runs=1)
        print(_ratio_line("first after start", after_start, floor.first_draw_s, floor.first_draw_s))
        print(_ratio_line("first draw", seconds, floor.first_draw_s, floor.first_draw_s))
        # The click first, on every event shown: the most a mark's list is picked from.
        click, shown, at_place, listed = mark_click(page)
        if listed < 0:
            print(f"click on the biggest mark of one place ({shown:,} events): no list within "
                  f"{CLICK_TIMEOUT_S} s")
        else:  # a click that reaches the app without its mark lists every point event at the place
            print(f"click on the biggest mark of one place to its list: {click:.2f} s (goal < 1 s); "
                  f"the mark counts {shown:,} (every mark at its place {at_place:,}), its list "
                  f"says {listed:,}: {'same' if listed in (shown, at_place) else 'DIFFERENT'}")
        change = filter_change(page, SEARCHES[0], len(kept))
        print(_ratio_line("filter change", change, floor.redraw_s, 1.0) + f" ({len(kept)} events kept)")
        print(f"server resident memory after them: {server_rss_mb(server):.0f} MiB")
        page.context.close()
    finally:
        server.stop()


def _floor_drawn_now(page: Page) -> int:
    try:
        return _browser.drawn_count(page)
    except PlaywrightError:  # the page navigated while we looked: not drawn yet
        return -1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--load"]:
        _load(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000,
             int(sys.argv[2]) if len(sys.argv) > 2 else 500_000)
