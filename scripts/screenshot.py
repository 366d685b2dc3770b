"""Write docs/screenshot.png: the running dashboard on the sample dossier, one event selected.

    python scripts/screenshot.py [--event ID] [--out PATH]

Starts ``streamlit run dashboard.py`` on a free port, opens it in Debian's Chromium with
every request held to localhost, waits until the map has drawn, and saves the page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import ViewportSize, sync_playwright  # noqa: E402

from tests.browser.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_TIMEOUT_MS,
    Traffic,
    map_frame,
    open_app,
    start_server,
    wait_map_ready,
)

DEFAULT_EVENT = "palmyra-weapons-withdrawal"
VIEWPORT: ViewportSize = {"width": 1440, "height": 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", default=DEFAULT_EVENT, help="the event to select (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs:
        server = start_server(Path(logs))
        try:
            _shoot(f"{server.url}?event={args.event}", args.out)
        finally:
            server.stop()
    print(f"wrote {args.out}")
    return 0


def _shoot(url: str, out: Path) -> None:
    traffic = Traffic()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        context.set_default_timeout(PAGE_TIMEOUT_MS)  # a first run on a busy machine takes a while
        context.route("**/*", traffic.route)
        page = context.new_page()
        open_app(page, url)
        frame = map_frame(page)
        wait_map_ready(frame)
        frame.wait_for_load_state("networkidle")  # the basemap outlines are fetched after the map
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    if traffic.blocked:
        raise SystemExit(f"requests left localhost: {traffic.blocked}")


if __name__ == "__main__":
    raise SystemExit(main())
