"""Which events a viewer asked to see, and the same question as a URL query string.

Rules a viewer can rely on:

- An empty choice is no constraint; values within one choice are alternatives (OR);
  different choices must all hold (AND).
- An event passes the sourcing choices (evidence, verification, claimant) when one of
  its claims passes all three together: "Sky News" and "alleged" does not match an
  event where Sky News reports and someone else alleges.
- ``q`` finds every word, in any case, anywhere in the title, the summary, the quotes
  or the place names; curly and straight quotes and apostrophes match each other.
- ``since``/``until`` keep an event whose date may fall in the range: a month or a year
  passes if it overlaps the range. An event whose date is unknown also passes, because
  nothing says it lies outside; the views show its date as unknown, so it is neither
  hidden from a briefing nor mistaken for a dated event.
- ``precision`` is the precision its location resolved to; an event not placed has none
  and fails any precision choice.
- ``event`` is the selected event: it selects, it does not filter.

A link is untrusted input: it is parsed in time linear in its length, and its parameters
beyond the sizes in :mod:`events.limits` are ignored with a notice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from events.limits import QUERY_MAX_CHARS, QUERY_MAX_VALUES, QUERY_VALUE_MAX_CHARS, excerpt
from events.model import Claim, Event, event_date_from_text
from events.sourcing import Evidence, EventType, Verification
from geo.place import Precision

PrecisionOf = Callable[[Event], Precision | None] | Mapping[str, Precision | None]
PARAMETERS = ("evidence", "verification", "claimant", "event_type", "actor", "precision", "q", "since", "until", "event")
_CHOICES = ("evidence", "verification", "claimant", "event_type", "actor", "precision")
_VOCABULARIES: dict[str, type[Evidence] | type[Verification] | type[EventType] | type[Precision]] = {
    "evidence": Evidence,
    "verification": Verification,
    "event_type": EventType,
    "precision": Precision,
}
_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

_Value = TypeVar("_Value")


class EventFilter(BaseModel):
    """What the viewer chose; hashable, so it can key a cache."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    evidence: frozenset[Evidence] = frozenset()
    verification: frozenset[Verification] = frozenset()
    claimant: frozenset[str] = frozenset()
    event_type: frozenset[EventType] = frozenset()
    actor: frozenset[str] = frozenset()
    precision: frozenset[Precision] = frozenset()
    q: str = ""
    since: date | None = None
    until: date | None = None
    event: str | None = None


def events_matching(
    events: Iterable[Event], choice: EventFilter, precision_of: PrecisionOf | None = None
) -> tuple[Event, ...]:
    """The events that pass every choice, in their given order."""
    terms = _terms(choice.q)
    precision = _precision_function(precision_of)
    return tuple(
        event
        for event in events
        if _passes_sourcing(event.claims, choice)
        and _allowed(choice.event_type, {event.event_type})
        and _allowed(choice.actor, set(event.actors))
        and _passes_dates(event, choice.since, choice.until)
        and (not choice.precision or precision(event) in choice.precision)
        and _has_terms(event, terms)
    )


def option_counts(
    events: Iterable[Event], precision_of: PrecisionOf | None = None
) -> dict[str, dict[str, int]]:
    """For each choice, how many of the events hold each option.

    Vocabulary choices list every value in vocabulary order, zeros included;
    claimants and actors list the values present, most frequent first.
    """
    precision = _precision_function(precision_of)
    counts: dict[str, Counter[str]] = {name: Counter() for name in _CHOICES}
    for event in events:
        counts["evidence"].update({str(c.evidence) for c in event.claims})
        counts["verification"].update({str(c.verification) for c in event.claims})
        counts["claimant"].update({c.claimant for c in event.claims})
        counts["event_type"].update({str(event.event_type)})
        counts["actor"].update(set(event.actors))
        placed = precision(event)
        counts["precision"].update({str(placed)} if placed is not None else set())
    return {name: _ordered(name, counter) for name, counter in counts.items()}


def filter_from_query(
    params: Mapping[str, list[str]], known: Mapping[str, Collection[str]] | None = None
) -> tuple[EventFilter, list[str]]:
    """The filter a query string asks for, and a notice for each value that was ignored.

    Lists take repeated parameters and comma-separated values. ``known`` gives the
    values that exist for ``claimant``, ``actor`` and ``event`` (e.g. from
    :func:`option_counts`); with it, unknown ones are ignored with a notice, and a
    known value that contains a comma ("Michael Zekulin, University of Calgary")
    is kept whole. Parameters with other names are not ours and are left alone.
    """
    size = sum(len(name) + len(value) + 2 for name in PARAMETERS for value in params.get(name, []))
    if size > QUERY_MAX_CHARS:
        return EventFilter(), [
            f"the link's filters are {size:,} characters long, over the limit of {QUERY_MAX_CHARS:,}; "
            "they are all ignored"
        ]
    notices: list[str] = []
    fields: dict[str, object] = {}
    for name, vocabulary in _VOCABULARIES.items():
        values = _listed(name, params.get(name, []), notices)
        fields[name] = _accepted(name, values, [str(v) for v in vocabulary], notices)
    for name in ("claimant", "actor"):
        allowed = (known or {}).get(name)
        values = _listed(name, params.get(name, []), notices, allowed)
        fields[name] = values if allowed is None else _accepted(name, values, allowed, notices)
    fields["q"] = " ".join(v.strip() for v in _short("q", params.get("q", []), notices) if v.strip())
    fields["since"] = _bound("since", params.get("since", []), notices)
    fields["until"] = _bound("until", params.get("until", []), notices)
    fields["event"] = _selected(params.get("event", []), (known or {}).get("event"), notices)
    choice = EventFilter.model_validate(fields)
    if choice.since and choice.until and choice.since > choice.until:
        notices.append(f"since {choice.since} is after until {choice.until}: no event can match")
    return choice, notices


def query_from_filter(choice: EventFilter) -> dict[str, list[str]]:
    """The query string for a filter, one value per repeated parameter; empty choices left out."""
    query: dict[str, list[str]] = {}
    for name in _CHOICES:
        values = getattr(choice, name)
        order = list(_VOCABULARIES[name]) if name in _VOCABULARIES else sorted(values)
        listed = [str(value) for value in order if value in values]
        if listed:
            query[name] = listed
    for name in ("q", "since", "until", "event"):
        value = getattr(choice, name)
        if value:
            query[name] = [value.isoformat() if isinstance(value, date) else str(value)]
    return query


def _passes_sourcing(claims: Iterable[Claim], choice: EventFilter) -> bool:
    return any(
        _allowed(choice.evidence, {claim.evidence})
        and _allowed(choice.verification, {claim.verification})
        and _allowed(choice.claimant, {claim.claimant})
        for claim in claims
    )


def _allowed(chosen: Collection[_Value], held: set[_Value]) -> bool:
    return not chosen or not held.isdisjoint(chosen)


def _passes_dates(event: Event, since: date | None, until: date | None) -> bool:
    start, end = event.date.start, event.date.end
    if start is None or end is None:
        return True
    return (since is None or end >= since) and (until is None or start <= until)


def _terms(q: str) -> list[str]:
    return q.translate(_QUOTE_MARKS).casefold().split()


def _has_terms(event: Event, terms: list[str]) -> bool:
    if not terms:
        return True
    haystack = _haystack(event)
    return all(term in haystack for term in terms)


def _haystack(event: Event) -> str:
    parts = [event.title, event.summary, *(c.quote.text for c in event.claims), *(p.name for p in event.places)]
    return "\n".join(parts).translate(_QUOTE_MARKS).casefold()


def _precision_function(precision_of: PrecisionOf | None) -> Callable[[Event], Precision | None]:
    if precision_of is None:
        return lambda event: None
    if isinstance(precision_of, Mapping):
        mapping = precision_of
        return lambda event: mapping.get(event.id)
    return precision_of


def _ordered(name: str, counter: Counter[str]) -> dict[str, int]:
    if name in _VOCABULARIES:
        return {str(value): counter[str(value)] for value in _VOCABULARIES[name]}
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0].casefold())))


def _listed(name: str, raw: list[str], notices: list[str], known: Collection[str] | None = None) -> list[str]:
    """Every value of repeated, comma-separated parameters; known values may hold commas.

    At most :data:`QUERY_MAX_VALUES` values, each at most :data:`QUERY_VALUE_MAX_CHARS` long.
    """
    spelled = {_comma_key(value): value for value in known or ()}
    values = [value for item in raw for value in _split_known(item, spelled) if value]
    if len(values) > QUERY_MAX_VALUES:
        notices.append(f"{name}: {len(values):,} values, over the limit of {QUERY_MAX_VALUES}; "
                       f"the first {QUERY_MAX_VALUES} are kept")
    return _short(name, values[:QUERY_MAX_VALUES], notices)


def _short(name: str, values: list[str], notices: list[str]) -> list[str]:
    """The values no longer than :data:`QUERY_VALUE_MAX_CHARS`; a notice for each other one."""
    for value in values:
        if len(value) > QUERY_VALUE_MAX_CHARS:
            notices.append(f"{name}: {excerpt(value)} is over the limit of {QUERY_VALUE_MAX_CHARS} characters; "
                           "ignored")
    return [value for value in values if len(value) <= QUERY_VALUE_MAX_CHARS]


def _split_known(item: str, spelled: Mapping[str, str]) -> list[str]:
    """Split on commas, but keep the longest run of pieces that spells a known value.

    A run is never longer than the known value with the most commas, so the work is
    linear in the item's length (a link of many commas cannot stall the server).
    """
    pieces = [piece.strip() for piece in item.split(",")]
    longest = max((key.count(",") + 1 for key in spelled), default=1)
    values, start = [], 0
    while start < len(pieces):
        end, value = start + 1, pieces[start]
        for stop in range(min(len(pieces), start + longest), start + 1, -1):
            key = _comma_key(",".join(pieces[start:stop]))
            if key in spelled:
                end, value = stop, spelled[key]
                break
        values.append(value)
        start = end
    return values


def _comma_key(value: str) -> str:
    return re.sub(r"\s*,\s*", ",", value.strip()).casefold()


def _accepted(name: str, values: list[str], allowed: Collection[str], notices: list[str]) -> list[str]:
    """The allowed values (matched without regard to case); a notice for each other one."""
    canonical = {value.casefold(): value for value in allowed}
    accepted = []
    for value in values:
        if value.casefold() in canonical:
            accepted.append(canonical[value.casefold()])
        else:
            notices.append(f"{name}: {excerpt(value)} is not one of {_listing(allowed)}; ignored")
    return accepted


def _listing(allowed: Collection[str], shown: int = 12) -> str:
    listed = list(allowed)
    more = f" and {len(listed) - shown} more" if len(listed) > shown else ""
    return ", ".join(listed[:shown]) + more


def _bound(name: str, raw: list[str], notices: list[str]) -> date | None:
    """``since``/``until``: a day, or a month or year taken from its first (since) or last (until) day."""
    values = _listed(name, raw, notices)
    if len(values) > 1:
        notices.append(f"{name}: {_listing([excerpt(v) for v in values[1:]], 3)} ignored; give one date")
    if not values:
        return None
    try:
        when = event_date_from_text(values[0])
    except ValueError:
        when = None
    if when is None or when.start is None:
        notices.append(f"{name}: {excerpt(values[0])} is not a date; write YYYY-MM-DD; ignored")
        return None
    return when.start if name == "since" else when.end


def _selected(raw: list[str], known: Collection[str] | None, notices: list[str]) -> str | None:
    values = _listed("event", raw, notices)
    if not values:
        return None
    if known is not None and values[0] not in known:
        notices.append(f"event: {excerpt(values[0])} is not an event here; ignored")
        return None
    return values[0]
