"""The context layer in the app: the sidebar's filter applied to context events, and its map.

The rules are those of :func:`events.filtering.events_matching`, read for an ACLED row:
each claimant (``source``) is one claim, a news report, "reported"; the event type is the
one of our vocabulary that the sub-event type names (else "other"); ``q`` looks in the
place, region, actors, types, sources and notes. A date coded to the week or the month
(``time_precision`` 2 or 3) passes when its week or month overlaps the range.

Everything a filter change needs is computed once per loaded layer (:func:`context_index`),
so a filter over 50,000 events is one pass over plain columns.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import folium

from events.acled import CONTEXT_STYLES, ContextEvent, ContextLayer, RowProblem, point_columns
# The same word splitting and quote folding as the dossier events' search.
from events.filtering import EventFilter, _terms
from events.sourcing import Evidence, Verification
from geo.outlines import country_code_of, region_outline
from geo.maps.pointlayer import COORDINATE_DECIMALS, Geometry, PointColumns, layer_payload, point_layer

WEEK_HALF = datetime.timedelta(days=3)
# A mark can hold hundreds of events; the panel lists the newest and counts the rest.
SPOT_LISTED = 50
TIME_PRECISION_TEXT = {1: "", 2: " (known to the week)", 3: " (known to the month)"}


@dataclass(frozen=True)
class ContextIndex:
    """A loaded context layer with what filtering and drawing it need, computed once."""

    events: tuple[ContextEvent, ...]
    columns: PointColumns
    haystacks: tuple[str, ...]
    spans: tuple[tuple[datetime.date, datetime.date], ...]
    outlines: Mapping[str, Geometry]
    option_counts: Mapping[str, Mapping[str, int]]
    """How many events hold each sidebar option (:func:`context_option_counts`)."""
    problems: tuple[RowProblem, ...] = ()

    @property
    def date_bounds(self) -> tuple[datetime.date, datetime.date]:
        """The first and last day the events' dates may stand for."""
        return min(span[0] for span in self.spans), max(span[1] for span in self.spans)


def context_index(layer: ContextLayer) -> ContextIndex:
    events = layer.events
    return ContextIndex(events, point_columns(events),
                        tuple(_haystack(event) for event in events),
                        tuple(_span(event) for event in events), _region_outlines(events),
                        context_option_counts(events), layer.problems)


@dataclass(frozen=True)
class ContextView:
    """The context events a filter shows: their positions, map payload and summary line."""

    rows: tuple[int, ...]
    payload: str
    summary: str


@dataclass(frozen=True)
class SpotDetails:
    """The context events of one clicked mark, as the detail panel lists them."""

    heading: str
    events: tuple[tuple[tuple[str, ...], str], ...]
    """Each event's lines (date and type, actors, place, source, id) and its notes."""
    more: int
    """How many more events the mark holds than are listed."""


def context_view(index: ContextIndex, choice: EventFilter) -> ContextView:
    rows = context_rows_matching(index, choice)
    return ContextView(tuple(rows), layer_payload(index.columns, CONTEXT_STYLES, rows, index.outlines),
                       context_summary(index, rows))


def spot_details(index: ContextIndex, rows: Sequence[int], lat: float, lon: float,
                 listed: int = SPOT_LISTED, region: bool = False) -> SpotDetails | None:
    """The shown events of the mark at ``lat``/``lon`` (with ``region``, of the region area
    anchored there), newest first; None if it holds none."""
    found = sorted(context_events_at(index, rows, lat, lon, region), key=lambda e: e.date, reverse=True)
    if not found:
        return None
    where = (f"located only to {', '.join(dict.fromkeys(e.admin1 or e.location for e in found))}" if region
             else f"at {', '.join(dict.fromkeys(e.location for e in found))}")
    heading = f"{len(found):,} ACLED context event{'s' if len(found) > 1 else ''} {where}"
    return SpotDetails(heading, tuple((_event_lines(e), e.notes) for e in found[:listed]),
                       max(0, len(found) - listed))


def _event_lines(event: ContextEvent) -> tuple[str, ...]:
    where = f"near {event.location}" if event.near else event.location
    return (f"{event.date.isoformat()}{TIME_PRECISION_TEXT[event.time_precision]} · "
            f"{event.event_type}: {event.sub_event_type}",
            f"Actors: {' / '.join(event.actors) or 'none named'}",
            f"Place: {', '.join(p for p in (where, event.admin1, event.country) if p)}",
            f"Source: {'; '.join(event.claimants)}"
            + (f" ({event.source_scale})" if event.source_scale else ""),
            f"Fatalities: {event.fatalities} · ACLED id {event.event_id}")


def context_summary(index: ContextIndex, rows: Sequence[int]) -> str:
    """One line saying how much of the context layer the filters show, and how precisely."""
    regions = sum(1 for row in rows if not index.events[row].precision.is_point)
    return (f"Context layer: {len(rows):,} of {len(index.events):,} ACLED events shown, "
            f"{regions:,} of them located only to a region (shaded, never a point)")


def problem_lines(index: ContextIndex, shown: int = 20) -> list[str]:
    """The first ``shown`` problems' messages, and how many more there are."""
    lines = [problem.message for problem in index.problems[:shown]]
    if len(index.problems) > shown:
        lines.append(f"... and {len(index.problems) - shown:,} more rows left out")
    return lines


def _region_outlines(events: Sequence[ContextEvent]) -> dict[str, Geometry]:
    """The shipped outline of each region that region-precision events are located to."""
    outlines: dict[str, Geometry] = {}
    regions = {(e.country, e.admin1) for e in events if not e.precision.is_point and e.admin1}
    for country, region in sorted(regions):
        code = country_code_of(country)
        outline = region_outline(code, name=region) if code else None
        if outline is not None:
            outlines[region] = outline.geometry
    return outlines


def context_rows_matching(index: ContextIndex, choice: EventFilter) -> list[int]:
    """Positions of the events that pass ``choice``, in their loaded order.

    Each part of the choice that is set narrows the rows in turn, the search first: one
    plain pass per part keeps a filter change over 50,000 events to milliseconds.
    """
    if not _kinds_pass(choice):
        return []
    events, rows = index.events, list(range(len(index.events)))
    for term in _terms(choice.q):
        rows = [row for row in rows if term in index.haystacks[row]]
    if choice.claimant:
        rows = [row for row in rows if not choice.claimant.isdisjoint(events[row].claimants)]
    if choice.event_type:
        rows = [row for row in rows if events[row].atlas_event_type in choice.event_type]
    if choice.actor:
        rows = [row for row in rows if not choice.actor.isdisjoint(events[row].actors)]
    if choice.precision:
        rows = [row for row in rows if events[row].precision in choice.precision]
    if choice.since or choice.until:
        rows = [row for row in rows if _overlaps(index.spans[row], choice.since, choice.until)]
    return rows


def context_option_counts(events: Sequence[ContextEvent]) -> dict[str, dict[str, int]]:
    """How many context events hold each option, shaped like ``option_counts``."""
    counts: dict[str, Counter[str]] = {
        "evidence": Counter({str(Evidence.NEWS_REPORT): len(events)}),
        "verification": Counter({str(Verification.REPORTED): len(events)}),
        "claimant": Counter(c for e in events for c in set(e.claimants)),
        "event_type": Counter(str(e.atlas_event_type) for e in events),
        "actor": Counter(a for e in events for a in set(e.actors)),
        "precision": Counter(str(e.precision) for e in events),
    }
    return {name: dict(counter.most_common()) for name, counter in counts.items()}


def context_map_layer(index: ContextIndex, rows: Sequence[int],
                      name: str = "Context events (ACLED)") -> folium.FeatureGroup:
    return point_layer(index.columns, CONTEXT_STYLES, rows, name=name, outlines=index.outlines)


def context_events_at(index: ContextIndex, rows: Sequence[int], lat: float,
                      lon: float, region: bool = False) -> list[ContextEvent]:
    """The shown events of the mark at ``lat``/``lon`` (a click reports a mark's place), or
    with ``region`` those located only to the region anchored there (its area's click
    reports the anchor, which a town's mark may share: the flag tells them apart)."""
    spot = (round(lat, COORDINATE_DECIMALS), round(lon, COORDINATE_DECIMALS))
    return [index.events[row] for row in rows
            if index.events[row].precision.is_point != region
            and (round(index.events[row].lat, COORDINATE_DECIMALS),
                 round(index.events[row].lon, COORDINATE_DECIMALS)) == spot]


def _kinds_pass(choice: EventFilter) -> bool:
    """Whether a news report, "reported", passes the evidence and verification chosen."""
    return ((not choice.evidence or Evidence.NEWS_REPORT in choice.evidence)
            and (not choice.verification or Verification.REPORTED in choice.verification))


def _overlaps(span: tuple[datetime.date, datetime.date], since: datetime.date | None,
              until: datetime.date | None) -> bool:
    return (since is None or span[1] >= since) and (until is None or span[0] <= until)


def _span(event: ContextEvent) -> tuple[datetime.date, datetime.date]:
    """The days the event's date may stand for, given ACLED's time precision."""
    if event.time_precision == 2:
        return event.date - WEEK_HALF, event.date + WEEK_HALF
    if event.time_precision == 3:
        last = calendar.monthrange(event.date.year, event.date.month)[1]
        return event.date.replace(day=1), event.date.replace(day=last)
    return event.date, event.date


def _haystack(event: ContextEvent) -> str:
    parts = (event.location, event.admin1, event.country, *event.actors, event.event_type,
             event.sub_event_type, *event.claimants, event.notes)
    return " ".join(_terms(" ".join(parts)))
