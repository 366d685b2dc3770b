"""The editor's changes to a drafted article, on the sample article's own events."""

from __future__ import annotations

import dataclasses

import pytest

from events.dossier import DATA_DIR, article_text, dossier_from_file
from events.intake import PlaceCandidate
from events.intake.review import (
    BY_HAND,
    Card,
    Decision,
    Review,
    accept_undecided,
    checked,
    decided,
    dossier_to_save,
    glance,
    marked_article,
    ordered_by_doubt,
    place_line,
    placed_drafts,
    quote_span,
    with_claim_field,
    with_event_field,
    with_place_by_hand,
    with_place_option,
    with_quote,
)
from geo.place import Precision
from tests.fixtures.articles import skip_without_sample

skip_without_sample()

SAMPLE = dossier_from_file(DATA_DIR / "2016-05-02-syria-isis-deals.yaml")
TEXT = article_text(SAMPLE.article, DATA_DIR)
FILE = "events/data/2016-05-02-syria-isis-deals.yaml"
PALMYRA = PlaceCandidate(name="Palmyra", label="Palmyra, Homs, Syria", lat=34.5594, lon=38.2809, precision=Precision.CITY,
                      country_code="SY")
PALMYRA_IN_NEW_YORK = PlaceCandidate(name="Palmyra", label="Palmyra, New York, United States", lat=43.0639, lon=-77.2333,
                                  precision=Precision.CITY, country_code="US")
WITHDRAWAL = "palmyra-weapons-withdrawal"
ORDERS = "isis-headquarters-orders"


def _review() -> Review:
    cards = [
        Card(raw=event.model_dump(mode="json"), confidence=0.9 - index / 20,
             options={"Palmyra": (PALMYRA, PALMYRA_IN_NEW_YORK)})
        for index, event in enumerate(SAMPLE.events)
    ]
    return Review(text=TEXT, article=SAMPLE.article.model_dump(mode="json"), cards=ordered_by_doubt(cards))


def test_the_least_sure_event_comes_first() -> None:
    review = _review()
    assert review.cards[0].id == SAMPLE.events[-1].id
    assert [card.confidence for card in review.cards] == sorted(card.confidence for card in review.cards)


def test_two_accepted_events_are_the_dossier_saved_and_it_has_no_problem() -> None:
    review = decided(decided(_review(), WITHDRAWAL, Decision.ACCEPTED), ORDERS, Decision.ACCEPTED)
    check = checked(review, FILE)
    assert check.problems == ()
    dossier = dossier_to_save(review, check)
    assert dossier is not None
    assert [event.id for event in dossier.events] == [ORDERS, WITHDRAWAL]
    assert dossier.events[1] == SAMPLE.events[[e.id for e in SAMPLE.events].index(WITHDRAWAL)]


def test_nothing_is_saved_before_an_event_is_accepted() -> None:
    review = _review()
    assert dossier_to_save(review, checked(review, FILE)) is None
    everything = accept_undecided(decided(review, ORDERS, Decision.DROPPED))
    saved = dossier_to_save(everything, checked(everything, FILE))
    assert saved is not None and len(saved.events) == len(SAMPLE.events) - 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", f"{FILE}: event '{WITHDRAWAL}', title: string should have at least 1 character (got '')"),
        ("date", "2016-13", f"{FILE}: event '{WITHDRAWAL}', date: '2016-13' is not a date (month must be in "
                            "1..12); write YYYY-MM-DD, YYYY-MM, YYYY or unknown"),
        ("date", "March", f"{FILE}: event '{WITHDRAWAL}', date: 'March' is not a date; "
                          "write YYYY-MM-DD, YYYY-MM, YYYY or unknown"),
    ],
)
def test_a_bad_edit_is_kept_and_reported_as_validate_reports_it(field: str, value: str, message: str) -> None:
    review = decided(with_event_field(_review(), WITHDRAWAL, field, value), WITHDRAWAL, Decision.ACCEPTED)
    check = checked(review, FILE)
    assert review.card(WITHDRAWAL).raw[field] == value
    assert [str(problem) for problem in check.of_event(WITHDRAWAL)] == [message]
    assert dossier_to_save(review, check) is None


def test_a_dropped_event_is_neither_checked_nor_saved() -> None:
    review = with_event_field(_review(), WITHDRAWAL, "summary", "")
    review = accept_undecided(decided(review, WITHDRAWAL, Decision.DROPPED))
    check = checked(review, FILE)
    assert check.problems == ()
    saved = dossier_to_save(review, check)
    assert saved is not None and WITHDRAWAL not in [event.id for event in saved.events]


def test_a_new_claimant_also_heads_the_chain() -> None:
    review = with_claim_field(_review(), WITHDRAWAL, 0, "claimant", "An ISIS defector")
    claim = review.card(WITHDRAWAL).raw["claims"][0]
    assert (claim["claimant"], claim["chain"]) == ("An ISIS defector", ["ISIS defector", "An ISIS defector",
                                                                        "Global News"])


def test_evidence_outside_the_vocabulary_is_reported_with_the_allowed_values() -> None:
    review = with_claim_field(_review(), WITHDRAWAL, 0, "evidence", "leak")
    (problem,) = checked(review, FILE).of_event(WITHDRAWAL)
    assert problem.field == "claims[0].evidence"
    assert problem.message.startswith("'leak' is not one of leaked-documents, official-statement, news-report")


def test_a_quote_reselected_by_offsets_quotes_those_words_and_validates() -> None:
    start, end = quote_span(TEXT, "all heavy artillery") or (0, 0)
    review = with_quote(_review(), WITHDRAWAL, 0, start - 1, end + 1)
    quote = review.card(WITHDRAWAL).raw["claims"][0]["quote"]
    assert quote["text"] == "all heavy artillery" and TEXT[quote["start"]:quote["end"]] == quote["text"]
    assert checked(review, FILE).problems == ()


def test_a_quote_of_no_words_is_refused() -> None:
    with pytest.raises(ValueError, match="hold no words of the article"):
        with_quote(_review(), WITHDRAWAL, 0, len(TEXT), len(TEXT) + 5)


def test_quote_span_takes_the_occurrence_nearest_the_old_quote() -> None:
    first = TEXT.find("Palmyra")
    second = TEXT.find("Palmyra", first + 1)
    assert quote_span(TEXT, " Palmyra ", near=second + 3) == (second, second + len("Palmyra"))
    assert quote_span(TEXT, "Palmyra") == (first, first + len("Palmyra"))
    assert quote_span(TEXT, "Atlantis") is None


def _palmyra_index(review: Review, event_id: str) -> int:
    return [ref["name"] for ref in review.card(event_id).raw["places"]].index("Palmyra")


def test_another_candidate_becomes_an_override_and_the_first_removes_it() -> None:
    review = _review()
    index = _palmyra_index(review, WITHDRAWAL)
    moved = with_place_option(review, WITHDRAWAL, index, 1)
    override = moved.card(WITHDRAWAL).raw["places"][index]["override"]
    assert (override["lat"], override["lon"], override["precision"]) == (43.0639, -77.2333, "city")
    assert moved.card(WITHDRAWAL).chosen_option(index) == 1
    assert "Palmyra [origin] → Palmyra, New York, United States (city)" in place_line(moved.card(WITHDRAWAL))
    back = with_place_option(moved, WITHDRAWAL, index, 0)
    assert "override" not in back.card(WITHDRAWAL).raw["places"][index]
    assert back.card(WITHDRAWAL).chosen_option(index) == 0


def test_a_place_put_by_hand_is_drawn_there_with_its_precision() -> None:
    review = _review()
    index = _palmyra_index(review, WITHDRAWAL)
    placed_by_hand = with_place_by_hand(review, WITHDRAWAL, index, 34.6, 38.3, Precision.REGION)
    card = placed_by_hand.card(WITHDRAWAL)
    assert card.chosen_option(index) is None
    assert "Palmyra [origin] → by hand (region)" in place_line(card)
    drawn = {p.event.id: p for p in placed_drafts(placed_by_hand, checked(placed_by_hand, FILE))}
    place = drawn[WITHDRAWAL].places[index].place
    assert (place.lat, place.lon, place.precision, place.resolver, place.note) == (
        34.6, 38.3, Precision.REGION, "editor", BY_HAND)


def test_a_place_without_override_is_drawn_at_its_first_candidate() -> None:
    review = _review()
    drawn = {p.event.id: p for p in placed_drafts(review, checked(review, FILE))}
    index = _palmyra_index(review, WITHDRAWAL)
    place = drawn[WITHDRAWAL].places[index].place
    assert (place.name, place.lat, place.lon, place.resolver) == ("Palmyra, Homs, Syria", 34.5594, 38.2809,
                                                                  "gazetteer")
    raqqa = drawn[WITHDRAWAL].places[1 - index].place
    assert (raqqa.found, raqqa.note) == (False, "no place found for 'Raqqa province'; place it by hand")


def test_each_quote_is_marked_with_its_card_number() -> None:
    review = _review()
    number = review.number(WITHDRAWAL)
    quote = review.card(WITHDRAWAL).raw["claims"][0]["quote"]["text"]
    marked = [piece for paragraph in marked_article(review) for piece in paragraph if number in piece[1]]
    assert "".join(text for text, _ in marked).startswith(quote.split("\n")[0])
    dropped = decided(review, WITHDRAWAL, Decision.DROPPED)
    assert not [p for para in marked_article(dropped) for p in para if number in p[1]]


def test_a_glance_gives_claimant_evidence_verification_and_words() -> None:
    card = dataclasses.replace(_review().card(WITHDRAWAL))
    first = glance(card)[0]
    assert first.startswith("Sky News · Leaked documents · Unverified: “")
    assert len(first) < 140 and first.endswith("…”")
