"""Date phrases read against the publication date, with their precision."""

from __future__ import annotations

from datetime import date

import pytest

from events.intake.dates import date_mentions

MONDAY_2_MAY_2016 = date(2016, 5, 2)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Monday", "2016-05-02"),  # the day of publication itself
        ("on Thursday", "2016-04-28"),
        ("last Monday", "2016-04-25"),
        ("yesterday", "2016-05-01"),
        ("two days ago", "2016-04-30"),
        ("last week", "2016-04"),  # 25 April to 1 May: mostly April, no day given
        ("in March", "2016-03"),
        ("on March 24", "2016-03-24"),
        ("on Thursday, March 24, 2016", "2016-03-24"),
        ("on October 7", "2015-10-07"),  # a later month is the year before
        ("since 2014", "2014"),
        ("last month", "2016-04"),
    ],
)
def test_phrase_resolves_against_publication_date(phrase: str, expected: str) -> None:
    [mention] = date_mentions(f"Fighting broke out {phrase} near the town.", MONDAY_2_MAY_2016)
    assert (mention.text.lower() in phrase.lower(), str(mention.date)) == (True, expected)


def test_may_the_verb_is_no_date() -> None:
    assert date_mentions("Talks may resume, officials said.", MONDAY_2_MAY_2016) == []


def test_dates_after_publication_are_left_out() -> None:
    assert date_mentions("The vote is on 11 November 2023.", MONDAY_2_MAY_2016) == []
