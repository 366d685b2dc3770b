"""Shared pieces of the browser benchmarks: Debian's Chromium, a static server, Leaflet.

Every browser figure is taken the same way, so that ratios compare like with like: a
wall clock started just before the action, stopped when the page reports that the map
holds the expected number of distinct ``eventId`` values and no canvas redraw is pending.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Frame, Page, Playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = REPO / "bench" / "out"
LEAFLET_VERSION = "1.9.3"

# Counts the distinct event ids on the Leaflet map of a window, and whether any canvas
# renderer still has a redraw queued (Leaflet batches canvas drawing into an animation
# frame: until it runs, nothing is on screen). A layer drawing many events lists them in
# eventIds. Only ids starting with the prefix count (the context layer's, say).
COUNT_DRAWN_JS = """
(mapName, prefix) => {
  const map = window[mapName];
  if (!map || !map._layers) { return -1; }
  const ids = new Set();
  let pending = false;
  for (const key in map._layers) {
    const layer = map._layers[key];
    const options = layer.options || {};
    const found = options.eventIds || (options.eventId !== undefined ? [options.eventId] : []);
    for (const id of found) { if (String(id).startsWith(prefix)) { ids.add(id); } }
    if (layer._redrawRequest) { pending = true; }
  }
  return pending ? -1 : ids.size;
}
"""


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_drawn(target: Page | Frame, expected: int, map_name: str = "map",
                   id_prefix: str = "", timeout_s: float = 900) -> None:
    """Return once the map in ``target`` shows exactly ``expected`` distinct event ids."""
    target.wait_for_function(
        f"([n, prefix]) => ({COUNT_DRAWN_JS})({map_name!r}, prefix) === n",
        arg=[expected, id_prefix],
        polling=20,
        timeout=timeout_s * 1000,
    )


def drawn_count(target: Page | Frame, map_name: str = "map", id_prefix: str = "") -> int:
    return int(target.evaluate(f"(prefix) => ({COUNT_DRAWN_JS})({map_name!r}, prefix)",
                               id_prefix))


def js_heap_mb(page: Page) -> float:
    """Used JS heap of the page (its iframes included), after a forced garbage collection."""
    session = page.context.new_cdp_session(page)
    session.send("HeapProfiler.collectGarbage")
    session.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    session.detach()
    return float(metrics.get("JSHeapUsedSize", 0.0)) / 2**20


def leaflet_dir() -> Path:
    """The vendored Leaflet of the repository, or one fetched once with ``npm pack``."""
    for candidate in (REPO / "assets" / "vendor" / f"leaflet-{LEAFLET_VERSION}",
                      REPO / "static" / "vendor" / f"leaflet-{LEAFLET_VERSION}"):
        if (candidate / "leaflet.js").exists():
            return candidate
    cached = OUT / "vendor" / "leaflet"
    if not (cached / "leaflet.js").exists():
        _npm_pack_leaflet(cached)
    return cached


def _npm_pack_leaflet(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"leaflet@{LEAFLET_VERSION}", "--silent"],
                       cwd=tmp, check=True, capture_output=True)
        with tarfile.open(Path(tmp) / f"leaflet-{LEAFLET_VERSION}.tgz") as archive:
            archive.extractall(tmp, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(tmp) / "package" / "dist", target)


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free localhost port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return
