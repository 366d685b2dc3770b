"""Errors raised by :mod:`events`.

    EventsError
    ├── ContextFileError (ValueError)
    └── ContextRowError (ValueError)
"""


class EventsError(Exception):
    """Base class of every error raised by this package."""


class ContextFileError(EventsError, ValueError):
    """A context file (an ACLED-format export) cannot be read at all."""


class ContextRowError(EventsError, ValueError):
    """One field of one context row cannot be read; the message is the reason shown."""
