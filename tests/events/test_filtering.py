"""Filtering the sample's events, counting options, and the filter as a URL query string."""

from datetime import date

import pytest

from events import filtering
from events.dossier import DATA_DIR, catalogue_from_directory
from events.filtering import EventFilter, events_matching, filter_from_query, option_counts, query_from_filter
from events.limits import QUERY_MAX_CHARS, QUERY_MAX_VALUES, QUERY_VALUE_MAX_CHARS
from events.sourcing import Evidence, Verification
from geo.place import Precision

EVENTS = catalogue_from_directory(DATA_DIR).events
UNDATED = {
    "government-isis-deals", "fertilizer-for-oil", "isis-area-evacuations", "russian-led-airstrikes",
    "isis-nusra-non-aggression", "us-sanctions-middleman", "middleman-oil-purchases",
}
COUNTRY_WIDE = UNDATED
PRECISION = {event.id: Precision.COUNTRY if event.id in COUNTRY_WIDE else Precision.CITY for event in EVENTS}
PRECISION["palmyra-government-advance"] = None  # as if it could not be placed
KNOWN = {
    "claimant": option_counts(EVENTS)["claimant"].keys(),
    "actor": option_counts(EVENTS)["actor"].keys(),
    "event": {event.id for event in EVENTS},
}
ALLEGED = {
    "aleppo-msf-hospital-bombing", "aleppo-canadian-clinic-bombing", "fertilizer-for-oil",
    "isis-area-evacuations", "middleman-oil-purchases",
}
LEAKED = {"palmyra-weapons-withdrawal", "isis-headquarters-orders", "government-isis-deals"}


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        pytest.param({}, {event.id for event in EVENTS}, id="no-choice-is-everything"),
        pytest.param({"evidence": {"allegation"}}, ALLEGED, id="allegations"),
        pytest.param({"evidence": {"allegation", "leaked-documents"}}, ALLEGED | LEAKED, id="either-evidence"),
        pytest.param({"verification": {"unverified"}}, LEAKED, id="unverified"),
        pytest.param(
            {"evidence": {"visual-evidence"}},
            {"palmyra-government-advance", "aleppo-msf-hospital-bombing"},
            id="photo-or-video",
        ),
        # The hospital has a Global News claim and an allegation, but no claim is both.
        pytest.param({"claimant": {"Global News"}, "evidence": {"allegation"}}, set(), id="one-claim-must-pass-all"),
        pytest.param(
            {"claimant": {"Global News"}, "evidence": {"visual-evidence"}},
            {"aleppo-msf-hospital-bombing"},
            id="claimant-and-evidence-in-one-claim",
        ),
        pytest.param({"claimant": {"unnamed accusers"}, "verification": {"alleged"}}, ALLEGED, id="accusers"),
        pytest.param(
            {"event_type": {"attack-on-civilian-site"}},
            {"aleppo-msf-hospital-bombing", "aleppo-canadian-clinic-bombing"},
            id="event-type",
        ),
        pytest.param({"actor": {"Jabhat al-Nusra"}}, {"isis-nusra-non-aggression"}, id="actor"),
        pytest.param({"precision": {"country"}}, COUNTRY_WIDE, id="country-wide"),
        pytest.param(
            {"precision": {"city"}},
            {"palmyra-weapons-withdrawal", "isis-headquarters-orders", "aleppo-msf-hospital-bombing",
             "aleppo-canadian-clinic-bombing", "aleppo-truce-talks"},
            id="unplaced-fails-a-precision-choice",
        ),
        pytest.param(
            {"q": "PALMYRA"}, {"palmyra-weapons-withdrawal", "palmyra-government-advance"}, id="text-any-case"
        ),
        pytest.param({"q": "al-Qaeda's official"}, {"isis-nusra-non-aggression"}, id="straight-apostrophe-in-quote"),
        pytest.param({"q": "fertilizer oil"}, {"fertilizer-for-oil"}, id="every-word"),
        pytest.param({"q": "Raqqa, Syria"}, {"isis-headquarters-orders"}, id="place-name"),
        pytest.param(
            {"since": date(2016, 4, 1), "until": date(2016, 4, 30)},
            UNDATED | {"aleppo-msf-hospital-bombing", "aleppo-canadian-clinic-bombing"},
            id="april-keeps-undated",
        ),
        pytest.param(
            {"until": date(2016, 3, 15)},
            UNDATED | {"palmyra-weapons-withdrawal", "palmyra-government-advance"},
            id="month-overlapping-the-range",
        ),
        pytest.param(
            {"since": date(2016, 5, 2)},
            UNDATED | {"isis-headquarters-orders", "aleppo-truce-talks"},
            id="day-on-the-bound",
        ),
        pytest.param({"event": "aleppo-truce-talks"}, {event.id for event in EVENTS}, id="selection-does-not-filter"),
    ],
)
def test_events_matching(choice: dict[str, object], expected: set[str]) -> None:
    matching = events_matching(EVENTS, EventFilter.model_validate(choice), PRECISION)
    assert {event.id for event in matching} == expected


def test_precision_can_come_from_a_function() -> None:
    matching = events_matching(EVENTS, EventFilter(precision=frozenset({Precision.COUNTRY})), lambda e: PRECISION[e.id])
    assert {event.id for event in matching} == COUNTRY_WIDE


def test_matching_keeps_the_given_order() -> None:
    matching = events_matching(EVENTS, EventFilter(evidence=frozenset({Evidence.ALLEGATION})))
    assert [event.id for event in matching] == [event.id for event in EVENTS if event.id in ALLEGED]


def test_option_counts() -> None:
    counts = option_counts(EVENTS, PRECISION)
    assert counts["evidence"] == {
        "leaked-documents": 3, "official-statement": 0, "news-report": 4, "visual-evidence": 2,
        "ngo-report": 0, "expert-analysis": 1, "allegation": 5,
    }
    assert counts["verification"] == {"confirmed": 0, "reported": 7, "unverified": 3, "alleged": 5, "disputed": 0}
    assert list(counts["claimant"].items())[:3] == [("Global News", 5), ("unnamed accusers", 5), ("Sky News", 3)]
    assert counts["precision"] == {"exact": 0, "city": 5, "region": 0, "country": 7}
    assert counts["actor"]["ISIS"] == 8
    assert sum(counts["event_type"].values()) == len(EVENTS)


EVIDENCE_VALUES = "leaked-documents, official-statement, news-report, visual-evidence, ngo-report, expert-analysis, allegation"


@pytest.mark.parametrize(
    ("params", "expected", "notices"),
    [
        pytest.param(
            {"evidence": ["leaked-documents,allegation"]},
            {"evidence": {"leaked-documents", "allegation"}}, [], id="comma-separated",
        ),
        pytest.param(
            {"evidence": ["leaked-documents", "allegation"]},
            {"evidence": {"leaked-documents", "allegation"}}, [], id="repeated",
        ),
        pytest.param(
            {"evidence": ["leak,allegation"]},
            {"evidence": {"allegation"}},
            [f"evidence: 'leak' is not one of {EVIDENCE_VALUES}; ignored"],
            id="unknown-evidence",
        ),
        pytest.param({"verification": ["Alleged"]}, {"verification": {"alleged"}}, [], id="any-case"),
        pytest.param(
            {"precision": ["town"]}, {},
            ["precision: 'town' is not one of exact, city, region, country; ignored"], id="unknown-precision",
        ),
        pytest.param(
            {"claimant": ["Sky News,Michael Zekulin, University of Calgary"]},
            {"claimant": {"Sky News", "Michael Zekulin, University of Calgary"}}, [],
            id="claimant-with-a-comma",
        ),
        pytest.param(
            {"claimant": ["Sky Nwes"]}, {},
            ["claimant: 'Sky Nwes' is not one of Global News, unnamed accusers, Sky News, "
             "Michael Zekulin, University of Calgary, SANA, unnamed reports; ignored"],
            id="unknown-claimant",
        ),
        pytest.param({"actor": ["isis"]}, {"actor": {"ISIS"}}, [], id="actor-any-case"),
        pytest.param({"q": ["aleppo "]}, {"q": "aleppo"}, [], id="text"),
        pytest.param({"since": ["2016-04"], "until": ["2016-04"]},
                     {"since": date(2016, 4, 1), "until": date(2016, 4, 30)}, [], id="a-month"),
        pytest.param(
            {"since": ["2016-13-01"]}, {},
            ["since: '2016-13-01' is not a date; write YYYY-MM-DD; ignored"], id="bad-date",
        ),
        pytest.param(
            {"until": ["unknown"]}, {}, ["until: 'unknown' is not a date; write YYYY-MM-DD; ignored"],
            id="unknown-is-not-a-bound",
        ),
        pytest.param(
            {"since": ["2016-05-01"], "until": ["2016-04-01"]},
            {"since": date(2016, 5, 1), "until": date(2016, 4, 1)},
            ["since 2016-05-01 is after until 2016-04-01: no event can match"], id="reversed-range",
        ),
        pytest.param({"event": ["aleppo-truce-talks"]}, {"event": "aleppo-truce-talks"}, [], id="event"),
        pytest.param(
            {"event": ["nope"]}, {}, ["event: 'nope' is not an event here; ignored"], id="unknown-event",
        ),
        pytest.param({"utm_source": ["newsletter"], "embed": ["true"]}, {}, [], id="other-parameters"),
    ],
)
def test_filter_from_query(params: dict[str, list[str]], expected: dict[str, object], notices: list[str]) -> None:
    assert filter_from_query(params, KNOWN) == (EventFilter.model_validate(expected), notices)


def test_without_known_values_claimants_are_taken_as_written() -> None:
    choice, notices = filter_from_query({"claimant": ["Sky News,SANA"], "event": ["anything"]})
    assert (choice.claimant, choice.event, notices) == (frozenset({"Sky News", "SANA"}), "anything", [])


def test_query_from_filter() -> None:
    choice = EventFilter(
        evidence=frozenset({Evidence.ALLEGATION, Evidence.LEAKED_DOCUMENTS}),
        verification=frozenset({Verification.ALLEGED}),
        claimant=frozenset({"Sky News", "Michael Zekulin, University of Calgary"}),
        since=date(2016, 3, 1),
        q="oil",
        event="fertilizer-for-oil",
    )
    assert query_from_filter(choice) == {
        "evidence": ["leaked-documents", "allegation"],
        "verification": ["alleged"],
        "claimant": ["Michael Zekulin, University of Calgary", "Sky News"],
        "q": ["oil"],
        "since": ["2016-03-01"],
        "event": ["fertilizer-for-oil"],
    }


@pytest.mark.parametrize(
    "choice",
    [
        EventFilter(),
        EventFilter(
            evidence=frozenset(Evidence), verification=frozenset({Verification.REPORTED}),
            claimant=frozenset({"Michael Zekulin, University of Calgary", "SANA"}),
            event_type=frozenset({"diplomacy"}), actor=frozenset({"Jabhat al-Nusra", "ISIS"}),
            precision=frozenset({Precision.REGION, Precision.CITY}), q="al-Qaeda’s affiliate",
            since=date(2016, 3, 1), until=date(2016, 5, 2), event="aleppo-truce-talks",
        ),
    ],
)
def test_a_filter_survives_the_round_trip_through_the_url(choice: EventFilter) -> None:
    assert filter_from_query(query_from_filter(choice), KNOWN) == (choice, [])


@pytest.fixture
def comma_keys(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every candidate run of comma-separated pieces the parser looks up (its unit of work)."""
    looked_up: list[str] = []
    real = filtering._comma_key

    def counting(value: str) -> str:
        looked_up.append(value)
        return real(value)

    monkeypatch.setattr(filtering, "_comma_key", counting)
    return looked_up


@pytest.mark.parametrize("name", ["evidence", "claimant", "actor", "event", "since"])
def test_a_link_of_1610_commas_is_parsed_in_linear_work(name: str, comma_keys: list[str]) -> None:
    # The attack as reported: `?evidence=,,,...` (1,610 bytes) took 56 s of server CPU.
    known_keys = len(KNOWN["claimant"]) + len(KNOWN["actor"])
    assert filter_from_query({name: ["," * 1610]}, KNOWN) == (EventFilter(), [])
    # A run is at most as long as the known claimant with the most commas (two pieces).
    assert len(comma_keys) - known_keys <= 1611


def test_many_comma_separated_known_claimants_are_parsed_in_linear_work(comma_keys: list[str]) -> None:
    value = ",".join(["Michael Zekulin, University of Calgary", "Sky News"] * 60)
    choice, notices = filter_from_query({"claimant": [value]}, KNOWN)
    assert (choice.claimant, notices) == (frozenset({"Michael Zekulin, University of Calgary", "Sky News"}), [])
    assert len(comma_keys) - len(KNOWN["claimant"]) - len(KNOWN["actor"]) <= 2 * 180


def test_a_link_over_the_size_limit_is_ignored_with_a_notice() -> None:
    params = {"evidence": ["allegation"], "q": ["x" * (QUERY_MAX_CHARS - 22)]}
    assert filter_from_query(params, KNOWN) == (
        EventFilter(),
        ["the link's filters are 8,001 characters long, over the limit of 8,000; they are all ignored"],
    )
    params["q"] = ["x" * 400]
    assert filter_from_query(params, KNOWN)[0].q == "x" * 400


def test_a_value_over_the_size_limit_is_ignored_with_a_notice() -> None:
    long = "Sky News" + "!" * QUERY_VALUE_MAX_CHARS
    choice, notices = filter_from_query({"claimant": [f"SANA,{long}"], "q": [long]}, KNOWN)
    assert (choice.claimant, choice.q) == (frozenset({"SANA"}), "")
    said = "'Sky News" + "!" * 52 + "'... (508 characters) is over the limit of 500 characters; ignored"
    assert notices == [f"claimant: {said}", f"q: {said}"]


def test_values_past_the_count_limit_are_dropped_with_a_notice() -> None:
    values = ["allegation"] * QUERY_MAX_VALUES + ["news-report"]
    choice, notices = filter_from_query({"evidence": [",".join(values)]}, KNOWN)
    assert (choice.evidence, notices) == (
        frozenset({Evidence.ALLEGATION}),
        ["evidence: 201 values, over the limit of 200; the first 200 are kept"],
    )
