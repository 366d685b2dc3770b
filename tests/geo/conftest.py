"""Shared fixtures: the offline gazetteer, compiled once (or reused from the cache)."""

from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer, gazetteer
from geo.resolution import ArticleContext

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLE = REPO_ROOT / ".." / "shared" / "seed" / "article-2016-05-02-syria-isis-deals.txt"
TRNEWS = REPO_ROOT / ".." / "shared" / "geo-eval" / "trnews.jsonl"


@pytest.fixture(scope="session")
def index() -> Gazetteer:
    return gazetteer()


@pytest.fixture(scope="session")
def sample_text() -> str:
    if not SAMPLE_ARTICLE.exists():
        pytest.skip(f"{SAMPLE_ARTICLE} is absent")
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_context(index: Gazetteer, sample_text: str) -> ArticleContext:
    return ArticleContext.from_text(sample_text)
