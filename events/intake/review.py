"""Reviewing a drafted article before it is saved: what an editor does to each drafted event.

A :class:`Review` holds the article's text and metadata and one :class:`Card` per drafted
event, the most doubtful first. A card keeps its event as a dossier file holds it (plain
values), so a half-typed edit (an empty title, a date being typed) is kept and reported
with the messages of ``python -m events validate`` instead of being refused. Every change
returns a new Review: the page keeps the latest between runs, so nothing typed is lost.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from events.dossier import DOSSIER_SUFFIXES, Problem, catalogue_from_directory, dossier_from_parts
from events.intake.drafting import Draft, DraftEvent
from events.intake.places import PlaceCandidate
from events.model import Dossier, PlaceOverride, PlaceRef
from events.placing import EDITOR, PlacedEvent, ResolvedPlace
from geo.place import Place, Precision

GAZETTEER = "gazetteer"
EVENT_FIELDS = ("title", "summary", "event_type", "date", "date_kind", "actors")
CLAIM_FIELDS = ("claimant", "evidence", "verification")
BY_HAND = "placed by hand by the editor"
QUOTE_ELLIPSIS = 90

RawEvent = dict[str, Any]
"""An event as a dossier file holds it: the JSON form of :class:`events.model.Event`."""

# A paragraph of the article: pieces of text, each with the numbers of the cards quoting it.
MarkedParagraph = tuple[tuple[str, tuple[int, ...]], ...]


class Decision(StrEnum):
    """What the editor has decided about a drafted event; only accepted ones are saved."""

    UNDECIDED = "undecided"
    ACCEPTED = "accepted"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Card:
    """One drafted event under review, with how sure the drafter was of it and of its claims."""

    raw: RawEvent
    confidence: float
    claim_confidence: tuple[float, ...] = ()
    options: Mapping[str, tuple[PlaceCandidate, ...]] = dataclasses.field(default_factory=dict)
    """The gazetteer's candidates for each place, by the name as written, best first."""
    decision: Decision = Decision.UNDECIDED

    @property
    def id(self) -> str:
        return str(self.raw["id"])

    def chosen_option(self, place: int) -> int | None:
        """Which candidate a place stands at: the first without an override, the one its
        override matches, or None when the editor placed it by hand (or none was found)."""
        ref = self.raw["places"][place]
        options = self.options.get(ref["name"], ())
        override = ref.get("override")
        if override is None:
            return 0 if options else None
        return next((i for i, option in enumerate(options) if _is_at(option, override)), None)


@dataclass(frozen=True)
class Review:
    """A drafted article under review: its text, its metadata, its cards (doubtful first)."""

    text: str
    article: Mapping[str, Any]
    """The article as a dossier file holds it: id, title, publisher, published, url, path."""
    cards: tuple[Card, ...]
    notes: tuple[str, ...] = ()

    def card(self, event_id: str) -> Card:
        return next(card for card in self.cards if card.id == event_id)

    def number(self, event_id: str) -> int:
        """The card's number as the page shows it, from 1."""
        return next(i for i, card in enumerate(self.cards, start=1) if card.id == event_id)

    @property
    def kept(self) -> tuple[Card, ...]:
        """The cards not dropped: checked, drawn on the map and highlighted in the text."""
        return tuple(card for card in self.cards if card.decision is not Decision.DROPPED)

    @property
    def accepted(self) -> tuple[Card, ...]:
        return tuple(card for card in self.cards if card.decision is Decision.ACCEPTED)


@dataclass(frozen=True)
class Check:
    """The review as ``validate`` would see it once saved, for the events not dropped."""

    dossier: Dossier | None
    """The article and the good events among those not dropped; None if the article is wrong."""
    problems: tuple[Problem, ...]

    def of_event(self, event_id: str) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.event_id == event_id)

    @property
    def of_article(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.event_id is None and (p.field or "").startswith("article"))


def review_from_draft(draft: Draft, data_dir: Path) -> Review:
    """The draft under review, the least sure events first. An event id already used by
    another dossier of ``data_dir`` gets a number, and a note says so: ids are unique across
    dossiers. The dossier this article would replace does not count."""
    taken = ids_in_use(data_dir, except_article=draft.article.id)
    cards: list[Card] = []
    renamed: list[str] = []
    for drafted in draft.events:
        card = _card_of(drafted)
        new_id = _free_id(card.id, taken)
        if new_id != card.id:
            renamed.append(f"{card.id!r} is now {new_id!r}")
            card = dataclasses.replace(card, raw={**card.raw, "id": new_id})
        taken.add(new_id)
        cards.append(card)
    notes = draft.notes + ((f"Event ids already used by other dossiers were numbered: {'; '.join(renamed)}.",)
                           if renamed else ())
    return Review(text=draft.text, article=draft.article.model_dump(mode="json"), cards=ordered_by_doubt(cards),
                  notes=notes)


def ids_in_use(data_dir: Path, except_article: str) -> set[str]:
    """The event ids of the directory's dossiers, but those of the article ``except_article``."""
    if not data_dir.is_dir() or not any(p.suffix in DOSSIER_SUFFIXES for p in data_dir.iterdir()):
        return set()
    catalogue = catalogue_from_directory(data_dir)
    return {event.id for d in catalogue.dossiers if d.article.id != except_article for event in d.events}


def _card_of(drafted: DraftEvent) -> Card:
    return Card(raw=drafted.event.model_dump(mode="json"), confidence=drafted.confidence,
                claim_confidence=drafted.claim_confidence, options=drafted.candidates)


def _free_id(event_id: str, taken: set[str]) -> str:
    number = 2
    new_id = event_id
    while new_id in taken:
        new_id, number = f"{event_id}-{number}", number + 1
    return new_id


def ordered_by_doubt(cards: Iterable[Card]) -> tuple[Card, ...]:
    """The least sure first; equal ones keep the article's order."""
    return tuple(sorted(cards, key=lambda card: card.confidence))


def decided(review: Review, event_id: str, decision: Decision) -> Review:
    return _with_card(review, dataclasses.replace(review.card(event_id), decision=decision))


def accept_undecided(review: Review) -> Review:
    """Accept every event not yet accepted or dropped."""
    cards = tuple(
        dataclasses.replace(card, decision=Decision.ACCEPTED) if card.decision is Decision.UNDECIDED else card
        for card in review.cards
    )
    return dataclasses.replace(review, cards=cards)


def with_article_field(review: Review, field: str, value: str | None) -> Review:
    """The article with one of its fields (title, publisher, published, url) set; an empty url is none."""
    if field not in ("title", "publisher", "published", "url"):
        raise ValueError(f"{field!r} is not an article field an editor changes")
    value = value or None if field == "url" else value
    return dataclasses.replace(review, article={**review.article, field: value})


def with_event_field(review: Review, event_id: str, field: str, value: str | Sequence[str]) -> Review:
    """The event with one of :data:`EVENT_FIELDS` set as typed (``actors`` a list of names)."""
    if field not in EVENT_FIELDS:
        raise ValueError(f"{field!r} is not one of {', '.join(EVENT_FIELDS)}")
    raw = copy.deepcopy(review.card(event_id).raw)
    raw[field] = [name.strip() for name in value if name.strip()] if field == "actors" else value
    return _with_raw(review, event_id, raw)


def with_claim_field(review: Review, event_id: str, claim: int, field: str, value: str) -> Review:
    """The claim with one of :data:`CLAIM_FIELDS` set; a new claimant also replaces the old
    one in the attribution chain, which it heads."""
    if field not in CLAIM_FIELDS:
        raise ValueError(f"{field!r} is not one of {', '.join(CLAIM_FIELDS)}")
    raw = copy.deepcopy(review.card(event_id).raw)
    target = raw["claims"][claim]
    if field == "claimant":
        target["chain"] = [value if link == target["claimant"] else link for link in target["chain"]]
    target[field] = value
    return _with_raw(review, event_id, raw)


def with_quote(review: Review, event_id: str, claim: int, start: int, end: int) -> Review:
    """The claim quoting the article's characters ``start`` to ``end`` (spaces at either end left out)."""
    words = review.text[start:end]
    start += len(words) - len(words.lstrip())
    end -= len(words) - len(words.rstrip())
    if not 0 <= start < end <= len(review.text):
        raise ValueError(f"characters {start}-{end} hold no words of the article ({len(review.text)} characters)")
    raw = copy.deepcopy(review.card(event_id).raw)
    raw["claims"][claim]["quote"] = {"text": review.text[start:end], "start": start, "end": end}
    return _with_raw(review, event_id, raw)


def quote_span(text: str, words: str, near: int = 0) -> tuple[int, int] | None:
    """Where ``words`` stand in the text (the occurrence nearest ``near``), or None if nowhere."""
    words = words.strip()
    starts, start = [], text.find(words) if words else -1
    while start >= 0:
        starts.append(start)
        start = text.find(words, start + 1)
    if not starts:
        return None
    best = min(starts, key=lambda offset: abs(offset - near))
    return best, best + len(words)


def with_place_option(review: Review, event_id: str, place: int, option: int) -> Review:
    """The place at another of the gazetteer's candidates; the first one needs no override."""
    card = review.card(event_id)
    ref = card.raw["places"][place]
    chosen = card.options[ref["name"]][option]
    override = None
    if option:
        note = f"the editor chose {chosen.label} among the gazetteer's candidates"
        override = PlaceOverride(lat=chosen.lat, lon=chosen.lon, precision=chosen.precision, note=note)
    return _with_override(review, event_id, place, override)


def with_place_by_hand(review: Review, event_id: str, place: int, lat: float, lon: float,
                       precision: Precision) -> Review:
    """The place where the editor puts it, with the precision they give."""
    override = PlaceOverride(lat=lat, lon=lon, precision=precision, note=BY_HAND)
    return _with_override(review, event_id, place, override)


def checked(review: Review, file: str) -> Check:
    """Every problem ``validate`` would report in the events not dropped, were they saved as ``file``."""
    dossier, problems = dossier_from_parts(review.article, [card.raw for card in review.kept], review.text, file)
    return Check(dossier, problems)


def dossier_to_save(review: Review, check: Check) -> Dossier | None:
    """The accepted events with their article, or None while any of them (or the article) has a problem."""
    accepted = {card.id for card in review.accepted}
    blocked = check.dossier is None or any(p.event_id in accepted or p.event_id is None for p in check.problems)
    if blocked or not accepted or check.dossier is None:
        return None
    events = tuple(event for event in check.dossier.events if event.id in accepted)
    return check.dossier.model_copy(update={"events": events})


def placed_drafts(review: Review, check: Check) -> tuple[PlacedEvent, ...]:
    """The good events not dropped, each place at its override or else the first candidate."""
    if check.dossier is None:
        return ()
    article = check.dossier.article
    return tuple(
        PlacedEvent(
            event=event,
            article=article,
            places=tuple(ResolvedPlace(ref=ref, place=_place(ref, review.card(event.id))) for ref in event.places),
        )
        for event in check.dossier.events
    )


def _place(ref: PlaceRef, card: Card) -> Place:
    if ref.override is not None:
        at = ref.override
        return Place(query=ref.name, name=ref.name, lat=at.lat, lon=at.lon, precision=at.precision,
                     resolver=EDITOR, note=at.note)
    options = card.options.get(ref.name, ())
    if not options:
        return Place(query=ref.name, resolver=GAZETTEER, note=f"no place found for {ref.name!r}; place it by hand")
    best = options[0]
    return Place(query=ref.name, name=best.label, lat=best.lat, lon=best.lon, precision=best.precision,
                 country_code=best.country_code, resolver=GAZETTEER)


def glance(card: Card) -> tuple[str, ...]:
    """One line per claim: who claims it, on what evidence, how verified, in which words."""
    lines = []
    for claim in card.raw["claims"]:
        quote = claim["quote"]["text"]
        short = quote if len(quote) <= QUOTE_ELLIPSIS else quote[: QUOTE_ELLIPSIS - 1].rstrip() + "…"
        lines.append(f"{claim['claimant']} · {claim['evidence']} · {claim['verification']}: “{short}”")
    return tuple(lines)


def place_line(card: Card) -> str:
    """The places as written, with their roles and where each stands now."""
    parts = []
    for index, ref in enumerate(card.raw["places"]):
        chosen = card.chosen_option(index)
        options = card.options.get(ref["name"], ())
        if chosen is not None:
            option = options[chosen]
            where = f"{option.label} ({option.precision})"
        elif ref.get("override"):
            where = f"by hand ({ref['override']['precision']})"
        else:
            where = "not found"
        parts.append(f"{ref['name']} [{ref.get('role', 'location')}] → {where}")
    return "; ".join(parts)


def marked_article(review: Review) -> tuple[MarkedParagraph, ...]:
    """The article line by line, each piece with the numbers of the kept cards quoting it."""
    spans = [
        (claim["quote"]["start"], claim["quote"]["end"], review.number(card.id))
        for card in review.kept
        for claim in card.raw["claims"]
    ]
    paragraphs: list[MarkedParagraph] = []
    offset = 0
    for line in review.text.split("\n"):
        if line.strip():
            paragraphs.append(_marked_line(line, offset, spans))
        offset += len(line) + 1
    return tuple(paragraphs)


def _marked_line(line: str, offset: int, spans: Sequence[tuple[int, int, int]]) -> MarkedParagraph:
    edges = {min(max(edge - offset, 0), len(line)) for start, end, _ in spans for edge in (start, end)}
    cuts = sorted({0, len(line)} | edges)
    return tuple(
        (line[a:b], tuple(sorted({number for start, end, number in spans if start <= offset + a < end})))
        for a, b in zip(cuts, cuts[1:])
        if b > a
    )


def _is_at(option: PlaceCandidate, override: Mapping[str, Any]) -> bool:
    return (option.lat, option.lon, str(option.precision)) == (
        override["lat"], override["lon"], str(override["precision"]))


def _with_override(review: Review, event_id: str, place: int, override: PlaceOverride | None) -> Review:
    raw = copy.deepcopy(review.card(event_id).raw)
    ref = raw["places"][place]
    ref.pop("override", None)
    if override is not None:
        ref["override"] = override.model_dump(mode="json")
    return _with_raw(review, event_id, raw)


def _with_raw(review: Review, event_id: str, raw: RawEvent) -> Review:
    return _with_card(review, dataclasses.replace(review.card(event_id), raw=raw))


def _with_card(review: Review, new: Card) -> Review:
    return dataclasses.replace(review, cards=tuple(new if card.id == new.id else card for card in review.cards))
