"""The vocabulary and its presentation: complete, distinct, and readable."""

import re

import pytest

from events.sourcing import (
    EVENT_TYPE_STYLES,
    EVIDENCE_STYLES,
    VERIFICATION_STYLES,
    DateKind,
    DatePrecision,
    Evidence,
    EventType,
    Verification,
    vocabulary_help,
)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("vocabulary", [Evidence, Verification, EventType, DatePrecision, DateKind])
def test_every_value_has_a_one_line_definition(vocabulary: type[Evidence]) -> None:
    lines = vocabulary_help(vocabulary).splitlines()
    assert len(lines) == len(vocabulary)
    assert all(re.fullmatch(r"[a-z0-9-]+: [A-Z][^\n]+\.", line) for line in lines)


@pytest.mark.parametrize(
    ("styles", "vocabulary"),
    [(EVIDENCE_STYLES, Evidence), (VERIFICATION_STYLES, Verification), (EVENT_TYPE_STYLES, EventType)],
)
def test_every_value_has_a_style_with_its_own_label(styles: dict, vocabulary: type[Evidence]) -> None:
    assert list(styles) == list(vocabulary)
    assert len({style.label for style in styles.values()}) == len(vocabulary)


def test_evidence_colours_are_distinct_okabe_ito_hues() -> None:
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    colours = [style.colour for style in EVIDENCE_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert set(colours) <= okabe_ito - {"#F0E442"}


@pytest.mark.parametrize("evidence", list(Evidence))
def test_a_glyph_on_each_evidence_colour_is_readable(evidence: Evidence) -> None:
    style = EVIDENCE_STYLES[evidence]
    assert _contrast(style.colour, style.ink) >= 4.5


@pytest.mark.parametrize(
    ("verification", "hollow", "dashed"),
    [
        (Verification.CONFIRMED, False, False),
        (Verification.REPORTED, False, False),
        (Verification.UNVERIFIED, True, False),
        (Verification.ALLEGED, True, True),
        (Verification.DISPUTED, True, True),
    ],
)
def test_verification_shows_as_fill_and_outline(verification: Verification, hollow: bool, dashed: bool) -> None:
    style = VERIFICATION_STYLES[verification]
    assert (style.fill_opacity == 0, style.dash_array is not None) == (hollow, dashed)


def test_alleged_and_disputed_have_different_dashes() -> None:
    assert VERIFICATION_STYLES[Verification.ALLEGED].dash_array != VERIFICATION_STYLES[Verification.DISPUTED].dash_array


def test_event_type_glyphs_are_short_distinct_and_plain_text() -> None:
    glyphs = [style.glyph for style in EVENT_TYPE_STYLES.values()]
    assert len(set(glyphs)) == len(glyphs)
    assert all(len(glyph) <= 3 and "<" not in glyph and "&" not in glyph for glyph in glyphs)
