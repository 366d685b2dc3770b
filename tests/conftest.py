"""Suite-wide options: live-network tests are opt-in."""

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--live", action="store_true", help="also run tests that reach live services")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--live"):
        # An online geocoder turned on in the shell must not take the suite (or its servers) online.
        os.environ.pop("EVENT_ATLAS_GEOCODER", None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--live"):
        return
    skip = pytest.mark.skip(reason="talks to a live service; run with --live")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)
