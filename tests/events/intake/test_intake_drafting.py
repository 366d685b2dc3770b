"""Drafting the sample article: its three key events, with places, claimants and evidence."""

from __future__ import annotations

from datetime import date

import pytest

from events.dossier import REPO_ROOT
from events.intake import Draft, DraftEvent, draft_article
from events.model import PlaceRole
from events.sourcing import Evidence, EventType, Verification
from tests.fixtures.articles import skip_without_sample

skip_without_sample()

SAMPLE_TEXT = (REPO_ROOT / "events/data/articles/2016-05-02-syria-isis-deals.txt").read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def draft() -> Draft:
    return draft_article(SAMPLE_TEXT, publisher="Global News", published=date(2016, 5, 2))


def _events_quoting(draft: Draft, words: str) -> list[DraftEvent]:
    return [d for d in draft.events if any(words in c.quote.text for c in d.event.claims)]


def test_palmyra_withdrawal_goes_from_palmyra_to_raqqa_province_on_sky_news_leaked_documents(draft: Draft) -> None:
    [withdrawal] = _events_quoting(draft, "Withdraw all heavy artillery")
    event = withdrawal.event
    assert event.event_type is EventType.TROOP_OR_WEAPONS_MOVEMENT
    assert [(p.name, p.role) for p in event.places] == [
        ("Palmyra", PlaceRole.ORIGIN),
        ("Raqqa province", PlaceRole.DESTINATION),
    ]
    [claim] = event.claims
    assert (claim.claimant, claim.evidence, claim.verification) == (
        "Sky News", Evidence.LEAKED_DOCUMENTS, Verification.UNVERIFIED
    )
    assert claim.chain == ("Sky News", "Global News")
    # Palmyra is Tadmur in Syria, not one of the American Palmyras, which stay as candidates.
    palmyra = withdrawal.candidates["Palmyra"]
    assert (palmyra[0].name, palmyra[0].country_code) == ("Tadmur", "SY")
    assert {c.country_code for c in palmyra[1:]} >= {"US"}
    assert withdrawal.candidates["Raqqa province"][0].precision.value == "region"


def test_orders_come_from_isis_headquarters_in_raqqa_as_sky_news_reports(draft: Draft) -> None:
    [orders] = _events_quoting(draft, "orders sent from Islamic State headquarters")
    assert orders.event.event_type is EventType.HEADQUARTERS_OR_COMMAND
    assert [p.name for p in orders.event.places] == ["Raqqa"]
    assert orders.candidates["Raqqa"][0].precision.value == "city"
    [claim] = orders.event.claims
    assert (claim.claimant, claim.evidence, claim.verification) == (
        "Sky News", Evidence.LEAKED_DOCUMENTS, Verification.UNVERIFIED
    )


def test_aleppo_hospital_bombing_is_an_accusation_against_the_government(draft: Draft) -> None:
    [bombing] = _events_quoting(draft, "where the regime was accused of bombing")
    assert bombing.event.event_type is EventType.ATTACK_ON_CIVILIAN_SITE
    assert [p.name for p in bombing.event.places] == ["Aleppo"]
    [accusation] = [c for c in bombing.event.claims if "accused of bombing" in c.quote.text]
    assert (accusation.claimant, accusation.evidence, accusation.verification) == (
        "unnamed accusers", Evidence.ALLEGATION, Verification.ALLEGED
    )
    assert accusation.accused == "regime"
    # "last week" in an article of Monday 2 May 2016: most of that week is in April.
    assert str(bombing.event.date) == "2016-04"


def test_every_quote_is_the_article_text_at_its_offsets(draft: Draft) -> None:
    quotes = [c.quote for d in draft.events for c in d.event.claims]
    assert len(quotes) >= 8
    assert all(SAMPLE_TEXT[q.start : q.end] == q.text for q in quotes)


def test_doubtful_events_come_first_and_each_claim_has_a_confidence(draft: Draft) -> None:
    confidences = [d.confidence for d in draft.events]
    assert confidences == sorted(confidences)
    assert all(len(d.claim_confidence) == len(d.event.claims) for d in draft.events)
    assert all(0 < c <= 1 for d in draft.events for c in d.claim_confidence)


def test_outlet_voice_is_a_news_report_of_the_publisher(draft: Draft) -> None:
    [headline] = _events_quoting(draft, "Canadian-supported health clinic bombed in Aleppo")
    [claim] = [c for c in headline.event.claims if c.quote.text.startswith("READ MORE: Canadian")]
    assert (claim.claimant, claim.evidence, claim.chain) == ("Global News", Evidence.NEWS_REPORT, ("Global News",))


def test_article_gets_an_id_from_its_date_and_title_and_a_path_beside_its_dossier(draft: Draft) -> None:
    titled = draft_article(
        "Strike hits Aleppo\n\nA hospital in Aleppo was bombed on Monday, the ministry said.\n",
        publisher="Example News",
        published=date(2016, 5, 2),
        url="https://example.org/a",
    )
    assert titled.article.id == "2016-05-02-strike-hits-aleppo"
    assert titled.article.title == "Strike hits Aleppo"
    assert titled.article.path == "articles/2016-05-02-strike-hits-aleppo.txt"
    assert titled.article.url == "https://example.org/a"
    # The sample's first line is the page's "Advertisement" label; its headline comes next.
    assert draft.article.title == "Investigation claims Syrian government is making deals with ISIS"


def test_nothing_is_invented_every_place_and_named_claimant_is_in_the_text(draft: Draft) -> None:
    places = {p.name for d in draft.events for p in d.event.places}
    claimants = {c.claimant for d in draft.events for c in d.event.claims}
    assert places and all(name in SAMPLE_TEXT for name in places)
    named = claimants - {"Global News", "unnamed accusers", "unnamed reports"}
    assert named and all(name in SAMPLE_TEXT for name in named)


def test_quoted_words_are_dated_when_their_speaker_spoke() -> None:
    text = (
        "Headline\n\nA junta spokesman told state media on Friday that troops had retaken Lashio.\n\n"
        "“Fighting continues near Lashio,” he said.\n"
    )
    drafted = draft_article(text, publisher="Example News", published=date(2023, 11, 11))
    [event] = [d.event for d in drafted.events if any("Fighting continues" in c.quote.text for c in d.event.claims)]
    assert (str(event.date), event.date_kind.value) == ("2023-11-10", "reported")
