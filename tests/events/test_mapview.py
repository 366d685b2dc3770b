"""The dashboard's views: how events are drawn, filtered, listed, detailed and exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from events import details, exports, mapview
from events.sourcing import VERIFICATION_LOOKS, EventType, Evidence, Verification
from geo.maps.leaflet import LegendKind

MIX = Path(__file__).resolve().parents[1] / "fixtures" / "dossiers"


@pytest.fixture(scope="module")
def atlas() -> mapview.Atlas:
    return mapview.atlas_from_directory(MIX)


def _view(atlas: mapview.Atlas, **query: list[str]) -> mapview.View:
    return mapview.view_of(atlas, atlas.filter_from_query(query)[0])


@pytest.mark.parametrize(
    ("event_id", "colour", "verification", "symbol"),
    [
        ("palmyra-withdrawal", "#D55E00", Verification.UNVERIFIED, "→"),  # leaked documents
        ("aleppo-hospital", "#000000", Verification.ALLEGED, "✚"),  # allegation
        ("palmyra-advance", "#0072B2", Verification.REPORTED, "⚔"),  # official statement
        ("nusra-non-aggression", "#E69F00", Verification.REPORTED, "⚐"),  # expert analysis
    ],
)
def test_event_is_drawn_in_its_lead_claims_colour_and_look_with_its_type_symbol(
    atlas: mapview.Atlas, event_id: str, colour: str, verification: Verification, symbol: str
) -> None:
    look = VERIFICATION_LOOKS[verification]
    item = mapview.map_item(atlas.placed[event_id])
    assert (item.id, item.colour, item.look, item.symbol) == (event_id, colour, look, symbol)


def test_movement_is_drawn_from_origin_to_destination(atlas: mapview.Atlas) -> None:
    item = mapview.map_item(atlas.placed["palmyra-withdrawal"])
    assert item.origin is not None and item.destination is not None
    assert (item.origin.query, item.destination.query) == ("Palmyra", "Raqqa province")
    assert item.place == item.origin


def test_legend_explains_every_colour_look_and_symbol_by_its_label_with_its_definition() -> None:
    entries = mapview.legend_entries()
    by_kind = {kind: [entry for entry in entries if entry.kind is kind] for kind in LegendKind}
    for kind, vocabulary in ((LegendKind.COLOUR, Evidence), (LegendKind.LOOK, Verification),
                             (LegendKind.SYMBOL, EventType)):
        assert [(entry.label, entry.definition) for entry in by_kind[kind]] == [
            (value.label, value.definition) for value in vocabulary]
    assert [entry.look for entry in by_kind[LegendKind.LOOK]] == [VERIFICATION_LOOKS[v] for v in Verification]


def test_no_two_verification_levels_share_a_legend_sample() -> None:
    looks = [entry.look for entry in mapview.legend_entries() if entry.kind is LegendKind.LOOK]
    assert len(set(looks)) == len(Verification) == 5


def test_the_popup_names_each_claim_by_labels_and_carries_its_quote_and_the_article(atlas: mapview.Atlas) -> None:
    item = mapview.map_item(atlas.placed["aleppo-hospital"])
    assert item.lines[1:] == (
        "unnamed accusers: Allegation without evidence, alleged",
        "“the regime was accused of bombing a Doctors Without Borders-supported hospital”",
    )
    assert item.sourcing == "unnamed accusers: Allegation without evidence, alleged"
    assert (item.link, item.link_text) == (None, "Investigation claims Syrian government is making deals with ISIS "
                                                 "(Global News)")  # the fixture's article has no URL


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({}, ["palmyra-withdrawal", "raqqa-orders", "aleppo-hospital", "fertilizer-for-oil",
              "nusra-non-aggression", "palmyra-advance"]),
        ({"evidence": ["allegation"]}, ["aleppo-hospital", "fertilizer-for-oil"]),
        ({"claimant": ["Michael Zekulin, University of Calgary"]}, ["nusra-non-aggression"]),
        ({"precision": ["country"]}, ["fertilizer-for-oil", "nusra-non-aggression"]),
    ],
)  # fmt: skip
def test_view_holds_exactly_the_filtered_events_in_every_form(
    atlas: mapview.Atlas, query: dict[str, list[str]], shown: list[str]
) -> None:
    view = _view(atlas, **query)
    assert [item.event.id for item in view.placed] == shown
    assert [item.id for item in view.items] == shown
    assert [row["id"] for row in view.rows] == shown


def test_country_wide_events_are_listed_with_the_reason(atlas: mapview.Atlas) -> None:
    view = _view(atlas, evidence=["allegation"])
    assert view.off_map == (
        {"id": "fertilizer-for-oil", "title": "Fertilizer traded for oil", "reason": mapview.COUNTRY_WIDE},
    )


def test_table_row_names_places_precision_and_sourcing(atlas: mapview.Atlas) -> None:
    (row,) = _view(atlas, q=["artillery"]).rows
    assert {column: row[column] for column in mapview.TABLE_COLUMNS} == {
        "date": "2016-03",
        "title": "Artillery withdrawn from Palmyra to Raqqa province",
        "place": "Palmyra → Raqqa province",
        "precision": "City or town",
        "evidence": "Leaked documents",
        "verification": "Unverified",
        "claimants": "Sky News",
    }


def test_exports_hold_exactly_the_filtered_events(atlas: mapview.Atlas) -> None:
    view = _view(atlas, evidence=["allegation"])
    by_label = {export.label: export.build(atlas, view) for export in exports.EXPORTS}
    features = json.loads(by_label["GeoJSON"])["features"]
    assert sorted(feature["properties"]["event_id"] for feature in features) == [
        "aleppo-hospital",
        "fertilizer-for-oil",
    ]
    rows = list(csv.DictReader(io.StringIO(by_label["CSV"])))
    assert sorted(row["event_id_cnty"] for row in rows) == ["aleppo-hospital", "fertilizer-for-oil"]
    assert "Fertilizer traded for oil" in by_label["HTML map"]
    assert "Artillery withdrawn from Palmyra" not in by_label["HTML map"]


def test_details_mark_exactly_the_claims_words_in_the_article(atlas: mapview.Atlas) -> None:
    shown = details.details_of(atlas, "fertilizer-for-oil")
    assert shown is not None
    marked = [text for paragraph in shown.article for text, is_marked in paragraph if is_marked]
    assert marked == ["an allegation the government traded fertilizer for oil"]
    assert shown.claims[0].lines == (
        "Claimant: unnamed accusers",
        "Evidence: allegation; verification: alleged",
        "Chain: Global News",
        "Accused: Syrian government",
    )


def test_details_of_an_unknown_event_is_none(atlas: mapview.Atlas) -> None:
    assert details.details_of(atlas, "no-such-event") is None


def test_widget_values_show_the_filter_from_the_url(atlas: mapview.Atlas) -> None:
    choice, notices = atlas.filter_from_query({"evidence": ["allegation,leaked-documents"], "since": ["2016-03"]})
    values = mapview.widget_values(choice, atlas)
    assert notices == []
    assert values["evidence"] == ["leaked-documents", "allegation"]
    assert values["dates"] == (dt.date(2016, 3, 1), dt.date(2016, 12, 31))


@pytest.mark.parametrize(
    ("dates", "query"),
    [
        ((dt.date(2016, 1, 1), dt.date(2016, 12, 31)), {}),
        ((dt.date(2016, 3, 1), dt.date(2016, 12, 31)), {"since": ["2016-03-01"]}),
        ((dt.date(2016, 3, 1),), {"since": ["2016-03-01"]}),  # the second end not picked yet
        ((dt.date(2016, 1, 1), dt.date(2016, 4, 30)), {"until": ["2016-04-30"]}),
        ((), {}),
    ],
)
def test_date_range_widget_gives_since_and_until(dates: tuple[dt.date, ...], query: dict[str, list[str]]) -> None:
    assert mapview.query_from_dates(dates, (dt.date(2016, 1, 1), dt.date(2016, 12, 31))) == query


def test_html_export_of_a_hostile_dossier_keeps_its_text_inert(tmp_path: Path) -> None:
    from tests.fixtures.hostile import write_hostile_dossier

    atlas = mapview.atlas_from_directory(write_hostile_dossier(tmp_path))
    page = exports.html_map(atlas, _view(atlas))
    assert "<img src=x" not in page
    assert "<script>window.__pwned" not in page


@pytest.mark.parametrize(
    ("query", "stem", "lines"),
    [
        ({}, "event-atlas", ()),
        ({"evidence": ["leaked-documents"], "since": ["2016-03-01"], "until": ["2016-05-02"]},
         "event-atlas-leaked-documents-2016-03-01-2016-05-02",
         ("Evidence: Leaked documents", "Dates: 2016-03-01 to 2016-05-02")),
        ({"claimant": ["Michael Zekulin, University of Calgary"], "q": ["Raqqa oil"]},
         "event-atlas-michael-zekulin-university-of-calgary-raqqa-oil",
         ("Claimant or outlet: Michael Zekulin, University of Calgary", "Search: “Raqqa oil”")),
        ({"verification": ["alleged", "confirmed"], "precision": ["country"], "since": ["2016-04-01"]},
         "event-atlas-confirmed-alleged-country-2016-04-01",
         ("Verification: Confirmed, Alleged", "Place precision: Whole country", "Dates: 2016-04-01 to any")),
    ],
)  # fmt: skip
def test_a_view_names_its_filters_in_words_and_in_its_file_names(
    atlas: mapview.Atlas, query: dict[str, list[str]], stem: str, lines: tuple[str, ...]
) -> None:
    view = _view(atlas, **query)
    assert mapview.file_stem(view.choice) == stem
    assert mapview.filter_lines(view.choice) == lines
    assert [export.file_name(view) for export in exports.EXPORTS] == [f"{stem}.geojson", f"{stem}.csv", f"{stem}.html"]


def test_a_file_name_stays_short_however_many_values_are_chosen(atlas: mapview.Atlas) -> None:
    view = _view(atlas, event_type=[str(t) for t in EventType])
    stem = mapview.file_stem(view.choice)
    assert stem.startswith("event-atlas-troop-or-weapons-movement-ground-offensive-")
    assert len(stem) <= 120 and not stem.endswith("-")


def test_the_html_map_names_its_filters_and_carries_the_quotes(atlas: mapview.Atlas) -> None:
    page = exports.html_map(atlas, _view(atlas, evidence=["allegation"]))
    assert "<b>Filters:</b> Evidence: Allegation without evidence</p>" in page
    assert "the regime was accused of bombing a Doctors Without Borders-supported hospital" in page
