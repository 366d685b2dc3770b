"""The typefaces of the briefing pictures, with a fallback for the scripts DejaVu lacks.

    font_properties("bold", 12.0)    -> FontProperties: DejaVu Sans Bold, then the fallback
    has_glyphs("oblique", "سلام")    -> False: DejaVu Sans Oblique has no Arabic

Text is set in DejaVu Sans as matplotlib ships it (the same files on every machine, so the
same bytes): Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and, upright, Arabic.
Chinese, Japanese and Korean come from WenQuanYi Micro Hei (Debian's ``fonts-wqy-microhei``,
TrueType, so embeddable in a PDF as selectable text), used glyph by glyph where DejaVu has
none (matplotlib's font fallback). matplotlib lays text out with libraqm, which orders
right-to-left runs and joins Arabic letters, so no reshaping is done here.

Without the fallback font installed, those scripts show as empty boxes and
:data:`FALLBACK_FILE` says where it was looked for.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import matplotlib
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

Face = Literal["regular", "bold", "oblique"]
_Style = Literal["normal", "oblique"]

TEXT_FAMILY = "DejaVu Sans"
FALLBACK_FAMILY = "WenQuanYi Micro Hei"
FALLBACK_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
"""Where Debian's ``fonts-wqy-microhei`` puts the font (added even if matplotlib's list of
system fonts was made before it was installed)."""

_STYLES: dict[Face, tuple[str, _Style]] = {"regular": ("normal", "normal"), "bold": ("bold", "normal"),
                                        "oblique": ("normal", "oblique")}


class _FallbackHasOneWeight(logging.Filter):
    """The fallback font has no bold: matplotlib says so on every new size; once is known."""

    def filter(self, record: logging.LogRecord) -> bool:
        return FALLBACK_FAMILY not in record.getMessage()


@cache
def families() -> tuple[str, ...]:
    """The families text is set in, first choice first (the fallback only if installed)."""
    _own_text_family()
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    if FALLBACK_FAMILY not in known and FALLBACK_FILE.exists():
        font_manager.fontManager.addfont(FALLBACK_FILE)
        known.add(FALLBACK_FAMILY)
    if FALLBACK_FAMILY not in known:
        return (TEXT_FAMILY,)
    logging.getLogger("matplotlib.font_manager").addFilter(_FallbackHasOneWeight())
    return TEXT_FAMILY, FALLBACK_FAMILY


def _own_text_family() -> None:
    """Make matplotlib's own DejaVu Sans files the only ones of that family it finds. A
    system copy (Debian's ``fonts-dejavu-core``) may be another build, and matplotlib's list
    of fonts, cached per user and shared by every virtualenv, may hold either copy, or only
    the system's when it was rebuilt while a virtualenv's files were missing."""
    manager = font_manager.fontManager
    shipped = Path(matplotlib.get_data_path(), "fonts", "ttf")
    manager.ttflist = [entry for entry in manager.ttflist if entry.name != TEXT_FAMILY]
    for path in [shipped / "DejaVuSans.ttf", *sorted(shipped.glob("DejaVuSans-*.ttf"))]:
        manager.addfont(path)
    # Look-ups made before this may have found the other copy: they are cached (privately).
    clear = getattr(getattr(font_manager.FontManager, "_findfont_cached", None), "cache_clear", None)
    if clear is not None:
        clear()


@lru_cache(maxsize=256)
def font_properties(face: Face, size: float) -> FontProperties:
    """The font of ``face`` at ``size`` points, falling back glyph by glyph."""
    weight, style = _STYLES[face]
    return FontProperties(family=list(families()), weight=weight, style=style, size=size)


@cache
def font_files(face: Face) -> tuple[str, ...]:
    """The files ``face`` is drawn from, in fallback order."""
    return tuple(str(font_manager.findfont(FontProperties(family=family, weight=_STYLES[face][0],
                                                           style=_STYLES[face][1]), fallback_to_default=False))
                 for family in families())


@lru_cache(maxsize=4096)
def has_glyphs(face: Face, text: str) -> bool:
    """Whether every visible character of ``text`` is in one of ``face``'s files."""
    fonts = [font_manager.get_font(path) for path in font_files(face)]
    return all(any(font.get_char_index(ord(char)) for font in fonts) for char in set(text) if not char.isspace())
