"""The sourcing vocabulary, and how the map, the legend and the filters show it.

Every controlled value carries a label (``value.label``: the one name a reader sees for
it in the legend, the filters, the table, the details and the exports' text; URLs and
data files keep the value itself) and a one-line definition the app shows beside it.
Colours, mark looks and glyphs live here, next to the words they encode, so the map,
its legend, the one-file map and the static pictures cannot drift apart.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from geo.maps.marks import Fill, MarkLook
from geo.place import Precision


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

    @property
    def label(self) -> str:
        return _EVIDENCE_LABELS[self]


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

    @property
    def label(self) -> str:
        return _VERIFICATION_LABELS[self]


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

    @property
    def label(self) -> str:
        return _EVENT_TYPE_LABELS[self]


class DatePrecision(StrEnum):
    """How much of an event's date the article gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"

    @property
    def definition(self) -> str:
        return _DATE_PRECISION_DEFINITIONS[self]

    @property
    def label(self) -> str:
        return _DATE_PRECISION_LABELS[self]


class DateKind(StrEnum):
    """Whether an event's date is when it happened or only when it was reported."""

    OCCURRED = "occurred"
    REPORTED = "reported"

    @property
    def definition(self) -> str:
        return _DATE_KIND_DEFINITIONS[self]

    @property
    def label(self) -> str:
        return _DATE_KIND_LABELS[self]


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


_EVIDENCE_LABELS = {
    Evidence.LEAKED_DOCUMENTS: "Leaked documents",
    Evidence.OFFICIAL_STATEMENT: "Official statement",
    Evidence.NEWS_REPORT: "News report",
    Evidence.VISUAL_EVIDENCE: "Photo or video",
    Evidence.NGO_REPORT: "NGO report",
    Evidence.EXPERT_ANALYSIS: "Expert analysis",
    Evidence.ALLEGATION: "Allegation without evidence",
}

_VERIFICATION_LABELS = {
    Verification.CONFIRMED: "Confirmed",
    Verification.REPORTED: "Reported",
    Verification.UNVERIFIED: "Unverified",
    Verification.ALLEGED: "Alleged",
    Verification.DISPUTED: "Disputed",
}

_EVENT_TYPE_LABELS = {
    EventType.TROOP_OR_WEAPONS_MOVEMENT: "Troop or weapons movement",
    EventType.GROUND_OFFENSIVE: "Ground offensive",
    EventType.AIRSTRIKE: "Airstrike",
    EventType.ATTACK_ON_CIVILIAN_SITE: "Attack on a civilian site",
    EventType.HEADQUARTERS_OR_COMMAND: "Headquarters or command",
    EventType.TRADE_OR_DEAL: "Trade or deal",
    EventType.AGREEMENT_OR_TRUCE: "Agreement or truce",
    EventType.DIPLOMACY: "Diplomacy",
    EventType.SANCTIONS: "Sanctions",
    EventType.OTHER: "Other",
}

_DATE_PRECISION_LABELS = {
    DatePrecision.DAY: "Day",
    DatePrecision.MONTH: "Month",
    DatePrecision.YEAR: "Year",
    DatePrecision.UNKNOWN: "Unknown",
}

_DATE_KIND_LABELS = {
    DateKind.OCCURRED: "Date it happened",
    DateKind.REPORTED: "Date it was reported",
}

PRECISION_LABELS: dict[Precision, str] = {
    Precision.EXACT: "Exact spot",
    Precision.CITY: "City or town",
    Precision.REGION: "Region or province",
    Precision.COUNTRY: "Whole country",
}
"""How a place's precision (a value of ``geo``) is named to the reader."""

_LABELLED: dict[str, dict[str, str]] = {
    field: {str(value): label for value, label in labels.items()}
    for field, labels in (
        ("evidence", _EVIDENCE_LABELS), ("verification", _VERIFICATION_LABELS), ("event_type", _EVENT_TYPE_LABELS),
        ("precision", PRECISION_LABELS), ("date_precision", _DATE_PRECISION_LABELS), ("date_kind", _DATE_KIND_LABELS),
    )
}


def label_of(field: str, value: str) -> str:
    """The label of ``value`` of the vocabulary behind ``field`` (a filter or model field
    name: ``evidence``, ``verification``, ``event_type``, ``precision``, ...); free text
    (a claimant, an actor) and unknown values are their own label."""
    return _LABELLED.get(field, {}).get(str(value), value)


class EvidenceStyle(BaseModel):
    """The colour an evidence type is drawn in.

    ``ink`` is the colour a glyph drawn on a fill of ``colour`` must take to be read.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    colour: str
    ink: str


# Okabe-Ito colours, safe for the common colour-vision deficiencies. Their yellow
# is left out: it cannot be read on a light basemap. Sky blue and orange are light
# too (about 2.3:1 on white), so marks get a dark halo (HALO_COLOUR) under their outline.
EVIDENCE_STYLES: dict[Evidence, EvidenceStyle] = {
    Evidence.LEAKED_DOCUMENTS: EvidenceStyle(colour="#D55E00", ink="#000000"),
    Evidence.OFFICIAL_STATEMENT: EvidenceStyle(colour="#0072B2", ink="#FFFFFF"),
    Evidence.NEWS_REPORT: EvidenceStyle(colour="#56B4E9", ink="#000000"),
    Evidence.VISUAL_EVIDENCE: EvidenceStyle(colour="#009E73", ink="#000000"),
    Evidence.NGO_REPORT: EvidenceStyle(colour="#CC79A7", ink="#000000"),
    Evidence.EXPERT_ANALYSIS: EvidenceStyle(colour="#E69F00", ink="#000000"),
    Evidence.ALLEGATION: EvidenceStyle(colour="#000000", ink="#FFFFFF"),
}
HALO_COLOUR = "#333333"

# Five levels, five looks that differ in fill and outline, not in colour: the fuller the
# mark, the firmer the claim; a solid outline is a claim no one contests, long dashes an
# accusation, dots a claim someone denies. Lines and areas follow the same values.
VERIFICATION_LOOKS: dict[Verification, MarkLook] = {
    Verification.CONFIRMED: MarkLook(fill=Fill.FULL, area_opacity=0.45, dash=(), width=3.0),
    Verification.REPORTED: MarkLook(fill=Fill.HALF, area_opacity=0.22, dash=(), width=2.5),
    Verification.UNVERIFIED: MarkLook(fill=Fill.NONE, area_opacity=0.06, dash=(), width=2.0),
    Verification.ALLEGED: MarkLook(fill=Fill.NONE, area_opacity=0.06, dash=(6.0, 3.0), width=2.5),
    Verification.DISPUTED: MarkLook(fill=Fill.NONE, area_opacity=0.06, dash=(1.5, 2.5), width=2.5),
}


class EventTypeStyle(BaseModel):
    """A short plain-text glyph for an event type, drawable inside a DivIcon."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    glyph: str


# Characters every common sans-serif font draws as text (no emoji presentation).
EVENT_TYPE_STYLES: dict[EventType, EventTypeStyle] = {
    EventType.TROOP_OR_WEAPONS_MOVEMENT: EventTypeStyle(glyph="→"),
    EventType.GROUND_OFFENSIVE: EventTypeStyle(glyph="⚔"),
    EventType.AIRSTRIKE: EventTypeStyle(glyph="✈"),
    EventType.ATTACK_ON_CIVILIAN_SITE: EventTypeStyle(glyph="✚"),
    EventType.HEADQUARTERS_OR_COMMAND: EventTypeStyle(glyph="★"),
    EventType.TRADE_OR_DEAL: EventTypeStyle(glyph="⇄"),
    EventType.AGREEMENT_OR_TRUCE: EventTypeStyle(glyph="⚐"),
    EventType.DIPLOMACY: EventTypeStyle(glyph="✉"),
    EventType.SANCTIONS: EventTypeStyle(glyph="⊘"),
    EventType.OTHER: EventTypeStyle(glyph="•"),
}


Vocabulary = type[Evidence] | type[Verification] | type[EventType] | type[DatePrecision] | type[DateKind]


def vocabulary_help(vocabulary: Vocabulary) -> str:
    """One line per value, ``value: definition``, for schema descriptions and help."""
    return "\n".join(f"{value}: {value.definition}" for value in vocabulary)
