"""Writing a reviewed draft into the data directory: the dossier YAML and the article text beside it.

Layout: ``DIR/<article id>.yaml`` holds ``path: articles/<article id>.txt``, which is
``DIR/articles/<article id>.txt``. Each file is written to a temporary file in its
own directory, then renamed over its name, so a reader sees the old file or the
new one and never half of one; the article text goes first, so a dossier never
points at text that is not there yet. An existing dossier is replaced only when
asked.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from events.dossier import article_file
from events.exceptions import FileRefused
from events.intake.exceptions import DossierExists, DraftInvalid
from events.model import Article, Dossier, Event

_HEADER = (
    "# Drafted from the article's text by the intake drafter, then reviewed by an editor.\n"
    "# Quote offsets count Unicode characters from the start of the article text.\n"
)


def write_dossier(
    data_dir: Path, article: Article, events: Sequence[Event], text: str, *, overwrite: bool = False
) -> Path:
    """Write ``<id>.yaml`` and its article text into ``data_dir``; return the dossier's path."""
    dossier = Dossier(article=article, events=tuple(events))
    _check_quotes(dossier, text)
    data_dir = Path(data_dir)
    dossier_path = data_dir / f"{article.id}.yaml"
    text_path = _text_path(data_dir, article)
    if not overwrite:
        for path in (dossier_path, text_path):
            if path.exists():
                raise DossierExists(path)
    text_path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(text_path, text.encode("utf-8"))
    _write_atomically(dossier_path, (_HEADER + yaml_of(dossier)).encode("utf-8"))
    return dossier_path


def yaml_of(dossier: Dossier) -> str:
    """The dossier as YAML, fields in the model's order, defaults left out."""
    data = dossier.model_dump(mode="json", exclude_defaults=True)
    data["events"] = data.get("events", [])
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _text_path(data_dir: Path, article: Article) -> Path:
    """Where the article's text goes: its path taken from the data directory, which it may not leave."""
    try:
        return article_file(article, data_dir)
    except FileRefused as error:
        raise DraftInvalid(
            f"article {article.id!r}: path {error}; write it relative to the dossier, e.g. articles/{article.id}.txt"
        ) from None


def _check_quotes(dossier: Dossier, text: str) -> None:
    for event in dossier.events:
        for index, claim in enumerate(event.claims):
            quote = claim.quote
            if text[quote.start : quote.end] != quote.text:
                raise DraftInvalid(
                    f"event {event.id!r}, claims[{index}].quote: the text at {quote.start}-{quote.end} reads "
                    f"{text[quote.start:quote.end][:40]!r}, not {quote.text[:40]!r}; select the words again"
                )


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
