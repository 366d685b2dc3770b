"""The context layer's store: the same events and problems as events.acled reads, kept on
disk by content, never read back when stale or damaged."""

from __future__ import annotations

from pathlib import Path

import json
import zlib

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from events.acled import context_layer_from_directory, context_layer_from_text
from events.contextstore import (StoredLayer, read_stored, stored_layer_from_bytes,
                                 stored_layer_from_directory, stored_layer_from_events)
from events.exceptions import ContextFileError

HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
          "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities")
PLAIN = ("SYR1,2016-05-02,1,Battles,Armed clash,Military Forces of Syria (2000-),"
         "Islamic State (Syria),Syria,Homs,Tadmur,34.5608,38.2805,1,SANA; SOHR,Clashes.,3")
# Rows whose fields are not in the plain form the columns take at once: each is read by
# events.acled's own rules, which accept it or name its problem.
ODD_ROWS = (
    "SYR2,02 May 2016,,Battles,,,,Syria,Homs,Tadmur, 34.5608 ,38.2805,2,SANA,,",
    "SYR3,2016-02-30,1,Battles,,,,Syria,Homs,Tadmur,34.5,38.2,1,SANA,,0",  # no 30 February
    "SYR1,2016-05-03,1,Battles,,,,Syria,Homs,Tadmur,34.5,38.2,1,SANA,,0",  # repeats SYR1
    ",2016-05-03,1,Battles,,,,Syria,Homs,Tadmur,34.5,38.2,1,SANA,,0",
    "SYR4,2016-05-03,1,Battles,,,,Syria,Homs,Tadmur,0,0,1,SANA,,0",
    "SYR5,2016-05-03,1,Battles,,,,Syria,Homs,Tadmur,1e1,38.2,1,SANA,,\u0663",  # Arabic digit 3
    "SYR6,2016-05-03,7,Battles,,,,Syria,Homs,Tadmur,91,38.2,4,; ;,,x",
    "SYR7,2016-05-03,1,,,,,Syria,Homs,Tadmur,34,38.2,1,\x1fSANA,,1",
    'SYR8,2016-05-03,1,Battles,,,,Syria,Homs,Tadmur,34,38.2,3,"SANA\nStep Agency",,1',
    "SYR9,20160503,1,Battles,,,,Syria,Homs,Tadmur,34,38.2,1,SANA,,1",
    # Text a search folds differently in Arrow and Python: the sharp s, dotted capital I,
    # typographic quotes, no-break and em spaces.
    "SYR10,2016-05-03,1,Battles,,,,Syria,Homs,\u1e28amah,34,38.2,1,SANA,"
    "Stra\u00dfe \u0130dlib \u2019quoted\u201d a\u00a0b c\u2003d \u03a3\u0391\u03a3,1",
    # Fields that start or end with whitespace Python's strip removes and Arrow's ASCII trim does not.
    "SYR11,2016-05-03,1,Battles,,,,Syria,Homs\u3000,Tadmur,34,38.2,1,\u0085SANA,note\u2003,1",
    "SYR12,2016-05-03,1,Battles,,,,Syria,\u00a0Homs,Tadmur\u202f,34,38.2,1,SANA,\u1680note,1",
)


def _write(directory: Path, name: str, *rows: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return directory


def _as_acled_reads(directory: Path) -> StoredLayer:
    return stored_layer_from_events(context_layer_from_directory(directory))


@pytest.mark.parametrize("rows", [
    (PLAIN,), (PLAIN, *ODD_ROWS),
    # A row of another width: the whole file is read by events.acled.
    (PLAIN, "SYR2,2016-05-02,1,Battles,,,,Syria,Homs,Tadmur,34.5,38.2,1,SANA,,0,extra"),
])
def test_the_store_reads_the_events_and_problems_events_acled_reads(tmp_path: Path,
                                                                    rows: tuple[str, ...]) -> None:
    # Two files: an id of the second that the first holds is a problem of the second.
    directory = _write(tmp_path, "a.csv", *rows)
    _write(directory, "b.csv", *rows)
    stored = stored_layer_from_directory(directory)
    expected = _as_acled_reads(directory)
    assert stored.table.to_pylist() == expected.table.to_pylist()
    assert stored.problems == expected.problems


def test_an_upload_reads_as_the_file_would(tmp_path: Path) -> None:
    text = "\ufeff" + "\n".join((HEADER, PLAIN, *ODD_ROWS))
    stored = stored_layer_from_bytes(text.encode(), "upload.csv")
    expected = stored_layer_from_events(context_layer_from_text(text, "upload.csv"))
    assert (stored.table.to_pylist(), stored.problems) == (expected.table.to_pylist(), expected.problems)
    with pytest.raises(ContextFileError, match=r"^upload\.csv: not UTF-8 text \(byte 0xff at offset 0\)"):
        stored_layer_from_bytes(b"\xff" + text.encode(), "upload.csv")


def _stored_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("context-*.arrow"))


def test_a_restart_reads_the_stored_form_until_the_export_changes(tmp_path: Path) -> None:
    directory, cache = _write(tmp_path / "data", "a.csv", PLAIN, ODD_ROWS[0]), tmp_path / "cache"
    first = stored_layer_from_directory(directory, cache)
    (stored,) = _stored_files(cache)
    back = read_stored(stored)
    assert back is not None and back.table.to_pylist() == first.table.to_pylist()
    again = stored_layer_from_directory(directory, cache)
    assert (again.table.to_pylist(), again.problems) == (first.table.to_pylist(), first.problems)
    assert _stored_files(cache) == [stored]
    # A changed export is another content: read anew, never the stale form.
    _write(directory, "a.csv", PLAIN.replace("Clashes.", "Clashes east of the town."))
    changed = stored_layer_from_directory(directory, cache)
    assert changed.table.column("notes").to_pylist() == ["Clashes east of the town."]
    assert len(_stored_files(cache)) == 2


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data[:200] + bytes(b ^ 0xFF for b in data[200:260]) + data[260:],  # bytes flipped
    lambda data: data[:-300] + bytes([data[-300] ^ 0x01]) + data[-299:],  # one bit in a column
    lambda data: b"",
    lambda data: b"ARROW1 not an arrow file ARROW1",
])
def test_a_damaged_stored_form_is_never_read_and_is_rebuilt(tmp_path: Path, damage: object) -> None:
    directory, cache = _write(tmp_path / "data", "a.csv", PLAIN), tmp_path / "cache"
    first = stored_layer_from_directory(directory, cache)
    (stored,) = _stored_files(cache)
    stored.write_bytes(damage(stored.read_bytes()))  # type: ignore[operator]
    assert read_stored(stored) is None
    rebuilt = stored_layer_from_directory(directory, cache)
    assert rebuilt.table.to_pylist() == first.table.to_pylist()
    assert read_stored(stored) is not None


def test_a_stored_form_without_its_checksum_is_not_read(tmp_path: Path) -> None:
    directory, cache = _write(tmp_path / "data", "a.csv", PLAIN), tmp_path / "cache"
    stored_layer_from_directory(directory, cache)
    (stored,) = _stored_files(cache)
    stored.with_suffix(".json").unlink()
    assert read_stored(stored) is None


def test_a_stored_form_of_another_schema_is_not_read(tmp_path: Path) -> None:
    directory, cache = _write(tmp_path / "data", "a.csv", PLAIN), tmp_path / "cache"
    first = stored_layer_from_directory(directory, cache)
    (stored,) = _stored_files(cache)
    table = ipc.open_file(pa.py_buffer(stored.read_bytes())).read_all().drop_columns(["haystack"])
    with ipc.new_file(str(stored), table.schema) as writer:
        writer.write_table(table)
    # A checksum that matches: only the schema tells this file apart.
    meta_path = stored.with_suffix(".json")
    meta = json.loads(meta_path.read_text())
    content = stored.read_bytes()
    meta_path.write_text(json.dumps({**meta, "bytes": len(content), "crc32": zlib.crc32(content)}))
    assert read_stored(stored) is None
    assert stored_layer_from_directory(directory, cache).table.to_pylist() == first.table.to_pylist()


def test_an_export_read_a_block_at_a_time_numbers_rows_and_finds_repeats_across_blocks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import events.contextstore
    monkeypatch.setattr(events.contextstore, "BLOCK_BYTES", 512)
    rows = [PLAIN.replace("SYR1,", f"SYR{n}00,") for n in range(1, 30)]
    directory = _write(tmp_path, "a.csv", PLAIN, *rows, *ODD_ROWS, *rows[:3])
    stored = stored_layer_from_directory(directory)
    expected = _as_acled_reads(directory)
    assert stored.table.to_pylist() == expected.table.to_pylist()
    assert stored.problems == expected.problems
    assert [p.row for p in stored.problems][-3:] == [45, 46, 47]


@pytest.mark.parametrize("rows", [
    # A field longer than events.acled's csv reads: acled keeps the rows before it and names
    # the row where the file stopped. A NUL byte is read as acled's csv reads it.
    (PLAIN, PLAIN.replace("SYR1,", "SYR2,").replace("Clashes.", "x" * 140_000), PLAIN.replace("SYR1,", "SYR3,")),
    (PLAIN, PLAIN.replace("SYR1,", "SYR2,").replace("Clashes.", "a\x00b")),
    # A date outside 1900..2100 is a typing error.
    (PLAIN, PLAIN.replace("SYR1,2016-05-02", "SYR2,0016-05-02")),
])
def test_rows_past_events_acled_limits_are_what_acled_makes_of_them(tmp_path: Path,
                                                                    rows: tuple[str, ...]) -> None:
    directory = _write(tmp_path, "a.csv", *rows)
    stored = stored_layer_from_directory(directory)
    expected = _as_acled_reads(directory)
    assert stored.table.to_pylist() == expected.table.to_pylist()
    assert stored.problems == expected.problems


def test_a_file_outside_its_directory_is_refused_as_events_acled_refuses_it(tmp_path: Path) -> None:
    outside = _write(tmp_path / "elsewhere", "real.csv", PLAIN)
    directory = _write(tmp_path / "data", "a.csv", PLAIN.replace("SYR1,", "SYR9,"))
    (directory / "b.csv").symlink_to(outside / "real.csv")
    stored = stored_layer_from_directory(directory)
    expected = _as_acled_reads(directory)
    assert stored.table.to_pylist() == expected.table.to_pylist()
    assert stored.problems == expected.problems and len(stored.problems) == 1
