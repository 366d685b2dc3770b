"""Run ``dashboard.py`` in-process with :class:`streamlit.testing.v1.AppTest`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
SCRIPT_TIMEOUT_SECONDS = 60


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """An app on the sample dossier, or on ``data_dir``, opened with the given URL query."""

    def open_app(data_dir: Path | None = None, **query: str | list[str]) -> AppTest:
        if data_dir is None:
            monkeypatch.delenv("EVENT_ATLAS_DATA", raising=False)
        else:
            monkeypatch.setenv("EVENT_ATLAS_DATA", str(data_dir))
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=SCRIPT_TIMEOUT_SECONDS)
        at.query_params.update(query)
        return at.run()

    return open_app
