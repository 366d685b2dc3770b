"""Where events are placed from: the offline gazetteer unless the environment turns a geocoder on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from events import mapview
from events.__main__ import main
from events.placing import configured_resolvers
from geo.gazetteer import Gazetteer, gazetteer
from tests.fixtures.articles import copy_sample_article
from tests.fixtures.geocoders import FakeGeocoder, nominatim  # noqa: F401 - a fixture

DOSSIER = """\
article:
  id: online
  title: Deals
  publisher: Global News
  published: 2016-05-02
  path: articles/2016-05-02-syria-isis-deals.txt
events:
  - id: withdrawal
    title: Weapons withdrawn
    summary: Heavy weapons left the town.
    event_type: other
    date: 2016-03
    date_kind: occurred
    places: [{name: Palmyra}]
    claims:
      - claimant: Sky News
        evidence: news-report
        verification: reported
        chain: [Sky News]
        quote: {text: Palmyra, start: 248, end: 255}
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "dossiers"
    copy_sample_article(directory)
    (directory / "online.yaml").write_text(DOSSIER, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def index() -> Gazetteer:
    return gazetteer()


def test_with_nothing_configured_the_gazetteer_places_events(index: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENT_ATLAS_GEOCODER", raising=False)
    place = configured_resolvers()("Heavy weapons left Palmyra, Syria.")("Palmyra")
    assert (place.resolver, place.name, place.country_code) == ("gazetteer", "Tadmur", "SY")


def test_the_export_command_uses_the_configured_geocoder(
    nominatim: FakeGeocoder, data_dir: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811 - the fixture
) -> None:
    assert main(["export", "--format", "geojson", "--data", str(data_dir)]) == 0
    feature = json.loads(capsys.readouterr().out)["features"][0]
    assert (feature["properties"]["resolver"], feature["geometry"]["coordinates"]) == ("nominatim", [38.2696, 34.5601])
    assert [(query, kwargs["country_codes"]) for query, kwargs in nominatim.calls] == [("Palmyra", "sy")]


def test_the_dashboard_atlas_uses_the_configured_geocoder_and_its_cache(
    nominatim: FakeGeocoder, data_dir: Path  # noqa: F811 - the fixture
) -> None:
    first = mapview.atlas_from_directory(data_dir).placed["withdrawal"].main.place
    again = mapview.atlas_from_directory(data_dir).placed["withdrawal"].main.place
    assert (first.resolver, again.resolver, len(nominatim.calls)) == ("nominatim", "nominatim (cache)", 1)
