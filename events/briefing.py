"""Briefing pictures of a view: what the static renderer needs, from the filters and events.

    data = briefing_file(atlas, {"evidence": ["leaked-documents"]}, Sheet.A4)

The URL query is the contract: it is read by the same parser as the app's
(:meth:`events.mapview.Atlas.filter_from_query`), so the dashboard's buttons and
``python -m events briefing --query`` give the same bytes for the same query and data.
Each event shown becomes a numbered entry (its number also stands on the map): its
date, its places with their precision, and for each claim the claimant, evidence,
verification and the article's own words. The title, unless given, is said from the
filters and the events (``Leaked documents, Syria, March–May 2016``); a line under it
says which filters made the view. Drawing is :mod:`geo.maps.picture`'s.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from events import filtering
from events.context import ContextIndex, context_view
from events.filtering import EventFilter
from events.mapview import Atlas, View, legend_entries, map_item, view_of
from events.model import Article, EventDate
from events.placing import PlacedEvent, ResolvedPlace
from events.sourcing import PRECISION_LABELS, DateKind, DatePrecision, label_of
from geo.maps.leaflet import LegendEntry
from geo.maps.picture import Claim, CountedLayer, Entry, Picture, Sheet, picture_bytes
from geo.outlines import country_outline

EMPTY_MESSAGE = ("No events match these filters, so there is nothing to map. "
                 "Widen or clear the filters, then export the picture again.")
ACLED_CREDIT = "Context events: ACLED (acleddata.com)."
CONTEXT_LABEL = "ACLED context events"


@dataclass(frozen=True)
class PictureFile:
    """A picture the dashboard offers: its button label, file name and media type."""

    label: str
    sheet: Sheet
    file_name: str
    mime: str


PICTURE_FILES = (
    PictureFile("PNG slide", Sheet.SLIDE, "event-atlas-slide.png", "image/png"),
    PictureFile("PNG slide 2x", Sheet.SLIDE_2X, "event-atlas-slide@2x.png", "image/png"),
    PictureFile("PDF A4", Sheet.A4, "event-atlas-a4.pdf", "application/pdf"),
    PictureFile("PDF US Letter", Sheet.LETTER, "event-atlas-letter.pdf", "application/pdf"),
)


def briefing_file(atlas: Atlas, query: Mapping[str, list[str]], sheet: Sheet, *,
                  context: ContextIndex | None = None, title: str | None = None) -> bytes:
    """The PNG or PDF of the view ``query`` asks for (with ``context`` drawn, if given)."""
    return picture_bytes(briefing_picture(atlas, query, context=context, title=title), sheet)


def briefing_picture(atlas: Atlas, query: Mapping[str, list[str]], *, context: ContextIndex | None = None,
                     title: str | None = None) -> Picture:
    choice, _ = atlas.filter_from_query(query)
    view = view_of(atlas, choice)
    layer = _counted_layer(context, choice)
    return Picture(
        title=title or default_title(choice, view),
        description=filter_description(choice, view, len(atlas.events), context, layer),
        entries=tuple(_entry(number, placed) for number, placed in enumerate(view.placed, start=1)),
        legend=_legend(view.placed),
        sources=tuple(_sources(view.placed)),
        context=layer,
        selected=choice.event,
        empty_message=EMPTY_MESSAGE,
    )


def _counted_layer(context: ContextIndex | None, choice: EventFilter) -> CountedLayer | None:
    if context is None or len(context) == 0:
        return None
    shown = context_view(context, choice)
    return CountedLayer(label=CONTEXT_LABEL, payload=shown.payload, credit=ACLED_CREDIT)


# ---------------------------------------------------------------- the entries


def _legend(placed: Sequence[PlacedEvent]) -> tuple[LegendEntry, ...]:
    """The legend's entries for the lead claims' evidence and verification and the types shown."""
    leads = [item.event.claims[0] for item in placed]
    labels = ({claim.evidence.label for claim in leads} | {claim.verification.label for claim in leads}
              | {item.event.event_type.label for item in placed})
    return tuple(entry for entry in legend_entries() if entry.label in labels)


def _entry(number: int, placed: PlacedEvent) -> Entry:
    event = placed.event
    return Entry(
        number=number,
        item=map_item(placed),
        heading=event.title,
        facts=f"{date_text(event.date, event.date_kind)} · {places_text(placed.places)}",
        claims=tuple(Claim(source=f"{claim.claimant} · {claim.evidence.label} · {claim.verification.label}",
                           quote=claim.quote.text)
                     for claim in event.claims),
        article=_article_line(placed.article),
    )


def date_text(date: EventDate, kind: DateKind = DateKind.OCCURRED) -> str:
    """``24 March 2016``, ``March 2016``, ``2016`` or ``date unknown``; a date known only
    from the report says so."""
    if date.start is None:
        return "date unknown"
    if date.precision is DatePrecision.DAY:
        text = f"{date.start.day} {date.start:%B %Y}"
    elif date.precision is DatePrecision.MONTH:
        text = f"{date.start:%B %Y}"
    else:
        text = str(date.start.year)
    return f"reported {text}" if kind is DateKind.REPORTED else text


def places_text(places: Sequence[ResolvedPlace]) -> str:
    """Each place as the article names it, with the precision it was found to (or not)."""
    return " → ".join(f"{resolved.ref.name} ({_precision_words(resolved)})" for resolved in places)


def _precision_words(resolved: ResolvedPlace) -> str:
    place = resolved.place
    if not place.found or place.precision is None:
        return "place not found: not on the map"
    return PRECISION_LABELS[place.precision].lower()


def _sources(placed: Sequence[PlacedEvent]) -> list[str]:
    return list(dict.fromkeys(_article_line(item.article) for item in placed))


def _article_line(article: Article) -> str:
    return f"“{article.title}”, {article.publisher}, {article.published.day} {article.published:%B %Y}"


# ---------------------------------------------------------------- title and description


def default_title(choice: EventFilter, view: View) -> str:
    """What the view shows, where and when: ``Leaked documents, Syria, March–May 2016``."""
    parts = [_subject(choice), _countries(view.placed), _period(choice, view.placed)]
    return ", ".join(part for part in parts if part)


def _subject(choice: EventFilter) -> str:
    if choice.evidence:
        return _listed([e.label for e in sorted(choice.evidence)], capital=True)
    if choice.event_type:
        return _listed([t.label for t in sorted(choice.event_type)], capital=True)
    if choice.claimant:
        return f"Claims by {_listed(sorted(choice.claimant))}"
    if choice.verification:
        return f"{_listed([v.label for v in sorted(choice.verification)], capital=True)} claims"
    if choice.actor:
        return f"Events involving {_listed(sorted(choice.actor))}"
    return "Reported events"


def _listed(values: Sequence[str], capital: bool = False) -> str:
    if capital:
        values = [values[0]] + [value[0].lower() + value[1:] for value in values[1:]]
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} and {values[-1]}"


def _countries(placed: Sequence[PlacedEvent]) -> str:
    codes = Counter(resolved.place.country_code.upper() for item in placed for resolved in item.places
                    if resolved.place.found and resolved.place.country_code)
    names = []
    for code, _ in codes.most_common():
        outline = country_outline(code)
        names.append(outline.name if outline else code)
    if len(names) > 2:
        return f"{names[0]} and {len(names) - 1} other countries"
    return " and ".join(names)


def _period(choice: EventFilter, placed: Sequence[PlacedEvent]) -> str:
    starts = [item.event.date.start for item in placed if item.event.date.start]
    ends = [item.event.date.end for item in placed if item.event.date.end]
    first = max([day for day in (min(starts, default=None), choice.since) if day], default=None)
    last = min([day for day in (max(ends, default=None), choice.until) if day], default=None)
    if first is None or last is None or first > last:
        return ""
    return period_text(first, last)


def period_text(first: dt.date, last: dt.date) -> str:
    """A span of days in months: ``March 2016``, ``March–May 2016``, ``2016``, ``May 2016–June 2017``."""
    if first.year == last.year:
        if (first.month, last.month) == (1, 12):
            return str(first.year)
        if first.month == last.month:
            return f"{first:%B %Y}"
        return f"{first:%B}–{last:%B %Y}"
    return f"{first:%B %Y}–{last:%B %Y}"


def filter_description(choice: EventFilter, view: View, total: int, context: ContextIndex | None = None,
                       layer: CountedLayer | None = None) -> str:
    """One line: the filters as the URL gives them, and how many events they show."""
    query = filtering.query_from_filter(choice)
    query.pop("event", None)
    shown = f"{len(view.placed)} of {total} article events"
    filters = "; ".join(f"{name.replace('_', ' ')}: {', '.join(label_of(name, value) for value in values)}"
                        for name, values in query.items())
    parts = [f"Filters: {filters}" if filters else "No filters", shown]
    if context is not None and layer is not None:
        parts.append(f"with {CONTEXT_LABEL}")
    return " · ".join(parts)
