"""The floor for any Leaflet map: a plain page drawing N points from a preloaded array.

    python bench/bench_browser_floor.py [N ...]

Each point is a canvas ``circleMarker`` carrying its ``eventId``: the way plain Leaflet
draws many points, and what the app's figures are divided by. Prints, per N, the median of three
runs: page open to all points drawn, and a filter change (keep one event type) to the
map redrawn. Used as a library by ``bench_browser.py`` to take the floor in the same run.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _browser  # noqa: E402

# A point as the floor page holds it: latitude, longitude, event id, style index.
FloorPoint = tuple[float, float, str, int]

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="leaflet/leaflet.css">
<style>html, body, #map { height: 100%; margin: 0; }</style>
<script src="leaflet/leaflet.js"></script>
<script src="points.js"></script>
</head><body><div id="map"></div>
<script>
const map = L.map("map", {preferCanvas: true, maxZoom: 18}).setView([35, 38.5], 7);
const renderer = L.canvas();
const COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"];
let group = null;
function drawWhere(keep) {
  if (group) { map.removeLayer(group); }
  group = L.featureGroup();
  for (const [lat, lon, id, style] of POINTS) {
    if (!keep(style)) { continue; }
    L.circleMarker([lat, lon], {renderer, radius: 4, weight: 1, eventId: id,
                                color: COLOURS[style % COLOURS.length]}).addTo(group);
  }
  group.addTo(map);
}
window.map = map;
window.showStyle = (style) => drawWhere((s) => s === style);
drawWhere(() => true);
</script></body></html>
"""


@dataclass(frozen=True)
class FloorFigures:
    points: int
    first_draw_s: float
    redraw_s: float
    redraw_points: int


def synthetic_points(count: int, seed: int = 7) -> list[FloorPoint]:
    """Points spread over Syria's bounding box, for running the floor on its own."""
    rng = random.Random(seed)
    return [(round(rng.uniform(32.3, 37.3), 5), round(rng.uniform(35.7, 42.4), 5),
             f"SYR{i}", rng.randrange(6)) for i in range(count)]


def floor_figures(browser: Browser, points: list[FloorPoint], keep_style: int,
                  runs: int = 3) -> FloorFigures:
    """Median first draw and filter redraw of the plain Leaflet page over ``points``."""
    root = _browser.OUT / "floor"
    _write_page(root, points)
    kept = len({p[2] for p in points if p[3] == keep_style})
    firsts, redraws = [], []
    with _browser.static_server(root) as url:
        for _ in range(runs):
            first, redraw = _one_run(browser, f"{url}/index.html", len({p[2] for p in points}),
                                     keep_style, kept)
            firsts.append(first)
            redraws.append(redraw)
    return FloorFigures(len(points), statistics.median(firsts), statistics.median(redraws), kept)


def _write_page(root: Path, points: list[FloorPoint]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(_browser.leaflet_dir(), root / "leaflet", dirs_exist_ok=True)
    (root / "points.js").write_text("const POINTS = " + json.dumps(points, separators=(",", ":"))
                                    + ";\n", encoding="utf-8")
    (root / "index.html").write_text(PAGE, encoding="utf-8")


def _one_run(browser: Browser, url: str, total: int, keep_style: int,
             kept: int) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    _browser.wait_for_drawn(page, total)
    first = time.perf_counter() - started
    started = time.perf_counter()
    page.evaluate("(s) => { setTimeout(() => window.showStyle(s), 0); }", keep_style)
    _browser.wait_for_drawn(page, kept)
    redraw = time.perf_counter() - started
    context.close()
    return first, redraw


def main(sizes: list[int]) -> None:
    with sync_playwright() as playwright:
        browser = _browser.launch(playwright)
        print(f"{'points':>8} {'first draw':>11} {'redraw':>8} {'kept':>7}")
        for size in sizes:
            figures = floor_figures(browser, synthetic_points(size), keep_style=0)
            print(f"{figures.points:>8} {figures.first_draw_s:>10.2f}s "
                  f"{figures.redraw_s:>7.2f}s {figures.redraw_points:>7}")
        browser.close()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 50_000])
