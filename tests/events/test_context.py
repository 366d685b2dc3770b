"""The sidebar's filter applied to context events, by the rules of the dossier events."""

import datetime
from pathlib import Path

import numpy as np
import pytest

from events.acled import context_layer_from_text
from events.context import (TERMS_KEPT, ContextIndex, SpotDetails, context_index, context_rows_at, directory_index,
                            context_rows_matching, context_summary, context_view, problem_lines,
                            spot_details, stored_index)
from events.filtering import EventFilter
from events.sourcing import Evidence, EventType, Verification
from geo.maps.pointlayer import ZOOM_REF, Mark, Spot, cell_of, place_pixels
from geo.place import Precision

HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
          "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities")
ROWS = (
    # An airstrike on the day, at Tadmur, from two sources.
    "SYR1,2016-05-02,1,Explosions/Remote violence,Air/drone strike,"
    "Military Forces of Russia (2000-),Islamic State (Syria),Syria,Homs,Tadmur,34.5608,"
    "38.2805,1,Syrian Observatory for Human Rights; SANA,Strikes on the citadel road.,3",
    # A clash near Tadmur, coded to the week of 10 May.
    "SYR2,2016-05-10,2,Battles,Armed clash,Military Forces of Syria (2000-),"
    "Islamic State (Syria),Syria,Homs,Tadmur,34.5608,38.2805,2,SANA,Clashes east of the town.,0",
    # Shelling somewhere in Ar-Raqqa governorate, coded to the month of June.
    "SYR3,2016-06-15,3,Explosions/Remote violence,Shelling/artillery/missile attack,"
    "Military Forces of Syria (2000-),,Syria,Ar-Raqqa,Ar-Raqqa,35.9528,39.0079,3,"
    "Step Agency,Shelling reported in the province.,0",
)


@pytest.fixture(scope="module")
def index() -> ContextIndex:
    return context_index(context_layer_from_text("\n".join((HEADER, *ROWS)), "ctx.csv"))


def _ids(index: ContextIndex, **choice: object) -> list[str]:
    rows = context_rows_matching(index, EventFilter.model_validate(choice))
    return index.ids(rows)


def _mark(lat: float, lon: float, style: int, zoom: int = ZOOM_REF) -> Spot:
    """A click on the mark of the place at ``lat``/``lon`` in ``style``, at ``zoom``."""
    x, y = place_pixels(np.array([lat]), np.array([lon]))
    cell_x, cell_y = cell_of(x, y, zoom)
    return Spot(lat, lon, region=False, mark=Mark(zoom, int(cell_x[0]), int(cell_y[0]), style))


TADMUR_AT = _mark(34.5608, 38.2805, 0)
TADMUR_NEAR = _mark(34.5608, 38.2805, 1)
RAQQA_AREA = Spot(35.9528, 39.0079, region=True)


@pytest.mark.parametrize(("choice", "ids"), [
    ({}, ["SYR1", "SYR2", "SYR3"]),
    ({"evidence": [Evidence.NEWS_REPORT]}, ["SYR1", "SYR2", "SYR3"]),
    ({"evidence": [Evidence.LEAKED_DOCUMENTS]}, []),
    ({"verification": [Verification.CONFIRMED]}, []),
    ({"verification": [Verification.REPORTED], "claimant": ["SANA"]}, ["SYR1", "SYR2"]),
    ({"claimant": ["Step Agency", "Syrian Observatory for Human Rights"]}, ["SYR1", "SYR3"]),
    ({"event_type": [EventType.AIRSTRIKE]}, ["SYR1"]),
    ({"event_type": [EventType.OTHER]}, ["SYR3"]),
    ({"actor": ["Islamic State (Syria)"]}, ["SYR1", "SYR2"]),
    ({"precision": [Precision.REGION]}, ["SYR3"]),
    ({"precision": [Precision.CITY]}, ["SYR1", "SYR2"]),
    ({"q": "citadel"}, ["SYR1"]),
    ({"q": "TADMUR sana"}, ["SYR1", "SYR2"]),
    ({"q": "raqqa province"}, ["SYR3"]),
    # The week of 10 May runs 7 to 13 May; June is the whole month.
    ({"since": datetime.date(2016, 5, 12)}, ["SYR2", "SYR3"]),
    ({"since": datetime.date(2016, 5, 14)}, ["SYR3"]),
    ({"until": datetime.date(2016, 6, 1)}, ["SYR1", "SYR2", "SYR3"]),
    ({"until": datetime.date(2016, 5, 6)}, ["SYR1"]),
])
def test_the_sidebar_choice_selects_context_events(index: ContextIndex,
                                                  choice: dict[str, object],
                                                  ids: list[str]) -> None:
    assert _ids(index, **choice) == ids


def test_a_search_kept_for_the_next_filter_change_finds_the_same_events() -> None:
    index = context_index(context_layer_from_text("\n".join((HEADER, *ROWS)), "ctx.csv"))
    assert _ids(index, q="tadmur") == ["SYR1", "SYR2"]
    assert _ids(index, q="tadmur", actor=["Military Forces of Syria (2000-)"]) == ["SYR2"]
    assert _ids(index, q="tadmur", until=datetime.date(2016, 5, 6)) == ["SYR1"]
    for n in range(TERMS_KEPT):  # "tadmur" is searched again once these push it out
        assert _ids(index, q=f"tadmur{n}") == []
    assert _ids(index, q="tadmur") == ["SYR1", "SYR2"]


def test_option_counts_count_each_event_once_per_option(index: ContextIndex) -> None:
    counts = index.option_counts
    assert counts["claimant"] == {"SANA": 2, "Syrian Observatory for Human Rights": 1,
                                  "Step Agency": 1}
    assert counts["event_type"] == {"airstrike": 1, "ground-offensive": 1, "other": 1}
    assert counts["precision"] == {"city": 2, "region": 1}
    assert counts["evidence"] == {"news-report": 3}
    assert counts["actor"] == {"Islamic State (Syria)": 2, "Military Forces of Russia (2000-)": 1,
                               "Military Forces of Syria (2000-)": 2}


def _rows_at(index: ContextIndex, rows: list[int], spot: Spot) -> list[str]:
    return index.ids(context_rows_at(index, rows, spot))


def test_a_click_on_a_mark_finds_the_events_of_its_style_but_never_a_region(index: ContextIndex) -> None:
    # The airstrike at Tadmur and the clash near it are two marks at one point: a click
    # on each lists the events that mark counts, not the other's.
    assert _rows_at(index, [0, 1, 2], TADMUR_AT) == ["SYR1"]
    assert _rows_at(index, [0, 1, 2], TADMUR_NEAR) == ["SYR2"]
    assert _rows_at(index, [1], TADMUR_AT) == []
    assert _rows_at(index, [0, 1, 2], _mark(35.9528, 39.0079, 0)) == []
    # A click that does not say which mark it was lists the point events at its place.
    assert _rows_at(index, [0, 1, 2], Spot(34.5608, 38.2805, region=False)) == ["SYR1", "SYR2"]


def test_zoomed_out_a_mark_gathers_the_nearby_places_of_its_style(index: ContextIndex) -> None:
    # At zoom 3 a cell is 40 px of a 2,048 px world (about 700 km): Tadmur and the
    # Ar-Raqqa anchor share it, but the region event is never part of a mark.
    assert _rows_at(index, [0, 1, 2], _mark(34.5608, 38.2805, 0, zoom=3)) == ["SYR1"]
    assert _rows_at(index, [0, 1, 2], _mark(34.5608, 38.2805, 1, zoom=3)) == ["SYR2"]


def test_a_click_on_a_region_area_finds_its_region_events_but_never_a_mark(index: ContextIndex) -> None:
    assert _rows_at(index, [0, 1, 2], RAQQA_AREA) == ["SYR3"]
    assert _rows_at(index, [0, 1, 2], Spot(34.5608, 38.2805, region=True)) == []
    assert spot_details(index, [0, 1, 2], RAQQA_AREA).heading == (  # type: ignore[union-attr]
        "1 ACLED context event located only to Ar-Raqqa")


def test_a_region_is_drawn_as_its_shipped_outline(index: ContextIndex) -> None:
    assert list(index.outlines) == ["Ar-Raqqa"]
    assert index.outlines["Ar-Raqqa"]["type"] in ("Polygon", "MultiPolygon")


def test_the_summary_says_how_many_are_shown_and_how_many_only_as_regions(
        index: ContextIndex) -> None:
    assert context_summary(index, [0, 2]) == (
        "Context layer: 2 of 3 ACLED events shown, 1 of them located only to a region "
        "(shaded, never a point)")


def test_problems_are_listed_up_to_a_limit_then_counted() -> None:
    broken = [f"SYR{n},2016-05-02,1,Battles,Armed clash,,,Syria,Homs,Tadmur,x,38.28,1,SANA,,0"
              for n in range(4)]
    index = context_index(context_layer_from_text("\n".join((HEADER, *broken)), "bad.csv"))
    assert problem_lines(index, shown=2) == [
        "bad.csv: row 2 (SYR0): latitude 'x' is not a number",
        "bad.csv: row 3 (SYR1): latitude 'x' is not a number",
        "... and 2 more rows left out",
    ]


def test_a_clicked_mark_lists_its_shown_events_newest_first_with_what_a_reader_needs() -> None:
    rows = [*ROWS, ROWS[1].replace("SYR2", "SYR4").replace(",2,SANA", ",1,SANA")
            .replace("2016-05-10,2", "2016-05-11,1")]
    index = context_index(context_layer_from_text("\n".join((HEADER, *rows)), "ctx.csv"))
    spot = spot_details(index, [0, 1, 2, 3], TADMUR_AT)
    assert spot == SpotDetails(
        heading="2 ACLED context events at Tadmur",
        events=(
            (("2016-05-11 · Battles: Armed clash",
              "Actors: Military Forces of Syria (2000-) / Islamic State (Syria)",
              "Place: Tadmur, Homs, Syria",
              "Source: SANA",
              "Fatalities: 0 · ACLED id SYR4"), "Clashes east of the town."),
            (("2016-05-02 · Explosions/Remote violence: Air/drone strike",
              "Actors: Military Forces of Russia (2000-) / Islamic State (Syria)",
              "Place: Tadmur, Homs, Syria",
              "Source: Syrian Observatory for Human Rights; SANA",
              "Fatalities: 3 · ACLED id SYR1"), "Strikes on the citadel road."),
        ),
        more=0)
    near = spot_details(index, [0, 1, 2, 3], TADMUR_NEAR)
    assert near is not None and near.heading == "1 ACLED context event near Tadmur"
    assert near.events[0][0][0] == "2016-05-10 (known to the week) · Battles: Armed clash"
    assert near.events[0][0][2] == "Place: near Tadmur, Homs, Syria"


def test_a_mark_lists_only_the_events_the_filters_show_and_counts_those_past_the_limit(
        index: ContextIndex) -> None:
    shown = context_view(index, EventFilter(q="citadel"))
    assert shown.rows.tolist() == [0]
    assert spot_details(index, shown.rows, TADMUR_AT).heading == (  # type: ignore[union-attr]
        "1 ACLED context event at Tadmur")
    two = _mark(34.5608, 38.2805, 0, zoom=3)
    assert spot_details(index, [0, 1], two, listed=0).more == 1  # type: ignore[union-attr]
    assert spot_details(index, [2], TADMUR_AT) is None


def test_a_directorys_layer_is_loaded_once_and_again_when_its_export_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import events.context
    monkeypatch.setattr(events.context, "cache_dir", lambda: tmp_path / "cache")
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("\n".join((HEADER, *ROWS)), encoding="utf-8")
    first = directory_index(data)
    assert directory_index(data) is first  # every session shares the one load
    assert first.result(timeout=60).ids(range(3)) == ["SYR1", "SYR2", "SYR3"]
    (data / "a.csv").write_text("\n".join((HEADER, *ROWS[:1])), encoding="utf-8")
    changed = directory_index(data).result(timeout=60)
    assert changed.ids(range(len(changed))) == ["SYR1"]
    assert changed.version != first.result().version


def test_a_restart_reads_the_index_of_the_stored_layer_as_a_first_load_builds_it(
        tmp_path: Path, index: ContextIndex) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("\n".join((HEADER, *ROWS)), encoding="utf-8")
    first, restart = stored_index(data, tmp_path / "store"), stored_index(data, tmp_path / "store")
    for loaded in (first, restart):
        assert loaded.option_counts == index.option_counts
        assert list(loaded.option_counts["actor"]) == list(index.option_counts["actor"])
        assert loaded.outlines.keys() == index.outlines.keys() == {"Ar-Raqqa"}
        assert loaded.points.place_name == index.points.place_name
        assert loaded.points.areas == index.points.areas
        assert _ids(loaded, actor=["Islamic State (Syria)"]) == ["SYR1", "SYR2"]
        assert _ids(loaded, event_type=[EventType.GROUND_OFFENSIVE]) == ["SYR2"]
        assert spot_details(loaded, np.arange(3), TADMUR_AT) == spot_details(index, np.arange(3), TADMUR_AT)
