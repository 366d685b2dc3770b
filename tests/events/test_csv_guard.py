"""CSV exports never hand a spreadsheet a formula, whatever line break or separator a cell holds.

Each export is parsed back with Python's csv module (one record per event, every text as
written apart from the guard's apostrophes), and read as a careless importer would: split
at every line break and at every comma, semicolon or tab, ignoring quotes. No piece may
start a formula.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from events import exports, mapview
from events.__main__ import main
from tests.fixtures.hostile import EVENT_IDS, FORMULAS, write_hostile_dossier

TEXT_COLUMNS = ("title", "notes", "actor1", "claimants", "accused", "quotes", "article_title", "publisher")
FORMULA = re.compile(r"^ *[=+\-@]|^[\t\r]")


def _app_csv(directory: Path) -> str:
    atlas = mapview.atlas_from_directory(directory)
    (export,) = [e for e in exports.EXPORTS if e.label == "CSV"]
    return export.build(atlas, mapview.view_of(atlas, atlas.filter_from_query({})[0]))


def _cli_csv(directory: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--format", "csv", "--data", str(directory)]) == 0
    return capsys.readouterr().out


def _unguarded(cell: str) -> str:
    """The cell as written before the guard: an apostrophe before each formula start removed."""
    return re.sub(r"(?:^|(?<=[\r\n,;\t]))( *)'(?=[=+\-@])|^'(?=[\t\r])", r"\1", cell)


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("made_by", ["app", "command line"])
def test_no_cell_or_piece_of_a_cell_starts_a_formula(
    formula: str, made_by: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_hostile_dossier(tmp_path, formula)
    text = _app_csv(directory) if made_by == "app" else _cli_csv(directory, capsys)
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 1 + len(EVENT_IDS)
    rows = [dict(zip(records[0], record, strict=True)) for record in records[1:]]
    assert [row["event_id_cnty"] for row in rows] == list(EVENT_IDS)
    for row in rows:
        assert [_unguarded(row[column]) for column in TEXT_COLUMNS] == [formula] * len(TEXT_COLUMNS)
        assert [cell for cell in row.values() if FORMULA.search(cell)] == []
    pieces = re.split(r"\r\n|[\r\n,;\t]", text)
    assert [piece for piece in pieces if re.match(r"^\"? *[=+@]|^\"? *-(?![\d.]+$)", piece)] == []


def test_a_carriage_return_inside_a_cell_is_quoted(tmp_path: Path) -> None:
    text = _app_csv(write_hostile_dossier(tmp_path, "x\r=cmd"))
    assert '"x\r\'=cmd"' in text
