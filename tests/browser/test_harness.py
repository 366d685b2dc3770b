"""The harness itself: the app comes up and nothing leaves localhost."""

from playwright.sync_api import Page, expect

from tests.browser.harness import Server, Traffic, open_app


def test_app_page_loads_from_localhost_only(page: Page, server: Server, traffic: Traffic) -> None:
    open_app(page, server.url)
    expect(page).to_have_title("Event Atlas")
    assert any(url.startswith(server.url) for url in traffic.requested)
    assert traffic.blocked == []


def test_request_to_another_host_is_blocked(page: Page, server: Server, traffic: Traffic) -> None:
    open_app(page, server.url)
    status = page.evaluate("() => fetch('http://example.invalid/x').then(() => 'sent', () => 'blocked')")
    assert status == "blocked"
    assert traffic.blocked == ["http://example.invalid/x"]
    traffic.blocked.clear()  # seen and asserted here: the teardown check is for unexpected requests
