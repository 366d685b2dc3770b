"""What the first screen says: sources, placing, active filters, dates left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from events import mapview, overview

MIX = Path(__file__).resolve().parents[1] / "fixtures" / "dossiers"


@pytest.fixture(scope="module")
def atlas() -> mapview.Atlas:
    return mapview.atlas_from_directory(MIX)


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ({}, "Of these, **4** placed on the map, **2** shaded as country-wide."),
        ({"precision": ["country"]}, "Of these, **0** placed on the map, **2** shaded as country-wide."),
        ({"evidence": ["allegation"]}, "Of these, **1** placed on the map, **1** shaded as country-wide."),
    ],
)
def test_placing_counts_marked_country_wide_and_unplaced_events(
    atlas: mapview.Atlas, query: dict[str, list[str]], line: str
) -> None:
    view = mapview.view_of(atlas, atlas.filter_from_query(query)[0])
    assert overview.placing_of(view).line() == line


def test_an_unplaced_event_is_counted_apart() -> None:
    assert overview.Placing(3, 1, 2).line() == (
        "Of these, **3** placed on the map, **1** shaded as country-wide, **2** not placed.")


def test_sources_name_each_article_with_its_event_count(atlas: mapview.Atlas) -> None:
    (source,) = overview.sources_of(atlas)
    assert (source.events, source.url) == (6, None)
    assert source.line.endswith(", 2 May 2016")


@pytest.mark.parametrize(
    ("query", "widened"),
    [
        ({}, None),  # no range chosen: everything is in it
        ({"since": ["2016-01-01"], "until": ["2016-12-31"]}, None),
        ({"since": ["2016-04-01"]}, (dt.date(2016, 3, 1), dt.date(2016, 5, 31))),
        ({"until": ["2016-01-31"]}, (dt.date(2016, 3, 1), dt.date(2016, 5, 31))),
        ({"since": ["2016-04-01"], "until": ["2016-04-10"]}, (dt.date(2016, 3, 1), dt.date(2016, 5, 31))),
        ({"since": ["2015-01-01"], "until": ["2016-04-10"]}, (dt.date(2015, 1, 1), dt.date(2016, 5, 31))),
    ],
)
def test_dates_that_leave_out_part_of_an_upload_are_widened_to_cover_it(
    query: dict[str, list[str]], widened: tuple[dt.date, dt.date] | None
) -> None:
    assert overview.widened_dates((dt.date(2016, 3, 1), dt.date(2016, 5, 31)), query) == widened


def test_undated_events_are_counted(atlas: mapview.Atlas) -> None:
    assert overview.undated_count(atlas) == 2
