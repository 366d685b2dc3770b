"""``python -m events export --query ... --format ...``: every export of the app, from a link's query."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from events import exports, mapview
from events.__main__ import main
from events.dossier import DATA_DIR
from events.filtering import params_from_query_string
from tests.fixtures.hostile import EVENT_IDS, HOSTILE, TEMPLATE_RAN, write_hostile_dossier

LEAKED = ["palmyra-weapons-withdrawal", "isis-headquarters-orders", "government-isis-deals"]


def _export(capsys: pytest.CaptureFixture[str], *arguments: str, data: Path = DATA_DIR) -> tuple[str, list[str]]:
    assert main(["export", "--data", str(data), *arguments]) == 0
    output = capsys.readouterr()
    return output.out, output.err.splitlines()


def _item_ids(page: str) -> list[str]:
    start = page.index("EventAtlas.itemLayer(") + len("EventAtlas.itemLayer(")
    data, _ = json.JSONDecoder().raw_decode(page, start)
    return [item["id"] for item in data["items"] if "id" in item]


def test_the_query_string_is_read_as_the_address_bar_gives_it() -> None:
    assert params_from_query_string("?evidence=leaked-documents,allegation&q=&since=2016-03&evidence=x") == {
        "evidence": ["leaked-documents,allegation", "x"], "q": [""], "since": ["2016-03"],
    }


@pytest.mark.parametrize("fmt", ["geojson", "csv", "html"])
def test_each_format_holds_exactly_the_events_of_the_query_s_view(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _export(capsys, "--format", fmt, "--query", "evidence=leaked-documents")
    assert err == []
    if fmt == "geojson":
        assert sorted(f["id"] for f in json.loads(out)["features"]) == sorted(LEAKED)
    elif fmt == "csv":
        assert sorted(row["event_id_cnty"] for row in csv.DictReader(io.StringIO(out, newline=""))) == sorted(LEAKED)
    else:
        atlas = mapview.atlas_from_directory(DATA_DIR)
        view = mapview.view_of(atlas, atlas.filter_from_query({"evidence": ["leaked-documents"]})[0])
        same = exports.html_map(atlas, view) + "\n"
        assert re.sub(r"_[0-9a-f]{32}", "_id", out) == re.sub(r"_[0-9a-f]{32}", "_id", same)  # folium's element ids
        assert set(_item_ids(out)) <= set(LEAKED) and "<!DOCTYPE html>" in out


def test_a_value_the_app_does_not_know_is_a_notice_and_the_rest_applies(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _export(capsys, "--format", "geojson", "--query", "?evidence=leak,leaked-documents")
    assert sorted(f["id"] for f in json.loads(out)["features"]) == sorted(LEAKED)
    assert err == [
        "notice: evidence: 'leak' is not one of leaked-documents, official-statement, news-report, "
        "visual-evidence, ngo-report, expert-analysis, allegation; ignored"
    ]


def test_the_1610_comma_link_exports_every_event(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _export(capsys, "--format", "geojson", "--query", "evidence=" + "," * 1610)
    assert (len(json.loads(out)["features"]), err) == (13, [])


def test_a_query_over_the_size_limit_is_refused_with_a_notice(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _export(capsys, "--format", "geojson", "--query", "evidence=allegation&q=" + "x" * 8000)
    assert len(json.loads(out)["features"]) == 13
    assert err == ["notice: the link's filters are 8,023 characters long, over the limit of 8,000; they are all ignored"]


def test_the_html_map_of_a_hostile_dossier_runs_no_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _export(capsys, "--format", "html", "--query", "event_type=airstrike", data=write_hostile_dossier(tmp_path))
    assert err == []
    assert TEMPLATE_RAN not in out
    assert _item_ids(out) == [EVENT_IDS[0]]
    start = out.index("EventAtlas.itemLayer(") + len("EventAtlas.itemLayer(")
    assert json.JSONDecoder().raw_decode(out, start)[0]["items"][0]["title"] == HOSTILE
