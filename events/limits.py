"""How much the atlas takes from input it does not trust, and how much of it a message quotes.

Dossiers, articles, context files, uploads, links and online geocoders' answers come from
outside. Each is refused (with a message that says so) beyond the limits here, so that no
file, link or answer can make the server read, parse or print without bound. The README's
"Security" section lists them; a test pins each one.
"""

from __future__ import annotations

MIB = 1024 * 1024

ARTICLE_MAX_BYTES = 1 * MIB
"""An article's text; a larger one is a problem for its dossier (a long feature is ~60 KiB)."""

QUERY_MAX_CHARS = 8_000
"""A link's filter parameters together (names and values); beyond it they are all ignored."""
QUERY_VALUE_MAX_CHARS = 500
"""One value of a link's parameter (a claimant, a search); a longer one is ignored."""
QUERY_MAX_VALUES = 200
"""Values of one parameter of a link; those after it are ignored."""

EXCERPT_CHARS = 60
"""How much of a value a message quotes."""


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)``, cut to about ``limit`` characters with the full length said."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return repr(value)
    return f"{text[:limit]!r}... ({len(text):,} characters)"
