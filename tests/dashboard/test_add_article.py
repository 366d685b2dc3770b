"""The "Add an article" page in-process: paste, review, save; and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from events.dossier import catalogue_from_directory
from events.intake.review import Decision, Review
from tests.dashboard.conftest import REPO, SCRIPT_TIMEOUT_SECONDS

PAGE = "pages/1_Add_an_article.py"
SAMPLE = REPO.parent / "shared" / "seed" / "article-2016-05-02-syria-isis-deals.txt"
ARTICLE = """Rebels said on Monday they had shelled the airport in Aleppo.

Government forces withdrew from Palmyra to Homs last week, the ministry said in a statement.
"""


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppTest:
    """The page, reached from the map page of an app on an empty data directory."""
    monkeypatch.setenv("EVENT_ATLAS_DATA", str(tmp_path))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=SCRIPT_TIMEOUT_SECONDS).run()
    return at.switch_page(PAGE).run()


def _paste_and_draft(at: AppTest, text: str, publisher: str = "Global News") -> AppTest:
    at.text_area(key="article_text").input(text)
    at.text_input(key="publisher").input(publisher)
    at.date_input(key="published").set_value(dt.date(2016, 5, 2))
    at.run()
    return _click(at, "Draft the events")


def _click(at: AppTest, label: str) -> AppTest:
    next(button for button in at.button if button.label.startswith(label)).click()
    return at.run()


def _review(at: AppTest) -> Review:
    review: Review = at.session_state["review"]
    return review


def _key(at: AppTest, event_id: str, name: str) -> str:
    return f"{at.session_state['intake:generation']}:{event_id}:{name}"


def _errors(at: AppTest) -> list[str]:
    return [error.value for error in at.error]


def test_paste_accept_two_change_a_place_save_and_the_dossier_validates(page: AppTest, tmp_path: Path) -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"the sample article is not at {SAMPLE}")
    at = _paste_and_draft(page, SAMPLE.read_bytes().decode("utf-8"))
    assert not at.exception and _errors(at) == []
    review = _review(at)
    with_choice = [card for card in review.cards
                   if any(len(card.options.get(ref["name"], ())) > 1 for ref in card.raw["places"])]
    first, second = with_choice[0], next(card for card in review.cards if card is not with_choice[0])
    for card in (first, second):
        at.radio(key=_key(at, card.id, "decision")).set_value(Decision.ACCEPTED)
    at.run()
    place = next(i for i, ref in enumerate(first.raw["places"]) if len(first.options.get(ref["name"], ())) > 1)
    candidate = first.options[first.raw["places"][place]["name"]][1]
    at.selectbox(key=_key(at, first.id, f"place{place}")).set_value(1)
    at.run()
    assert _review(at).card(first.id).chosen_option(place) == 1
    at = _click(at, "Save 2 accepted event(s)")
    assert not at.exception and _errors(at) == []
    (saved,) = at.success
    assert saved.value.startswith("Saved 2 event")
    catalogue = catalogue_from_directory(tmp_path)
    assert [str(problem) for problem in catalogue.problems] == []
    assert sorted(event.id for event in catalogue.events) == sorted([first.id, second.id])
    moved = next(event for event in catalogue.events if event.id == first.id).places[place]
    assert moved.override is not None
    assert (moved.override.lat, moved.override.lon, moved.override.precision) == (
        candidate.lat, candidate.lon, candidate.precision)


def test_the_draft_is_shown_as_cards_with_the_quotes_marked_and_a_map(page: AppTest) -> None:
    at = _paste_and_draft(page, ARTICLE)
    review = _review(at)
    assert [card.raw["places"][0]["name"] for card in review.cards] != []
    marked = [m.value for m in at.markdown if ":orange-background[" in m.value]
    assert len(marked) == len({claim["quote"]["start"] for card in review.cards for claim in card.raw["claims"]})
    (drawn,) = at.get("component_instance")
    items = json.loads(drawn.proto.json_args)["feature_group"]
    for card in review.cards:
        assert card.id in items


def test_a_bad_edit_shows_the_validate_message_and_blocks_the_save(page: AppTest, tmp_path: Path) -> None:
    at = _paste_and_draft(page, ARTICLE)
    card = _review(at).cards[0]
    at.radio(key=_key(at, card.id, "decision")).set_value(Decision.ACCEPTED)
    at.text_input(key=_key(at, card.id, "date")).input("2016-13")
    at.run()
    file = tmp_path / f"{_review(at).article['id']}.yaml"
    assert _errors(at) == [f"{file}: event {card.id!r}, date: '2016-13' is not a date (month must be in 1..12); "
                           "write YYYY-MM-DD, YYYY-MM, YYYY or unknown".translate(
                               {ord(c): "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})]
    save = next(button for button in at.button if button.label.startswith("Save"))
    assert save.disabled
    assert _review(at).card(card.id).raw["date"] == "2016-13"


def test_an_existing_dossier_is_replaced_only_once_named_and_ticked(page: AppTest, tmp_path: Path) -> None:
    at = _paste_and_draft(page, ARTICLE)
    at = _click(at, "Accept every undecided event")
    at = _click(at, "Save")
    target = tmp_path / f"{_review(at).article['id']}.yaml"
    before = target.read_bytes()
    card = _review(at).cards[0]
    at.text_input(key=_key(at, card.id, "title")).input("A title the editor wrote")
    at.run()
    save = next(button for button in at.button if button.label.startswith("Save"))
    assert save.disabled and target.read_bytes() == before
    at.checkbox(key="replace").check().run()
    assert at.checkbox(key="replace").label == f"Replace the existing dossier {target}"
    at = _click(at, "Save")
    assert "A title the editor wrote" in target.read_text(encoding="utf-8")


def test_what_was_typed_survives_a_visit_to_the_map(page: AppTest) -> None:
    at = _paste_and_draft(page, ARTICLE)
    card = _review(at).cards[0]
    at.text_input(key=_key(at, card.id, "title")).input("Typed by the editor")
    at.run()
    at.switch_page("dashboard.py").run()
    at.switch_page(PAGE).run()
    assert at.text_area(key="article_text").value == ARTICLE
    assert at.text_input(key=_key(at, card.id, "title")).value == "Typed by the editor"
    assert _review(at).card(card.id).raw["title"] == "Typed by the editor"


def test_html_with_scripts_reaches_the_page_only_as_text(page: AppTest) -> None:
    hostile = ARTICLE + '\n<script>alert(1)</script> <img src=x onerror="alert(2)"> fighting in Aleppo said the army.\n'
    at = _paste_and_draft(page, hostile)
    shown = "\n".join(m.value for m in at.markdown)
    assert "\\<script\\>" in shown
    assert re.findall(r"(?<!\\)[<>]", shown) == []


def test_drafting_again_needs_a_tick_and_another_article_starts_empty(page: AppTest) -> None:
    at = _paste_and_draft(page, ARTICLE)
    card = _review(at).cards[0]
    at.text_input(key=_key(at, card.id, "title")).input("Typed by the editor")
    at.run()
    draft = next(button for button in at.button if button.label == "Draft the events")
    assert draft.disabled
    at.checkbox(key="redraft").check().run()
    at = _click(at, "Draft the events")
    assert _review(at).card(card.id).raw["title"] != "Typed by the editor"
    assert at.checkbox(key="redraft").value is False
    at = _click(at, "Accept every undecided event")
    at = _click(at, "Save")
    at = _click(at, "Add another article")
    assert "review" not in at.session_state
    assert (at.text_area(key="article_text").value, at.text_input(key="publisher").value) == ("", "Global News")
