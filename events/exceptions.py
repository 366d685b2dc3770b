"""Errors raised by :mod:`events`.

    EventsError
    ├── DossierInvalid (ValueError)
    ├── ArticleTextMissing (FileNotFoundError)
    ├── FileRefused (ValueError)
    ├── ContextFileError (ValueError)
    └── ContextRowError (ValueError)
"""

from __future__ import annotations

from collections.abc import Sequence


class EventsError(Exception):
    """Base class of every error raised by this package."""


class DossierInvalid(EventsError, ValueError):
    """A dossier file has problems; each one is a line of the message."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ArticleTextMissing(EventsError, FileNotFoundError):
    """An article's text file is not where its dossier says."""


class FileRefused(EventsError, ValueError):
    """A file the atlas will not read: outside its directory, not a regular file, or too large."""

    def __init__(self, shown: str, reason: str) -> None:
        self.shown = shown
        self.reason = reason
        super().__init__(f"{shown}: {reason}")


class ContextFileError(EventsError, ValueError):
    """A context file (an ACLED-format export) cannot be read at all."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ContextRowError(EventsError, ValueError):
    """One field of one context row cannot be read; the message is the reason shown."""
