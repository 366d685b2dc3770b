"""The one-file briefing map: everything inlined, legend and sources in it, hostile text inert."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from map_fixtures import DASHED, HOLLOW, ALEPPO, NOWHERE, PALMYRA, RAQQA_PROVINCE, SYRIA, node_syntax_error

from geo.maps.standalone import Source, standalone_html
from geo.maps.leaflet import LegendEntry, MapItem

# Script that would set a flag if any of it ran.
PWN = "<img src=x onerror=window.__pwned=1> </script><script>window.__pwned=2</script> ${window.__pwned=3} ` C:\\data\\2024"

ITEMS = [
    MapItem(id="aleppo-hospital", title="Hospital " + PWN, place=ALEPPO, colour="#d62728", symbol="H", lines=(PWN,)),
    MapItem(id="aleppo-clinic", title="Clinic", place=ALEPPO, colour="#1f77b4", look=HOLLOW),
    MapItem(id="raqqa-oil", title="Oil deals", place=RAQQA_PROVINCE, look=DASHED),
    MapItem(id="syria-deals", title="Deals across Syria", place=SYRIA),
    MapItem(id="palmyra-withdrawal", title="Withdrawal", place=RAQQA_PROVINCE, origin=PALMYRA,
            destination=RAQQA_PROVINCE),
    MapItem(id="lost", title="Lost " + PWN, place=NOWHERE),
]
LEGEND = [
    LegendEntry(kind="colour", value="#d62728", label="Leaked documents", definition="Internal papers <seen>"),
    LegendEntry(kind="look", look=HOLLOW, label="Unverified", definition="No one has confirmed it"),
]
SOURCES = [
    Source(label="Global News, 2 May 2016", url="https://globalnews.ca/news/2674364/", note="the article"),
    Source(label="<b>Sky News</b>", url="javascript:alert(1)"),
]


@pytest.fixture(scope="module")
def page() -> str:
    return standalone_html(ITEMS, LEGEND, SOURCES, title="Syria <May 2016>")


def test_nothing_is_loaded_from_elsewhere(page: str) -> None:
    assert re.findall(r"<script\b[^>]*\bsrc=", page) == []
    assert re.findall(r"<link\b[^>]*\bhref=", page) == []
    assert re.findall(r"url\((?!data:|#)", page) == []  # "#default#VML" is an IE behaviour


def test_it_carries_title_legend_sources_and_the_items_left_off_the_map(page: str) -> None:
    for text in [
        "<title>Syria &lt;May 2016&gt;</title>",
        "<h1>Syria &lt;May 2016&gt;</h1>",
        "<p>4 of 6 events on the map.</p>",
        "<b>Leaked documents</b> <span class=\"ea-legend-def\">Internal papers &lt;seen&gt;</span>",
        '<li><a href="https://globalnews.ca/news/2674364/" rel="noopener noreferrer">Global News, 2 May 2016</a>'
        " — the article</li>",
        "<li>&lt;b&gt;Sky News&lt;/b&gt; (javascript:alert(1))</li>",
        "<h2>Country-wide</h2><ul><li>Deals across Syria</li></ul>",
        "Lost &lt;img src=x onerror=window.__pwned=1&gt;",
    ]:
        assert text in page


def test_every_inline_script_parses(page: str, tmp_path: Path) -> None:
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) >= 3  # leaflet, the atlas script, the map
    for script in scripts:
        assert node_syntax_error(script, tmp_path) == ""


def test_it_stays_small(page: str) -> None:
    assert 1_000_000 < len(page.encode()) < 3_000_000


@pytest.mark.browser
def test_it_draws_offline_in_chromium_and_runs_no_injected_script(page: str, tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists() or shutil.which("node") is None:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "briefing.html"
    path.write_text(page, encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page()
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(path.as_uri())
        tab.wait_for_function(
            "() => Object.values(window).some(v => v instanceof L.Map"
            " && Object.values(v._layers).filter(l => l.options.eventId).length === 4)"
        )
        tab.locator(".leaflet-marker-icon .ea-mark", has_text="H").click()
        popup = tab.locator(".leaflet-popup-content").inner_text()
        pwned = tab.evaluate("() => window.__pwned || null")
        browser.close()
    assert pwned is None
    assert popup.startswith("Hospital " + PWN)
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []


def test_a_briefing_without_sources_says_so() -> None:
    assert "<h2>Sources</h2><p>None given.</p></aside>" in standalone_html(ITEMS[:1], LEGEND, [])
