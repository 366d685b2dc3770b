"""The sourcing vocabulary, and how the map, the legend and the filters show it.

Every controlled value carries a one-line definition the app shows beside it.
Colours, line styles and glyphs live here, next to the words they encode, so
the map, its legend and the sidebar filters cannot drift apart.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Evidence(StrEnum):
    """What a claim rests on."""

    LEAKED_DOCUMENTS = "leaked-documents"
    OFFICIAL_STATEMENT = "official-statement"
    NEWS_REPORT = "news-report"
    VISUAL_EVIDENCE = "visual-evidence"
    NGO_REPORT = "ngo-report"
    EXPERT_ANALYSIS = "expert-analysis"
    ALLEGATION = "allegation"

    @property
    def definition(self) -> str:
        return _EVIDENCE_DEFINITIONS[self]


class Verification(StrEnum):
    """How far a claim has been checked, as the article presents it."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNVERIFIED = "unverified"
    ALLEGED = "alleged"
    DISPUTED = "disputed"

    @property
    def definition(self) -> str:
        return _VERIFICATION_DEFINITIONS[self]


class EventType(StrEnum):
    """What kind of thing happened, in the terms of conflict reporting."""

    TROOP_OR_WEAPONS_MOVEMENT = "troop-or-weapons-movement"
    GROUND_OFFENSIVE = "ground-offensive"
    AIRSTRIKE = "airstrike"
    ATTACK_ON_CIVILIAN_SITE = "attack-on-civilian-site"
    HEADQUARTERS_OR_COMMAND = "headquarters-or-command"
    TRADE_OR_DEAL = "trade-or-deal"
    AGREEMENT_OR_TRUCE = "agreement-or-truce"
    DIPLOMACY = "diplomacy"
    SANCTIONS = "sanctions"
    OTHER = "other"

    @property
    def definition(self) -> str:
        return _EVENT_TYPE_DEFINITIONS[self]


class DatePrecision(StrEnum):
    """How much of an event's date the article gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"

    @property
    def definition(self) -> str:
        return _DATE_PRECISION_DEFINITIONS[self]


class DateKind(StrEnum):
    """Whether an event's date is when it happened or only when it was reported."""

    OCCURRED = "occurred"
    REPORTED = "reported"

    @property
    def definition(self) -> str:
        return _DATE_KIND_DEFINITIONS[self]


_EVIDENCE_DEFINITIONS = {
    Evidence.LEAKED_DOCUMENTS: "Internal documents obtained without their authors' consent.",
    Evidence.OFFICIAL_STATEMENT: "A statement by a government, an army or state media.",
    Evidence.NEWS_REPORT: "A news organisation's own reporting.",
    Evidence.VISUAL_EVIDENCE: "A photograph or video of the event.",
    Evidence.NGO_REPORT: "A report by a non-governmental or humanitarian organisation.",
    Evidence.EXPERT_ANALYSIS: "The view of a named expert, such as an academic or analyst.",
    Evidence.ALLEGATION: "An accusation that states no evidence.",
}

_VERIFICATION_DEFINITIONS = {
    Verification.CONFIRMED: "Independently confirmed by the article or by more than one party.",
    Verification.REPORTED: "Stated as fact by a named source; not independently confirmed.",
    Verification.UNVERIFIED: "The source itself says it could not be verified.",
    Verification.ALLEGED: "An accusation, presented as such.",
    Verification.DISPUTED: "Denied or contested by another party in the article.",
}

_EVENT_TYPE_DEFINITIONS = {
    EventType.TROOP_OR_WEAPONS_MOVEMENT: "Fighters, weapons or equipment moved from one place to another.",
    EventType.GROUND_OFFENSIVE: "A ground advance, assault or capture of a place.",
    EventType.AIRSTRIKE: "Bombing or missile strikes from the air.",
    EventType.ATTACK_ON_CIVILIAN_SITE: "A hospital, clinic, school, market or home hit by an attack.",
    EventType.HEADQUARTERS_OR_COMMAND: "Where a force is commanded from, or orders sent from there.",
    EventType.TRADE_OR_DEAL: "Goods, money or territory exchanged, or a deal between parties.",
    EventType.AGREEMENT_OR_TRUCE: "A ceasefire, truce or non-aggression between fighting parties.",
    EventType.DIPLOMACY: "Talks or negotiations between governments or their envoys.",
    EventType.SANCTIONS: "Penalties imposed by a government on a person, firm or state.",
    EventType.OTHER: "Anything that fits none of the types above.",
}

_DATE_PRECISION_DEFINITIONS = {
    DatePrecision.DAY: "The article gives the day.",
    DatePrecision.MONTH: "The article gives the month only.",
    DatePrecision.YEAR: "The article gives the year only.",
    DatePrecision.UNKNOWN: "The article gives no date.",
}

_DATE_KIND_DEFINITIONS = {
    DateKind.OCCURRED: "The date is when the event happened.",
    DateKind.REPORTED: "The date is only when the event was reported.",
}


class EvidenceStyle(BaseModel):
    """The colour an evidence type is drawn in, and its legend label.

    ``ink`` is the colour a glyph drawn on a fill of ``colour`` must take to be read.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    colour: str
    ink: str


class VerificationStyle(BaseModel):
    """How a mark's fill and outline show verification.

    ``dash_array`` is an SVG stroke-dasharray (Leaflet's ``dashArray``);
    ``None`` means a solid outline. A ``fill_opacity`` of 0 is a hollow mark.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    fill_opacity: float
    dash_array: str | None


class EventTypeStyle(BaseModel):
    """A short plain-text glyph for an event type, drawable inside a DivIcon."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    glyph: str


# Okabe-Ito colours, safe for the common colour-vision deficiencies. Their yellow
# is left out: it cannot be read on a light basemap. Sky blue and orange are light
# too (about 2.3:1 on white), so marks get a dark halo (HALO_COLOUR) under their outline.
EVIDENCE_STYLES: dict[Evidence, EvidenceStyle] = {
    Evidence.LEAKED_DOCUMENTS: EvidenceStyle(label="Leaked documents", colour="#D55E00", ink="#000000"),
    Evidence.OFFICIAL_STATEMENT: EvidenceStyle(label="Official statement", colour="#0072B2", ink="#FFFFFF"),
    Evidence.NEWS_REPORT: EvidenceStyle(label="News report", colour="#56B4E9", ink="#000000"),
    Evidence.VISUAL_EVIDENCE: EvidenceStyle(label="Photo or video", colour="#009E73", ink="#000000"),
    Evidence.NGO_REPORT: EvidenceStyle(label="NGO report", colour="#CC79A7", ink="#000000"),
    Evidence.EXPERT_ANALYSIS: EvidenceStyle(label="Expert analysis", colour="#E69F00", ink="#000000"),
    Evidence.ALLEGATION: EvidenceStyle(
        label="Allegation, no evidence given", colour="#000000", ink="#FFFFFF"
    ),
}
HALO_COLOUR = "#333333"

VERIFICATION_STYLES: dict[Verification, VerificationStyle] = {
    Verification.CONFIRMED: VerificationStyle(label="Confirmed", fill_opacity=0.9, dash_array=None),
    Verification.REPORTED: VerificationStyle(label="Reported", fill_opacity=0.6, dash_array=None),
    Verification.UNVERIFIED: VerificationStyle(label="Unverified", fill_opacity=0.0, dash_array=None),
    Verification.ALLEGED: VerificationStyle(label="Alleged", fill_opacity=0.0, dash_array="6 4"),
    Verification.DISPUTED: VerificationStyle(label="Disputed", fill_opacity=0.0, dash_array="2 4"),
}

# Characters every common sans-serif font draws as text (no emoji presentation).
EVENT_TYPE_STYLES: dict[EventType, EventTypeStyle] = {
    EventType.TROOP_OR_WEAPONS_MOVEMENT: EventTypeStyle(label="Troop or weapons movement", glyph="→"),
    EventType.GROUND_OFFENSIVE: EventTypeStyle(label="Ground offensive", glyph="⚔"),
    EventType.AIRSTRIKE: EventTypeStyle(label="Airstrike", glyph="✈"),
    EventType.ATTACK_ON_CIVILIAN_SITE: EventTypeStyle(label="Attack on a civilian site", glyph="✚"),
    EventType.HEADQUARTERS_OR_COMMAND: EventTypeStyle(label="Headquarters or command", glyph="★"),
    EventType.TRADE_OR_DEAL: EventTypeStyle(label="Trade or deal", glyph="⇄"),
    EventType.AGREEMENT_OR_TRUCE: EventTypeStyle(label="Agreement or truce", glyph="⚐"),
    EventType.DIPLOMACY: EventTypeStyle(label="Diplomacy", glyph="✉"),
    EventType.SANCTIONS: EventTypeStyle(label="Sanctions", glyph="⊘"),
    EventType.OTHER: EventTypeStyle(label="Other", glyph="•"),
}


Vocabulary = type[Evidence] | type[Verification] | type[EventType] | type[DatePrecision] | type[DateKind]


def vocabulary_help(vocabulary: Vocabulary) -> str:
    """One line per value, ``value: definition``, for schema descriptions and help."""
    return "\n".join(f"{value}: {value.definition}" for value in vocabulary)
