"""The context layer's store: ACLED exports read once into Arrow columns and kept on disk.

Reading half a million rows through Python's ``csv`` and one object per row takes tens of
seconds; Arrow's CSV reader and column kernels read them in about a second. The rules a row
must meet stay those of :mod:`events.acled`: a row is taken straight from the columns only
when every field is in the plain form those rules accept at once (an ISO date, a decimal
coordinate in range, a code among 1, 2 and 3, ...); any other row is read by
:func:`events.acled.context_event_from_record` itself, which accepts it or names its
problem. A file Arrow cannot split into rows of the header's width is read whole by
:mod:`events.acled`.

What is read is kept as an Arrow IPC file named by the SHA-256 of the exports' content (and
of this format's version), under the cache directory, with a CRC-32 of the file beside it: a
restart reads it back instead of the CSV; a changed export has another name, so a stale
file is never read; a file that cannot be read back whole, with the checksum, schema and
row count it was written with, is rebuilt. Arrow's own file format because reading it back
is one read of the file, with no decoding: the columns are views into what was read (a
restart of half a million rows takes a tenth of a second, where Parquet took two seconds
decompressing and decoding pages). The same record batches are what DuckDB scans in place
and what ADBC's PostgreSQL driver bulk-loads (``COPY`` in binary), so the columns and the
filters over them carry over to PostgreSQL/PostGIS as they are.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import itertools
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.ipc as ipc

from events.acled import (CSV_SUFFIX, EARLIEST_DATE, LATEST_DATE, REQUIRED_COLUMNS, ContextEvent,
                          ContextLayer, RowProblem, _check_unique, context_event_from_record,
                          context_layer_from_bytes, context_layer_from_file,
                          context_layer_from_lines)
from events.exceptions import ContextFileError, ContextRowError, FileRefused
from events.files import contained_path, opened_regular_file
from events.limits import CONTEXT_FIELD_MAX_CHARS, CONTEXT_MAX_BYTES
from events.filtering import _QUOTE_MARKS

FORMAT_VERSION = "2"
TEXT_COLUMNS = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                "location", "source_scale", "notes")
# Repeated across rows: stored as dictionaries.
SHARED_COLUMNS = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                  "location", "source_scale")
SCHEMA = pa.schema([
    ("event_id", pa.string()), ("date", pa.date32()), ("time_precision", pa.int8()),
    *((name, pa.string()) for name in TEXT_COLUMNS if name != "notes"),
    ("lat", pa.float64()), ("lon", pa.float64()), ("geo_precision", pa.int8()),
    ("claimants", pa.list_(pa.string())), ("notes", pa.string()), ("fatalities", pa.int64()),
    ("haystack", pa.string()),
])
# On disk and read back, each repeated text is a dictionary: one copy of each value.
STORED_SCHEMA = pa.schema([
    pa.field(field.name, pa.dictionary(pa.int32(), pa.string())) if field.name in SHARED_COLUMNS
    else field for field in SCHEMA])
# Whitespace that Python's str.strip() removes and Arrow's ASCII trim does not: a field that
# would start or end with one after the ASCII trim is left to events.acled.
_OTHER_SPACE = ("[\\x1c-\\x1f\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
                "\\x{202f}\\x{205f}\\x{3000}]")
_PLAIN_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_PLAIN_DEGREES = "^-?[0-9]{1,3}(\\.[0-9]+)?$"
_PLAIN_COUNT = "^[0-9]{1,15}$"


@dataclass(frozen=True)
class StoredLayer:
    """The events of one or more exports as Arrow columns (:data:`SCHEMA`), and the rows left out."""

    table: pa.Table
    problems: tuple[RowProblem, ...]
    derived: Mapping[str, Any] = field(default_factory=dict)
    """What a reader computed from the columns once and keeps with them (plain JSON)."""


# ---------------------------------------------------------------- reading exports


def stored_layer_from_directory(directory: Path, cache_dir: Path | None = None,
                                derive: Callable[[pa.Table], Mapping[str, Any]] | None = None
                                ) -> StoredLayer:
    """Every ``*.csv`` export of ``directory`` in name order, as :func:`events.acled.
    context_layer_from_directory` reads them; from ``cache_dir`` when read before.
    ``derive(table)`` is kept with the columns as :attr:`StoredLayer.derived` (a change to
    what it computes needs a new :data:`FORMAT_VERSION`)."""
    paths = _exports(directory)
    if cache_dir is None:
        return _layer_from_files(paths)
    cached = stored_path(directory, cache_dir)
    stored = read_stored(cached)
    if stored is not None:
        return stored
    layer = _layer_from_files(paths)
    table = _stored_table(layer.table)
    return write_stored(StoredLayer(table, layer.problems, derive(table) if derive else {}), cached)


def stored_path(directory: Path, cache_dir: Path) -> Path:
    """Where the store keeps the layer of the directory's exports as they are now."""
    return cache_dir / f"context-{_content_key(_exports(directory))}.arrow"


def _exports(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix.lower() == CSV_SUFFIX)


def stored_layer_from_bytes(content: bytes, source: str) -> StoredLayer:
    """An uploaded export; ``source`` names it in messages. Never written to disk."""
    try:
        if len(content) > CONTEXT_MAX_BYTES:
            raise UnicodeDecodeError("utf-8", content, 0, 1, "too large")
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        context_layer_from_bytes(content, source)  # raises events.acled's message
        raise

    def whole(first_seen: dict[str, tuple[str, int]]) -> ContextLayer:
        return context_layer_from_lines(io.StringIO(text.lstrip("\ufeff"), newline=""), source,
                                        first_seen)
    return _layer_from_csv(lambda: pa.BufferReader(text.encode()),
                           io.StringIO(text.lstrip("\ufeff"), newline=""), source, _SeenIds(), whole)


def stored_layer_from_events(layer: ContextLayer) -> StoredLayer:
    """A layer read by :mod:`events.acled`, as columns."""
    return StoredLayer(_table_from_events(layer.events), layer.problems)


def _layer_from_files(paths: Sequence[Path]) -> StoredLayer:
    tables: list[pa.Table] = []
    problems: list[RowProblem] = []
    seen = _SeenIds()
    for path in paths:
        try:
            with _opened(path) as handle:
                header = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
                lines = list(itertools.islice(header, 1))
                header.detach().seek(0)
                layer = _layer_from_csv(functools.partial(_rewound, handle),
                                        lines, path.name, seen,
                                        functools.partial(context_layer_from_file, path))
        except (ContextFileError, UnicodeDecodeError) as error:
            if isinstance(error, UnicodeDecodeError):  # the header itself: acled says so
                error = _refusal(path)
            problems.append(RowProblem(error.source, 1, "", error.reason))
            continue
        tables.append(layer.table)
        problems += layer.problems
    # Kept in the blocks read: one copy of the columns, never a second one joined.
    table = pa.concat_tables(tables) if tables else SCHEMA.empty_table()
    return StoredLayer(table, tuple(problems))


def _rewound(handle: BinaryIO) -> pa.NativeFile:
    handle.seek(0)
    return pa.PythonFile(handle, mode="r")


# Rows are read a block at a time: what a load holds at once is its result and one block.
BLOCK_BYTES = 8 << 20


def _opened(path: Path) -> BinaryIO:
    """The export, as events.acled opens it: a regular file inside its directory, of a
    bounded size (:class:`ContextFileError` otherwise)."""
    try:
        return opened_regular_file(contained_path(path.parent, path.name, path.name),
                                   CONTEXT_MAX_BYTES, path.name)
    except FileRefused as error:
        raise ContextFileError(path.name, error.reason) from None


def _refusal(path: Path) -> ContextFileError:
    try:
        context_layer_from_file(path)
    except ContextFileError as error:
        return error
    raise AssertionError(f"{path.name}: events.acled reads the header this store could not")


class _NotPlainCsv(Exception):
    """A field longer than events.acled's csv reads, or a NUL byte: acled reads the file."""


def _layer_from_csv(open_source: Callable[[], pa.NativeFile], lines: Iterable[str], source: str,
                    seen: _SeenIds,
                    whole: Callable[[dict[str, tuple[str, int]]], ContextLayer]) -> StoredLayer:
    """Arrow's reading of one export (``lines`` give its header), or ``whole(first_seen)``
    (:mod:`events.acled`'s) when Arrow cannot split it into rows of the header's width."""
    header = next(csv.reader(lines), None)
    # A file without the columns needed is refused with events.acled's own message.
    context_layer_from_lines([",".join(_quoted(name) for name in header or ())], source)
    if header is None or len(set(header)) != len(header):
        return stored_layer_from_events(seen.read_by_acled(whole))
    mark = seen.mark()
    try:
        # Each block's ids are checked against the earlier blocks' only if the whole file's
        # turn out not to be all distinct (rare): then the file is read again, checking so.
        layer = _blocks_read(open_source(), header, source, seen, exact=False)
        if not seen.all_distinct():
            seen.back_to(mark)
            layer = _blocks_read(open_source(), header, source, seen, exact=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, _NotPlainCsv):
        seen.back_to(mark)
        return stored_layer_from_events(seen.read_by_acled(whole))
    return layer


def _blocks_read(stream: pa.NativeFile, header: Sequence[str], source: str, seen: _SeenIds,
                 exact: bool) -> StoredLayer:
    tables: list[pa.Table] = []
    problems: list[RowProblem] = []
    first_row = 2
    reader = pacsv.open_csv(
        stream, read_options=pacsv.ReadOptions(use_threads=True, block_size=BLOCK_BYTES),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False, quoted_strings_can_be_null=False))
    for batch in reader:
        layer = _layer_from_raw(pa.Table.from_batches([batch]), source, seen, first_row, exact)
        tables.append(layer.table)
        problems += layer.problems
        first_row += batch.num_rows
    table = pa.concat_tables(tables) if tables else SCHEMA.empty_table()
    return StoredLayer(table, tuple(problems))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _layer_from_raw(raw: pa.Table, source: str, seen: _SeenIds, first_row: int,
                    exact: bool = True) -> StoredLayer:
    """Rows of plain fields straight from the columns; the others through events.acled.
    ``first_row`` is the file's row number of the first (the header is row 1)."""
    for name in raw.column_names:
        if _beyond_csv(raw.column(name).combine_chunks()):
            raise _NotPlainCsv(name)
    column = {name: raw.column(name).combine_chunks() if name in raw.column_names
              else pa.array([""] * raw.num_rows, pa.string())
              for name in {*REQUIRED_COLUMNS, *TEXT_COLUMNS, "time_precision", "fatalities"}}
    problems = _id_problems(pc.utf8_trim_whitespace(column["event_id_cnty"]), source, seen,
                            first_row, exact)
    plain, fields = _plain_rows(column)
    table = _table_from_fields(fields).filter(plain)
    plain_rows = plain.to_numpy(zero_copy_only=False)
    slow: list[tuple[int, ContextEvent]] = []
    for row in np.flatnonzero(~plain_rows).tolist():
        if row in problems:
            continue
        record = {name: raw.column(name)[row].as_py() for name in raw.column_names}
        try:
            slow.append((row, context_event_from_record(record)))
        except ContextRowError as error:
            problems[row] = RowProblem(source, first_row + row,
                                       (record.get("event_id_cnty") or "").strip(), str(error))
    table = _merged(table, plain_rows, problems, slow)
    return StoredLayer(table, tuple(problems[row] for row in sorted(problems)))


def _beyond_csv(values: pa.Array) -> bool:
    """Whether a field is longer than events.acled's csv reads, or holds a NUL byte."""
    data, starts, ends = _utf8_of(values)
    limit = CONTEXT_FIELD_MAX_CHARS // 2
    # A field of no more bytes than the limit has no more characters: count them only if not.
    if len(ends) and int((ends - starts).max()) > limit \
            and (pc.max(pc.utf8_length(values)).as_py() or 0) > limit:
        return True
    return bool(len(ends) and not data[starts[0]:ends[-1]].all())


def _utf8_of(values: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A string array's bytes, and where each value starts and ends in them (no copies)."""
    _, offsets_buffer, data_buffer = values.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[values.offset:values.offset + len(values) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None \
        else np.zeros(0, dtype=np.uint8)
    return data, offsets[:-1], offsets[1:]


def _any_end_in(values: pa.Array, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Per value, whether its first byte is one of ``first`` (a table of 256 flags) or its last
    byte one of ``last``: a cheap test before a regular expression looks at the few that are."""
    data, starts, ends = _utf8_of(values)
    found = np.zeros(len(values), dtype=bool)
    filled = ends > starts
    found[filled] = first[data[starts[filled]]] | last[data[ends[filled] - 1]]
    return found


def _byte_table(*ranges: tuple[int, int]) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    for low, high in ranges:
        table[low:high + 1] = True
    return table


_ASCII_SPACE_BYTES = _byte_table((0x09, 0x0D), (0x20, 0x20))
# The first and last bytes, in UTF-8, of the characters of _OTHER_SPACE.
_OTHER_SPACE_FIRST = _byte_table((0x1C, 0x1F), (0xC2, 0xC2), (0xE1, 0xE3))
_OTHER_SPACE_LAST = _byte_table((0x1C, 0x1F), (0x80, 0x8A), (0x85, 0x85), (0x9F, 0x9F), (0xA0, 0xA0),
                                (0xA8, 0xA9), (0xAF, 0xAF))


class _SeenIds:
    """The event ids of the files read so far, each with its file and row (the first kept)."""

    def __init__(self) -> None:
        self._files: list[tuple[str, int, pa.Array] | dict[str, tuple[str, int]]] = []

    def add(self, source: str, first_row: int, ids: pa.Array) -> None:
        self._files.append((source, first_row, ids))

    def mark(self) -> int:
        return len(self._files)

    def back_to(self, mark: int) -> None:
        """Forget what was added since ``mark`` (a file then read another way)."""
        del self._files[mark:]

    def as_dict(self) -> dict[str, tuple[str, int]]:
        seen: dict[str, tuple[str, int]] = {}
        for entry in self._files:
            if isinstance(entry, dict):
                for event_id, where in entry.items():
                    seen.setdefault(event_id, where)
            else:
                source, first_row, ids = entry
                for row, event_id in enumerate(ids.to_pylist(), start=first_row):
                    seen.setdefault(event_id, (source, row))
        return seen

    def read_by_acled(self, read: Callable[[dict[str, tuple[str, int]]], ContextLayer]) -> ContextLayer:
        """``read(first_seen)``, then the ids it registered join those seen."""
        seen = self.as_dict()
        before = set(seen)
        layer = read(seen)
        self._files.append({k: v for k, v in seen.items() if k not in before})
        return layer

    def all_distinct(self) -> bool:
        """Whether no id was seen twice (an empty id counts as one)."""
        ids = pa.chunked_array([pa.array(list(entry), pa.string()) if isinstance(entry, dict)
                                else entry[2] for entry in self._files], pa.string())
        return bool(pc.count_distinct(ids).as_py() == len(ids))

    def any_of(self, ids: pa.Array) -> bool:
        for entry in self._files:
            earlier = pa.array(list(entry), pa.string()) if isinstance(entry, dict) else entry[2]
            if pc.any(pc.is_in(ids, value_set=earlier)).as_py():
                return True
        return False


def _id_problems(ids: pa.Array, source: str, seen: _SeenIds, first_row: int,
                 exact: bool) -> dict[int, RowProblem]:
    """Rows whose event id is empty or seen before, by :mod:`events.acled`'s rule; unless
    ``exact``, ids of earlier blocks are not looked at when this block's are distinct."""
    if (pc.count_distinct(ids).as_py() == len(ids) and not pc.any(pc.equal(ids, "")).as_py()
            and not (exact and seen.any_of(ids))):
        seen.add(source, first_row, ids)
        return {}
    first_seen = seen.as_dict()
    problems: dict[int, RowProblem] = {}
    for row, event_id in enumerate(ids.to_pylist()):
        try:
            _check_unique(event_id, (source, first_row + row), first_seen)
        except ContextRowError as error:
            problems[row] = RowProblem(source, first_row + row, event_id, str(error))
    seen.add(source, first_row, ids)
    return problems


def _merged(table: pa.Table, plain: np.ndarray, problems: dict[int, RowProblem],
            slow: Sequence[tuple[int, ContextEvent]]) -> pa.Table:
    """The plain rows that are not problems, and the rows acled read, in file order."""
    positions = np.flatnonzero(plain)
    if problems:
        keep = ~np.isin(positions, np.fromiter(problems, dtype=np.int64))
        table, positions = table.filter(pa.array(keep)), positions[keep]
    if not slow:
        return table.combine_chunks()
    table = pa.concat_tables([table, _table_from_events([event for _, event in slow])])
    positions = np.concatenate([positions, np.array([row for row, _ in slow], dtype=np.int64)])
    return table.take(pa.array(np.argsort(positions, kind="stable"))).combine_chunks()


def _plain_rows(column: dict[str, pa.Array]) -> tuple[pa.Array, dict[str, pa.Array]]:
    """Which rows have every field in a plain form, and the fields read from those."""
    trimmed = {name: _trimmed(values) for name, values in column.items()}
    plain = pc.and_(pc.not_equal(trimmed["event_id_cnty"], ""), pc.not_equal(trimmed["event_type"], ""))
    for name in ("event_id_cnty", "source", *TEXT_COLUMNS):
        plain = pc.and_(plain, pc.invert(_odd_ends(trimmed[name])))
    dates = _plain_dates(trimmed["event_date"])
    lat = _plain_degrees(trimmed["latitude"], 90)
    lon = _plain_degrees(trimmed["longitude"], 180)
    nowhere = pc.and_(pc.equal(pc.fill_null(lat, 1.0), 0.0), pc.equal(pc.fill_null(lon, 1.0), 0.0))
    geo = _plain_code(trimmed["geo_precision"], None)
    time_precision = _plain_code(trimmed["time_precision"], 1)
    fatalities = _plain_count(trimmed["fatalities"])
    claimants = _claimants(trimmed["source"])
    for values in (dates, lat, lon, geo, time_precision, fatalities):
        plain = pc.and_(plain, pc.is_valid(values))
    plain = pc.and_(plain, pc.invert(nowhere))
    plain = pc.and_(plain, pc.greater(pc.list_value_length(claimants), 0))
    plain = pc.fill_null(plain, False)
    fields = {"event_id": trimmed["event_id_cnty"], "date": dates,
              "time_precision": time_precision, "lat": lat, "lon": lon, "geo_precision": geo,
              "claimants": claimants, "fatalities": fatalities,
              **{name: trimmed[name] for name in TEXT_COLUMNS}}
    return plain, fields


def _trimmed(values: pa.Array) -> pa.Array:
    """The values without surrounding ASCII spaces; the same array when none has any (a
    copy of every column of half a million rows would double the memory of a load)."""
    if not _any_end_in(values, _ASCII_SPACE_BYTES, _ASCII_SPACE_BYTES).any():
        return values
    return pc.ascii_trim_whitespace(values)


def _odd_ends(values: pa.Array) -> pa.Array:
    """Whether each value starts or ends with whitespace that only Python's strip removes."""
    odd = _any_end_in(values, _OTHER_SPACE_FIRST, _OTHER_SPACE_LAST)
    rows = np.flatnonzero(odd)
    if len(rows):
        odd[rows] = pc.match_substring_regex(values.take(pa.array(rows)),
                                             f"^{_OTHER_SPACE}|{_OTHER_SPACE}$").to_numpy(zero_copy_only=False)
    return pa.array(odd)


def _plain_dates(values: pa.Array) -> pa.Array:
    iso = pc.if_else(pc.match_substring_regex(values, _PLAIN_DATE), values,
                     pa.scalar(None, pa.string()))
    parsed = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
    # Arrow rolls 2016-02-30 over to 1 March; Python refuses it: keep only the same day.
    same = pc.equal(pc.day(parsed), pc.cast(pc.utf8_slice_codeunits(iso, 8, 10), pa.int64()))
    days = pc.cast(parsed, pa.date32())
    inside = pc.and_(pc.greater_equal(days, pa.scalar(EARLIEST_DATE, pa.date32())),
                     pc.less_equal(days, pa.scalar(LATEST_DATE, pa.date32())))
    return pc.if_else(pc.and_(same, inside), days, pa.scalar(None, pa.date32()))


def _plain_degrees(values: pa.Array, limit: int) -> pa.Array:
    plain = pc.match_substring_regex(values, _PLAIN_DEGREES)
    numbers = pc.cast(pc.if_else(plain, values, pa.scalar(None, pa.string())), pa.float64())
    inside = pc.and_(pc.greater_equal(numbers, -limit), pc.less_equal(numbers, limit))
    return pc.if_else(inside, numbers, pa.scalar(None, pa.float64()))


def _plain_code(values: pa.Array, default: int | None) -> pa.Array:
    known = pc.is_in(values, pa.array(["1", "2", "3"]))
    codes = pc.cast(pc.if_else(known, values, pa.scalar(None, pa.string())), pa.int8())
    if default is None:
        return codes
    return pc.if_else(pc.equal(values, ""), pa.scalar(default, pa.int8()), codes)


def _plain_count(values: pa.Array) -> pa.Array:
    plain = pc.match_substring_regex(values, _PLAIN_COUNT)
    counts = pc.cast(pc.if_else(plain, values, pa.scalar(None, pa.string())), pa.int64())
    return pc.if_else(pc.equal(values, ""), pa.scalar(0, pa.int64()), counts)


def _claimants(values: pa.Array) -> pa.Array:
    """Each source's names, split at ``;`` and trimmed, empty names dropped."""
    parts = pc.split_pattern(values, ";")
    names = pc.ascii_trim_whitespace(pc.list_flatten(parts))
    odd = pc.match_substring_regex(names, f"^{_OTHER_SPACE}|{_OTHER_SPACE}$")
    parents = pc.list_parent_indices(parts)
    kept = pc.and_(pc.not_equal(names, ""), pc.invert(odd))
    # A row with an odd name is left to events.acled: give it no names here.
    odd_rows = pc.unique(parents.filter(odd))
    rebuilt = _lists(names.filter(kept), parents.filter(kept), len(values))
    return pc.if_else(pc.is_in(pa.array(range(len(values)), pa.int64()),
                               odd_rows.cast(pa.int64())),
                      pa.scalar([], pa.list_(pa.string())), rebuilt)


def _lists(values: pa.Array, parents: pa.Array, length: int) -> pa.Array:
    counts = np.bincount(parents.to_numpy(zero_copy_only=False), minlength=length)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def _table_from_fields(fields: dict[str, pa.Array]) -> pa.Table:
    return _table(fields)


def _table_from_events(events: Sequence[ContextEvent]) -> pa.Table:
    columns: dict[str, pa.Array] = {
        "event_id": pa.array([e.event_id for e in events], pa.string()),
        "date": pa.array([e.date for e in events], pa.date32()),
        "time_precision": pa.array([e.time_precision for e in events], pa.int8()),
        **{name: pa.array([getattr(e, name) for e in events], pa.string())
           for name in TEXT_COLUMNS},
        "lat": pa.array([e.lat for e in events], pa.float64()),
        "lon": pa.array([e.lon for e in events], pa.float64()),
        "geo_precision": pa.array([e.geo_precision for e in events], pa.int8()),
        "claimants": pa.array([list(e.claimants) for e in events], pa.list_(pa.string())),
        "fatalities": pa.array([e.fatalities for e in events], pa.int64()),
    }
    return _table(columns)


def _table(columns: dict[str, pa.Array]) -> pa.Table:
    """The columns in :data:`SCHEMA`'s order, with each row's search haystack."""
    every = {**columns, "haystack": _haystacks(columns)}
    return pa.table([every[name] for name in SCHEMA.names], schema=SCHEMA)


def _haystacks(columns: dict[str, pa.Array]) -> pa.Array:
    """What a search looks in, folded as :func:`events.filtering._terms` folds its terms:
    the place, region, country, actors, types, sources and notes, case-folded, a space
    between fields. A term holds no whitespace, so it is found here exactly where it is
    found in one of the fields: which whitespace parts words does not matter.

    Rows written only in characters whose folding Arrow and Python agree on (:data:`_FOLDS`)
    are folded by Arrow; the others by Python, as the search folds its terms.
    """
    parts = [columns[name] for name in ("location", "admin1", "country", "actor1", "actor2",
                                        "event_type", "sub_event_type")]
    parts += [pc.binary_join(columns["claimants"], " "), columns["notes"]]
    joined = pc.binary_join_element_wise(*parts, " ", null_handling="replace")
    others = pc.match_substring_regex(joined, _FOLDS.others)
    folded = pc.utf8_lower(joined)
    rows = pc.indices_nonzero(others)
    if len(rows) == 0:
        return folded
    exact = pa.array([_quote_folded(text).casefold() for text in joined.take(rows).to_pylist()],
                     pa.string())
    return pc.replace_with_mask(folded, others, exact)


_QUOTE_PAIRS = tuple((chr(code), plain) for code, plain in _QUOTE_MARKS.items())


def _quote_folded(text: str) -> str:
    for mark, plain in _QUOTE_PAIRS:
        text = text.replace(mark, plain)
    return text


@dataclass(frozen=True)
class _Folding:
    others: str
    """A regular expression for a character Arrow's lower-casing folds otherwise than the
    search's folding (``casefold``, quote marks made plain)."""


def _folding() -> _Folding:
    """The characters of ASCII and of the Latin, combining-mark and Arabic blocks that Arrow
    folds as the search does: every other character sends its row to Python."""
    blocks = [(0x09, 0x0D), (0x20, 0x24F), (0x300, 0x36F), (0x600, 0x6FF), (0x1E00, 0x1EFF)]
    chars = [chr(c) for low, high in blocks for c in range(low, high + 1)]
    arrow = pc.utf8_lower(pa.array(chars)).to_pylist()
    agree = [c for c, lower in zip(chars, arrow, strict=True) if lower == _quote_folded(c).casefold()]
    members = "".join(f"\\x{{{ord(c):x}}}" for c in agree)
    return _Folding(others=f"[^{members}]")


_FOLDS = _folding()


# ---------------------------------------------------------------- the file on disk


def _content_key(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"context-store {FORMAT_VERSION}\n".encode())
    for path in paths:
        digest.update(f"{path.name}\n".encode())
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def write_stored(layer: StoredLayer, path: Path) -> StoredLayer:
    """Write ``layer`` to ``path`` and its checksum beside it, each atomically (a crash
    leaves no half file, and a data file without its checksum is never read); returns the
    layer with its columns as stored."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = _stored_table(layer.table)
    with _replaced(path) as temporary:
        with pa.OSFile(str(temporary), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        size, checksum = _file_checksum(temporary)
    problems = [[p.source, p.row, p.event_id, p.reason] for p in layer.problems]
    with _replaced(_meta_path(path)) as temporary:
        temporary.write_text(json.dumps({"version": FORMAT_VERSION, "rows": table.num_rows,
                                         "bytes": size, "crc32": checksum, "problems": problems,
                                         "derived": layer.derived}), encoding="utf-8")
    return StoredLayer(table, layer.problems, layer.derived)


def read_stored(path: Path) -> StoredLayer | None:
    """The layer written to ``path``, or None if there is none or it cannot be read back
    whole: its checksum, size, schema and row count must all be those written.

    The file is read in one piece and its columns are views into that memory: nothing is
    parsed or copied per row. (Not memory-mapped: a file cut short under a mapping would
    kill the server at the first read of a missing page.)"""
    try:
        meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
        if meta["version"] != FORMAT_VERSION:
            return None
        with pa.OSFile(str(path)) as source:
            content = source.read_buffer()
        if content.size != meta["bytes"] or zlib.crc32(content) != meta["crc32"]:
            return None
        table = ipc.open_file(content).read_all()
        if table.schema != STORED_SCHEMA or table.num_rows != meta["rows"]:
            return None
        table.validate()
        problems = tuple(RowProblem(str(s), int(r), str(i), str(m)) for s, r, i, m in meta["problems"])
        derived = dict(meta["derived"])
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return None
    return StoredLayer(table, problems, derived)


def _file_checksum(path: Path) -> tuple[int, int]:
    """The file's size and CRC-32, read a block at a time (not held whole beside the layer)."""
    size, checksum = 0, 0
    with path.open("rb") as handle:
        while block := handle.read(BLOCK_BYTES):
            size, checksum = size + len(block), zlib.crc32(block, checksum)
    return size, checksum


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def _stored_table(table: pa.Table) -> pa.Table:
    """The columns as stored: each repeated text a dictionary, one copy of each value."""
    stored = table.cast(STORED_SCHEMA) if table.schema != STORED_SCHEMA else table
    return stored.unify_dictionaries()


@contextlib.contextmanager
def _replaced(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that becomes ``path`` when the block ends without error."""
    handle, name = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
