"""The dashboard script in-process: filters, URL state, notices, problems, the map component."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from events.mapview import HIDDEN_NOTICE
from events.overview import HOW_TO_READ
from tests.dashboard.conftest import REPO
from tests.dashboard.test_context_layer import EXPORT
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
    """The rows ticked in the events table, once it is opened."""
    at.session_state["events_table"] = True  # what opening it sets
    at.run()
    (key,) = [key for key in at.session_state.keys() if str(key).startswith("table-")]
    rows: list[int] = at.session_state[key]["selection"]["rows"]
    return rows


def test_the_table_ticks_the_row_of_the_event_a_link_selects(app: OpenApp) -> None:
    assert _ticked_rows(app(MIX, event="aleppo-hospital")) == [2]
    assert _ticked_rows(app(MIX)) == []


def _off_map_buttons(at: AppTest) -> list[tuple[str, bool]]:
    """The buttons of the list beside the map: label as read, and whether it can be pressed."""
    return [(_plain(button.label), not button.disabled) for button in at.button
            if str(button.key).startswith("off-map:")]


def test_a_selected_country_wide_event_is_marked_in_the_list_beside_the_map(app: OpenApp) -> None:
    at = app(MIX, event="fertilizer-for-oil")
    assert _off_map_buttons(at) == [
        ("Fertilizer traded for oil (selected)", False),
        ("Local non-aggression between ISIS and Jabhat al-Nusra", True),
    ]


def test_an_event_with_no_mark_opens_from_the_list_beside_the_map(app: OpenApp) -> None:
    at = app(MIX)
    at.button(key="off-map:nusra-non-aggression").click().run()
    assert at.subheader[0].value == "Local non\\-aggression between ISIS and Jabhat al\\-Nusra"
    assert at.query_params["event"] == "nusra-non-aggression"
    assert _off_map_buttons(at)[1] == ("Local non-aggression between ISIS and Jabhat al-Nusra (selected)", False)


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


def test_the_view_can_be_downloaded_as_data_a_map_and_pictures_once_that_part_is_opened(app: OpenApp) -> None:
    at = app(MIX)
    assert (at.get("download_button"), at.expander[-1].label) == (
        [], "Take this view into a briefing: data, a map file, pictures")
    at.session_state["exports"] = True  # what opening it sets
    buttons = at.run().get("download_button")
    assert [button.proto.label for button in buttons] == ["GeoJSON", "CSV", "HTML map", "PNG slide", "PNG slide 2x",
                                                          "PDF A4", "PDF US Letter"]


def test_events_with_no_precise_place_are_listed_with_the_reason(app: OpenApp) -> None:
    at = app()
    assert len(_off_map_buttons(at)) == 7
    assert _off_map_buttons(at)[0] == (
        "Documents suggest the Syrian government struck a number of deals with ISIS", True)
    reasons = [_plain(m.value) for m in at.markdown if m.value.startswith("*") and not m.value.startswith("**")]
    assert reasons == ["*Country-wide: the article names no place more precise than the country:*"]



def test_a_claims_note_is_shown_with_the_claim(app: OpenApp) -> None:
    at = app(event="palmyra-weapons-withdrawal")
    notes = [_plain(m.value) for m in at.markdown if m.value.startswith("**Note on this claim:**")]
    assert notes[0] == ("**Note on this claim:** Sky News's chief correspondent writes that the documents' "
                        "authenticity is impossible to verify; they are copies of handwritten documents.")


def test_the_first_screen_names_the_article_the_placing_and_how_to_read_the_map(app: OpenApp) -> None:
    at = app()
    assert [_plain(m.value) for m in at.markdown if "reported in" in m.value] == [
        "**13 events** reported in *Investigation claims Syrian government is making deals with ISIS, "
        "Global News, 2 May 2016*"]
    assert _plain(at.markdown[[m.value for m in at.markdown].index(_showing(at)) + 1].value) == (
        "Of these, **6** placed on the map, **7** shaded as country-wide.")
    assert at.caption[0].value == HOW_TO_READ


def test_an_article_link_is_offered_only_for_a_web_address(app: OpenApp, tmp_path: Path) -> None:
    dossier = (MIX / "sourcing-mix.yaml").read_text(encoding="utf-8")
    assert "\n  url:" not in dossier
    for url, shown in [("https://example.org/story", " · [read the article](https://example.org/story)"),
                       ("javascript:alert(1)", "")]:
        data_dir = copy_sample_article(tmp_path / str(len(shown)))  # the atlas is cached by directory
        (data_dir / "sourcing-mix.yaml").write_text(
            dossier.replace("\n  publisher:", f"\n  url: '{url}'\n  publisher:", 1), encoding="utf-8")
        at = app(data_dir)
        (line,) = [m.value for m in at.markdown if "reported in" in m.value]
        assert line.endswith("*" + shown)


def test_an_empty_result_says_why_and_clears_the_filters(app: OpenApp) -> None:
    at = app(MIX, evidence="allegation", verification="confirmed", q="oil")
    assert _showing(at) == "Showing **0** of **6** events"
    assert [_plain(info.value) for info in at.info] == [
        "No event passes all of these filters together: Evidence: Allegation without evidence; "
        "Verification: Confirmed; Search: “oil”."]
    at.button(key="clear_filters").click().run()
    assert _showing(at) == "Showing **6** of **6** events"
    assert [at.multiselect(key=name).value for name in ("evidence", "verification")] == [[], []]
    assert at.text_input(key="q").value == ""
    assert not at.info
    assert dict(at.query_params) == {}


def test_the_dates_say_that_undated_events_pass_any_range(app: OpenApp) -> None:
    at = app(MIX, since="2016-04-01")
    assert [c.value for c in at.sidebar.caption if "no known date" in c.value] == [
        "2 of the article events have no known date: every date range keeps them, since nothing "
        "puts them outside it. Their date reads “unknown”."]


def test_the_table_is_built_only_once_opened_and_leads_with_title_verification_and_claimants(
    app: OpenApp,
) -> None:
    at = app(MIX)
    assert (len(at.dataframe), [e.label for e in at.expander][-2]) == (
        0, "Table of these events: every column, sortable")
    at.session_state["events_table"] = True
    (table,) = at.run().dataframe
    assert list(table.proto.column_order)[:4] == ["title", "verification", "claimants", "evidence"]
    assert len(table.value) == 6


def test_a_long_list_stops_at_a_hundred_and_says_how_many_more_the_table_holds(
    app: OpenApp, tmp_path: Path
) -> None:
    shutil.copytree(MIX / "articles", tmp_path / "articles")
    dossier = yaml.safe_load((MIX / "sourcing-mix.yaml").read_text(encoding="utf-8"))
    orders = next(event for event in dossier["events"] if event["id"] == "raqqa-orders")
    dossier["events"] = [dict(orders, id=f"orders-{n}", title=f"Orders {n}") for n in range(105)]
    (tmp_path / "many.yaml").write_text(yaml.safe_dump(dossier), encoding="utf-8")
    at = app(tmp_path)
    assert len([b for b in at.button if str(b.key).startswith("row:")]) == 100
    assert "... and 5 more: the table lists them all, or narrow the filters." in [c.value for c in at.caption]
    at.session_state["events_table"] = True
    assert len(at.run().dataframe[0].value) == 105


def test_the_list_below_the_map_gives_each_event_with_its_verification_and_claimants(app: OpenApp) -> None:
    at = app(MIX)
    titles = [b.label for b in at.button if b.key and b.key.startswith("row:")]
    assert len(titles) == 6 and "Fertilizer traded for oil" in titles
    assert "Alleged · unnamed accusers" in [c.value for c in at.caption]


def test_no_filter_offers_a_select_all_row(app: OpenApp) -> None:
    at = app(MIX)
    assert [widget.proto.select_all for widget in at.sidebar.multiselect] == [0] * 6


def _legend_text(at: AppTest) -> str:
    (legend,) = [element for element in at.get("html") if "ea-legend-static" in element.proto.body]
    body: str = legend.proto.body
    return body


def test_the_legend_holds_the_context_layers_looks_while_it_is_shown(app: OpenApp, tmp_path: Path) -> None:
    shutil.copy(MIX / "sourcing-mix.yaml", copy_sample_article(tmp_path))
    (tmp_path / "acled-syria.csv").write_text(EXPORT, encoding="utf-8")
    at = app(tmp_path)
    assert "Context event at a town" in _legend_text(at)
    at.toggle(key="context_shown").set_value(False).run()
    assert "Context event at a town" not in _legend_text(at)
    assert "Leaked documents" in _legend_text(at)
