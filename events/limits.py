"""How much the atlas takes from input it does not trust, and how much of it a message quotes.

Dossiers, articles, context files, uploads, links and online geocoders' answers come from
outside. Each is refused (with a message that says so) beyond the limits here, so that no
file, link or answer can make the server read, parse or print without bound. The README's
"Security" section lists them; a test pins each one.
"""

from __future__ import annotations

import reprlib

MIB = 1024 * 1024

DOSSIER_MAX_BYTES = MIB // 2
"""A dossier file; a larger one is a problem, not a load (the sample's 13 events take 17 KiB)."""
YAML_MAX_DEPTH = 50
"""Nesting of a dossier's YAML, aliases followed (a dossier needs 7 levels)."""
YAML_MAX_NODES = 500_000
"""Values in a dossier's YAML once its aliases are expanded (a "billion laughs" file has 10^9)."""

ARTICLE_MAX_BYTES = 1 * MIB
"""An article's text; a larger one is a problem for its dossier (a long feature is ~60 KiB)."""

CONTEXT_MAX_BYTES = 512 * MIB
"""An ACLED-format file in the data directory or uploaded (50,000 ACLED rows take ~25 MiB, a
region's ten years of 500,000 rows ~200 to 300 MiB; the store reads it a block at a time)."""
CONTEXT_FIELD_MAX_CHARS = 131_072
"""One field of an ACLED-format file (Python's csv limit): a longer one stops that file there."""

QUERY_MAX_CHARS = 8_000
"""A link's filter parameters together (names and values); beyond it they are all ignored."""
QUERY_VALUE_MAX_CHARS = 500
"""One value of a link's parameter (a claimant, a search); a longer one is ignored."""
QUERY_MAX_VALUES = 200
"""Values of one parameter of a link; those after it are ignored."""

EXCERPT_CHARS = 60
"""How much of a value a message quotes."""


def _short_repr() -> reprlib.Repr:
    shown = reprlib.Repr()
    shown.maxlevel, shown.maxlist, shown.maxtuple, shown.maxdict = 2, 4, 4, 4
    shown.maxstring = shown.maxother = shown.maxlong = EXCERPT_CHARS
    return shown


_SHORT_REPR = _short_repr()


def clipped(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to ``limit`` characters, its full length said when it is cut."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)`` of a text cut to about ``limit`` characters (its full length said), or
    a bounded repr of anything else (a list of a million items is not printed whole)."""
    if not isinstance(value, str):
        return _SHORT_REPR.repr(value)
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}... ({len(value):,} characters)"
