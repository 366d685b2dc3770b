"""The context layer in the app: the sidebar's filter applied to context events, and its map.

The rules are those of :func:`events.filtering.events_matching`, read for an ACLED row:
each claimant (``source``) is one claim, a news report, "reported"; the event type is the
one of our vocabulary that the sub-event type names (else "other"); ``q`` looks in the
place, region, actors, types, sources and notes. A date coded to the week or the month
(``time_precision`` 2 or 3) passes when its week or month overlaps the range.

Everything a filter change needs is computed once per loaded layer (:func:`context_index`)
as columns (:mod:`events.contextstore`), so a filter over 500,000 events is a few passes
over arrays, and a click lists the events of the mark clicked, the same set the mark counts.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import threading
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import folium
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from events.acled import (CONTEXT_STYLES, CSV_SUFFIX, EVENT_TYPE_OF_SUB_EVENT, ContextEvent, ContextLayer,
                          RowProblem)
from events.contextstore import (StoredLayer, stored_layer_from_directory, stored_layer_from_events,
                                 stored_layer_from_bytes)
# The same word splitting and quote folding as the dossier events' search.
from events.filtering import EventFilter, _terms
from events.sourcing import Evidence, EventType, Verification
from geo.maps.pointlayer import (EPOCH, Geometry, PointColumns, PointIndex, Spot, layer_payload,
                                 point_index, point_layer, rows_at_place, rows_of_area, rows_of_mark)
from geo.gazetteer import cache_dir
from geo.outlines import country_code_of, region_outline
from geo.place import Precision

WEEK_HALF_DAYS = 3
# Directories whose layers stay loaded at once (a server has one; tests make many).
DIRECTORIES_KEPT = 4
# A mark can hold hundreds of events; the panel lists the newest and counts the rest.
SPOT_LISTED = 50
# A mark gathering several places names this many of them in its heading.
SPOT_PLACES_NAMED = 3
# Search terms whose hits a loaded layer keeps: a filter added to a search (an actor, dates)
# does not search the 500,000 texts again.
TERMS_KEPT = 16
TIME_PRECISION_TEXT = {1: "", 2: " (known to the week)", 3: " (known to the month)"}
_EVENT_TYPES = tuple(EventType)


@dataclass(frozen=True, eq=False)
class ContextIndex:
    """A loaded context layer with what filtering and drawing it need, computed once."""

    table: pa.Table
    """The events' columns, as :data:`events.contextstore.SCHEMA`."""
    points: PointIndex
    start_day: np.ndarray
    end_day: np.ndarray
    """The first and last day each event's date may stand for (days since 1970-01-01)."""
    event_type: np.ndarray
    """Each event's type of our vocabulary, as its position in :class:`EventType`."""
    outlines: Mapping[str, Geometry]
    option_counts: Mapping[str, Mapping[str, int]]
    """How many events hold each sidebar option (:func:`context_option_counts`)."""
    problems: tuple[RowProblem, ...] = ()
    version: str = ""
    """Names what was loaded (a directory's exports as they were): caches key views on it."""
    _hits: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict, init=False, repr=False)
    _hits_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def holding(self, term: str) -> np.ndarray:
        """Per event, whether its search text holds ``term`` (folded as the search folds it);
        the last :data:`TERMS_KEPT` terms' answers are kept, read-only."""
        with self._hits_lock:
            if term in self._hits:
                self._hits.move_to_end(term)
                return self._hits[term]
        hits: np.ndarray = pc.match_substring(self.table.column("haystack"), term).to_numpy(
            zero_copy_only=False)
        hits.flags.writeable = False
        with self._hits_lock:
            self._hits[term] = hits
            while len(self._hits) > TERMS_KEPT:
                self._hits.popitem(last=False)
        return hits

    @property
    def date_bounds(self) -> tuple[datetime.date, datetime.date]:
        """The first and last day the events' dates may stand for."""
        return (EPOCH + datetime.timedelta(days=int(self.start_day.min())),
                EPOCH + datetime.timedelta(days=int(self.end_day.max())))

    def event(self, row: int) -> ContextEvent:
        """Event ``row`` as the typed record a reader is shown."""
        fields = self.table.slice(row, 1).to_pylist()[0]
        return ContextEvent(
            event_id=fields["event_id"], date=fields["date"],
            time_precision=fields["time_precision"], event_type=fields["event_type"],
            sub_event_type=fields["sub_event_type"], actor1=fields["actor1"],
            actor2=fields["actor2"], country=fields["country"], admin1=fields["admin1"],
            location=fields["location"], lat=fields["lat"], lon=fields["lon"],
            geo_precision=fields["geo_precision"], claimants=tuple(fields["claimants"]),
            source_scale=fields["source_scale"], notes=fields["notes"],
            fatalities=fields["fatalities"])

    def ids(self, rows: Sequence[int] | np.ndarray) -> list[str]:
        ids: list[str] = self.points.ids.take(pa.array(np.asarray(rows, dtype=np.int64))).to_pylist()
        return ids


def context_index(layer: ContextLayer | StoredLayer) -> ContextIndex:
    stored = stored_layer_from_events(layer) if isinstance(layer, ContextLayer) else layer
    table = stored.table
    geo = _numbers(table, "geo_precision")
    days = _numbers(table, "date", pa.int32())
    start, end = _spans(days, _numbers(table, "time_precision"))
    event_type = _event_types(table)
    points = point_index(PointColumns(
        ids=table.column("event_id").combine_chunks(), lats=_numbers(table, "lat"),
        lons=_numbers(table, "lon"), places=_text(table, "location"),
        regions=_text(table, "admin1"), points=geo != 3, styles=(geo == 2).astype(np.int8),
        days=days))
    # Kept with a stored layer when it was first read (see _derived): a restart reads them.
    counts = stored.derived.get("option_counts") or context_option_counts(table, event_type, geo)
    return ContextIndex(table, points, start, end, event_type, _region_outlines(table, geo),
                        counts, stored.problems)


def _derived(table: pa.Table) -> dict[str, object]:
    """What the index computes from a stored layer's columns once and keeps beside them."""
    return {"option_counts": context_option_counts(table, _event_types(table),
                                                   _numbers(table, "geo_precision"))}


def uploaded_index(content: bytes, source: str) -> ContextIndex:
    """An uploaded export's layer; ``source`` names it in messages. Held in memory only."""
    return context_index(stored_layer_from_bytes(content, source))


_Fingerprint = tuple[str, tuple[tuple[str, int, int], ...]]
_LOADS: OrderedDict[_Fingerprint, Future[ContextIndex]] = OrderedDict()
_LOADS_LOCK = threading.Lock()


def directory_index(directory: Path) -> Future[ContextIndex]:
    """The layer of the directory's exports, loaded and indexed once per process and per
    content of the exports, whoever asks first (the server at its start, or a viewer): every
    caller gets the same future. Read from the store's file when the exports were read
    before (:func:`events.contextstore.stored_layer_from_directory`); a changed export is
    loaded anew on the next call."""
    key = _fingerprint(directory)
    with _LOADS_LOCK:
        future = _LOADS.get(key)
        if future is None:
            for stale in [k for k in _LOADS if k[0] == key[0]]:
                del _LOADS[stale]
            while len(_LOADS) >= DIRECTORIES_KEPT:
                _LOADS.popitem(last=False)
            future = _LOADS[key] = Future()
            threading.Thread(target=_load_into, args=(future, directory), daemon=True,
                             name=f"context layer of {directory.name}").start()
    return future


def _fingerprint(directory: Path) -> _Fingerprint:
    """Names, sizes and change times of the exports: a cheap test that none changed."""
    stats = sorted((p.name, p.stat()) for p in directory.iterdir() if p.suffix.lower() == CSV_SUFFIX)
    return str(directory.resolve()), tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats)


def _load_into(future: Future[ContextIndex], directory: Path) -> None:
    try:
        version = hashlib.sha256(repr(_fingerprint(directory)).encode()).hexdigest()[:16]
        index = dataclasses.replace(stored_index(directory, cache_dir() / "context"), version=version)
        # A first load reads the CSV a block at a time; give back what the blocks held.
        pa.default_memory_pool().release_unused()
        future.set_result(index)
    except BaseException as error:  # handed to whoever waits for the layer
        future.set_exception(error)


def stored_index(directory: Path, store: Path) -> ContextIndex:
    """The index of the directory's exports, read from ``store`` when they were read before
    (with what the index computed of them then), else read from the exports and kept there."""
    return context_index(stored_layer_from_directory(directory, store, _derived))


def _numbers(table: pa.Table, name: str, kind: pa.DataType | None = None) -> np.ndarray:
    column = table.column(name)
    values: np.ndarray = (column.cast(kind) if kind is not None else column).to_numpy()
    return values


def _spans(days: np.ndarray, time_precision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The days each date may stand for, given ACLED's time precision: the day, the week
    around it, or its month."""
    start, end = days.astype(np.int32), days.astype(np.int32)
    week = time_precision == 2
    start[week] -= WEEK_HALF_DAYS
    end[week] += WEEK_HALF_DAYS
    month = time_precision == 3
    first = days[month].astype("datetime64[D]").astype("datetime64[M]")
    start[month] = first.astype("datetime64[D]").astype(np.int32)
    end[month] = ((first + 1).astype("datetime64[D]") - 1).astype(np.int32)
    return start, end


def _column(table: pa.Table, name: str) -> pa.Array:
    """A column as one plain string array (the store keeps repeated texts as dictionaries)."""
    column = table.column(name).combine_chunks()
    return column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column


def _text(table: pa.Table, name: str) -> pa.DictionaryArray:
    """A text column as codes into its distinct values, one array (no value copied per row)."""
    column = table.select([name]).unify_dictionaries().column(0).combine_chunks()
    return column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)


def _values(table: pa.Table, name: str, rows: np.ndarray) -> list[str]:
    """The texts of a column at ``rows``."""
    found: list[str] = table.column(name).take(pa.array(rows, pa.int64())).to_pylist()
    return found


def _in_set(column: pa.DictionaryArray, wanted: pa.Array) -> np.ndarray:
    """Per row, whether its text is one of ``wanted``: looked up once per distinct text."""
    hits = pc.is_in(column.dictionary, value_set=wanted).to_numpy(zero_copy_only=False)
    found: np.ndarray = hits[column.indices.to_numpy(zero_copy_only=False)]
    return found


def _event_types(table: pa.Table) -> np.ndarray:
    """Each event's type of our vocabulary, named by its ACLED sub-event type (else "other")."""
    sub_event_types = _text(table, "sub_event_type")
    other = _EVENT_TYPES.index(EventType.OTHER)
    codes = np.array([_EVENT_TYPES.index(EVENT_TYPE_OF_SUB_EVENT[name]) if name in EVENT_TYPE_OF_SUB_EVENT
                      else other for name in sub_event_types.dictionary.to_pylist()] or [other],
                     dtype=np.int8)
    found: np.ndarray = codes[sub_event_types.indices.to_numpy(zero_copy_only=False)]
    return found


@dataclass(frozen=True, eq=False)
class ContextView:
    """The context events a filter shows: their positions, map payload and summary line."""

    rows: np.ndarray
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
    return ContextView(rows, layer_payload(index.points, CONTEXT_STYLES, rows, index.outlines),
                       context_summary(index, rows))


def spot_details(index: ContextIndex, rows: Sequence[int] | np.ndarray, spot: Spot,
                 listed: int = SPOT_LISTED) -> SpotDetails | None:
    """The shown events of the mark (or region area) clicked, newest first; None if it holds
    none. The heading counts exactly the events the mark's tooltip counts."""
    found = context_rows_at(index, rows, spot)
    if not len(found):
        return None
    newest = found[np.argsort(-index.points.day[found], kind="stable")]
    places = _values(index.table, "location", newest)
    if spot.region:
        regions = _values(index.table, "admin1", newest)
        places = [region or place for region, place in zip(regions, places, strict=True)]
    names = list(dict.fromkeys(places))
    where = ", ".join(names[:SPOT_PLACES_NAMED]) + (
        f" and {len(names) - SPOT_PLACES_NAMED:,} more places" if len(names) > SPOT_PLACES_NAMED else "")
    preposition = ("located only to" if spot.region
                   else "near" if spot.mark is not None and CONTEXT_STYLES[spot.mark.style].near
                   else "at")
    heading = f"{len(found):,} ACLED context event{'s' if len(found) > 1 else ''} {preposition} {where}"
    events = [index.event(int(row)) for row in newest[:listed]]
    return SpotDetails(heading, tuple((_event_lines(e), e.notes) for e in events),
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


def context_summary(index: ContextIndex, rows: Sequence[int] | np.ndarray) -> str:
    """One line saying how much of the context layer the filters show, and how precisely."""
    chosen = np.asarray(rows, dtype=np.int64)
    regions = int(np.count_nonzero(~index.points.point[chosen]))
    return (f"Context layer: {len(chosen):,} of {len(index):,} ACLED events shown, "
            f"{regions:,} of them located only to a region (shaded, never a point)")


def problem_lines(index: ContextIndex, shown: int = 20) -> list[str]:
    """The first ``shown`` problems' messages, and how many more there are."""
    lines = [problem.message for problem in index.problems[:shown]]
    if len(index.problems) > shown:
        lines.append(f"... and {len(index.problems) - shown:,} more rows left out")
    return lines


def _region_outlines(table: pa.Table, geo: np.ndarray) -> dict[str, Geometry]:
    """The shipped outline of each region that region-precision events are located to."""
    outlines: dict[str, Geometry] = {}
    rows = np.flatnonzero(geo == 3)
    countries, admin1 = _text(table, "country"), _text(table, "admin1")
    pairs = np.unique(np.stack([countries.indices.to_numpy(zero_copy_only=False)[rows],
                                admin1.indices.to_numpy(zero_copy_only=False)[rows]]), axis=1)
    regions = set(zip(countries.dictionary.take(pa.array(pairs[0])).to_pylist(),
                      admin1.dictionary.take(pa.array(pairs[1])).to_pylist(), strict=True))
    for country, region in sorted(r for r in regions if r[1]):
        code = country_code_of(country)
        outline = region_outline(code, name=region) if code else None
        if outline is not None:
            outlines[region] = outline.geometry
    return outlines


def context_rows_matching(index: ContextIndex, choice: EventFilter) -> np.ndarray:
    """Positions of the events that pass ``choice``, in their loaded order.

    Each part of the choice that is set is one pass over a column: a filter change over
    500,000 events takes a fraction of a second.
    """
    table = index.table
    keep = np.full(len(index), _kinds_pass(choice))
    for term in _terms(choice.q):
        keep &= index.holding(term)
    if choice.claimant:
        claimants = table.column("claimants").combine_chunks()
        hits = pc.is_in(pc.list_flatten(claimants), pa.array(sorted(choice.claimant), pa.string()))
        parents = pc.list_parent_indices(claimants).to_numpy()
        any_hit = np.zeros(len(index), dtype=bool)
        any_hit[parents[hits.to_numpy(zero_copy_only=False)]] = True
        keep &= any_hit
    if choice.event_type:
        wanted = [_EVENT_TYPES.index(t) for t in choice.event_type]
        keep &= np.isin(index.event_type, wanted)
    if choice.actor:
        actors = pa.array(sorted(choice.actor), pa.string())
        keep &= _in_set(_text(table, "actor1"), actors) | _in_set(_text(table, "actor2"), actors)
    if choice.precision:
        point = index.points.point
        keep &= ((point & (Precision.CITY in choice.precision))
                 | (~point & (Precision.REGION in choice.precision)))
    if choice.since:
        keep &= index.end_day >= (choice.since - EPOCH).days
    if choice.until:
        keep &= index.start_day <= (choice.until - EPOCH).days
    return np.flatnonzero(keep)


def context_option_counts(table: pa.Table, event_type: np.ndarray,
                          geo: np.ndarray) -> dict[str, dict[str, int]]:
    """How many context events hold each option, shaped like ``option_counts``: each event
    counts once per option; ties are in the order the options first appear."""
    total = table.num_rows
    claimants = table.column("claimants").combine_chunks()
    actor1, actor2 = _column(table, "actor1"), _column(table, "actor2")
    # Each event's actors in turn, as the event lists them, the second only if another.
    actors = pa.concat_arrays([actor1, actor2]).take(pa.array(
        np.stack([np.arange(total), np.arange(total) + total], axis=1).reshape(-1)))
    other = np.stack([np.ones(total, dtype=bool),
                      pc.not_equal(actor2, actor1).to_numpy(zero_copy_only=False)], axis=1)
    actors = actors.filter(pa.array(other.reshape(-1)))
    counts: dict[str, Counter[str]] = {
        "evidence": Counter({str(Evidence.NEWS_REPORT): total}),
        "verification": Counter({str(Verification.REPORTED): total}),
        "claimant": _value_counts(pc.list_flatten(claimants)) - _repeats(claimants),
        "event_type": Counter(dict.fromkeys(
            (str(_EVENT_TYPES[code]) for code in _first_seen(event_type)), 0)),
        "actor": _value_counts(actors.filter(pc.not_equal(actors, ""))),
        "precision": Counter(dict.fromkeys(
            (str(Precision.REGION if g == 3 else Precision.CITY) for g in _first_seen(geo)), 0)),
    }
    counts["event_type"].update({str(_EVENT_TYPES[c]): int(n) for c, n in
                                 zip(*np.unique(event_type, return_counts=True), strict=True)})
    counts["precision"].update({str(Precision.CITY): int(np.count_nonzero(geo != 3)),
                                str(Precision.REGION): int(np.count_nonzero(geo == 3))})
    return {name: {k: v for k, v in counter.most_common() if v} for name, counter in counts.items()}


def _first_seen(values: np.ndarray) -> list[int]:
    found, first = np.unique(values, return_index=True)
    return [int(v) for v in found[np.argsort(first)]]


def _value_counts(values: pa.Array) -> Counter[str]:
    counted = pc.value_counts(values)
    return Counter(dict(zip(counted.field("values").to_pylist(),
                            counted.field("counts").to_pylist(), strict=True)))


def _repeats(lists: pa.ListArray) -> Counter[str]:
    """How many times a name repeats within one event's list (counted once per event)."""
    pairs = pa.table({"row": pc.list_parent_indices(lists), "name": pc.list_flatten(lists)})
    grouped = pairs.group_by(["row", "name"]).aggregate([([], "count_all")])
    repeated = grouped.filter(pc.greater(grouped.column("count_all"), 1))
    extra: Counter[str] = Counter()
    for name, count in zip(repeated.column("name").to_pylist(),
                           repeated.column("count_all").to_pylist(), strict=True):
        extra[name] += count - 1
    return extra


def context_map_layer(index: ContextIndex, rows: Sequence[int] | np.ndarray,
                      name: str = "Context events (ACLED)") -> folium.FeatureGroup:
    return point_layer(index.points, CONTEXT_STYLES, rows, name=name, outlines=index.outlines)


def context_rows_at(index: ContextIndex, rows: Sequence[int] | np.ndarray, spot: Spot) -> np.ndarray:
    """Of the shown ``rows``, those of the mark clicked (its zoom, cell and style: the events
    its tooltip counts) or, for a region area, those located only to the region anchored
    there. A click on a mark that does not say which is none."""
    chosen = np.asarray(rows, dtype=np.int64)
    if spot.region:
        return rows_of_area(index.points, chosen, spot.lat, spot.lon)
    if spot.mark is None:  # no mark named: the point events at the place clicked
        return rows_at_place(index.points, chosen, spot.lat, spot.lon)
    return rows_of_mark(index.points, chosen, spot.mark)


def _kinds_pass(choice: EventFilter) -> bool:
    """Whether a news report, "reported", passes the evidence and verification chosen."""
    return ((not choice.evidence or Evidence.NEWS_REPORT in choice.evidence)
            and (not choice.verification or Verification.REPORTED in choice.verification))
