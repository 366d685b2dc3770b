"""What the first screen says before any click: which articles the events come from, how
the events shown are placed, and how to read the map.

Plain text for the page to render; nothing here knows about streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from events.acled import CONTEXT_COLOUR, CONTEXT_STYLES
from events.mapview import Atlas, View
from geo.maps.leaflet import LegendEntry, LegendKind, placement_of_items

HOW_TO_READ = (
    "A mark's colour is the evidence of the claim the article leads with, its outline how far that "
    "claim is verified, its symbol the kind of event; a shaded country holds events placed only to it. "
    "Click an event to read who claims it, on what evidence, in the article's words."
)


@dataclass(frozen=True)
class Source:
    """One article behind the events: its line of text and its link, if known."""

    line: str
    url: str | None
    events: int


@dataclass(frozen=True)
class Placing:
    """How the events a view shows are placed: as marks, as a shaded country, or not at all."""

    marked: int
    country_wide: int
    unplaced: int

    def line(self) -> str:
        parts = [f"**{self.marked}** placed on the map", f"**{self.country_wide}** shaded as country-wide"]
        if self.unplaced:
            parts.append(f"**{self.unplaced}** not placed")
        return "Of these, " + ", ".join(parts) + "."


def sources_of(atlas: Atlas) -> tuple[Source, ...]:
    """The articles behind the loaded events, in catalogue order, each with its event count."""
    return tuple(
        Source(f"{dossier.article.title}, {dossier.article.publisher}, {dossier.article.published:%-d %B %Y}",
               _web_address(dossier.article.url), len(dossier.events))
        for dossier in atlas.catalogue.dossiers
        if dossier.events
    )


def _web_address(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, made safe to stand in a markdown link; else None."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(parts.geturl(), safe=":/?#[]@!$&'*+,;=%~")


def placing_of(view: View) -> Placing:
    placement = placement_of_items(view.items)
    return Placing(len(placement.drawn), len(placement.country_wide), len(placement.not_drawn))


def off_map_by_reason(view: View) -> tuple[tuple[str, tuple[dict[str, str], ...]], ...]:
    """The events with no mark, grouped by why, in the order the reasons first appear."""
    groups: dict[str, list[dict[str, str]]] = {}
    for row in view.off_map:
        groups.setdefault(row["reason"], []).append(row)
    return tuple((reason, tuple(rows)) for reason, rows in groups.items())


def undated_count(atlas: Atlas) -> int:
    """How many events have no known date (a date filter lets them all through)."""
    return sum(1 for event in atlas.events if event.date.start is None)


def widened_dates(span: tuple[dt.date, dt.date], query: Mapping[str, Sequence[str]]) -> tuple[dt.date, dt.date] | None:
    """The chosen date range grown to cover ``span`` (an uploaded export's dates), or None
    when the range chosen already covers it."""
    since = dt.date.fromisoformat(query["since"][0]) if query.get("since") else span[0]
    until = dt.date.fromisoformat(query["until"][0]) if query.get("until") else span[1]
    if since <= span[0] and span[1] <= until:
        return None
    return min(since, span[0]), max(until, span[1])


def context_legend_entries() -> tuple[LegendEntry, ...]:
    """The context layer's looks, for the legend while that layer is shown."""
    at, near = CONTEXT_STYLES
    return (
        LegendEntry(kind=LegendKind.COLOUR, value=CONTEXT_COLOUR, label=at.label,
                    definition="An event of the ACLED export, a filled dot at its town."),
        LegendEntry(kind=LegendKind.SYMBOL, value="○", label=near.label,
                    definition="A ring: the export places the event near the town, not in it."),
        LegendEntry(kind=LegendKind.SYMBOL, value="⬚", label="Context events located only to a region",
                    definition="A dashed grey outline over the region, never a point; click it to list them."),
    )
