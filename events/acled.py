"""ACLED-format CSV exports as a context layer: tens of thousands of light, typed records.

Each good row becomes a :class:`ContextEvent`; each bad row becomes a :class:`RowProblem`
naming the file, the row (as a spreadsheet numbers it: the header is row 1) and the exact
reason, and the good rows still load. A file without the columns this needs is refused
whole with :class:`~events.exceptions.ContextFileError`; so is a file that is not a regular
file inside its directory, is larger than :data:`~events.limits.CONTEXT_MAX_BYTES`, is not
UTF-8, or names a column twice. A file that stops being readable CSV part way (a field
over :data:`~events.limits.CONTEXT_FIELD_MAX_CHARS` characters, a NUL byte, bytes that are
not UTF-8) keeps the rows before that point, with a problem on the row where it stopped.

ACLED's ``geo_precision`` maps onto our precision as its codebook defines the codes:
1, a particular town with coordinates, is a town point; 2, activity "near" a town or in
a small part of a region, coded to that town, is a town point marked ``near`` (drawn
hollow); 3, only a larger region is known (the coordinates are the region's capital or
a landmark), is a region and is never drawn as a point. Each ``source`` is a claimant;
the evidence is a news report and the verification "reported", as ACLED codes what news
and monitors report. ACLED's sub-event types that mean one of our event types map onto
it (``Air/drone strike`` is an airstrike); the others are "other", and ACLED's own type
and sub-type stay on the event.

Context events are frozen slotted dataclasses rather than the dossier's pydantic events:
see ``bench/bench_import.py`` for the measured cost of each at 50,000 rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from events.exceptions import ContextFileError, ContextRowError, FileRefused
from events.files import contained_path, opened_regular_file, size_text
from events.limits import CONTEXT_FIELD_MAX_CHARS, CONTEXT_MAX_BYTES, clipped, excerpt
from events.sourcing import Evidence, EventType, Verification
from geo.place import Precision
from geo.maps.pointlayer import PointStyle

REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude",
                    "geo_precision", "source")
GEO_PRECISION_CODES = "1 (a town), 2 (near a town), 3 (a larger region)"
DATE_FORMATS_TEXT = "YYYY-MM-DD, '02 May 2016' or DD-MM-YYYY"
# One colour for the whole layer: colour encodes evidence on this map, and every context
# event rests on news reports. Hollow marks an event ACLED placed near a town.
CONTEXT_COLOUR = "#4b6584"
CONTEXT_STYLES = (PointStyle("Context event at a town", CONTEXT_COLOUR),
                  PointStyle("Context event near a town", CONTEXT_COLOUR, near=True))
# ACLED's sub-event types that name one of our event types; the rest are "other". ACLED's
# own type and sub-type stay on each event.
EVENT_TYPE_OF_SUB_EVENT = {
    "Air/drone strike": EventType.AIRSTRIKE,
    "Armed clash": EventType.GROUND_OFFENSIVE,
    "Government regains territory": EventType.GROUND_OFFENSIVE,
    "Non-state actor overtakes territory": EventType.GROUND_OFFENSIVE,
    "Headquarters or base established": EventType.HEADQUARTERS_OR_COMMAND,
    "Agreement": EventType.AGREEMENT_OR_TRUCE,
    "Non-violent transfer of territory": EventType.TRADE_OR_DEAL,
}
CSV_SUFFIX = ".csv"
# ACLED's data begin in 1997; a date outside this range is a typing or export error (and
# 0001-01-01 leaves no room for the week a time precision of 2 spans).
EARLIEST_DATE, LATEST_DATE = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)


@dataclass(frozen=True, slots=True)
class ContextEvent:
    """One event of an ACLED-format export, with its source's own fields."""

    event_id: str
    date: datetime.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    admin1: str
    location: str
    lat: float
    lon: float
    geo_precision: int
    claimants: tuple[str, ...]
    source_scale: str
    notes: str
    fatalities: int

    @property
    def precision(self) -> Precision:
        return Precision.REGION if self.geo_precision == 3 else Precision.CITY

    @property
    def near(self) -> bool:
        """ACLED placed the event at this town because it happened near it."""
        return self.geo_precision == 2

    @property
    def atlas_event_type(self) -> EventType:
        """The event type of our vocabulary that ACLED's sub-event type names, if any."""
        return EVENT_TYPE_OF_SUB_EVENT.get(self.sub_event_type, EventType.OTHER)

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(actor for actor in (self.actor1, self.actor2) if actor)

    @property
    def evidence(self) -> Evidence:
        return Evidence.NEWS_REPORT

    @property
    def verification(self) -> Verification:
        return Verification.REPORTED


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row left out of the layer, and why."""

    source: str
    row: int
    event_id: str
    reason: str

    @property
    def message(self) -> str:
        where = f"{self.source}: row {self.row}"
        if self.event_id:
            where += f" ({clipped(self.event_id)})"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ContextLayer:
    """The events that loaded, and the rows that did not."""

    events: tuple[ContextEvent, ...]
    problems: tuple[RowProblem, ...]


def context_layer_from_directory(directory: Path) -> ContextLayer:
    """Every ``*.csv`` export of a directory, in name order, as one layer.

    A file that is not an ACLED export becomes a problem on its header row; an event id
    already loaded, from this file or an earlier one, is a problem on its row.
    """
    events: list[ContextEvent] = []
    problems: list[RowProblem] = []
    first_seen: dict[str, tuple[str, int]] = {}
    for path in sorted(p for p in directory.iterdir() if p.suffix.lower() == CSV_SUFFIX):
        try:
            layer = context_layer_from_file(path, first_seen)
        except ContextFileError as error:
            problems.append(RowProblem(error.source, 1, "", error.reason))
            continue
        events += layer.events
        problems += layer.problems
    return ContextLayer(tuple(events), tuple(problems))


def context_layer_from_file(path: Path,
                            first_seen: dict[str, tuple[str, int]] | None = None) -> ContextLayer:
    """Read one export: a regular file inside its directory, of a bounded size."""
    try:
        inside = contained_path(path.parent, path.name, path.name)
        handle = opened_regular_file(inside, CONTEXT_MAX_BYTES, path.name)
    except FileRefused as error:
        raise ContextFileError(path.name, error.reason) from None
    with io.TextIOWrapper(handle, encoding="utf-8-sig", newline="") as text:
        return context_layer_from_lines(text, path.name, first_seen)


def context_layer_from_bytes(content: bytes, source: str) -> ContextLayer:
    """Read an uploaded export; ``source`` names it in messages."""
    if len(content) > CONTEXT_MAX_BYTES:
        raise ContextFileError(source, f"is larger than the limit of {size_text(CONTEXT_MAX_BYTES)}")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContextFileError(source, f"not UTF-8 text (byte {content[error.start]:#04x} at "
                                       f"offset {error.start}); export or save it as UTF-8 "
                                       "CSV") from None
    return context_layer_from_text(text, source)


def context_layer_from_text(text: str, source: str) -> ContextLayer:
    """Read an export held in memory, such as an upload; ``source`` names it in messages."""
    return context_layer_from_lines(io.StringIO(text.lstrip("\ufeff"), newline=""), source)


def context_layer_from_lines(lines: Iterable[str], source: str,
                             first_seen: dict[str, tuple[str, int]] | None = None) -> ContextLayer:
    """Read an export; ``first_seen`` (event id to file and row) spans several files."""
    reader = csv.DictReader(lines)
    columns = _header(reader, source)
    events: list[ContextEvent] = []
    problems: list[RowProblem] = []
    first_seen = {} if first_seen is None else first_seen
    # Row 1 is the header; a note spanning several lines is still one row.
    for row_number, record in _records(reader, source, problems):
        event_id = (record.get("event_id_cnty") or "").strip()
        try:
            _check_shape(record, columns)
            _check_unique(event_id, (source, row_number), first_seen)
            events.append(context_event_from_record(record))
        except ContextRowError as error:
            problems.append(RowProblem(source, row_number, event_id, str(error)))
    return ContextLayer(tuple(events), tuple(problems))


def _header(reader: csv.DictReader[str], source: str) -> int:
    """The number of columns; :class:`ContextFileError` unless the header is ACLED's, once each."""
    try:
        names = reader.fieldnames or ()
    except (csv.Error, UnicodeDecodeError) as error:
        raise ContextFileError(source, f"{_unreadable(error)}; export or save it as UTF-8 CSV") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise ContextFileError(
            source, f"not an ACLED-format export: missing column(s) {', '.join(missing)}; "
            f"export from ACLED with at least {', '.join(REQUIRED_COLUMNS)}")
    twice = [f"{excerpt(name)} ({count} times)" for name, count in Counter(names).items() if count > 1]
    if twice:
        raise ContextFileError(source, f"the header names column(s) {', '.join(twice)}; keep one of each")
    return len(names)


def _records(reader: csv.DictReader[str], source: str,
             problems: list[RowProblem]) -> Iterator[tuple[int, dict[str | Any, str | Any]]]:
    """Each record with its row number, until the file stops being readable CSV."""
    row_number = 2
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as error:
            reason = f"{_unreadable(error)}; this row and the rest of the file are not read"
            problems.append(RowProblem(source, row_number, "", reason))
            return
        yield row_number, record
        row_number += 1


def _unreadable(error: csv.Error | UnicodeDecodeError) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if "field larger than field limit" in str(error):
        return f"a field is longer than {CONTEXT_FIELD_MAX_CHARS:,} characters"
    return f"not CSV ({error})"


def _check_shape(record: Mapping[str | None, object], columns: int) -> None:
    # DictReader files surplus fields under the key None and fills missing ones with None.
    surplus = record.get(None)
    fields = columns + len(surplus) if isinstance(surplus, list) else columns - sum(
        value is None for value in record.values())
    if fields != columns:
        hint = "a comma in an unquoted value?" if fields > columns else "a line cut short?"
        raise ContextRowError(f"has {fields} fields where the header has {columns} ({hint})")


def _check_unique(event_id: str, here: tuple[str, int],
                  first_seen: dict[str, tuple[str, int]]) -> None:
    if not event_id:
        raise ContextRowError("event_id_cnty is empty; every ACLED event has one (e.g. SYR12345)")
    first = first_seen.setdefault(event_id, here)
    if first != here:
        where = f"row {first[1]}" if first[0] == here[0] else f"{first[0]} row {first[1]}"
        raise ContextRowError(f"event_id_cnty {excerpt(event_id)} repeats {where}; the first one is kept")


def context_event_from_record(record: Mapping[str, str | None]) -> ContextEvent:
    """One export row as a typed event; raises :class:`ContextRowError` naming the bad field."""
    field = _Fields(record)
    lat, lon = field.number("latitude", -90, 90), field.number("longitude", -180, 180)
    if lat == 0 and lon == 0:
        raise ContextRowError("latitude/longitude 0, 0 is not a place (coordinates missing?)")
    return ContextEvent(
        event_id=field.text("event_id_cnty"), date=field.date("event_date"),
        time_precision=field.code("time_precision", "1 (the day), 2 (the week), 3 (the month)", 1),
        event_type=sys.intern(field.required("event_type")),
        sub_event_type=field.shared("sub_event_type"),
        actor1=field.shared("actor1"), actor2=field.shared("actor2"),
        country=field.shared("country"), admin1=field.shared("admin1"),
        location=field.shared("location"), lat=lat, lon=lon,
        geo_precision=field.code("geo_precision", GEO_PRECISION_CODES),
        claimants=field.claimants("source"), source_scale=field.shared("source_scale"),
        notes=field.text("notes"), fatalities=field.count("fatalities"))


def _date_in(pattern: str) -> Callable[[str], datetime.date]:
    return lambda raw: datetime.datetime.strptime(raw, pattern).date()


# ISO first: recent exports use it, and it is parsed ten times faster than by strptime.
_DATE_PARSERS = (datetime.date.fromisoformat, _date_in("%d %B %Y"), _date_in("%d-%m-%Y"))


class _Fields:
    """Reads one record's fields, each failure a :class:`ContextRowError` with the value seen."""

    def __init__(self, record: Mapping[str, str | None]) -> None:
        self._record = record

    def text(self, name: str) -> str:
        return (self._record.get(name) or "").strip()

    def shared(self, name: str) -> str:
        # Types, actors and places repeat across thousands of rows: keep one copy of each.
        return sys.intern(self.text(name))

    def required(self, name: str) -> str:
        value = self.text(name)
        if not value:
            raise ContextRowError(f"{name} is empty")
        return value

    def number(self, name: str, low: float, high: float) -> float:
        raw = self.required(name)
        try:
            value = float(raw)
        except ValueError:
            raise ContextRowError(f"{name} {excerpt(raw)} is not a number") from None
        if not (math.isfinite(value) and low <= value <= high):
            raise ContextRowError(f"{name} {excerpt(raw)} is outside {low:g}..{high:g}")
        return value

    def code(self, name: str, allowed: str, default: int | None = None) -> int:
        raw = self.text(name)
        if not raw and default is not None:
            return default
        if raw not in ("1", "2", "3"):
            raise ContextRowError(f"{name} {excerpt(raw)} is not one of {allowed}")
        return int(raw)

    def count(self, name: str) -> int:
        raw = self.text(name) or "0"
        if not raw.isdigit():
            raise ContextRowError(f"{name} {excerpt(raw)} is not a whole number of 0 or more")
        return int(raw)

    def date(self, name: str) -> datetime.date:
        raw = self.required(name)
        for parse in _DATE_PARSERS:
            try:
                day = parse(raw)
            except ValueError:
                continue
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                raise ContextRowError(f"{name} {excerpt(raw)} is outside {EARLIEST_DATE}..{LATEST_DATE}")
            return day
        raise ContextRowError(f"{name} {excerpt(raw)} is not a date ({DATE_FORMATS_TEXT})")

    def claimants(self, name: str) -> tuple[str, ...]:
        names = tuple(sys.intern(part.strip()) for part in self.text(name).split(";")
                      if part.strip())
        if not names:
            raise ContextRowError(f"{name} is empty: every context event needs who reported it")
        return names

