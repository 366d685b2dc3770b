"""Hostile ACLED-format files: each is a file or row problem, and the other files still load."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from events import acled
from events.acled import context_layer_from_bytes, context_layer_from_directory
from events.context import context_index, context_view
from events.exceptions import ContextFileError
from events.filtering import EventFilter
from tests.events.test_acled import HEADER, TADMUR, _with

GOOD_FILE = f"{HEADER}\n{_with(event_id_cnty='SYR2')}\n"


def _directory_with(tmp_path: Path, name: str, content: bytes) -> list[str]:
    """Load a directory of one good export and ``name``; the problems, the good rows checked."""
    (tmp_path / "b-good.csv").write_text(GOOD_FILE, encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    layer = context_layer_from_directory(tmp_path)
    assert "SYR2" in [event.event_id for event in layer.events]
    return [problem.message for problem in layer.problems]


def test_a_field_over_131072_characters_keeps_the_rows_before_it(tmp_path: Path) -> None:
    long_note = _with(event_id_cnty="SYR3", notes="x" * 131_073)
    content = f"{HEADER}\n{TADMUR}\n{long_note}\n{_with(event_id_cnty='SYR4')}\n".encode()
    assert _directory_with(tmp_path, "a-long.csv", content) == [
        "a-long.csv: row 3: a field is longer than 131,072 characters; this row and the rest of the file are not read"
    ]
    assert [e.event_id for e in context_layer_from_directory(tmp_path).events] == ["SYR1001", "SYR2"]


def test_year_one_with_a_week_s_precision_is_a_row_problem(tmp_path: Path) -> None:
    content = f"{HEADER}\n{_with(event_date='0001-01-01', time_precision='2')}\n".encode()
    assert _directory_with(tmp_path, "a-old.csv", content) == [
        "a-old.csv: row 2 (SYR1001): event_date '0001-01-01' is outside 1900-01-01..2100-12-31"
    ]
    index = context_index(context_layer_from_directory(tmp_path))
    assert index.ids(context_view(index, EventFilter()).rows) == ["SYR2"]


def _zip_of(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.csv", text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param((GOOD_FILE.replace("SYR2", "SYR5")).encode("utf-16"), "not UTF-8 text", id="utf-16"),
        pytest.param(_zip_of(GOOD_FILE * 50), "not UTF-8 text", id="zip"),
    ],
)
def test_a_file_that_is_not_utf8_csv_is_a_file_problem(tmp_path: Path, content: bytes, reason: str) -> None:
    assert _directory_with(tmp_path, "a-odd.csv", content) == [
        f"a-odd.csv: row 1: {reason}; export or save it as UTF-8 CSV"
    ]


def test_a_column_named_twice_is_a_file_problem(tmp_path: Path) -> None:
    header = HEADER + ",latitude"
    content = f"{header}\n{TADMUR},0.0\n".encode()
    assert _directory_with(tmp_path, "a-twice.csv", content) == [
        "a-twice.csv: row 1: the header names column(s) 'latitude' (2 times); keep one of each"
    ]


def test_a_fifo_or_a_link_to_dev_zero_is_a_file_problem_never_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-fifo.csv")
    (tmp_path / "c-zero.csv").symlink_to("/dev/zero")
    assert _directory_with(tmp_path, "a-fifo.csv.bak", b"") == [
        "a-fifo.csv: row 1: is not a regular file (a FIFO); only regular files are read",
        "c-zero.csv: row 1: is outside the data directory",
    ]


def test_an_upload_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acled, "CONTEXT_MAX_BYTES", 1000)
    with pytest.raises(ContextFileError, match=r"^big\.csv: is larger than the limit of 1000 bytes$"):
        context_layer_from_bytes(b"x" * 1001, "big.csv")


def test_a_file_over_the_size_limit_is_a_file_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acled, "CONTEXT_MAX_BYTES", 1000)
    assert _directory_with(tmp_path, "a-big.csv", ((HEADER + "\n" + TADMUR + "\n") * 10).encode()) == [
        "a-big.csv: row 1: is larger than the limit of 1000 bytes"
    ]


def test_a_long_value_is_quoted_as_an_excerpt() -> None:
    layer = context_layer_from_bytes(f"{HEADER}\n{_with(latitude='9' * 10_000)}\n".encode(), "x.csv")
    assert [p.message for p in layer.problems] == [
        "x.csv: row 2 (SYR1001): latitude '" + "9" * 60 + "'... (10,000 characters) is outside -90..90"
    ]
