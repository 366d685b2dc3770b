"""What the dashboard shows: loaded events, the filtered view, map items and the table.

Everything here is plain data (no folium objects, no streamlit), so the dashboard can
cache it and tests can compare it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from events import details, export, filtering
from events.dossier import Catalogue, article_text, catalogue_from_directory
from events.model import Event, PlaceRef
from events.placing import places_of
from events.sourcing import EventType, Evidence, Verification
from geo import mapping
from geo.place import Place

Placed = tuple[tuple[PlaceRef, Place], ...]

Query = dict[str, list[str]]
TABLE_COLUMNS = ("date", "title", "place", "precision", "evidence", "verification", "claimants")
NOT_FOUND = "not found"


@dataclass(frozen=True)
class Atlas:
    """Every event loaded from a data directory, with the problems met on the way."""

    catalogue: Catalogue
    events: tuple[Event, ...]
    problems: tuple[str, ...]
    placements: Mapping[str, Placed]
    option_counts: Mapping[str, Mapping[str, int]]
    date_bounds: tuple[dt.date, dt.date]

    def event(self, event_id: str | None) -> Event | None:
        return next((event for event in self.events if event.id == event_id), None)


@dataclass(frozen=True)
class View:
    """The events passing a filter, and how each is shown."""

    key: str
    events: tuple[Event, ...]
    items: tuple[mapping.MapItem, ...]
    rows: tuple[dict[str, str], ...]
    off_map: tuple[dict[str, str], ...]


def atlas_from_directory(directory: Path) -> Atlas:
    catalogue = catalogue_from_directory(directory)
    events = catalogue.events
    placements = {event.id: places_of(event) for event in events}
    dates = [day for event in events for day in (event.date.start, event.date.end) if day is not None]
    bounds = (min(dates), max(dates)) if dates else (dt.date.today(), dt.date.today())
    problems = tuple(str(problem) for problem in catalogue.problems)
    return Atlas(catalogue, events, problems, placements, _options(events), bounds)


def _options(events: Sequence[Event]) -> dict[str, dict[str, int]]:
    """Counts per option; vocabulary values no event uses are still offered, with 0."""
    counts = filtering.option_counts(events)
    vocabularies = {"evidence": Evidence, "verification": Verification, "event_type": EventType}
    for name, vocabulary in vocabularies.items():
        counts[name] = {str(value): counts[name].get(str(value), 0) for value in vocabulary}
    return counts


def view_of(atlas: Atlas, event_filter: filtering.EventFilter) -> View:
    events = tuple(filtering.events_matching(atlas.events, event_filter))
    key = hashlib.sha1(json.dumps(filtering.query_from_filter(event_filter), sort_keys=True).encode())
    items = tuple(item for event in events for item in _items(event, atlas.placements[event.id]))
    drawn = {item.event_id for item in items}
    return View(
        key.hexdigest()[:12],
        events,
        items,
        tuple(_row(event, atlas.placements[event.id]) for event in events),
        tuple(_off_map(event, atlas.placements[event.id]) for event in events if event.id not in drawn),
    )


def _items(event: Event, places: Placed) -> list[mapping.MapItem]:
    return [
        mapping.MapItem(event.id, event.title, place.lat, place.lon, str(place.precision), "#c00")
        for _, place in places
        if place.lat is not None and place.lon is not None and place.precision in ("exact", "city", "region")
    ]


def _off_map(event: Event, places: Placed) -> dict[str, str]:
    reasons = [
        f"{ref.name}: country-wide" if place.precision == "country" else f"{ref.name}: not found"
        for ref, place in places
    ]
    return {"date": str(event.date), "title": event.title, "reason": "; ".join(reasons)}


def _row(event: Event, places: Placed) -> dict[str, str]:
    return {
        "id": event.id,
        "date": str(event.date),
        "title": event.title,
        "place": ", ".join(ref.name for ref, _ in places),
        "precision": ", ".join(place.precision or NOT_FOUND for _, place in places),
        "evidence": ", ".join(sorted({claim.evidence for claim in event.claims})),
        "verification": ", ".join(sorted({claim.verification for claim in event.claims})),
        "claimants": ", ".join(dict.fromkeys(claim.claimant for claim in event.claims)),
    }


def widget_values(query: Mapping[str, Sequence[str]], atlas: Atlas) -> tuple[dict[str, object], list[str]]:
    """The sidebar's values for a canonical query; values with no option give a notice."""
    values: dict[str, object] = {"q": (query.get("q") or [""])[0]}
    notices = []
    for name, options in atlas.option_counts.items():
        wanted = list(query.get(name, []))
        values[name] = [value for value in wanted if value in options]
        notices += [f"Ignored {name}={value!r}: no event has it." for value in wanted if value not in options]
    since, until = (query.get("since") or [""])[0], (query.get("until") or [""])[0]
    first, last = atlas.date_bounds
    values["dates"] = (dt.date.fromisoformat(since) if since else first, dt.date.fromisoformat(until) if until else last)
    return values, notices


def query_from_dates(dates: object, bounds: tuple[dt.date, dt.date]) -> Query:
    """``since``/``until`` from the date-range widget; the full range means no bound."""
    picked = tuple(dates) if isinstance(dates, (tuple, list)) else (dates,)
    query: Query = {}
    if len(picked) >= 1 and isinstance(picked[0], dt.date) and picked[0] != bounds[0]:
        query["since"] = [picked[0].isoformat()]
    if len(picked) == 2 and isinstance(picked[1], dt.date) and picked[1] != bounds[1]:
        query["until"] = [picked[1].isoformat()]
    return query


def selected_from_query(atlas: Atlas, query: Mapping[str, Sequence[str]]) -> tuple[str | None, list[str]]:
    wanted = (query.get("event") or [None])[-1]
    if wanted is None or atlas.event(wanted) is not None:
        return wanted, []
    return None, [f"Ignored event={wanted!r}: no event has that id."]


def query_with_selection(query: Query, selected: str | None) -> Query:
    return {**query, "event": [selected]} if selected else dict(query)


@dataclass(frozen=True)
class Export:
    label: str
    file_name: str
    mime: str
    build: Callable[[View], str]


EXPORTS = (
    Export("GeoJSON", "event-atlas.geojson", "application/geo+json", lambda view: export.geojson_from_events(view.events)),
    Export("CSV", "event-atlas.csv", "text/csv", lambda view: export.csv_from_events(view.events)),
    Export("HTML map", "event-atlas.html", "text/html", lambda view: mapping.standalone_html(view.items)),
)


def legend_entries() -> list[mapping.LegendEntry]:
    return [mapping.LegendEntry(f"Evidence: {value}", value.definition) for value in Evidence] + [
        mapping.LegendEntry(f"Verification: {value}", value.definition) for value in Verification
    ]


def details_of(atlas: Atlas, event_id: str | None) -> details.Details | None:
    event = atlas.event(event_id)
    if event is None:
        return None
    article = atlas.catalogue.article_of(event.id)
    return details.details_of(event, atlas.placements[event.id], article, article_text(article))
