"""Dates as an article writes them, resolved against its publication date, with their precision.

Date phrases are found by their form ("March 24", "24 March 2016", "Monday", "last
week", "two days ago", "in 2011"), and read by dateparser with the publication date
as its base. A weekday names the latest such day on or before publication: news
writes "said Monday" on the Monday itself. "Last week" is given the month that holds
most of that week; the article gives no day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from dateparser.date import DateDataParser

from events.model import EventDate
from events.sourcing import DatePrecision

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
_DATE_PATTERN = re.compile(
    rf"""
    (?P<month_day>(?:{_WEEKDAY},?\s+)?{_MONTHS}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?)
  | (?P<day_month>(?:{_WEEKDAY},?\s+)?\b{_DAY}\s+{_MONTHS}(?:,?\s+{_YEAR}\b)?)
  | (?P<month_year>\b{_MONTHS}\s+(?:of\s+)?{_YEAR}\b)
  | (?P<relative>\b(?:{_NUMBER})\s+(?:days?|weeks?|months?|years?)\s+ago\b
        |\b(?:last|this|earlier\s+this|past)\s+(?:week|month|year)\b|\byesterday\b|\btoday\b)
  | (?P<weekday>\b(?:last\s+|next\s+|this\s+)?{_WEEKDAY}\b)
  | (?P<month>\b(?:in|since|until|by|from|during|early|late|mid|of|last|this)[\s-]+{_MONTHS}\b(?!\s+\d))
  | (?P<year>\b(?:in|since|until|by|from|during|of|early|late|mid)[\s-]+{_YEAR}\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "May" is a month only where its form says so; "may" is a verb.
_CAPITALISED_MONTH = re.compile(rf"\b{_MONTHS}")
_LEADING_WORD = re.compile(r"^(?:in|since|until|by|from|during|early|late|mid|of|last|this|next)[\s-]+", re.IGNORECASE)
_LEADING_WEEKDAY = re.compile(rf"^{_WEEKDAY},?\s+", re.IGNORECASE)
_PERIOD_PRECISION = {
    "day": DatePrecision.DAY,
    "week": DatePrecision.MONTH,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase at ``text[start:end]`` and the date it means."""

    start: int
    end: int
    text: str
    date: EventDate


def date_mentions(text: str, published: date) -> list[DateMention]:
    """Every date phrase in ``text`` that can be read, in order, resolved against ``published``."""
    mentions = []
    for match in _DATE_PATTERN.finditer(text):
        kind = match.lastgroup or ""
        phrase = match.group()
        if kind in ("month", "month_day", "month_year") and not _CAPITALISED_MONTH.search(phrase):
            continue
        resolved = _resolved(kind, phrase, published)
        if resolved is not None and resolved.start is not None and resolved.start <= published:
            mentions.append(DateMention(match.start(), match.end(), phrase, resolved))
    return mentions


def _resolved(kind: str, phrase: str, published: date) -> EventDate | None:
    if kind == "weekday":
        return _weekday(phrase, published)
    if kind == "relative" and re.search(r"week", phrase, re.IGNORECASE) and "ago" not in phrase.lower():
        return _week(phrase, published)
    core = _LEADING_WORD.sub("", phrase) if kind in ("month", "year") else _LEADING_WEEKDAY.sub("", phrase)
    found = _parser(published).get_date_data(core)
    if found.date_obj is None:
        return None
    day = _base_day(found.date_obj, published, explicit_year=bool(re.search(_YEAR, phrase)))
    precision = _PERIOD_PRECISION.get(found.period or "day", DatePrecision.DAY)
    return _event_date(day, precision)


def _base_day(parsed: datetime, published: date, *, explicit_year: bool) -> date:
    day = parsed.date()
    if not explicit_year and day > published:
        # "March 24" in an article of May is the March before it.
        day = day.replace(year=day.year - 1)
    return day


def _weekday(phrase: str, published: date) -> EventDate:
    words = phrase.lower().split()
    back = (published.weekday() - _WEEKDAYS.index(words[-1])) % 7
    if words[0] == "last" and back == 0:
        back = 7
    return _event_date(published - timedelta(days=back), DatePrecision.DAY)


def _week(phrase: str, published: date) -> EventDate:
    monday = published - timedelta(days=published.weekday())
    if phrase.lower().startswith("last"):
        monday -= timedelta(days=7)
    # The month holding most of the week: its Thursday's.
    return _event_date(min(monday + timedelta(days=3), published), DatePrecision.MONTH)


def _event_date(day: date, precision: DatePrecision) -> EventDate:
    if precision is DatePrecision.YEAR:
        day = date(day.year, 1, 1)
    elif precision is DatePrecision.MONTH:
        day = date(day.year, day.month, 1)
    return EventDate(precision=precision, start=day)


@cache
def _parser(published: date) -> DateDataParser:
    base = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})
