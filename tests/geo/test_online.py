"""Failure paths, country bias, configuration and wiring of the optional online geocoder; no network."""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders.base import options
from geopy.location import Location

from geo import exceptions
from geo.cache import CACHE_FILE, AnswerCache
from geo.cli import main
from geo.gazetteer import CACHE_ENV, Gazetteer
from geo.online import OnlineResolver, precision_of, resolver_from_env
from geo.place import Precision
from geo.resolution import ArticleContext, place_from_name
from tests.fixtures.geocoders import TADMUR, Clock, FakeGeocoder, nominatim, offline  # noqa: F401 - a fixture

ENVIRON = {"EVENT_ATLAS_GEOCODER": "nominatim", "EVENT_ATLAS_USER_AGENT": "event-atlas-tests/1.0 (tests@example.org)"}


def resolver(geocoder: FakeGeocoder, clock: Clock | None = None, timeout: float = 3) -> OnlineResolver:
    return OnlineResolver(geocoder, offline, timeout=timeout, cool_off=60, min_delay=0, clock=clock or Clock())


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
        ({"addresstype": "state_district"}, Precision.REGION),
        ({"addresstype": "continent"}, Precision.COUNTRY),
        # Tadmur's town polygon, then the Syrian Desert: a natural area is no pin.
        ({"addresstype": "town", "boundingbox": ["34.52", "34.60", "38.23", "38.31"]}, Precision.CITY),
        ({"addresstype": "natural", "boundingbox": ["30.0", "36.0", "36.5", "42.5"]}, Precision.REGION),
        ({"addresstype": "peak", "boundingbox": ["34.5", "34.5", "38.2", "38.2"]}, Precision.EXACT),
        ({"addresstype": "peak", "boundingbox": "not a box"}, Precision.EXACT),
    ],
)
def test_precision_mapping(raw: dict[str, object], expected: Precision) -> None:
    assert precision_of(raw) is expected


def test_answer_becomes_a_nominatim_place_with_provenance() -> None:
    place = resolver(FakeGeocoder(TADMUR))("Palmyra")
    assert (place.resolver, place.precision, place.country_code, place.admin1) == ("nominatim", Precision.CITY, "SY", "Homs")
    assert place.note.startswith("osm relation 1 from nominatim.test, fetched ")


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


def test_a_geocoder_that_never_answers_is_abandoned() -> None:
    geocoder = FakeGeocoder(TADMUR, hang=True)
    try:
        place = resolver(geocoder, timeout=0.05)("Palmyra")
    finally:
        geocoder.release()
    assert (place.resolver, len(geocoder.calls)) == ("gazetteer", 1)
    assert place.note == "online geocoder nominatim failed (timed out after 0.05 s); placed by the offline gazetteer"


def test_breaker_stops_calls_then_retries_after_cool_off() -> None:
    geocoder, clock = FakeGeocoder(GeocoderTimedOut("slow")), Clock()
    resolve = resolver(geocoder, clock)
    places = [resolve(name) for name in ["Palmyra", "Raqqa", "Aleppo"]]
    assert len(geocoder.calls) == 1
    assert places[-1].note == (
        "online geocoder nominatim failed (skipped while cooling off after a failure); placed by the offline gazetteer"
    )
    clock.now = 61
    resolve("Homs")
    assert len(geocoder.calls) == 2


SYRIAN = "Fighters left Palmyra for Raqqa province, Syria, as Russian jets struck Aleppo and Homs."


@pytest.mark.parametrize(
    ("name", "text", "country"),
    [
        ("Palmyra", SYRIAN, "sy"),  # the offline pick is in the country the article is about
        ("Raqqa province", SYRIAN, "sy"),  # every offline candidate is in Syria
        ("Qaryatayn al-Gharbiya", SYRIAN, "sy"),  # unknown offline: the article's country
        ("Palmyra", "", None),  # Syria, New York, Pennsylvania...: no article to choose
        ("Paris", "Talks in Paris on Syria's truce; Damascus and Aleppo were quiet.", None),  # not Syria's
        ("Paris", "Strikes in Paris and Lyon.", "fr"),
    ],
)
def test_country_bias_is_sent_when_the_article_points_to_one(
    index: Gazetteer, name: str, text: str, country: str | None
) -> None:
    geocoder = FakeGeocoder(TADMUR)
    resolve = OnlineResolver(geocoder, place_from_name, min_delay=0)
    resolve(name, ArticleContext.from_text(text))
    assert [kwargs.get("country_codes") for _, kwargs in geocoder.calls] == [country]


class FindsOnlyWorldwide(FakeGeocoder):
    def geocode(self, query: str, **kwargs: Any) -> Location | None:
        answer = super().geocode(query, **kwargs)
        return None if "country_codes" in kwargs else answer


def test_country_bias_is_not_a_filter(index: Gazetteer) -> None:
    geocoder = FindsOnlyWorldwide(TADMUR)
    place = OnlineResolver(geocoder, place_from_name, min_delay=0)("Palmyra", ArticleContext.from_text(SYRIAN))
    assert [kwargs.get("country_codes") for _, kwargs in geocoder.calls] == ["sy", None]
    assert place.resolver == "nominatim"


@pytest.mark.parametrize("agent", ["", options.default_user_agent])
def test_default_user_agent_refused(agent: str) -> None:
    environ = {"EVENT_ATLAS_GEOCODER": "nominatim", "EVENT_ATLAS_USER_AGENT": agent}
    with pytest.raises(exceptions.GeocoderUnavailable) as caught:
        resolver_from_env(environ, offline)
    assert str(caught.value) == (
        "Nominatim needs an identifying user agent: set EVENT_ATLAS_USER_AGENT, e.g. 'event-atlas/1.0 (you@example.org)'"
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"EVENT_ATLAS_GEOCODER": "google"}, "EVENT_ATLAS_GEOCODER='google' is not supported; use 'nominatim' or leave it unset"),
        ({"EVENT_ATLAS_GEOCODER_TIMEOUT": "soon"}, "EVENT_ATLAS_GEOCODER_TIMEOUT='soon' is not a number of seconds above 0, e.g. 3"),
        ({"EVENT_ATLAS_GEOCODER_TIMEOUT": "0"}, "EVENT_ATLAS_GEOCODER_TIMEOUT='0' is not a number of seconds above 0, e.g. 3"),
    ],
)
def test_bad_settings_say_what_to_set(setting: dict[str, str], message: str) -> None:
    with pytest.raises(exceptions.GeocoderUnavailable) as caught:
        resolver_from_env({**ENVIRON, **setting}, offline)
    assert str(caught.value) == message


def test_config_off_returns_offline_resolver() -> None:
    assert resolver_from_env({}, offline) is offline


def test_config_on_keeps_answers_in_the_cache_directory(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    resolve = resolver_from_env(ENVIRON, offline)
    assert isinstance(resolve, OnlineResolver)
    assert (tmp_path / CACHE_FILE).is_file()


def test_an_unreachable_server_falls_back_to_the_gazetteer(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Real geopy and its HTTP adapter, against a local port where nothing listens.
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    resolve = resolver_from_env({**ENVIRON, "EVENT_ATLAS_NOMINATIM_URL": "127.0.0.1:9"}, place_from_name)
    place = resolve("Palmyra", ArticleContext.from_text(SYRIAN))
    assert (place.resolver, place.name) == ("gazetteer", "Tadmur")
    assert place.note.startswith("online geocoder nominatim failed (GeocoderServiceError: [Errno 111] Connection refused")
    assert place.note.endswith("); placed by the offline gazetteer")
    assert AnswerCache(tmp_path / CACHE_FILE).get("nominatim", "127.0.0.1:9", "Palmyra", {}) is None


def test_geo_resolve_uses_the_configured_geocoder(
    nominatim: FakeGeocoder, capsys: pytest.CaptureFixture[str]  # noqa: F811 - the fixture
) -> None:
    assert main(["resolve", "Palmyra", "--context", SYRIAN]) == 0
    place = json.loads(capsys.readouterr().out)
    assert (place["resolver"], place["country_code"], place["precision"]) == ("nominatim", "SY", "city")
    assert [(query, kwargs["country_codes"]) for query, kwargs in nominatim.calls] == [("Palmyra", "sy")]


def test_geo_resolve_says_what_to_set_when_misconfigured(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EVENT_ATLAS_GEOCODER", "nominatim")
    monkeypatch.delenv("EVENT_ATLAS_USER_AGENT", raising=False)
    assert main(["resolve", "Palmyra"]) == 1
    assert capsys.readouterr().err.startswith("error: Nominatim needs an identifying user agent: set EVENT_ATLAS_USER_AGENT")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.mark.live
def test_live_nominatim_places_palmyra_syria(index: Gazetteer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    # Nominatim asks for an agent that names its user: the one set in the shell, if any.
    agent = os.environ.get("EVENT_ATLAS_USER_AGENT") or ENVIRON["EVENT_ATLAS_USER_AGENT"]
    environ = {**ENVIRON, "EVENT_ATLAS_USER_AGENT": agent, "EVENT_ATLAS_GEOCODER_TIMEOUT": "10"}
    started = time.monotonic()
    place = resolver_from_env(environ, place_from_name)("Palmyra, Syria", None)
    assert place.resolver == "nominatim", f"{place.note} ({time.monotonic() - started:.1f} s)"
    assert place.lat is not None and place.lon is not None
    assert _km(place.lat, place.lon, 34.56, 38.27) < 25
