"""An event's details as the reader sees them: date, place, claims, and the article with its quotes."""

from __future__ import annotations

from dataclasses import dataclass

from events.mapview import Atlas
from events.model import Claim
from events.placing import PlacedEvent, ResolvedPlace

# A paragraph is a run of (text, highlighted) pieces.
Paragraph = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class ClaimDetails:
    lines: tuple[str, ...]
    evidence_definition: str
    quote: str


@dataclass(frozen=True)
class Details:
    title: str
    date: str
    place: str
    claims: tuple[ClaimDetails, ...]
    article_title: str
    article: tuple[Paragraph, ...]


def details_of(atlas: Atlas, event_id: str | None) -> Details | None:
    """What the detail panel shows for an event, or None if there is no such event."""
    placed = atlas.placed.get(event_id or "")
    if placed is None:
        return None
    event, article = placed.event, placed.article
    spans = [(claim.quote.start, claim.quote.end) for claim in event.claims]
    return Details(
        event.title,
        f"{event.date} ({event.date.precision} precision; {event.date_kind.definition[:-1].lower()})",
        "; ".join(_place_line(resolved) for resolved in placed.places),
        tuple(_claim(claim) for claim in event.claims),
        f"{article.title} ({article.publisher}, {article.published.isoformat()})",
        article_paragraphs(atlas.catalogue.text_of(article), spans),
    )


def _place_line(resolved: ResolvedPlace) -> str:
    ref, place = resolved.ref, resolved.place
    note = f"; {place.note}" if place.note else ""
    if not place.found:
        return f"{ref.name} ({ref.role}): not found by {place.resolver}{note}"
    return f"{ref.name} ({ref.role}): {place.name}, {place.precision} precision, placed by {place.resolver}{note}"


def _claim(claim: Claim) -> ClaimDetails:
    lines = (
        f"Claimant: {claim.claimant}",
        f"Evidence: {claim.evidence}; verification: {claim.verification}",
        f"Chain: {' → '.join(claim.chain)}",
    ) + ((f"Accused: {claim.accused}",) if claim.accused else ())
    return ClaimDetails(lines, claim.evidence.definition, claim.quote.text)


def article_paragraphs(text: str, spans: list[tuple[int, int]]) -> tuple[Paragraph, ...]:
    """The article line by line, with the characters inside any span marked."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(_marked(line, offset, spans))
        offset += len(line) + 1
    return tuple(paragraphs)


def _marked(line: str, offset: int, spans: list[tuple[int, int]]) -> Paragraph:
    cuts = sorted({0, len(line)} | {min(max(edge - offset, 0), len(line)) for span in spans for edge in span})
    pieces = [
        (line[a:b], any(start <= offset + a < end for start, end in spans))
        for a, b in zip(cuts, cuts[1:])
        if b > a
    ]
    return tuple(pieces)
