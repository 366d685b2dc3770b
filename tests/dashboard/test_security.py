"""The map page under hostile links and files: each is refused with a word, the rest still works."""

from __future__ import annotations

import re
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

OpenApp = Callable[..., AppTest]


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown.replace("\u2060", ""))


def _showing(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Showing"))


def test_a_link_of_1610_commas_opens_the_whole_view(app: OpenApp) -> None:
    at = app(evidence="," * 1610)
    assert not at.exception
    assert [_plain(info.value) for info in at.info] == []
    assert _showing(at) == "Showing **13** of **13** events"


def test_a_link_over_the_size_limit_is_refused_with_a_notice(app: OpenApp) -> None:
    at = app(evidence="allegation", q="x" * 8000)
    assert not at.exception
    assert [_plain(info.value) for info in at.info] == [
        "the link's filters are 8,023 characters long, over the limit of 8,000; they are all ignored"
    ]
    assert _showing(at) == "Showing **13** of **13** events"
