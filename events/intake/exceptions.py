"""Errors raised while bringing an article in.

    IntakeError (events.exceptions.EventsError)
    ├── ArticleUnreadable (ValueError)
    │   ├── ArticleEmpty
    │   ├── ArticleBinary
    │   ├── ArticleNotUtf8
    │   └── ArticleTooLarge
    ├── PublicationDateInvalid (ValueError)
    ├── PublisherMissing (ValueError)
    ├── DraftInvalid (ValueError)
    └── DossierExists (FileExistsError)
"""

from __future__ import annotations

from pathlib import Path

from events.exceptions import EventsError


class IntakeError(EventsError):
    """Base class of every error raised by :mod:`events.intake`."""


class ArticleUnreadable(IntakeError, ValueError):
    """The article cannot be drafted from: the message says why and what to do."""


class ArticleEmpty(ArticleUnreadable):
    """The article holds no text (empty, whitespace, or markup with no text)."""


class ArticleBinary(ArticleUnreadable):
    """The file is not text at all (an image, a PDF, a word-processor file...)."""


class ArticleNotUtf8(ArticleUnreadable):
    """The file is text in an encoding other than UTF-8."""


class ArticleTooLarge(ArticleUnreadable):
    """The article is larger than the drafter reads (see ``MAX_ARTICLE_BYTES``)."""


class PublicationDateInvalid(IntakeError, ValueError):
    """The publication date is unreadable or in the future."""


class PublisherMissing(IntakeError, ValueError):
    """No publisher was given: every claim in the outlet's own voice is the publisher's."""


class DraftInvalid(IntakeError, ValueError):
    """A draft cannot be saved as it is: a quote that is not in the text, a path outside the data directory."""


class DossierExists(IntakeError, FileExistsError):
    """A dossier of that id is already in the data directory, and overwriting was not asked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path}: a dossier of this id already exists; choose another id or confirm overwriting it"
        )
