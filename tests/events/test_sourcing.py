"""The vocabulary and its presentation: complete, distinct, and readable."""

import re

import pytest

from events.sourcing import (
    EVENT_TYPE_STYLES,
    EVIDENCE_STYLES,
    PRECISION_LABELS,
    VERIFICATION_LOOKS,
    DateKind,
    DatePrecision,
    Evidence,
    EventType,
    Verification,
    label_of,
    vocabulary_help,
)
from geo.maps.marks import Fill
from geo.place import Precision


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


@pytest.mark.parametrize("vocabulary", [Evidence, Verification, EventType, DatePrecision, DateKind])
def test_every_value_has_its_own_label(vocabulary: type[Evidence]) -> None:
    labels = [value.label for value in vocabulary]
    assert len(set(labels)) == len(vocabulary)
    assert all(re.fullmatch(r"[A-Z][A-Za-z ,]+", label) for label in labels)


@pytest.mark.parametrize("vocabulary", [Evidence, EventType])
def test_every_value_has_a_style(vocabulary: type[Evidence]) -> None:
    assert list({Evidence: EVIDENCE_STYLES, EventType: EVENT_TYPE_STYLES}[vocabulary]) == list(vocabulary)


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("evidence", "visual-evidence", "Photo or video"),
        ("verification", "reported", "Reported"),
        ("event_type", "attack-on-civilian-site", "Attack on a civilian site"),
        ("precision", "region", "Region or province"),
        ("date_kind", "reported", "Date it was reported"),
        ("claimant", "Sky News", "Sky News"),
        ("evidence", "leak", "leak"),
    ],
)
def test_a_value_is_named_by_its_vocabularys_label_and_free_text_by_itself(field: str, value: str, label: str) -> None:
    assert label_of(field, value) == label


def test_every_precision_has_a_label() -> None:
    assert list(PRECISION_LABELS) == list(Precision)


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
    ("verification", "fill", "dashed"),
    [
        (Verification.CONFIRMED, Fill.FULL, False),
        (Verification.REPORTED, Fill.HALF, False),
        (Verification.UNVERIFIED, Fill.NONE, False),
        (Verification.ALLEGED, Fill.NONE, True),
        (Verification.DISPUTED, Fill.NONE, True),
    ],
)
def test_the_firmer_the_claim_the_fuller_the_mark_and_only_contested_ones_are_dashed(
    verification: Verification, fill: Fill, dashed: bool
) -> None:
    look = VERIFICATION_LOOKS[verification]
    assert (look.fill, bool(look.dash)) == (fill, dashed)


def test_no_two_verification_levels_share_a_look_on_a_mark_an_area_or_a_line() -> None:
    looks = [VERIFICATION_LOOKS[v] for v in Verification]
    marks = {(look.fill, look.dash) for look in looks}
    areas = {(look.area_opacity, look.dash) for look in looks}
    lines = {(look.fill, look.dash, look.width) for look in looks}  # a line's arrowhead is filled as its mark
    assert len(marks) == len(areas) == len(lines) == len(Verification)


def test_area_fill_follows_mark_fill() -> None:
    opacity = {look.fill: look.area_opacity for look in VERIFICATION_LOOKS.values()}
    assert opacity[Fill.FULL] > opacity[Fill.HALF] > opacity[Fill.NONE]


def test_event_type_glyphs_are_short_distinct_and_plain_text() -> None:
    glyphs = [style.glyph for style in EVENT_TYPE_STYLES.values()]
    assert len(set(glyphs)) == len(glyphs)
    assert all(len(glyph) <= 3 and "<" not in glyph and "&" not in glyph for glyph in glyphs)
