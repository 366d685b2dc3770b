"""Text from dossiers, articles and uploads, written so that Markdown shows it exactly as written.

The app shows such text in Markdown (Streamlit's flavour): unescaped, a ``*`` would turn
italic, ``$x$`` into maths, ``:red[...]`` into colour and a link into a link. Neither
package imports Streamlit; this is the one place that knows its Markdown.
"""

from __future__ import annotations

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also
# disarms Streamlit's `$...$` maths, `:colour[...]` directives and `:material/...:` icons.
_MARKDOWN_ESCAPES = {ord(c): "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
# Streamlit swaps ":streamlit:" for its logo even when escaped; a word joiner breaks the match.
_LOGO_SHORTCODE = ":streamlit:"


def literal(text: str) -> str:
    """Markdown that shows ``text`` exactly as written."""
    return text.replace(_LOGO_SHORTCODE, ":\u2060streamlit:").translate(_MARKDOWN_ESCAPES)
