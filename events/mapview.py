"""What the dashboard shows: the loaded events, a filtered view of them, and how each is drawn.

Everything here is plain data (no folium objects, no streamlit), so the dashboard can cache
it and tests can compare it. An event is drawn in the colour of its first claim's evidence
(the claim the article leads with), with that claim's verification as its look (fill and
outline) and its event type as its symbol; the legend says so. Every text a reader sees
names a vocabulary value by its label (``value.label``); URLs keep the value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from events import filtering
from events.dossier import Catalogue, catalogue_from_directory
from events.filtering import EventFilter
from events.model import Claim, Event, PlaceRole
from events.placing import PlacedEvent, placed_events, precision_by_event
from events.sourcing import (
    EVENT_TYPE_STYLES,
    EVIDENCE_STYLES,
    PRECISION_LABELS,
    VERIFICATION_LOOKS,
    EventType,
    Evidence,
    Verification,
    label_of,
)
from geo.maps.leaflet import LegendEntry, LegendKind, MapItem, placement_of_items
from geo.place import Place, Precision

Query = dict[str, list[str]]
CHOICES = ("evidence", "verification", "claimant", "event_type", "actor", "precision")
CHOICE_LABELS = {
    "evidence": "Evidence",
    "verification": "Verification",
    "claimant": "Claimant or outlet",
    "event_type": "Event type",
    "actor": "Actor",
    "precision": "Place precision",
}
"""What the filters are called, in the sidebar and wherever a view names its filters."""
FILE_STEM = "event-atlas"
_FILE_STEM_CHARS = 120
TABLE_COLUMNS = ("date", "title", "place", "precision", "evidence", "verification", "claimants")
COUNTRY_WIDE = "country-wide: the article names no place more precise than the country"
HIDDEN_NOTICE = (
    "The selected event is hidden by the current filters: it is neither on the map nor in the table. "
    "Its details stay here, and in the link, until you close them or choose another event."
)


@dataclass(frozen=True)
class Atlas:
    """Every event loaded from a data directory, placed, with the problems met on the way."""

    catalogue: Catalogue
    placed: Mapping[str, PlacedEvent]
    """Every event with its resolved places, by event id, in catalogue order."""
    precision: Mapping[str, Precision | None]
    option_counts: Mapping[str, Mapping[str, int]]
    date_bounds: tuple[dt.date, dt.date]

    @property
    def events(self) -> tuple[Event, ...]:
        return self.catalogue.events

    @property
    def problems(self) -> tuple[str, ...]:
        """The same lines ``python -m events validate`` prints."""
        return tuple(str(problem) for problem in self.catalogue.problems)

    def event(self, event_id: str | None) -> Event | None:
        return next((event for event in self.events if event.id == event_id), None)

    def filter_from_query(self, query: Mapping[str, list[str]]) -> tuple[EventFilter, list[str]]:
        """The filter a URL asks for, knowing this atlas's claimants, actors and event ids."""
        known = {
            "claimant": list(self.option_counts["claimant"]),
            "actor": list(self.option_counts["actor"]),
            "event": [event.id for event in self.events],
        }
        return filtering.filter_from_query(query, known)


@dataclass(frozen=True)
class View:
    """The events passing a filter, and how each is shown: map items, table rows, off-map list."""

    key: str
    choice: EventFilter
    placed: tuple[PlacedEvent, ...]
    items: tuple[MapItem, ...]
    rows: tuple[dict[str, str], ...]
    off_map: tuple[dict[str, str], ...]

    def row_of(self, event_id: str | None) -> int | None:
        """The table row of ``event_id``, or None if the filters leave it out."""
        return next((row for row, item in enumerate(self.placed) if item.event.id == event_id), None)

    def hides(self, event_id: str | None) -> bool:
        """Whether ``event_id`` names an event that these filters leave out."""
        return event_id is not None and self.row_of(event_id) is None


def atlas_from_directory(directory: Path) -> Atlas:
    catalogue = catalogue_from_directory(directory)
    placed = {item.event.id: item for item in placed_events(catalogue)}
    precision = precision_by_event(placed.values())
    dates = [day for event in catalogue.events for day in (event.date.start, event.date.end) if day]
    today = dt.date.today()
    bounds = (min(dates), max(dates)) if dates else (today, today)
    options = filtering.option_counts(catalogue.events, precision)
    return Atlas(catalogue, placed, precision, options, bounds)


def with_context_options(atlas: Atlas, counts: Mapping[str, Mapping[str, int]],
                         dates: tuple[dt.date, dt.date]) -> Atlas:
    """The atlas whose filter options also hold a context layer's, each counted over both.

    The article's options come first, in their order; the context's own follow, most
    frequent first. A claimant or actor of the context alone is then a value the URL and
    the sidebar accept; the date range reaches over the context's ``dates`` too.
    """
    merged = {name: _summed(atlas.option_counts[name], counts.get(name, {})) for name in CHOICES}
    bounds = (min(atlas.date_bounds[0], dates[0]), max(atlas.date_bounds[1], dates[1]))
    return dataclasses.replace(atlas, option_counts=merged, date_bounds=bounds)


def _summed(first: Mapping[str, int], second: Mapping[str, int]) -> dict[str, int]:
    summed = dict(first)
    for value, count in second.items():
        summed[value] = summed.get(value, 0) + count
    return summed


def view_of(atlas: Atlas, choice: EventFilter) -> View:
    events = filtering.events_matching(atlas.events, choice, atlas.precision)
    placed = tuple(atlas.placed[event.id] for event in events)
    items = tuple(map_item(item) for item in placed)
    digest = hashlib.sha1(json.dumps(filtering.query_from_filter(choice), sort_keys=True).encode())
    rows = tuple(_row(item) for item in placed)
    return View(digest.hexdigest()[:12], choice, placed, items, rows, _off_map(items))


def filter_lines(choice: EventFilter) -> tuple[str, ...]:
    """The filters of ``choice`` as a reader names them, one line each (none: no line)."""
    query = filtering.query_from_filter(choice)
    lines = [f"{CHOICE_LABELS[name]}: {', '.join(label_of(name, value) for value in query[name])}"
             for name in CHOICES if name in query]
    if choice.q:
        lines.append(f"Search: “{choice.q}”")
    if choice.since or choice.until:
        lines.append(f"Dates: {choice.since or 'any'} to {choice.until or 'any'}")
    return tuple(lines)


def file_stem(choice: EventFilter) -> str:
    """A file name (without extension) that says what a view holds, e.g.
    ``event-atlas-leaked-documents-2016-03-01-2016-05-02``: the filters' values in URL order."""
    query = filtering.query_from_filter(choice)
    words = [value for name in (*CHOICES, "q", "since", "until") for value in query.get(name, [])]
    slugs = [slug for slug in (re.sub(r"[\W_]+", "-", word.lower()).strip("-") for word in words) if slug]
    stem = "-".join([FILE_STEM, *slugs])
    if len(stem) > _FILE_STEM_CHARS:
        stem = stem[:_FILE_STEM_CHARS].rsplit("-", 1)[0]
    return stem


def _with_role(placed: PlacedEvent, role: PlaceRole) -> Place | None:
    return next((resolved.place for resolved in placed.places if resolved.ref.role is role), None)


def map_item(placed: PlacedEvent) -> MapItem:
    """How one event is drawn: where, in which colour, look and symbol, with what text."""
    event, lead = placed.event, placed.event.claims[0]
    url = placed.article.url
    return MapItem(
        id=event.id,
        title=event.title,
        place=placed.main.place,
        origin=_with_role(placed, PlaceRole.ORIGIN),
        destination=_with_role(placed, PlaceRole.DESTINATION),
        colour=EVIDENCE_STYLES[lead.evidence].colour,
        ink=EVIDENCE_STYLES[lead.evidence].ink,
        look=VERIFICATION_LOOKS[lead.verification],
        symbol=EVENT_TYPE_STYLES[event.event_type].glyph,
        lines=(f"{event.date} · {event.event_type.label}",)
        + tuple(line for claim in event.claims for line in (_claim_line(claim), f"“{claim.quote.text}”")),
        sourcing="; ".join(_claim_line(claim) for claim in event.claims),
        link=url if url and url.startswith(("https://", "http://")) else None,
        link_text=f"{placed.article.title} ({placed.article.publisher})",
    )


def _claim_line(claim: Claim) -> str:
    return f"{claim.claimant}: {claim.evidence.label}, {claim.verification.label.lower()}"


def _off_map(items: Sequence[MapItem]) -> tuple[dict[str, str], ...]:
    placement = placement_of_items(items)
    titles = {item.id: item.title for item in items}
    country_wide = [{"id": id_, "title": titles[id_], "reason": COUNTRY_WIDE} for id_ in placement.country_wide]
    missing = [{"id": item.id, "title": item.title, "reason": item.reason} for item in placement.not_drawn]
    return tuple(country_wide + missing)


def _row(placed: PlacedEvent) -> dict[str, str]:
    event = placed.event
    return {
        "id": event.id,
        "date": str(event.date),
        "title": event.title,
        "place": " → ".join(resolved.ref.name for resolved in placed.places),
        "precision": PRECISION_LABELS[placed.precision] if placed.precision else "Not found",
        "evidence": ", ".join(dict.fromkeys(claim.evidence.label for claim in event.claims)),
        "verification": ", ".join(dict.fromkeys(claim.verification.label for claim in event.claims)),
        "claimants": ", ".join(dict.fromkeys(claim.claimant for claim in event.claims)),
    }


def legend_entries() -> tuple[LegendEntry, ...]:
    """Every colour, look and symbol the map uses, with the vocabulary's labels and definitions."""
    colours = [
        LegendEntry(kind=LegendKind.COLOUR, value=EVIDENCE_STYLES[e].colour, label=e.label, definition=e.definition)
        for e in Evidence
    ]  # fmt: skip
    looks = [
        LegendEntry(kind=LegendKind.LOOK, look=VERIFICATION_LOOKS[v], label=v.label, definition=v.definition)
        for v in Verification
    ]  # fmt: skip
    symbols = [
        LegendEntry(kind=LegendKind.SYMBOL, value=EVENT_TYPE_STYLES[t].glyph, label=t.label, definition=t.definition)
        for t in EventType
    ]  # fmt: skip
    return tuple(colours + looks + symbols)


def widget_values(choice: EventFilter, atlas: Atlas) -> dict[str, object]:
    """The sidebar widgets' values that show ``choice``."""
    values: dict[str, object] = {
        name: [str(value) for value in filtering.query_from_filter(choice).get(name, [])] for name in CHOICES
    }
    first, last = atlas.date_bounds
    values["q"] = choice.q
    # The date widget refuses days outside its bounds; beyond the data they filter nothing.
    values["dates"] = (_clamped(choice.since or first, first, last), _clamped(choice.until or last, first, last))
    return values


def offered_choices(values: Mapping[str, object], atlas: Atlas) -> tuple[dict[str, list[str]], list[str]]:
    """The filter widgets' chosen values that ``atlas`` still offers, and a notice for each
    one it no longer does (a claimant or actor that only the context layer held, once that
    layer is hidden or replaced): a filter is never dropped without a word."""
    kept: dict[str, list[str]] = {}
    notices: list[str] = []
    for name in CHOICES:
        chosen = values.get(name)
        if not isinstance(chosen, list):
            continue
        offered = atlas.option_counts[name]
        kept[name] = [value for value in chosen if value in offered]
        notices += [f"{name}: {value!r} is no longer an option (only the context layer held it); "
                    "that filter is removed" for value in chosen if value not in offered]
    return kept, notices


def dates_within(dates: object, bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, ...]:
    """The date-range widget's days moved inside ``bounds`` (which shrink when the context
    layer is hidden: the widget refuses a day outside them)."""
    picked = dates if isinstance(dates, (tuple, list)) else [dates]
    return tuple(_clamped(day, *bounds) for day in picked if isinstance(day, dt.date))


def _clamped(day: dt.date, first: dt.date, last: dt.date) -> dt.date:
    return min(max(day, first), last)


def query_from_dates(dates: object, bounds: tuple[dt.date, dt.date]) -> Query:
    """``since``/``until`` from the date-range widget; an end left at its bound is no bound."""
    picked = list(dates) if isinstance(dates, (tuple, list)) else [dates]
    query: Query = {}
    if picked and isinstance(picked[0], dt.date) and picked[0] != bounds[0]:
        query["since"] = [picked[0].isoformat()]
    if len(picked) == 2 and isinstance(picked[1], dt.date) and picked[1] != bounds[1]:
        query["until"] = [picked[1].isoformat()]
    return query


def canonical_query(atlas: Atlas, query: Mapping[str, list[str]]) -> Query:
    """The query of the filter ``query`` asks for, in its one canonical spelling."""
    return filtering.query_from_filter(atlas.filter_from_query(query)[0])


def query_with_selection(query: Query, selected: str | None) -> Query:
    return {**query, "event": [selected]} if selected else dict(query)
