"""Suite-wide options: live-network tests are opt-in; the sample article's text is copied in."""

import os

import pytest

from events.dossier import DATA_DIR
from events.sample import install_sample_article
from tests.fixtures.articles import FIXTURE_DOSSIERS, SAMPLE_ARTICLE, copy_sample_article

# What a test module names when it reads the sample article or a data directory quoting it.
_SAMPLE_USERS = {"MIX", "DATA_DIR", "default_data_dir", "SAMPLE_ARTICLE", "SAMPLE_DOSSIER", "copy_sample_article"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--live", action="store_true", help="also run tests that reach live services")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--live"):
        # An online geocoder turned on in the shell must not take the suite (or its servers) online.
        os.environ.pop("EVENT_ATLAS_GEOCODER", None)
    if SAMPLE_ARTICLE.is_file():
        # The text is not shipped: the sample's data directory and the fixtures' get a copy.
        install_sample_article(DATA_DIR)
        copy_sample_article(FIXTURE_DOSSIERS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    live = pytest.mark.skip(reason="talks to a live service; run with --live")
    no_sample = pytest.mark.skip(reason=f"needs the sample article's text at {SAMPLE_ARTICLE}")
    for item in items:
        if "live" in item.keywords and not config.getoption("--live"):
            item.add_marker(live)
        if not SAMPLE_ARTICLE.is_file() and _uses_sample(item):
            item.add_marker(no_sample)


def _uses_sample(item: pytest.Item) -> bool:
    """Whether a test reads the sample article: the app's tests all do, others by name."""
    parts = item.path.relative_to(item.config.rootpath).parts
    module = getattr(item, "module", None)
    return "dashboard" in parts or "browser" in parts or bool(_SAMPLE_USERS & set(vars(module) if module else ()))
