"""Writing a draft: the dossier and its article beside it, atomically, never over another by surprise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from events.intake import DossierExists, DraftInvalid, draft_article, write_dossier
from events.model import Dossier

TEXT = "Strike hits Aleppo\n\nA hospital in Aleppo was bombed on Monday, the health ministry said.\n"


def _draft_and_write(directory: Path, *, overwrite: bool = False) -> Path:
    draft = draft_article(TEXT, publisher="Example News", published=date(2016, 5, 2))
    return write_dossier(directory, draft.article, [d.event for d in draft.events], draft.text, overwrite=overwrite)


def test_writes_the_dossier_and_its_article_in_the_data_directory_layout(tmp_path: Path) -> None:
    path = _draft_and_write(tmp_path)
    assert path == tmp_path / "2016-05-02-strike-hits-aleppo.yaml"
    assert (tmp_path / "articles/2016-05-02-strike-hits-aleppo.txt").read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "2016-05-02-strike-hits-aleppo.txt", "2016-05-02-strike-hits-aleppo.yaml", "articles"
    ]  # no temporary file left behind


def test_existing_dossier_is_kept_unless_overwriting_is_asked(tmp_path: Path) -> None:
    path = _draft_and_write(tmp_path)
    path.write_text("# hand edits\n", encoding="utf-8")
    with pytest.raises(DossierExists, match=r"2016-05-02-strike-hits-aleppo\.yaml: a dossier of this id already exists"):
        _draft_and_write(tmp_path)
    assert path.read_text(encoding="utf-8") == "# hand edits\n"
    _draft_and_write(tmp_path, overwrite=True)
    assert "A hospital in Aleppo was bombed" in path.read_text(encoding="utf-8")


def test_a_quote_not_in_the_text_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    draft = draft_article(TEXT, publisher="Example News", published=date(2016, 5, 2))
    with pytest.raises(DraftInvalid, match=r"claims\[0\]\.quote: the text at"):
        write_dossier(tmp_path, draft.article, [d.event for d in draft.events], TEXT.replace("hospital", "hostel"))
    assert list(tmp_path.iterdir()) == []


def test_written_dossier_reads_back_as_the_same_events(tmp_path: Path) -> None:
    draft = draft_article(TEXT, publisher="Example News", published=date(2016, 5, 2))
    path = write_dossier(tmp_path, draft.article, [d.event for d in draft.events], draft.text)
    loaded = Dossier.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert loaded.events == tuple(d.event for d in draft.events)
    assert loaded.article == draft.article
    assert [p.name for p in loaded.events[0].places] == ["Aleppo"]


def test_an_article_path_that_leaves_the_data_directory_is_refused(tmp_path: Path) -> None:
    draft = draft_article(TEXT, publisher="Example News", published=date(2016, 5, 2))
    article = draft.article.model_copy(update={"path": "../outside.txt"})
    with pytest.raises(DraftInvalid, match=r"path '\.\./outside\.txt': is outside the data directory"):
        write_dossier(tmp_path / "data", article, [d.event for d in draft.events], draft.text)
    assert list(tmp_path.iterdir()) == []
