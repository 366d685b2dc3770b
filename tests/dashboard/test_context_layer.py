"""The context layer in the dashboard script: summary, sidebar filter, toggle, problems."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from geo.maps.pointlayer import Mark, Spot, cell_of, place_pixels
from tests.dashboard.conftest import REPO
from tests.fixtures.articles import copy_sample_article

MIX = REPO / "tests" / "fixtures" / "dossiers"
OpenApp = Callable[..., AppTest]
EXPORT = """\
event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,\
admin1,location,latitude,longitude,geo_precision,source,notes,fatalities
SYR1,2016-05-02,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia \
(2000-),Islamic State (Syria),Syria,Homs,Tadmur,34.5608,38.2805,1,SANA,Strikes near the citadel.,3
SYR2,2016-05-10,2,Battles,Armed clash,Military Forces of Syria (2000-),Islamic State (Syria),\
Syria,Homs,Tadmur,34.5608,38.2805,2,SANA,Clashes east of the town.,0
SYR3,2016-06-15,3,Explosions/Remote violence,Shelling/artillery/missile attack,Military \
Forces of Syria (2000-),,Syria,Ar-Raqqa,Ar-Raqqa,35.9528,39.0079,3,Step Agency,Shelling.,0
SYR4,2016-06-16,1,Battles,Armed clash,Hezbollah,,Syria,Homs,Tadmur,north,38.2805,1,SANA,,0
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copy(MIX / "sourcing-mix.yaml", copy_sample_article(tmp_path))
    (tmp_path / "acled-syria.csv").write_text(EXPORT, encoding="utf-8")
    return tmp_path


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _summary(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Context layer"))


def _drawn_context_ids(at: AppTest) -> list[str]:
    """The context ids the map's feature group carries (marks' and regions' ids)."""
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["feature_group"]
    found = re.search(r"\}\)\(feature_group_feature_group_0, (\{.*\})\);", script)
    if found is None:
        return []
    payload = json.loads(found.group(1))
    return sorted(payload["ids"] + [i for region in payload["regions"] for i in region["ids"]])


def test_the_data_directorys_export_is_drawn_and_summed_up(app: OpenApp, data_dir: Path) -> None:
    at = app(data_dir)
    assert not at.exception
    assert _summary(at) == ("Context layer: 3 of 3 ACLED events shown, 1 of them located only "
                            "to a region (shaded, never a point)")
    assert _drawn_context_ids(at) == ["SYR1", "SYR2", "SYR3"]


def test_a_bad_row_is_listed_in_the_sidebar_and_the_others_load(app: OpenApp,
                                                                data_dir: Path) -> None:
    at = app(data_dir)
    (warning,) = at.sidebar.warning
    assert "acled-syria.csv: row 5 (SYR4): latitude 'north' is not a number" in re.sub(
        r"\\(.)", r"\1", warning.value)


def test_the_sidebar_filters_apply_to_the_context_layer(app: OpenApp, data_dir: Path) -> None:
    at = app(data_dir, q="citadel")
    assert _drawn_context_ids(at) == ["SYR1"]
    at.text_input(key="q").set_value("").run()
    assert _drawn_context_ids(at) == ["SYR1", "SYR2", "SYR3"]


def test_hiding_the_context_layer_keeps_the_map_in_place(app: OpenApp, data_dir: Path) -> None:
    at = app(data_dir)
    (before,) = at.get("component_instance")
    at.toggle(key="context_shown").set_value(False).run()
    (after,) = at.get("component_instance")
    assert _drawn_context_ids(at) == []
    assert not any(c.value.startswith("Context layer") for c in at.caption)
    assert after.proto.id == before.proto.id


def test_without_an_export_there_is_no_toggle(app: OpenApp) -> None:
    at = app(MIX)
    assert [t.key for t in at.toggle] == []
    assert not any(c.value.startswith("Context layer") for c in at.caption)


def test_the_context_layers_claimants_and_actors_are_options_counted_with_the_articles(
        app: OpenApp, data_dir: Path) -> None:
    at = app(data_dir)
    assert at.multiselect(key="claimant").options == [
        "Sky News (2)", "unnamed accusers (2)", "Michael Zekulin, University of Calgary (1)",
        "SANA (3)", "Step Agency (1)"]
    assert at.multiselect(key="actor").options == [
        "ISIS (4)", "Syrian government (4)", "Jabhat al-Nusra (1)",
        "Islamic State (Syria) (2)", "Military Forces of Syria (2000-) (2)",
        "Military Forces of Russia (2000-) (1)"]
    at.toggle(key="context_shown").set_value(False).run()
    assert at.multiselect(key="claimant").options == [
        "Sky News (2)", "unnamed accusers (2)", "Michael Zekulin, University of Calgary (1)",
        "SANA (1)"]


def test_a_context_claimant_from_the_url_narrows_both_layers(app: OpenApp,
                                                              data_dir: Path) -> None:
    at = app(data_dir, claimant="Step Agency")
    assert [notice.value for notice in at.info] == []
    assert at.multiselect(key="claimant").value == ["Step Agency"]
    assert _drawn_context_ids(at) == ["SYR3"]
    assert next(m.value for m in at.markdown if m.value.startswith("Showing")) == (
        "Showing **0** of **6** events")



def test_hiding_the_context_layer_says_which_of_its_filters_it_removes(app: OpenApp,
                                                                      data_dir: Path) -> None:
    at = app(data_dir, claimant=["Step Agency", "Sky News"])
    at.toggle(key="context_shown").set_value(False).run()
    assert not at.exception
    assert at.multiselect(key="claimant").value == ["Sky News"]
    assert [_plain(toast.value) for toast in at.toast] == [
        "claimant: 'Step Agency' is no longer an option (only the context layer held it); that filter is removed"]
    assert next(m.value for m in at.markdown if m.value.startswith("Showing")) == (
        "Showing **2** of **6** events")

def test_a_context_actor_chosen_in_the_sidebar_narrows_the_context_layer(
        app: OpenApp, data_dir: Path) -> None:
    at = app(data_dir)
    at.multiselect(key="actor").select("Military Forces of Russia (2000-)").run()
    assert _drawn_context_ids(at) == ["SYR1"]
    at.multiselect(key="actor").select("Islamic State (Syria)").run()
    assert _drawn_context_ids(at) == ["SYR1", "SYR2"]
    assert at.query_params["actor"] == ["Islamic State (Syria)",
                                        "Military Forces of Russia (2000-)"]


def _payload(at: AppTest) -> dict[str, Any]:
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["feature_group"]
    found = re.search(r"\}\)\(feature_group_feature_group_0, (\{.*\})\);", script)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def _mark_at(lat: float, lon: float, style: int, zoom: int) -> Spot:
    x, y = place_pixels(np.array([lat]), np.array([lon]))
    cell_x, cell_y = cell_of(x, y, zoom)
    return Spot(lat, lon, region=False, mark=Mark(zoom, int(cell_x[0]), int(cell_y[0]), style))


@pytest.mark.parametrize(("style", "heading"), [
    (0, "1 ACLED context event at Tadmur"),
    # The clash ACLED placed near Tadmur is another mark at the same point: its own count.
    (1, "1 ACLED context event near Tadmur"),
])
def test_a_clicked_context_mark_lists_the_events_its_tooltip_counts(
        app: OpenApp, data_dir: Path, style: int, heading: str) -> None:
    at = app(data_dir, event="palmyra-withdrawal")
    marks = _payload(at)["marks"]
    counted = {(marks[m], marks[m + 1]): marks[m + 2] for m in range(0, len(marks), 5)}
    assert counted == {(0, 0): 1, (0, 1): 1}
    at.session_state["context_spot"] = _mark_at(34.5608, 38.2805, style, zoom=7)
    at.run()
    assert [_plain(s.value) for s in at.subheader][:1] == [heading]
    text = "\n".join(_plain(m.value) for m in at.markdown)
    if style == 1:
        assert ("2016-05-10 (known to the week) · Battles: Armed clash  \n"
                "Actors: Military Forces of Syria (2000-) / Islamic State (Syria)  \n"
                "Place: near Tadmur, Homs, Syria  \nSource: SANA  \n"
                "Fatalities: 0 · ACLED id SYR2") in text
    else:
        assert "> Strikes near the citadel." in text
    assert "event" not in at.query_params  # the article's event is no longer the one shown


def test_a_clicked_region_area_lists_the_events_located_only_to_it(app: OpenApp,
                                                                   data_dir: Path) -> None:
    at = app(data_dir)
    at.session_state["context_spot"] = Spot(35.9528, 39.0079, region=True)
    at.run()
    assert [_plain(s.value) for s in at.subheader][:1] == [
        "1 ACLED context event located only to Ar-Raqqa"]
    text = "\n".join(_plain(m.value) for m in at.markdown)
    assert "Place: Ar-Raqqa, Ar-Raqqa, Syria  \nSource: Step Agency" in text
    assert "> Shelling." in text

def test_the_date_range_reaches_over_the_context_layers_dates(app: OpenApp,
                                                               data_dir: Path) -> None:
    later = "SYR9,2019-03-04,1,Battles,Armed clash,Hezbollah,,Syria,Homs,Tadmur,34.5608,38.2805,1,SANA,,0"
    (data_dir / "acled-2019.csv").write_text(EXPORT.splitlines()[0] + "\n" + later + "\n",
                                             encoding="utf-8")
    at = app(data_dir)
    assert at.date_input(key="dates").value[1] == datetime.date(2019, 3, 4)
    at.date_input(key="dates").set_value((datetime.date(2019, 1, 1),
                                          datetime.date(2019, 3, 4))).run()
    assert _drawn_context_ids(at) == ["SYR9"]
    at.toggle(key="context_shown").set_value(False).run()
    assert not at.exception
