"""The sample article's text is copied in from the seed directory, never shipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from events import sample
from events.sample import SAMPLE_FILE, SEED_FILE, install_sample_article

TEXT = "A text of the sample article, with a line break\r\nkept as written.\n"


@pytest.fixture
def sample_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for ``events/data`` and a seed directory holding the text."""
    data = tmp_path / "data"
    data.mkdir()
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / SEED_FILE).write_bytes(TEXT.encode())
    monkeypatch.setattr(sample, "DATA_DIR", data)
    monkeypatch.setenv(sample.SEED_ENV, str(seed))
    return data


def test_the_text_is_copied_byte_for_byte_into_the_data_directorys_articles(sample_dir: Path) -> None:
    assert install_sample_article(sample_dir) is None
    assert (sample_dir / "articles" / SAMPLE_FILE).read_bytes() == TEXT.encode()
    assert [p.name for p in (sample_dir / "articles").iterdir()] == [SAMPLE_FILE]


def test_a_text_already_there_is_left_as_it_is(sample_dir: Path) -> None:
    (sample_dir / "articles").mkdir()
    (sample_dir / "articles" / SAMPLE_FILE).write_text("corrected by an editor")
    assert install_sample_article(sample_dir) is None
    assert (sample_dir / "articles" / SAMPLE_FILE).read_text() == "corrected by an editor"


def test_another_data_directory_is_never_written_to(sample_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    assert install_sample_article(other) is None
    assert list(other.iterdir()) == []


def test_without_the_seed_the_notice_says_where_the_text_goes(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(sample.SEED_ENV, str(tmp_path / "nowhere"))
    assert install_sample_article(sample_dir) == (
        "The sample article's text is not shipped with Event Atlas: it is read from "
        "article-2016-05-02-syria-isis-deals.txt in the seed directory (../shared/seed beside "
        "the checkout, or $EVENT_ATLAS_SEED), which was not found. Put the text at "
        "articles/2016-05-02-syria-isis-deals.txt in the data directory to show the sample's events."
    )
    assert list(sample_dir.iterdir()) == []
