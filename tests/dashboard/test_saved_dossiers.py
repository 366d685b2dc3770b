"""A dossier saved into the data directory while the app runs shows on the next run, no restart."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from events.dossier import directory_signature
from tests.dashboard.conftest import REPO
from tests.fixtures.articles import copy_sample_article

MIX = REPO / "tests" / "fixtures" / "dossiers" / "sourcing-mix.yaml"


def _showing(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Showing"))


def _save_copy(directory: Path, prefix: str) -> None:
    """The mix dossier again, every id (article and events) prefixed, as a new file."""
    text = re.sub(r"(\bid: )", rf"\g<1>{prefix}", MIX.read_text(encoding="utf-8"))
    (directory / f"{prefix}sourcing-mix.yaml").write_text(text, encoding="utf-8")


def test_a_dossier_saved_while_the_app_runs_shows_on_the_next_run(
    app: Callable[..., AppTest], tmp_path: Path
) -> None:
    shutil.copy(MIX, copy_sample_article(tmp_path))
    at = app(tmp_path)
    assert _showing(at) == "Showing **6** of **6** events"
    _save_copy(tmp_path, "again-")
    at.run()
    assert not at.exception
    assert _showing(at) == "Showing **12** of **12** events"


def test_the_signature_changes_with_a_dossier_and_not_with_other_files(tmp_path: Path) -> None:
    shutil.copy(MIX, tmp_path)
    before = directory_signature(tmp_path)
    (tmp_path / "notes.txt").write_text("not a dossier", encoding="utf-8")
    assert directory_signature(tmp_path) == before
    _save_copy(tmp_path, "again-")
    assert directory_signature(tmp_path) != before
