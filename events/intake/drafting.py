"""From an article's text to a draft of its events, each with its places, date and claims.

A sentence becomes an event when it reports something that happened (see
:mod:`events.intake.triggers`) at a place it names. Its claim quotes the whole
sentence, with exact offsets, and carries the sentence's attribution. Sentences
that report the same type of event at the same place are merged into one event
with several claims. Everything comes from the text; where the text is silent the
draft says so (an unknown date is the report date, ``date_kind: reported``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from events.intake.attribution import (
    UNNAMED_ACCUSERS,
    Attribution,
    accusation_clause_start,
    attributions_of,
    outlet_voice,
)
from events.intake.dates import DateMention, date_mentions
from events.intake.exceptions import ArticleEmpty, ArticleTooLarge, PublicationDateInvalid, PublisherMissing
from events.intake.extraction import first_line
from events.intake.places import PlaceCandidate, PlaceMention, candidates_of, place_mentions
from events.intake.sentences import Sentence, sentences_of
from events.intake.triggers import Trigger, trigger_of
from events.model import Article, Claim, Event, EventDate, PlaceRef, PlaceRole, Quote
from events.sourcing import DateKind, DatePrecision, EventType
from geo.place import Precision

MAX_TEXT_CHARS = 100_000
"""The longest text drafted, about 16,000 words (drafted in about 12 s): a long feature is 10,000."""

MAX_PLACES_PER_SENTENCE = 6
_FILE_PHOTO = re.compile(r"^\(?file photo\b", re.IGNORECASE)
_ENGLISH_WORDS = frozenset("the of and to in a is was said that for on with by as at from it has have were are be".split())
_WORD = re.compile(r"[^\W\d_]+")
_REPORT_WORDS = re.compile(
    r"\b(?:said|says|told|reported|announced|published|released|statement|added|wrote|tweeted|posted|media|seen|"
    r"obtained|viewed|reviewed)\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_PERIOD_END = re.compile(r"\b(?:to|until|till|through|up to)\s+$", re.IGNORECASE)
_SLUG_BREAK = re.compile(r"[^a-z0-9]+")


class DraftEvent(BaseModel):
    """A drafted event, how sure the drafter is of it and of each claim, and the places to choose from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event: Event
    confidence: float = Field(ge=0, le=1)
    claim_confidence: tuple[float, ...]
    candidates: dict[str, tuple[PlaceCandidate, ...]] = Field(
        default_factory=dict, description="By place name as written: the top candidates, best first."
    )


class Draft(BaseModel):
    """An article and the events drafted from its text, doubtful ones first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article: Article
    text: str
    events: tuple[DraftEvent, ...]
    notes: tuple[str, ...] = ()


@dataclass
class _Pending:
    """An event being assembled from one or more sentences."""

    trigger: Trigger
    places: list[PlaceMention]
    date: EventDate
    date_kind: DateKind
    claims: list[tuple[Sentence, Attribution]]
    place_sure: bool

    @property
    def key(self) -> tuple[EventType, tuple[str, ...]]:
        return self.trigger.event_type, tuple(sorted(p.key for p in self.places))


def draft_article(
    text: str,
    *,
    publisher: str,
    published: date,
    title: str | None = None,
    url: str | None = None,
) -> Draft:
    """Draft the events of an article; raise an IntakeError for text or dates that cannot be drafted from."""
    _check_inputs(text, publisher, published)
    article_title = (title or "").strip() or first_line(text) or "Untitled article"
    article_id = article_id_for(published, article_title)
    article = Article(
        id=article_id,
        title=article_title,
        publisher=publisher.strip(),
        published=published,
        url=(url or "").strip() or None,
        path=f"articles/{article_id}.txt",
    )
    sentences = sentences_of(text)
    attributions = attributions_of(sentences, article.publisher)
    mentions = place_mentions(text)
    found: list[_Pending] = []
    spoken: dict[str, EventDate] = {}
    for sentence, attribution in zip(sentences, attributions, strict=True):
        # A source's undated words were said when it last said something dated ("told media on Friday").
        told = spoken.get(attribution.claimant) if attribution.claimant != article.publisher else None
        when = _event_date(sentence, published, told)
        found += _pending_of(sentence, attribution, mentions, when, article.publisher) or _carried_over(
            sentence, attribution, found, when
        )
        if (said := _report_date(sentence, published)) is not None:
            spoken[attribution.claimant] = said
    pending = _merged(found)
    events = _draft_events(pending, article, text)
    return Draft(article=article, text=text, events=events, notes=_notes(text, mentions, events))


def article_id_for(published: date, title: str) -> str:
    """``2016-05-02-investigation-claims-syrian-government``: the date and the title's first words."""
    words = [w for w in _SLUG_BREAK.split(title.lower()) if w][:5]
    return "-".join([published.isoformat(), *words]) if words else f"{published.isoformat()}-article"


def _check_inputs(text: str, publisher: str, published: date) -> None:
    if not text.strip():
        raise ArticleEmpty("the article text is empty; paste or upload the article itself")
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleTooLarge(
            f"the article has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} the drafter reads; "
            "keep only the article's own text"
        )
    if not publisher.strip():
        raise PublisherMissing("the publisher is empty; give the outlet that published the article")
    if published > date.today() + timedelta(days=1):
        raise PublicationDateInvalid(
            f"publication date {published.isoformat()} is in the future; give the date the article was published"
        )


def _pending_of(
    sentence: Sentence,
    attribution: Attribution,
    mentions: Sequence[PlaceMention],
    when: tuple[EventDate, DateKind],
    publisher: str,
) -> list[_Pending]:
    if trigger_of(sentence.text) is None or _FILE_PHOTO.match(sentence.text):
        return []
    places = _event_places(sentence, attribution, mentions)
    if not places:
        return []
    pending = []
    for group in _place_groups(places):
        trigger = trigger_of(sentence.text, near=group[0].start - sentence.start)
        assert trigger is not None
        sure = all(p.is_sure for p in group)
        places = _with_roles(group, trigger.event_type)
        claim = (sentence, _attribution_for(sentence, attribution, trigger, publisher))
        pending.append(_Pending(trigger, places, when[0], when[1], [claim], sure))
    return pending


def _attribution_for(sentence: Sentence, attribution: Attribution, trigger: Trigger, publisher: str) -> Attribution:
    """An accusation in a relative clause covers that clause, not an event told before it."""
    if attribution.claimant != UNNAMED_ACCUSERS:
        return attribution
    clause = accusation_clause_start(sentence.text)
    if clause is not None and trigger.start < clause:
        return outlet_voice(publisher)
    return attribution


def _carried_over(
    sentence: Sentence, attribution: Attribution, found: list[_Pending], when: tuple[EventDate, DateKind]
) -> list[_Pending]:
    """A sentence that reports an event but names no place goes on with the story before it.

    It takes the places of the event drafted from the sentences just before (same or
    previous paragraph), and the draft says it is less sure of them.
    """
    trigger = trigger_of(sentence.text)
    if trigger is None or trigger.event_type is EventType.OTHER or not found or _FILE_PHOTO.match(sentence.text):
        return []
    before = found[-1]
    if sentence.paragraph - before.claims[-1][0].paragraph > 1:
        return []
    places = _with_roles(list(before.places), trigger.event_type)
    return [_Pending(trigger, places, when[0], when[1], [(sentence, attribution)], place_sure=False)]


def _event_places(sentence: Sentence, attribution: Attribution, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places of a sentence where its event may be: found, naming where, not in the source's name.

    When a preposition or a verb announces some of them ("in Aleppo", "shelled Goma"),
    only those; a region or country that holds another of them is only its context.
    """
    source = attribution.claimant_span
    inside = [
        m
        for m in mentions
        if sentence.start <= m.start
        and m.end <= sentence.end
        and m.place.found
        and m.names_where
        and not (source and sentence.start + source[0] <= m.start < sentence.start + source[1])
    ]
    announced = [m for m in inside if m.is_announced]
    chosen = announced or inside
    return [m for m in chosen if not any(_holds(m, other) for other in chosen if other is not m)]


def _holds(area: PlaceMention, other: PlaceMention) -> bool:
    """Whether ``area`` is a country or first-level region that holds ``other``."""
    a, o = area.place, other.place
    if a.precision is Precision.COUNTRY:
        return o.precision is not Precision.COUNTRY and o.country_code == a.country_code
    if a.precision is Precision.REGION and a.admin1 and a.name == a.admin1:
        return o.precision in (Precision.CITY, Precision.EXACT) and o.country_code == a.country_code and o.admin1 == a.admin1
    return False


def _place_groups(places: list[PlaceMention]) -> list[list[PlaceMention]]:
    """One group per event: a movement's origin with its destination, else each distinct place."""
    origins = [p for p in places if p.role is PlaceRole.ORIGIN]
    ends = [p for p in places if p.role is not PlaceRole.ORIGIN]
    if origins and ends:
        return [[origins[0], ends[0]]]
    distinct: dict[str, PlaceMention] = {}
    for place in places:
        distinct.setdefault(place.key, place)
    return [[p] for p in list(distinct.values())[:MAX_PLACES_PER_SENTENCE]]


def _with_roles(group: list[PlaceMention], event_type: EventType) -> list[PlaceMention]:
    """A movement keeps its origin and destination; any other event is at its places."""
    if event_type is EventType.TROOP_OR_WEAPONS_MOVEMENT and len(group) == 2:
        return group
    return [_as_location(p) for p in group[:1]]


def _as_location(place: PlaceMention) -> PlaceMention:
    if place.role is PlaceRole.LOCATION:
        return place
    return PlaceMention(place.start, place.end, place.name, place.place, place.is_demonym, PlaceRole.LOCATION)


def _event_date(sentence: Sentence, published: date, told: EventDate | None) -> tuple[EventDate, DateKind]:
    """The date the sentence gives the event; a date of its telling only says when it was reported.

    With no date at all, the event was reported when its source last spoke (``told``), else
    on the day of publication.
    """
    mentions = date_mentions(sentence.text, published)
    happened = [m for m in mentions if not (_is_report_date(sentence.text, m) or _ends_a_period(sentence.text, m))]
    if happened:
        return happened[0].date, DateKind.OCCURRED
    reported = _report_date(sentence, published) or told
    return reported or EventDate(precision=DatePrecision.DAY, start=published), DateKind.REPORTED


def _report_date(sentence: Sentence, published: date) -> EventDate | None:
    """When the sentence says its source spoke: "said Friday", "told media on Friday"."""
    told = [m for m in date_mentions(sentence.text, published) if _is_report_date(sentence.text, m)]
    return told[0].date if told else None


def _is_report_date(text: str, mention: DateMention) -> bool:
    return bool(_REPORT_WORDS.search(text[: mention.start]))


def _ends_a_period(text: str, mention: DateMention) -> bool:
    """"In the nine months to July 31", "until March": the end of a span, not the event's date."""
    return bool(_PERIOD_END.search(text[: mention.start]))


def _merged(pending: list[_Pending]) -> list[_Pending]:
    """Sentences that report one event are one event with several claims.

    The same type at the same places with dates that agree; in neighbouring paragraphs,
    the same place where one of the two only says that something happened, or a town
    and the area that holds it (the event is at the town).
    """
    merged: list[_Pending] = []
    for item in pending:
        same = next((m for m in merged if _same_event(m, item) or _nested_neighbours(m, item)), None)
        if same is None:
            merged.append(item)
            continue
        # Another kind of event's date is not this one's.
        same_type = same.trigger.event_type is item.trigger.event_type
        if _holds(same.places[0], item.places[0]):
            # The town, not the area around it, and what the town's sentence says happened there.
            same.places, same.place_sure, same.trigger = item.places, item.place_sure, item.trigger
        if same.trigger.event_type is EventType.OTHER:
            same.trigger = item.trigger
        same.claims += [c for c in item.claims if c[0] not in {s for s, _ in same.claims}]
        if same.date_kind is DateKind.REPORTED and item.date_kind is DateKind.OCCURRED and same_type:
            same.date, same.date_kind = item.date, item.date_kind
    return merged


def _same_event(a: _Pending, b: _Pending) -> bool:
    if not _dates_agree(a, b) or a.key[1] != b.key[1]:
        return False
    if a.trigger.event_type is b.trigger.event_type:
        return True
    near = abs(a.claims[-1][0].paragraph - b.claims[0][0].paragraph) <= 1
    return near and EventType.OTHER in (a.trigger.event_type, b.trigger.event_type)


def _nested_neighbours(a: _Pending, b: _Pending) -> bool:
    """Neighbouring sentences, one at a town, the other naming only the region that holds it.

    News names the town and then describes it ("Goma ... a hub of North Kivu province"),
    or the area and then the town: one story, at the town.
    """
    near = abs(a.claims[-1][0].paragraph - b.claims[0][0].paragraph) <= 1
    regional = [p for p in (a.places[0], b.places[0]) if p.place.precision is Precision.REGION]
    nested = _holds(a.places[0], b.places[0]) or _holds(b.places[0], a.places[0])
    return near and bool(regional) and nested and _dates_agree(a, b)


def _dates_agree(a: _Pending, b: _Pending) -> bool:
    if DateKind.REPORTED in (a.date_kind, b.date_kind):
        return True
    start_a, start_b, end_a, end_b = a.date.start, b.date.start, a.date.end, b.date.end
    if None in (start_a, start_b, end_a, end_b):
        return True
    return bool(start_a <= end_b and start_b <= end_a)  # type: ignore[operator]


def _draft_events(pending: list[_Pending], article: Article, text: str) -> tuple[DraftEvent, ...]:
    drafted = []
    used: set[str] = set()
    for item in pending:
        event_id = _unique(f"{article.id}-{_slug(item.places[0].name)}-{item.trigger.event_type.value.split('-')[0]}", used)
        drafted.append(_draft_event(item, event_id, text))
    return tuple(sorted(drafted, key=lambda d: d.confidence))


def _draft_event(item: _Pending, event_id: str, text: str) -> DraftEvent:
    claims = tuple(_claim(sentence, attribution, text) for sentence, attribution in item.claims)
    first = item.claims[0][0]
    event = Event(
        id=event_id,
        title=_title(item),
        summary=first.text,
        event_type=item.trigger.event_type,
        date=item.date,
        date_kind=item.date_kind,
        places=tuple(PlaceRef(name=p.name, role=p.role) for p in item.places),
        claims=claims,
    )
    claim_confidence = tuple(a.confidence for _, a in item.claims)
    confidence = round(item.trigger.strength * (1.0 if item.place_sure else 0.7) * max(claim_confidence), 2)
    candidates = {p.name: candidates_of(p.place) for p in item.places}
    return DraftEvent(event=event, confidence=confidence, claim_confidence=claim_confidence, candidates=candidates)


def _claim(sentence: Sentence, attribution: Attribution, text: str) -> Claim:
    assert text[sentence.start : sentence.end] == sentence.text
    return Claim(
        claimant=attribution.claimant,
        evidence=attribution.evidence,
        verification=attribution.verification,
        chain=attribution.chain,
        accused=attribution.accused,
        quote=Quote(text=sentence.text, start=sentence.start, end=sentence.end),
    )


def _title(item: _Pending) -> str:
    label = item.trigger.event_type.label
    roles = {p.role: p.name for p in item.places}
    if PlaceRole.ORIGIN in roles and PlaceRole.DESTINATION in roles:
        return f"{label} from {roles[PlaceRole.ORIGIN]} to {roles[PlaceRole.DESTINATION]}"
    return f"{label} in {item.places[0].name}"


def _notes(text: str, mentions: Sequence[PlaceMention], events: Sequence[DraftEvent]) -> tuple[str, ...]:
    notes = []
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) >= 20 and sum(w in _ENGLISH_WORDS for w in words) / len(words) < 0.12:
        notes.append("The text does not read as English: the drafter knows English news writing only; check every event.")
    if not any(m.place.found for m in mentions):
        notes.append("No place names were found in the text, so no events were drafted; add them by hand.")
    elif not events:
        notes.append("No sentence reports an event at a named place, so no events were drafted; add them by hand.")
    return tuple(notes)


def _slug(text: str) -> str:
    return "-".join(w for w in _SLUG_BREAK.split(text.lower()) if w) or "place"


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate
