"""Every file the app offers, made from a dossier whose every text field is hostile.

The text comes back exactly as written: no template ran on it, no spreadsheet formula
or extra record came out of it, no markup was left live in the one-file map.
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest

from events import details, exports, mapview
from tests.fixtures.hostile import EVENT_IDS, HOSTILE, TEMPLATE_RAN, write_hostile_dossier


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> mapview.Atlas:
    atlas = mapview.atlas_from_directory(write_hostile_dossier(tmp_path_factory.mktemp("hostile")))
    assert atlas.problems == ()
    return atlas


def _build(atlas: mapview.Atlas, label: str) -> str:
    (export,) = [e for e in exports.EXPORTS if e.label == label]
    return export.build(atlas, mapview.view_of(atlas, atlas.filter_from_query({})[0]))


def test_the_geojson_export_carries_every_field_as_written(atlas: mapview.Atlas) -> None:
    features = json.loads(_build(atlas, "GeoJSON"))["features"]
    for feature in features:
        properties = feature["properties"]
        claim = properties["claims"][0]
        assert [properties[key] for key in ("title", "summary", "article_title", "publisher")] == [HOSTILE] * 4
        assert (properties["actors"], properties["claimants"]) == ([HOSTILE], [HOSTILE])
        assert [claim[key] for key in ("claimant", "accused", "quote", "note")] == [HOSTILE] * 4
        assert claim["chain"] == [HOSTILE, "Global News"]
    assert [f["id"] for f in features] == list(EVENT_IDS)


def test_the_csv_export_reads_back_as_one_record_per_event_with_the_text_as_written(atlas: mapview.Atlas) -> None:
    rows = list(csv.DictReader(io.StringIO(_build(atlas, "CSV"), newline="")))
    assert [row["event_id_cnty"] for row in rows] == list(EVENT_IDS)
    for row in rows:
        assert [row[key] for key in ("title", "notes", "actor1", "claimants", "accused", "quotes")] == [HOSTILE] * 6
        assert (row["article_title"], row["publisher"]) == (HOSTILE, HOSTILE)


def test_the_html_map_runs_no_template_and_keeps_markup_as_text(atlas: mapview.Atlas) -> None:
    page = _build(atlas, "HTML map")
    assert TEMPLATE_RAN not in page
    start = page.index("EventAtlas.itemLayer(") + len("EventAtlas.itemLayer(")
    data, end = json.JSONDecoder().raw_decode(page, start)
    assert [(item["id"], item["title"]) for item in data["items"]] == [(EVENT_IDS[0], HOSTILE)]
    rest = page[:start] + page[end:]
    assert "<img src=x" not in rest and "<script>window.__pwned" not in rest
    side = page[page.index('<aside class="ea-briefing-side">'):page.index("</aside>")]
    escaped = html.escape(HOSTILE)
    assert f"<li>{escaped}: " in side  # the event that cannot be drawn
    assert f"<li>{escaped} ({escaped}, 2016-05-02)</li>" in side  # its article, as a source


def test_the_detail_panel_shows_the_article_text_as_written(atlas: mapview.Atlas) -> None:
    shown = details.details_of(atlas, EVENT_IDS[0])
    assert shown is not None
    assert (shown.title, shown.claims[0].quote) == (HOSTILE, HOSTILE)
    assert "".join(text for text, _ in shown.article[1]) == f"The article says {HOSTILE} and more."
