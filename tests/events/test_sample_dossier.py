"""The sample article's dossier: every event, sourced as the article sources it."""

import hashlib

import pytest

from events.dossier import DATA_DIR, REPO_ROOT, article_text, catalogue_from_directory
from events.model import Event
from events.sourcing import DatePrecision
from tests.fixtures.articles import skip_without_sample

skip_without_sample()

SAMPLE = catalogue_from_directory(DATA_DIR)
EVENTS = {event.id: event for event in SAMPLE.events}
ARTICLE_TEXT = (DATA_DIR / "articles/2016-05-02-syria-isis-deals.txt").read_bytes().decode("utf-8")


def test_the_sample_dossier_has_no_problems() -> None:
    assert [str(p) for p in SAMPLE.problems] == []
    assert len(SAMPLE.events) == 13


def test_the_article_text_is_the_published_text_byte_for_byte() -> None:
    text = (DATA_DIR / "articles/2016-05-02-syria-isis-deals.txt").read_bytes()
    assert hashlib.sha256(text).hexdigest() == "3b91a85dc87da5424dd571492c7ed85ad4d43cae79d43482d03ea0e3af0b764d"


def test_the_article_metadata() -> None:
    (dossier,) = SAMPLE.dossiers
    article = dossier.article
    assert (article.title, article.publisher, article.published.isoformat()) == (
        "Investigation claims Syrian government is making deals with ISIS",
        "Global News",
        "2016-05-02",
    )
    assert article_text(article, DATA_DIR) == ARTICLE_TEXT


@pytest.mark.parametrize(
    ("event_id", "index"),
    [(event.id, i) for event in SAMPLE.events for i in range(len(event.claims))],
)
def test_every_quote_is_the_article_text_at_its_offsets(event_id: str, index: int) -> None:
    quote = EVENTS[event_id].claims[index].quote
    assert ARTICLE_TEXT[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("event_id", "event_type", "places"),
    [
        ("palmyra-weapons-withdrawal", "troop-or-weapons-movement",
         [("Palmyra", "origin"), ("Raqqa province", "destination")]),
        ("isis-headquarters-orders", "headquarters-or-command", [("Raqqa, Syria", "location")]),
        ("aleppo-msf-hospital-bombing", "attack-on-civilian-site", [("Aleppo", "location")]),
        ("palmyra-government-advance", "ground-offensive", [("Palmyra", "location")]),
        ("aleppo-canadian-clinic-bombing", "attack-on-civilian-site", [("Aleppo", "location")]),
        ("fertilizer-for-oil", "trade-or-deal", [("Syria", "location")]),
        ("isis-area-evacuations", "trade-or-deal", [("Syria", "location")]),
        ("russian-led-airstrikes", "airstrike", [("Syria", "location")]),
        ("isis-nusra-non-aggression", "agreement-or-truce", [("Syria", "location")]),
        ("us-sanctions-middleman", "sanctions", [("U.S.", "location")]),
        ("aleppo-truce-talks", "diplomacy", [("Aleppo", "location")]),
        ("government-isis-deals", "trade-or-deal", [("Syria", "location")]),
        ("middleman-oil-purchases", "trade-or-deal", [("Syria", "location")]),
    ],
)
def test_each_event_is_placed_where_the_article_places_it(
    event_id: str, event_type: str, places: list[tuple[str, str]]
) -> None:
    event = EVENTS[event_id]
    assert event.event_type == event_type
    assert [(place.name, place.role) for place in event.places] == places


def test_every_place_name_is_written_as_in_the_article() -> None:
    names = {place.name for event in SAMPLE.events for place in event.places}
    assert sorted(name for name in names if name not in ARTICLE_TEXT) == []


@pytest.mark.parametrize(
    ("event_id", "index", "claimant", "evidence", "verification", "chain", "accused"),
    [
        ("palmyra-weapons-withdrawal", 0, "Sky News", "leaked-documents", "unverified",
         ("ISIS defector", "Sky News", "Global News"), "Syrian government and ISIS"),
        ("palmyra-weapons-withdrawal", 1, "Sky News", "leaked-documents", "unverified",
         ("ISIS defector", "Sky News", "Global News"), "Syrian government and ISIS"),
        ("isis-headquarters-orders", 0, "Sky News", "leaked-documents", "unverified",
         ("ISIS defector", "Sky News", "Global News"), "Syrian government and ISIS"),
        ("aleppo-msf-hospital-bombing", 0, "unnamed accusers", "allegation", "alleged",
         ("unnamed accusers", "Global News"), "Syrian government"),
        ("aleppo-msf-hospital-bombing", 1, "Global News", "visual-evidence", "reported",
         ("unattributed video", "Global News"), None),
        ("aleppo-canadian-clinic-bombing", 0, "unnamed accusers", "allegation", "alleged",
         ("unnamed accusers", "Global News"), "Syrian government"),
        ("palmyra-government-advance", 0, "SANA", "visual-evidence", "reported",
         ("SANA", "The Associated Press", "Global News"), None),
        ("fertilizer-for-oil", 0, "unnamed accusers", "allegation", "alleged",
         ("unnamed accusers", "Global News"), "Syrian government and ISIS"),
        ("isis-area-evacuations", 0, "unnamed accusers", "allegation", "alleged",
         ("unnamed accusers", "Global News"), "Syrian government and ISIS"),
        ("isis-nusra-non-aggression", 0, "Michael Zekulin, University of Calgary", "expert-analysis",
         "reported", ("Michael Zekulin, University of Calgary", "Global News"), None),
        ("us-sanctions-middleman", 0, "Global News", "news-report", "reported", ("Global News",), None),
    ],
)
def test_claims_are_sourced_as_the_article_sources_them(
    event_id: str,
    index: int,
    claimant: str,
    evidence: str,
    verification: str,
    chain: tuple[str, ...],
    accused: str | None,
) -> None:
    claim = EVENTS[event_id].claims[index]
    assert (claim.claimant, claim.evidence, claim.verification, claim.chain, claim.accused) == (
        claimant, evidence, verification, chain, accused,
    )


@pytest.mark.parametrize(
    ("event_id", "date", "precision", "kind"),
    [
        ("palmyra-weapons-withdrawal", "2016-03", DatePrecision.MONTH, "occurred"),
        ("palmyra-government-advance", "2016-03", DatePrecision.MONTH, "occurred"),
        ("aleppo-msf-hospital-bombing", "2016-04", DatePrecision.MONTH, "occurred"),
        ("isis-headquarters-orders", "2016-05-02", DatePrecision.DAY, "reported"),
        ("aleppo-truce-talks", "2016-05-02", DatePrecision.DAY, "reported"),
        ("fertilizer-for-oil", "unknown", DatePrecision.UNKNOWN, "occurred"),
    ],
)
def test_dates_are_as_precise_as_the_article(event_id: str, date: str, precision: DatePrecision, kind: str) -> None:
    event: Event = EVENTS[event_id]
    assert (str(event.date), event.date.precision, event.date_kind) == (date, precision, kind)


HEDGES = ("alleged", "documents", "leaked", "said to", "suggest")


@pytest.mark.parametrize(
    "event_id",
    [e.id for e in SAMPLE.events if all(c.verification in ("unverified", "alleged") for c in e.claims)],
)
def test_a_title_never_states_an_unverified_or_alleged_event_as_fact(event_id: str) -> None:
    title = EVENTS[event_id].title.casefold()
    assert any(hedge in title for hedge in HEDGES), title
