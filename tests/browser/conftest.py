"""Fixtures for the real-browser tests: servers, Chromium, and a fresh recorded context per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from geo.gazetteer import gazetteer
from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    COUNT_RUNS,
    PAGE_TIMEOUT_MS,
    Server,
    Traffic,
    start_server,
    websocket_route,
)

# `expect(...)` polls for its condition; as long as any other wait here, not its default 5 s.
expect.set_options(timeout=PAGE_TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package", autouse=True)
def gazetteer_index() -> None:
    """Compile the gazetteer index here, once, so no server builds it while a page waits."""
    gazetteer()


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on its default data (the sample dossier)."""
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


@pytest.fixture(scope="package")
def server_for(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], Server]]:
    """The app on another data directory (``EVENT_ATLAS_DATA``): one server per directory,
    shared by the tests (each test still gets its own browser context, so its own session)."""
    started: dict[Path, Server] = {}
    logs = tmp_path_factory.mktemp("servers")

    def start(data_dir: Path) -> Server:
        key = data_dir.resolve()
        if key not in started:
            started[key] = start_server(logs, data_dir)
        return started[key]

    yield start
    for running in started.values():
        running.stop()


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


def _recorded_context(browser: Browser, traffic: Traffic, **options: Any) -> BrowserContext:
    """A fresh context whose requests ``traffic`` records (and blocks when they leave localhost)."""
    fresh = browser.new_context(**options)
    fresh.set_default_timeout(PAGE_TIMEOUT_MS)
    fresh.route("**/*", traffic.route)
    fresh.route_web_socket("**/*", lambda ws: websocket_route(ws, traffic))
    return fresh


@pytest.fixture
def context(browser: Browser, traffic: Traffic) -> Iterator[BrowserContext]:
    fresh = _recorded_context(browser, traffic, viewport={"width": 1400, "height": 1000})
    yield fresh
    fresh.close()
    assert traffic.blocked == [], f"requests left localhost: {traffic.blocked}"


@pytest.fixture
def phone(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """A 390x844 touch screen, as a phone held upright."""
    fresh = _recorded_context(browser, traffic, viewport={"width": 390, "height": 844}, has_touch=True,
                              is_mobile=True)
    page = fresh.new_page()
    page.add_init_script(COUNT_RUNS)
    yield page
    fresh.close()
    assert traffic.blocked == [], f"requests left localhost: {traffic.blocked}"


@pytest.fixture
def page(context: BrowserContext) -> Page:
    fresh = context.new_page()
    fresh.add_init_script(COUNT_RUNS)
    return fresh
