"""The one-file briefing map: everything inlined, legend and sources in it, hostile text inert."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

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
    return standalone_html(ITEMS, LEGEND, SOURCES, title="Syria <May 2016>",
                           filters=["Evidence: Leaked documents", "Dates: 2016-03-01 to 2016-05-02"])


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
        '<p class="ea-briefing-filters"><b>Filters:</b> Evidence: Leaked documents; '
        "Dates: 2016-03-01 to 2016-05-02</p>",
    ]:
        assert text in page


def test_it_lists_every_event_with_its_lines_in_the_panel(page: str) -> None:
    listed = re.search(r'<ol class="ea-briefing-events">(.*?)</ol>', page, flags=re.DOTALL)
    assert listed is not None
    assert re.findall(r"<li><b>([^<]*)</b>", listed.group(1)) == [
        "Hospital &lt;img src=x onerror=window.__pwned=1&gt; &lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; "
        "${window.__pwned=3} ` C:\\data\\2024",
        "Clinic", "Oil deals", "Deals across Syria", "Withdrawal", "Lost &lt;img src=x onerror=window.__pwned=1&gt; "
        "&lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; ${window.__pwned=3} ` C:\\data\\2024",
    ]


def test_without_filters_it_says_it_holds_every_event() -> None:
    assert '<b>Filters:</b> none: every event</p>' in standalone_html(ITEMS[:1], LEGEND, [])


def test_template_syntax_in_an_items_text_stays_text() -> None:
    item = MapItem(id="t", title="{{ 7*7 }} {% if true %}x{% endif %}", place=ALEPPO, lines=("{{ 6*6 }}",))
    page = standalone_html([item], LEGEND, [Source(label="{{ 5*5 }}")], title="{{ 8*8 }}",
                           filters=["Search: {{ 9*9 }}"])
    for text in ("{{ 7*7 }} {% if true %}x{% endif %}", "{{ 6*6 }}", "{{ 5*5 }}", "{{ 8*8 }}", "{{ 9*9 }}"):
        assert f"<b>{text}</b>" in page or text in page
    assert not re.search(r">(49|36|25|64|81)\b", page)


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


def _open(playwright: Any, path: Path, **context: Any) -> Any:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
    tab = browser.new_context(**context).new_page()
    tab.goto(path.as_uri())
    tab.wait_for_function("() => Object.values(window).some(v => v instanceof L.Map)"
                          " && document.querySelectorAll('.ea-mark').length === 2")
    return browser, tab


_MARKS_INSIDE_MAP = """() => {
    const map = document.querySelector('.folium-map').getBoundingClientRect();
    return [...document.querySelectorAll('.ea-mark')].every(mark => {
        const box = mark.getBoundingClientRect();
        return box.left >= map.left && box.right <= map.right && box.top >= map.top && box.bottom <= map.bottom;
    });
}"""
_SHOWN = "(selector) => [...document.querySelectorAll(selector)].some(e => e.getClientRects().length > 0)"


@pytest.mark.browser
@pytest.mark.parametrize(("paper", "width_mm"), [("A4", 210 - 24), ("Letter", 215.9 - 24)])
def test_it_prints_map_legend_every_event_and_sources_without_controls(
    page: str, tmp_path: Path, paper: str, width_mm: float
) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "briefing.html"
    path.write_text(page, encoding="utf-8")
    with sync_playwright() as playwright:
        browser, tab = _open(playwright, path)
        tab.set_viewport_size({"width": round(width_mm * 96 / 25.4), "height": 1000})
        tab.emulate_media(media="print")
        tab.wait_for_function(_MARKS_INSIDE_MAP)
        controls = {name: tab.evaluate(_SHOWN, name)
                    for name in (".leaflet-control-zoom", ".leaflet-control-layers", ".ea-legend")}
        boxes = {name: tab.locator(name).bounding_box()
                 for name in (".folium-map", ".ea-briefing-side h1", ".ea-legend-static", ".ea-briefing-events")}
        pdf = tab.pdf(format=paper)
        browser.close()
    assert controls == {".leaflet-control-zoom": False, ".leaflet-control-layers": False, ".ea-legend": False}
    map_box, heading, legend, events = (box for box in boxes.values() if box is not None)
    assert map_box["width"] <= width_mm * 96 / 25.4  # the whole map fits the page's width
    assert heading["y"] + heading["height"] <= map_box["y"]  # the title and filters above the map
    assert legend["y"] >= map_box["y"] + map_box["height"]  # the rest after it, page after page
    assert events["y"] > legend["y"]
    text = _pdf_text(pdf, tmp_path)
    for words in ("Leaked documents", "Unverified", "Clinic", "Oil deals", "Deals across Syria", "Withdrawal",
                  "Global News, 2 May 2016", "https://globalnews.ca/news/2674364/", "Evidence: Leaked documents"):
        assert words in text


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    (tmp_path / "page.pdf").write_bytes(pdf)
    subprocess.run(["pdftotext", str(tmp_path / "page.pdf")], check=True, timeout=60)
    return " ".join((tmp_path / "page.txt").read_text(encoding="utf-8").split())


@pytest.mark.browser
def test_on_a_phone_the_panel_sits_below_the_map_not_over_it(page: str, tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "briefing.html"
    path.write_text(page, encoding="utf-8")
    with sync_playwright() as playwright:
        browser, tab = _open(playwright, path, viewport={"width": 390, "height": 844}, is_mobile=True)
        map_box = tab.locator(".folium-map").bounding_box()
        side_box = tab.locator(".ea-briefing-side").bounding_box()
        browser.close()
    assert map_box is not None and side_box is not None
    assert map_box["width"] == 390 and map_box["height"] >= 400
    assert side_box["y"] >= map_box["y"] + map_box["height"]


@pytest.mark.browser
def test_in_a_dark_system_theme_the_dark_basemap_is_chosen_and_the_panel_stays_readable(
    page: str, tmp_path: Path
) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "briefing.html"
    path.write_text(page, encoding="utf-8")
    with sync_playwright() as playwright:
        browser, tab = _open(playwright, path, color_scheme="dark")
        tab.wait_for_function("() => document.querySelector('.folium-map').classList.contains('ea-dark')")
        chosen = tab.evaluate("() => [...document.querySelectorAll('.leaflet-control-layers-base label')]"
                              ".filter(l => l.querySelector('input').checked).map(l => l.textContent.trim())")
        colours = tab.evaluate("""() => ['.ea-briefing-side', '.ea-legend-def', '.ea-legend-look'].map(s => {
            const e = document.querySelector(s); const c = getComputedStyle(e);
            return [c.color, c.opacity, getComputedStyle(document.querySelector('.ea-briefing-side')).backgroundColor];
        })""")
        browser.close()
    assert chosen == ["Offline basemap, dark"]
    for colour, opacity, background in colours:
        assert _contrast(colour, background, float(opacity)) >= 4.5


def _contrast(colour: str, background: str, opacity: float) -> float:
    """WCAG contrast of text of ``colour`` at ``opacity`` on ``background`` (CSS rgb() strings)."""
    fg, bg = ([float(n) for n in re.findall(r"[\d.]+", c)[:3]] for c in (colour, background))
    mixed = [f * opacity + b * (1 - opacity) for f, b in zip(fg, bg, strict=True)]

    def luminance(rgb: list[float]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(mixed), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
