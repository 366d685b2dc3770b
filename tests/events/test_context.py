"""The sidebar's filter applied to context events, by the rules of the dossier events."""

import datetime

import pytest

from events.acled import context_layer_from_text
from events.context import (ContextIndex, SpotDetails, context_events_at, context_index,
                            context_option_counts, context_rows_matching, context_summary,
                            context_view, problem_lines, spot_details)
from events.filtering import EventFilter
from events.sourcing import Evidence, EventType, Verification
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
    return [index.events[row].event_id for row in rows]


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


def test_option_counts_count_each_event_once_per_option(index: ContextIndex) -> None:
    counts = context_option_counts(index.events)
    assert counts["claimant"] == {"SANA": 2, "Syrian Observatory for Human Rights": 1,
                                  "Step Agency": 1}
    assert counts["event_type"] == {"airstrike": 1, "ground-offensive": 1, "other": 1}
    assert counts["precision"] == {"city": 2, "region": 1}
    assert counts["evidence"] == {"news-report": 3}


def test_a_click_on_a_mark_finds_its_shown_events_but_never_a_region(index: ContextIndex) -> None:
    assert [e.event_id for e in context_events_at(index, [0, 1, 2], 34.5608, 38.2805)] == [
        "SYR1", "SYR2"]
    assert context_events_at(index, [1], 34.56081, 38.28049) == [index.events[1]]
    assert context_events_at(index, [0, 1, 2], 35.9528, 39.0079) == []


def test_a_click_on_a_region_area_finds_its_region_events_but_never_a_mark(index: ContextIndex) -> None:
    assert [e.event_id for e in context_events_at(index, [0, 1, 2], 35.9528, 39.0079, region=True)] == [
        "SYR3"]
    assert context_events_at(index, [0, 1, 2], 34.5608, 38.2805, region=True) == []
    assert spot_details(index, [0, 1, 2], 35.9528, 39.0079, region=True).heading == (  # type: ignore[union-attr]
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


def test_a_clicked_mark_lists_its_shown_events_newest_first_with_what_a_reader_needs(
        index: ContextIndex) -> None:
    spot = spot_details(index, [0, 1, 2], 34.5608, 38.2805)
    assert spot == SpotDetails(
        heading="2 ACLED context events at Tadmur",
        events=(
            (("2016-05-10 (known to the week) · Battles: Armed clash",
              "Actors: Military Forces of Syria (2000-) / Islamic State (Syria)",
              "Place: near Tadmur, Homs, Syria",
              "Source: SANA",
              "Fatalities: 0 · ACLED id SYR2"), "Clashes east of the town."),
            (("2016-05-02 · Explosions/Remote violence: Air/drone strike",
              "Actors: Military Forces of Russia (2000-) / Islamic State (Syria)",
              "Place: Tadmur, Homs, Syria",
              "Source: Syrian Observatory for Human Rights; SANA",
              "Fatalities: 3 · ACLED id SYR1"), "Strikes on the citadel road."),
        ),
        more=0)


def test_a_mark_lists_only_the_events_the_filters_show_and_counts_those_past_the_limit(
        index: ContextIndex) -> None:
    shown = context_view(index, EventFilter(q="citadel"))
    assert shown.rows == (0,)
    assert spot_details(index, shown.rows, 34.5608, 38.2805).heading == (  # type: ignore[union-attr]
        "1 ACLED context event at Tadmur")
    assert spot_details(index, [0, 1], 34.5608, 38.2805, listed=1).more == 1  # type: ignore[union-attr]
    assert spot_details(index, [2], 35.9528, 39.0079) is None
