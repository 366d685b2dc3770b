"""The dashboard script in-process: filters, URL state, notices, problems, the map component."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from events.mapview import COUNTRY_WIDE, HIDDEN_NOTICE
from tests.dashboard.conftest import REPO
from tests.fixtures.articles import copy_sample_article
from tests.fixtures.hostile import EVENT_IDS, HOSTILE, write_hostile_dossier

MIX = REPO / "tests" / "fixtures" / "dossiers"
OpenApp = Callable[..., AppTest]


def _plain(markdown: str) -> str:
    """Markdown the dashboard escaped, as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("\u2060", ""))


def _showing(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Showing"))


def _map_args(at: AppTest) -> dict[str, object]:
    (component,) = at.get("component_instance")
    args: dict[str, object] = json.loads(component.proto.json_args)
    return args


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({}, 6),
        ({"evidence": "allegation"}, 2),
        ({"evidence": "leaked-documents,allegation"}, 4),
        ({"evidence": ["leaked-documents", "allegation"]}, 4),
        ({"verification": "unverified"}, 2),
        ({"claimant": "SANA"}, 1),
        ({"event_type": "trade-or-deal"}, 1),
        ({"actor": "Jabhat al-Nusra"}, 1),
        ({"precision": "country"}, 2),
        ({"q": "fertilizer"}, 1),
        ({"evidence": "allegation", "precision": "city"}, 1),
    ],
)
def test_url_filters_narrow_the_events(app: OpenApp, query: dict[str, str | list[str]], shown: int) -> None:
    at = app(MIX, **query)
    assert not at.exception
    assert _showing(at) == f"Showing **{shown}** of **6** events"


def test_choosing_evidence_narrows_the_events_and_the_url(app: OpenApp) -> None:
    at = app(MIX)
    at.multiselect(key="evidence").select("allegation").run()
    assert _showing(at) == "Showing **2** of **6** events"
    assert at.query_params["evidence"] == "allegation"


def test_url_restores_filters_and_selected_event(app: OpenApp) -> None:
    at = app(MIX, evidence="allegation", event="aleppo-hospital")
    assert at.multiselect(key="evidence").value == ["allegation"]
    assert at.subheader[0].value == "Hospital supported by Doctors Without Borders bombed in Aleppo"
    assert at.query_params["evidence"] == "allegation"
    assert at.query_params["event"] == "aleppo-hospital"


HOSPITAL = "Hospital supported by Doctors Without Borders bombed in Aleppo"


def _ticked_rows(at: AppTest) -> list[int]:
    (key,) = [key for key in at.session_state.keys() if str(key).startswith("table-")]
    rows: list[int] = at.session_state[key]["selection"]["rows"]
    return rows


def test_the_table_ticks_the_row_of_the_event_a_link_selects(app: OpenApp) -> None:
    assert _ticked_rows(app(MIX, event="aleppo-hospital")) == [2]
    assert _ticked_rows(app(MIX)) == []


def test_a_selected_country_wide_event_is_marked_in_the_list_beside_the_map(app: OpenApp) -> None:
    at = app(MIX, event="fertilizer-for-oil")
    (listed,) = [_plain(m.value) for m in at.markdown if m.value.startswith("- ")]
    assert listed.splitlines() == [
        f"- **Fertilizer traded for oil** (selected) — {COUNTRY_WIDE}",
        f"- Local non-aggression between ISIS and Jabhat al-Nusra — {COUNTRY_WIDE}",
    ]


def test_a_selected_event_the_filters_hide_stays_in_the_panel_marked_as_hidden(app: OpenApp) -> None:
    at = app(MIX, event="aleppo-hospital")
    assert not at.warning
    at.multiselect(key="evidence").select("leaked-documents").run()
    assert _showing(at) == "Showing **2** of **6** events"
    assert [warning.value for warning in at.warning] == [HIDDEN_NOTICE]
    assert at.subheader[0].value == HOSPITAL
    assert (at.query_params["evidence"], at.query_params["event"]) == ("leaked-documents", "aleppo-hospital")
    assert _ticked_rows(at) == []


def test_a_shared_link_to_a_hidden_event_opens_the_same_marked_panel(app: OpenApp) -> None:
    at = app(MIX, evidence="leaked-documents", event="aleppo-hospital")
    assert [warning.value for warning in at.warning] == [HIDDEN_NOTICE]
    assert at.subheader[0].value == HOSPITAL


def test_closing_the_details_clears_the_selection_and_the_link(app: OpenApp) -> None:
    at = app(MIX, evidence="leaked-documents", event="aleppo-hospital")
    at.button(key="close_details").click().run()
    assert not at.warning and HOSPITAL not in [subheader.value for subheader in at.subheader]
    assert "event" not in at.query_params
    assert at.query_params["evidence"] == "leaked-documents"


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"event": "no-such-event"}, "event: 'no-such-event' is not an event here; ignored"),
        (
            {"evidence": "leak"},
            "evidence: 'leak' is not one of leaked-documents, official-statement, news-report, "
            "visual-evidence, ngo-report, expert-analysis, allegation; ignored",
        ),
        ({"precision": "street"}, "precision: 'street' is not one of exact, city, region, country; ignored"),
        ({"since": "2016-13-01"}, "since: '2016-13-01' is not a date; write YYYY-MM-DD; ignored"),
        ({"until": "<script>"}, "until: '<script>' is not a date; write YYYY-MM-DD; ignored"),
    ],
)
def test_bad_url_values_give_a_notice_and_are_ignored(
    app: OpenApp, query: dict[str, str], notice: str
) -> None:
    at = app(MIX, **query)
    assert not at.exception
    assert [_plain(info.value) for info in at.info] == [notice]
    assert _showing(at) == "Showing **6** of **6** events"


def test_broken_dossier_is_a_warning_and_the_good_events_still_show(app: OpenApp, tmp_path: Path) -> None:
    shutil.copy(MIX / "sourcing-mix.yaml", copy_sample_article(tmp_path))
    mix = (MIX / "sourcing-mix.yaml").read_text()
    head, palmyra_advance = mix.split("- id: palmyra-advance")
    broken = mix.split("events:")[0] + "events:\n- id: palmyra-advance-again" + palmyra_advance
    (tmp_path / "z-broken.yaml").write_text(broken.replace("evidence: official-statement", "evidence: leak"))
    at = app(tmp_path)
    assert not at.exception
    (warning,) = at.warning
    assert _plain(warning.value).splitlines()[-1] == (
        f"- {tmp_path / 'z-broken.yaml'}: event 'palmyra-advance-again', claims[0].evidence: 'leak' is not one of "
        "leaked-documents, official-statement, news-report, visual-evidence, ngo-report, expert-analysis, allegation"
    )
    assert _showing(at) == "Showing **6** of **6** events"



def test_a_misconfigured_geocoder_is_named_as_such(
    app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(MIX / "sourcing-mix.yaml", copy_sample_article(tmp_path))
    monkeypatch.setenv("EVENT_ATLAS_GEOCODER", "nominatim")
    monkeypatch.delenv("EVENT_ATLAS_USER_AGENT", raising=False)
    at = app(tmp_path)
    assert not at.exception
    assert [_plain(error.value) for error in at.error] == [
        "Cannot place the events: Nominatim needs an identifying user agent: set EVENT_ATLAS_USER_AGENT, "
        "e.g. 'event-atlas/1.0 (you@example.org)'"
    ]

def test_map_component_is_the_same_across_a_filter_change(app: OpenApp) -> None:
    at = app(MIX)
    (before,) = at.get("component_instance")
    before_args = _map_args(at)
    at.multiselect(key="evidence").select("allegation").run()
    (after,) = at.get("component_instance")
    after_args = _map_args(at)
    assert after.proto.id == before.proto.id
    assert after_args["script"] == before_args["script"]
    assert after_args["feature_group"] != before_args["feature_group"]


def test_map_loads_only_local_assets(app: OpenApp) -> None:
    args = _map_args(app(MIX))
    links = [*args["js_links"], *args["css_links"]]  # type: ignore[misc]
    assert links, "the map declares no script at all"
    assert [link for link in links if not link.startswith("/app/static/")] == []


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"since": "2010-01-01", "until": "2030-12-31"}, 6),
        ({"since": "2016-04-01"}, 4),  # the April event, the 2016 one and the two undated
        ({"until": "2016-02-28"}, 3),  # the 2016 event and the two undated
        ({"since": "2016-05-01", "until": "2016-03-01"}, 3),  # the 2016 event overlaps both; undated pass
    ],
)
def test_dates_outside_the_data_or_reversed_do_not_break_the_date_widget(
    app: OpenApp, query: dict[str, str], shown: int
) -> None:
    at = app(MIX, **query)
    assert not at.exception
    assert _showing(at) == f"Showing **{shown}** of **6** events"


def test_hostile_text_reaches_the_page_only_as_escaped_markdown(app: OpenApp, tmp_path: Path) -> None:
    at = app(write_hostile_dossier(tmp_path), event=EVENT_IDS[0])
    assert not at.exception
    assert _plain(at.subheader[0].value) == HOSTILE
    texts = [*at.markdown, *at.caption]  # headings and alerts never take HTML
    assert any(HOSTILE in _plain(t.value) for t in texts)
    assert [t.value for t in texts if t.proto.allow_html] == []
    assert [h for h in at.get("html") if "pwned" in h.proto.body] == []


def test_url_notice_goes_once_the_viewer_changes_the_filters(app: OpenApp) -> None:
    at = app(MIX, evidence="leak")
    assert len(at.info) == 1
    at.multiselect(key="evidence").select("allegation").run()
    assert len(at.info) == 0


def test_each_filter_option_shows_its_label_and_how_many_events_hold_it(app: OpenApp) -> None:
    at = app(MIX)
    assert at.multiselect(key="evidence").options == [
        "Leaked documents (2)",
        "Official statement (1)",
        "News report (0)",
        "Photo or video (0)",
        "NGO report (0)",
        "Expert analysis (1)",
        "Allegation without evidence (2)",
    ]
    assert at.multiselect(key="precision").options == [
        "Exact spot (0)", "City or town (4)", "Region or province (0)", "Whole country (2)"]


def test_a_filter_chosen_by_its_label_keeps_the_value_in_the_url(app: OpenApp) -> None:
    at = app(MIX)
    at.multiselect(key="evidence").select("visual-evidence").run()
    assert at.query_params["evidence"] == "visual-evidence"


def test_the_view_can_be_downloaded_in_three_forms(app: OpenApp) -> None:
    at = app(MIX)
    buttons = at.get("download_button")
    assert [button.proto.label for button in buttons] == ["GeoJSON", "CSV", "HTML map"]


def test_events_with_no_precise_place_are_listed_with_the_reason(app: OpenApp) -> None:
    at = app()
    (listed,) = [_plain(m.value) for m in at.markdown if m.value.startswith("- ")]
    assert len(listed.splitlines()) == 7
    assert listed.splitlines()[0] == (
        "- Documents suggest the Syrian government struck a number of deals with ISIS — "
        "country-wide: the article names no place more precise than the country")
