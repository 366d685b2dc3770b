"""ACLED-format exports: good rows load as context events, bad rows say why, by row."""

import csv
import datetime
import io
from pathlib import Path

import pytest

from events.acled import (ContextEvent, context_layer_from_bytes, context_layer_from_directory,
                          context_layer_from_text)
from events.exceptions import ContextFileError
from events.sourcing import Evidence, EventType, Verification
from geo.place import Precision
from tests.fixtures.hostile import HOSTILE

HEADER = ("event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,"
          "actor2,country,admin1,location,latitude,longitude,geo_precision,source,"
          "source_scale,notes,fatalities")
TADMUR = ("SYR1001,2016-05-02,2016,1,Battles,Armed clash,Military Forces of Syria (2000-),"
          "Islamic State (Syria),Syria,Homs,Tadmur,34.5608,38.2805,1,"
          "Syrian Observatory for Human Rights; SANA,Other-National,"
          "\"Clashes west of the town, near the airport.\",12")


def _layer(*rows: str) -> tuple[list[ContextEvent], list[str]]:
    layer = context_layer_from_text("\n".join((HEADER, *rows)) + "\n", source="syria.csv")
    return list(layer.events), [problem.message for problem in layer.problems]


def _with(**changes: str) -> str:
    """The Tadmur row with some fields replaced."""
    names = HEADER.split(",")
    values = ["SYR1001", "2016-05-02", "2016", "1", "Battles", "Armed clash",
              "Military Forces of Syria (2000-)", "Islamic State (Syria)", "Syria", "Homs",
              "Tadmur", "34.5608", "38.2805", "1", "SOHR", "Other-National", "note", "12"]
    for name, value in changes.items():
        values[names.index(name)] = value
    return ",".join(values)


def test_a_good_row_keeps_every_field_its_source_gave() -> None:
    events, problems = _layer(TADMUR)
    assert problems == []
    assert events == [ContextEvent(
        event_id="SYR1001", date=datetime.date(2016, 5, 2), time_precision=1,
        event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-)", actor2="Islamic State (Syria)",
        country="Syria", admin1="Homs", location="Tadmur", lat=34.5608, lon=38.2805,
        geo_precision=1, claimants=("Syrian Observatory for Human Rights", "SANA"),
        source_scale="Other-National", notes="Clashes west of the town, near the airport.",
        fatalities=12)]
    assert (events[0].evidence, events[0].verification) == (Evidence.NEWS_REPORT,
                                                            Verification.REPORTED)


@pytest.mark.parametrize(("geo_precision", "precision", "near"), [
    ("1", Precision.CITY, False),
    ("2", Precision.CITY, True),
    ("3", Precision.REGION, False),
])
def test_geo_precision_maps_onto_ours(geo_precision: str, precision: Precision,
                                      near: bool) -> None:
    (event,), _ = _layer(_with(geo_precision=geo_precision))
    assert (event.precision, event.near, event.precision.is_point) == (
        precision, near, precision is Precision.CITY)


@pytest.mark.parametrize(("raw", "date"), [
    ("2016-05-02", datetime.date(2016, 5, 2)),
    ("02 May 2016", datetime.date(2016, 5, 2)),
    ("02-05-2016", datetime.date(2016, 5, 2)),
])
def test_the_date_formats_of_old_and_new_exports_are_read(raw: str, date: datetime.date) -> None:
    (event,), _ = _layer(_with(event_date=raw))
    assert event.date == date


@pytest.mark.parametrize(("row", "message"), [
    (_with(event_date="2016-13-02"),
     "syria.csv: row 2 (SYR1001): event_date '2016-13-02' is not a date "
     "(YYYY-MM-DD, '02 May 2016' or DD-MM-YYYY)"),
    (_with(event_date=""), "syria.csv: row 2 (SYR1001): event_date is empty"),
    (_with(latitude="34,56"), "syria.csv: row 2 (SYR1001): has 19 fields where the header has "
     "18 (a comma in an unquoted value?)"),
    ("SYR1001,2016-05-02,2016", "syria.csv: row 2 (SYR1001): has 3 fields where the header "
     "has 18 (a line cut short?)"),
    (_with(latitude="north"), "syria.csv: row 2 (SYR1001): latitude 'north' is not a number"),
    (_with(longitude="238.28"), "syria.csv: row 2 (SYR1001): longitude '238.28' is outside "
     "-180..180"),
    (_with(latitude="nan"), "syria.csv: row 2 (SYR1001): latitude 'nan' is outside -90..90"),
    (_with(latitude="0", longitude="0"),
     "syria.csv: row 2 (SYR1001): latitude/longitude 0, 0 is not a place (coordinates missing?)"),
    (_with(geo_precision="4"), "syria.csv: row 2 (SYR1001): geo_precision '4' is not one of "
     "1 (a town), 2 (near a town), 3 (a larger region)"),
    (_with(geo_precision=""), "syria.csv: row 2 (SYR1001): geo_precision '' is not one of "
     "1 (a town), 2 (near a town), 3 (a larger region)"),
    (_with(time_precision="0"), "syria.csv: row 2 (SYR1001): time_precision '0' is not one of "
     "1 (the day), 2 (the week), 3 (the month)"),
    (_with(fatalities="-3"), "syria.csv: row 2 (SYR1001): fatalities '-3' is not a whole "
     "number of 0 or more"),
    (_with(fatalities="about 10"), "syria.csv: row 2 (SYR1001): fatalities 'about 10' is not "
     "a whole number of 0 or more"),
    (_with(event_type=" "), "syria.csv: row 2 (SYR1001): event_type is empty"),
    (_with(source=" ; "), "syria.csv: row 2 (SYR1001): source is empty: every context event "
     "needs who reported it"),
    (_with(event_id_cnty=""), "syria.csv: row 2: event_id_cnty is empty; every ACLED event "
     "has one (e.g. SYR12345)"),
])
def test_a_broken_row_is_reported_with_its_row_and_reason(row: str, message: str) -> None:
    events, problems = _layer(row)
    assert (events, problems) == ([], [message])


def test_good_rows_still_load_around_broken_ones() -> None:
    events, problems = _layer(TADMUR, _with(event_id_cnty="SYR1002", latitude="x"),
                              _with(event_id_cnty="SYR1003", location="Al Qaryatayn"),
                              _with(event_id_cnty="SYR1001", location="Tadmur again"))
    assert [e.event_id for e in events] == ["SYR1001", "SYR1003"]
    assert problems == [
        "syria.csv: row 3 (SYR1002): latitude 'x' is not a number",
        "syria.csv: row 5 (SYR1001): event_id_cnty 'SYR1001' repeats row 2; the first one "
        "is kept",
    ]


def test_a_note_over_several_lines_is_still_one_row() -> None:
    _, problems = _layer(_with(notes='"first line\nsecond line"'), _with(event_id_cnty="S2",
                                                                         latitude="x"))
    assert problems == ["syria.csv: row 3 (S2): latitude 'x' is not a number"]


def test_a_file_without_acled_columns_is_refused_whole() -> None:
    with pytest.raises(ContextFileError, match=r"^notes\.csv: not an ACLED-format export: "
                       r"missing column\(s\) geo_precision, source; export from ACLED"):
        context_layer_from_text("event_id_cnty,event_date,event_type,latitude,longitude\n",
                                source="notes.csv")


def test_a_byte_order_mark_does_not_hide_the_first_column() -> None:
    layer = context_layer_from_text("\ufeff" + HEADER + "\n" + TADMUR + "\n", source="x.csv")
    assert [e.event_id for e in layer.events] == ["SYR1001"]


@pytest.mark.parametrize(("sub_event_type", "event_type"), [
    ("Air/drone strike", EventType.AIRSTRIKE),
    ("Armed clash", EventType.GROUND_OFFENSIVE),
    ("Non-state actor overtakes territory", EventType.GROUND_OFFENSIVE),
    ("Headquarters or base established", EventType.HEADQUARTERS_OR_COMMAND),
    ("Agreement", EventType.AGREEMENT_OR_TRUCE),
    ("Non-violent transfer of territory", EventType.TRADE_OR_DEAL),
    ("Shelling/artillery/missile attack", EventType.OTHER),
    ("Peaceful protest", EventType.OTHER),
])
def test_sub_event_types_name_our_event_types_only_where_they_mean_the_same(
        sub_event_type: str, event_type: EventType) -> None:
    (event,), _ = _layer(_with(sub_event_type=sub_event_type))
    assert (event.atlas_event_type, event.sub_event_type) == (event_type, sub_event_type)


def test_a_directory_loads_every_export_and_reports_what_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "a-2016.csv").write_text(f"{HEADER}\n{TADMUR}\n", encoding="utf-8")
    (tmp_path / "b-2017.csv").write_text(
        f"{HEADER}\n{_with(event_id_cnty='SYR2')}\n{TADMUR}\n", encoding="utf-8")
    (tmp_path / "c-notes.csv").write_text("name,value\nx,1\n", encoding="utf-8")
    (tmp_path / "dossier.yaml").write_text("not: csv\n", encoding="utf-8")
    layer = context_layer_from_directory(tmp_path)
    assert [e.event_id for e in layer.events] == ["SYR1001", "SYR2"]
    assert [p.message for p in layer.problems] == [
        "b-2017.csv: row 3 (SYR1001): event_id_cnty 'SYR1001' repeats a-2016.csv row 2; "
        "the first one is kept",
        "c-notes.csv: row 1: not an ACLED-format export: missing column(s) event_id_cnty, "
        "event_date, event_type, latitude, longitude, geo_precision, source; export from "
        "ACLED with at least event_id_cnty, event_date, event_type, latitude, longitude, "
        "geo_precision, source",
    ]


def test_an_upload_that_is_not_utf8_is_refused_with_where_it_breaks() -> None:
    content = (HEADER + "\n" + TADMUR.replace("Tadmur", "Tadm\u00fcr")).encode("latin-1")
    with pytest.raises(ContextFileError, match=r"^upload\.csv: not UTF-8 text \(byte 0xfc at "
                       r"offset \d+\); export or save it as UTF-8 CSV$"):
        context_layer_from_bytes(content, "upload.csv")


def test_hostile_text_in_every_field_is_kept_as_written() -> None:
    names = HEADER.split(",")
    values = dict(zip(names, _with().split(","), strict=True))
    texts = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
             "location", "source", "source_scale", "notes")
    values.update({name: HOSTILE for name in texts})
    row = io.StringIO()
    csv.writer(row, lineterminator="").writerow(values.values())
    (event,), problems = _layer(row.getvalue())
    assert problems == []
    assert (event.event_type, event.sub_event_type, event.actor1, event.actor2, event.country,
            event.admin1, event.location, event.claimants, event.source_scale, event.notes) == (
        HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, (HOSTILE,), HOSTILE, HOSTILE)
