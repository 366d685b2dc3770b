"""The sample article's text: not shipped, copied in from the seed directory beside the checkout.

The sample dossier (``events/data/2016-05-02-syria-isis-deals.yaml``) quotes a news
article whose text is not the project's to redistribute, so the repository holds the
dossier and not the text. The text is read from the seed directory, ``../shared/seed``
beside the checkout (or ``$EVENT_ATLAS_SEED``), and copied once into the data
directory's ``articles/``, where every dossier's article lives; nothing else about
loading changes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from events.dossier import ARTICLES, DATA_DIR, REPO_ROOT

SEED_ENV = "EVENT_ATLAS_SEED"
SAMPLE_FILE = "2016-05-02-syria-isis-deals.txt"
"""The sample article's file in a data directory's ``articles/``."""
SEED_FILE = "article-2016-05-02-syria-isis-deals.txt"
"""The same text's name in the seed directory."""


def seed_dir() -> Path:
    """Where the sample article's text is read from: ``$EVENT_ATLAS_SEED`` or ``../shared/seed``."""
    return Path(os.environ.get(SEED_ENV) or REPO_ROOT.parent / "shared" / "seed")


def seed_article() -> Path:
    """The sample article's text in the seed directory (it may not exist)."""
    return seed_dir() / SEED_FILE


def install_sample_article(data_dir: Path) -> str | None:
    """Copy the sample article's text into ``data_dir/articles`` if that is the sample's
    directory (``events/data``) and the text is not there yet.

    Returns None when there is nothing to do, else a notice saying where to put the text.
    The copy is written whole or not at all, so two servers starting at once never see
    half a text.
    """
    if data_dir.resolve() != DATA_DIR.resolve():
        return None
    target = data_dir / ARTICLES / SAMPLE_FILE
    if target.is_file():
        return None
    source = seed_article()
    if not source.is_file():
        return (f"The sample article's text is not shipped with Event Atlas: it is read from "
                f"{SEED_FILE} in the seed directory (../shared/seed beside the checkout, or "
                f"${SEED_ENV}), which was not found. Put the text at {ARTICLES}/{SAMPLE_FILE} "
                f"in the data directory to show the sample's events.")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{SAMPLE_FILE}.")
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return None
