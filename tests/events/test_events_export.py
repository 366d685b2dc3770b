"""Events placed with the article as context, exported as GeoJSON and CSV."""

import csv
import io
import json
import math
from pathlib import Path

import pytest

from events.__main__ import main
from events.dossier import DATA_DIR, REPO_ROOT, catalogue_from_directory
from events.export import CSV_COLUMNS, csv_from_events, geojson_from_events
from events.placing import PlacedEvent, Resolver, placed_events, precision_by_event
from geo.place import Place, Precision
from tests.fixtures.articles import copy_sample_article

SAMPLE = placed_events(catalogue_from_directory(DATA_DIR))
FEATURES = {feature["id"]: feature for feature in json.loads(geojson_from_events(SAMPLE))["features"]}
TADMUR, RAQQA, ALEPPO = (34.56, 38.28), (35.95, 39.01), (36.20, 37.16)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (map(math.radians, point) for point in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("event_id", "where", "precision"),
    [
        ("palmyra-weapons-withdrawal", TADMUR, "city"),
        ("palmyra-government-advance", TADMUR, "city"),
        ("isis-headquarters-orders", RAQQA, "city"),
        ("aleppo-msf-hospital-bombing", ALEPPO, "city"),
        ("aleppo-canadian-clinic-bombing", ALEPPO, "city"),
        ("aleppo-truce-talks", ALEPPO, "city"),
    ],
)
def test_town_events_are_points_where_they_belong(
    event_id: str, where: tuple[float, float], precision: str
) -> None:
    feature = FEATURES[event_id]
    lon, lat = feature["geometry"]["coordinates"]
    assert _km((lat, lon), where) < 5
    assert (feature["geometry"]["type"], feature["properties"]["precision"]) == ("Point", precision)
    assert feature["properties"]["is_point"] is True
    assert feature["properties"]["resolver"] == "gazetteer"


@pytest.mark.parametrize(
    ("event_id", "country_code"),
    [
        ("fertilizer-for-oil", "SY"),
        ("isis-area-evacuations", "SY"),
        ("russian-led-airstrikes", "SY"),
        ("isis-nusra-non-aggression", "SY"),
        ("government-isis-deals", "SY"),
        ("middleman-oil-purchases", "SY"),
        ("us-sanctions-middleman", "US"),
    ],
)
def test_country_wide_events_carry_country_precision(event_id: str, country_code: str) -> None:
    properties = FEATURES[event_id]["properties"]
    assert (properties["precision"], properties["is_point"], properties["country_code"]) == (
        "country", False, country_code,
    )


def test_the_withdrawal_runs_from_palmyra_to_the_raqqa_governorate() -> None:
    origin, destination = FEATURES["palmyra-weapons-withdrawal"]["properties"]["places"]
    assert (origin["role"], origin["name"], origin["precision"]) == ("origin", "Tadmur", "city")
    assert (destination["role"], destination["name_as_written"], destination["precision"]) == (
        "destination", "Raqqa province", "region",
    )
    assert _km((destination["lat"], destination["lon"]), RAQQA) < 100


def test_every_event_is_exported_with_its_sourcing() -> None:
    assert list(FEATURES) == [item.event.id for item in SAMPLE]
    properties = FEATURES["aleppo-msf-hospital-bombing"]["properties"]
    assert properties["evidence"] == ["allegation", "visual-evidence"]
    assert properties["claims"][0] == {
        "claimant": "unnamed accusers",
        "evidence": "allegation",
        "verification": "alleged",
        "chain": ["unnamed accusers", "Global News"],
        "accused": "Syrian government",
        "quote": "particularly in the rebel-held city of Aleppo, where the regime was accused of bombing a "
        "Doctors Without Borders-supported hospital and Canadian-supported health clinic last week.",
        "quote_start": 3818,
        "quote_end": 3997,
        "note": "",
    }
    assert (properties["article_title"], properties["publisher"], properties["published"], properties["date"]) == (
        "Investigation claims Syrian government is making deals with ISIS", "Global News", "2016-05-02", "2016-04",
    )


def test_precision_by_event_feeds_the_filters() -> None:
    precisions = precision_by_event(SAMPLE)
    assert (precisions["aleppo-truce-talks"], precisions["fertilizer-for-oil"]) == (Precision.CITY, Precision.COUNTRY)


DOSSIER = """\
article:
  id: hostile
  title: "=HYPERLINK(\\"http://x\\")"
  publisher: Global News
  published: 2016-05-02
  path: articles/2016-05-02-syria-isis-deals.txt
events:
  - id: nowhere
    title: "</script><script>alert(1)</script> ${alert(1)} C:\\\\data\\\\2024"
    summary: Happened where no gazetteer looks.
    event_type: other
    date: unknown
    date_kind: occurred
    places: [{name: Atlantis}]
    claims: &claims
      - claimant: Sky News
        evidence: news-report
        verification: reported
        chain: [Sky News]
        quote: {text: Palmyra, start: 248, end: 255}
  - id: fixed
    title: Placed by an editor
    summary: The editor knows better.
    event_type: other
    date: 2016
    date_kind: occurred
    places:
      - name: Palmyra
        override: {lat: 34.55, lon: 38.27, precision: exact, note: the citadel}
    claims: *claims
"""


def _fake_resolver(text: str) -> Resolver:
    def resolve(name: str) -> Place:
        if name == "Palmyra":
            raise AssertionError("an override must not reach the resolver")
        return Place(query=name, resolver="fake", note=f"{name!r} is in no gazetteer")

    return resolve


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[PlacedEvent, ...]:
    (copy_sample_article(tmp_path) / "x.yaml").write_text(DOSSIER, encoding="utf-8")
    catalogue = catalogue_from_directory(tmp_path)
    assert catalogue.problems == ()
    return placed_events(catalogue, _fake_resolver)


def test_an_unplaceable_event_is_exported_with_null_geometry_and_the_reason(
    hostile: tuple[PlacedEvent, ...],
) -> None:
    feature = json.loads(geojson_from_events(hostile))["features"][0]
    assert feature["geometry"] is None
    assert feature["properties"]["unplaced_reason"] == "'Atlantis' is in no gazetteer"
    assert feature["properties"]["title"] == "</script><script>alert(1)</script> ${alert(1)} C:\\data\\2024"


def test_an_editor_override_wins_and_says_so(hostile: tuple[PlacedEvent, ...]) -> None:
    feature = json.loads(geojson_from_events(hostile))["features"][1]
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.27, 34.55]}
    assert (feature["properties"]["resolver"], feature["properties"]["precision"]) == ("editor", "exact")


def test_csv_has_the_acled_columns_then_the_sourcing_columns(hostile: tuple[PlacedEvent, ...]) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_from_events(hostile))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:14] == (
        "event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "actor2", "country",
        "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    )
    nowhere, fixed = rows
    assert (nowhere["latitude"], nowhere["longitude"], nowhere["unplaced_reason"]) == (
        "", "", "'Atlantis' is in no gazetteer",
    )
    assert (fixed["latitude"], fixed["longitude"], fixed["geo_precision"], fixed["resolver"]) == (
        "34.550000", "38.270000", "1", "editor",
    )
    assert (fixed["event_date"], fixed["time_precision"]) == ("2016-01-01", "3")


def test_csv_cells_never_run_as_spreadsheet_formulas(hostile: tuple[PlacedEvent, ...]) -> None:
    row = next(csv.DictReader(io.StringIO(csv_from_events(hostile))))
    assert row["article_title"] == "'=HYPERLINK(\"http://x\")"


def test_csv_of_the_sample() -> None:
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(csv_from_events(SAMPLE)))}
    row = rows["palmyra-weapons-withdrawal"]
    assert (row["event_date"], row["time_precision"], row["location"], row["geo_precision"]) == (
        "2016-03-01", "3", "Tadmur", "1",
    )
    assert row["chains"] == "ISIS defector > Sky News > Global News; ISIS defector > Sky News > Global News"
    assert (rows["fertilizer-for-oil"]["geo_precision"], rows["fertilizer-for-oil"]["event_date"]) == ("3", "")


@pytest.mark.parametrize(
    ("event_id", "country", "country_code"),
    [("palmyra-weapons-withdrawal", "Syria", "SY"), ("us-sanctions-middleman", "United States", "US")],
)
def test_csv_names_the_country_as_acled_does_and_keeps_its_code(event_id: str, country: str, country_code: str) -> None:
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(csv_from_events(SAMPLE)))}
    assert (rows[event_id]["country"], rows[event_id]["country_code"]) == (country, country_code)


@pytest.mark.parametrize(("fmt", "first_line"), [("geojson", '{"type": "FeatureCollection"'), ("csv", "event_id_cnty,")])
def test_the_export_command(fmt: str, first_line: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", fmt, "--data", str(REPO_ROOT / "events/data")]) == 0
    output = capsys.readouterr()
    assert (output.out.startswith(first_line), output.err) == (True, "")


def test_export_writes_the_good_events_and_warns_about_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (copy_sample_article(tmp_path) / "a.yaml").write_text(DOSSIER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("article: [", encoding="utf-8")
    assert main(["export", "--format", "geojson", "--data", str(tmp_path)]) == 0
    output = capsys.readouterr()
    assert [f["id"] for f in json.loads(output.out)["features"]] == ["nowhere", "fixed"]
    assert output.err.startswith(f"warning: {tmp_path / 'b.yaml'}, line 1: not valid YAML: ")
