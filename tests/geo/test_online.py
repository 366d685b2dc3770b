"""Failure paths and mapping of the optional online geocoder; no network."""

from __future__ import annotations

from typing import Any

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders.base import Geocoder, options
from geopy.location import Location

from geo import exceptions
from geo.online import OnlineResolver, precision_of, resolver_from_env
from geo.place import Place, Precision

TADMUR = {"addresstype": "town", "osm_type": "relation", "osm_id": 1, "address": {"country_code": "sy"}}


class FakeGeocoder(Geocoder):
    """Answers with a canned location or raises a canned error, counting calls."""

    def __init__(self, answer: Location | Exception | None) -> None:
        super().__init__(user_agent="event-atlas-tests")
        self.answer = answer
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def geocode(self, query: str, **kwargs: Any) -> Location | None:
        self.calls.append((query, kwargs))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def offline(name: str, context: Any = None) -> Place:
    return Place(query=name, name="Tadmur", lat=34.56, lon=38.28, precision=Precision.CITY, resolver="gazetteer")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def resolver(geocoder: FakeGeocoder, clock: Clock | None = None) -> OnlineResolver:
    return OnlineResolver(geocoder, offline, timeout=3, cool_off=60, min_delay=0, clock=clock or Clock())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"addresstype": "country"}, Precision.COUNTRY),
        ({"addresstype": "state"}, Precision.REGION),
        ({"addresstype": "province"}, Precision.REGION),
        ({"addresstype": "city"}, Precision.CITY),
        ({"addresstype": "town"}, Precision.CITY),
        ({"addresstype": "village"}, Precision.CITY),
        ({"addresstype": "road"}, Precision.EXACT),
        ({"type": "country"}, Precision.COUNTRY),
    ],
)
def test_precision_mapping(raw: dict[str, str], expected: Precision) -> None:
    assert precision_of(raw) is expected


def test_answer_becomes_a_nominatim_place_with_provenance() -> None:
    geocoder = FakeGeocoder(Location("Tadmur, Syria", (34.56, 38.28), TADMUR))
    place = resolver(geocoder)("Palmyra")
    assert (place.resolver, place.precision, place.country_code) == ("nominatim", Precision.CITY, "sy")
    assert place.note == "osm relation 1"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (GeocoderTimedOut("slow"), "timed out after 3 s"),
        (GeocoderServiceError("HTTP 500"), "GeocoderServiceError: HTTP 500"),
        (GeocoderUnavailable("no route"), "GeocoderUnavailable: no route"),
    ],
)
def test_failure_falls_back_with_note(error: Exception, reason: str) -> None:
    place = resolver(FakeGeocoder(error))("Palmyra")
    assert place.resolver == "gazetteer"
    assert place.note == f"online geocoder nominatim failed ({reason}); placed by the offline gazetteer"


def test_breaker_stops_calls_then_retries_after_cool_off() -> None:
    geocoder, clock = FakeGeocoder(GeocoderTimedOut("slow")), Clock()
    resolve = resolver(geocoder, clock)
    for name in ["Palmyra", "Raqqa", "Aleppo"]:
        resolve(name)
    assert len(geocoder.calls) == 1
    clock.now = 61
    resolve("Homs")
    assert len(geocoder.calls) == 2


@pytest.mark.parametrize("agent", ["", options.default_user_agent])
def test_default_user_agent_refused(agent: str) -> None:
    environ = {"EVENT_ATLAS_GEOCODER": "nominatim", "EVENT_ATLAS_USER_AGENT": agent}
    with pytest.raises(exceptions.GeocoderUnavailable) as caught:
        resolver_from_env(environ, offline)
    assert str(caught.value) == (
        "Nominatim needs an identifying user agent: set EVENT_ATLAS_USER_AGENT, e.g. 'event-atlas/1.0 (you@example.org)'"
    )


def test_config_off_returns_offline_resolver() -> None:
    assert resolver_from_env({}, offline) is offline
