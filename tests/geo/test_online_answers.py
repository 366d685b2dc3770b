"""Answers of the wrong shape or size from a geocoder's server: never a place, never cached.

A local HTTP server (loopback only, no internet) stands in for Nominatim and sends each
answer; real geopy with the app's adapter reads it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.geocoders import Nominatim

from geo.cache import CACHE_FILE, AnswerCache
from geo.gazetteer import CACHE_ENV
from geo.online import ANSWER_MAX_BYTES, NominatimAdapter, OnlineResolver, resolver_from_env
from tests.fixtures.geocoders import offline

AGENT = "event-atlas-tests/1.0 (tests@example.org)"
TADMUR = {"lat": "34.5601", "lon": "38.2696", "display_name": "Tadmur, Homs, Syria", "osm_type": "relation",
          "osm_id": 1, "addresstype": "town", "address": {"state": "Homs", "country_code": "sy"}}
ANSWERS = {
    "hello": b'"hello"',
    "abc": json.dumps([{**TADMUR, "lat": "abc"}]).encode(),
    "far": json.dumps([{**TADMUR, "lat": "999"}]).encode(),
    "nan": json.dumps([{**TADMUR, "lat": "NaN"}]).encode(),
    "no-coordinates": json.dumps([{"display_name": "Tadmur"}]).encode(),
    "object": b"{}",
    "big": b"[" + b" " * (4 * ANSWER_MAX_BYTES) + b"]",
    "not-json": b"<html>hello</html>",
    "good": json.dumps([TADMUR]).encode(),
    "none": b"[]",
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        query = parse_qs(urlparse(self.path).query)["q"][0]
        body = ANSWERS[query]
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should for an answer too large

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _resolver(server: str, cache: AnswerCache) -> OnlineResolver:
    geocoder = Nominatim(user_agent=AGENT, domain=server, scheme="http", timeout=3, adapter_factory=NominatimAdapter)
    return OnlineResolver(geocoder, offline, cache=cache, timeout=3, cool_off=60, min_delay=0)


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("hello", "not a Nominatim search answer: a JSON str, not a list of matches"),
        ("abc", "not a Nominatim search answer: a match without a numeric lat and lon"),
        ("far", "not a Nominatim search answer: a match at lat 999, lon 38.2696, which is no place on Earth"),
        ("nan", "not a Nominatim search answer: a match at lat nan, lon 38.2696, which is no place on Earth"),
        ("no-coordinates", "not a Nominatim search answer: a match without a numeric lat and lon"),
        ("object", "not a Nominatim search answer: a JSON dict, not a list of matches"),
        ("big", f"the answer is larger than {ANSWER_MAX_BYTES:,} bytes; the rest is not read"),
        ("not-json", "Could not deserialize using deserializer:\n<html>hello</html>"),
    ],
)
def test_an_answer_of_the_wrong_shape_falls_back_to_the_gazetteer_and_is_not_cached(
    server: str, tmp_path: Path, query: str, why: str
) -> None:
    cache = AnswerCache(tmp_path / CACHE_FILE)
    place = _resolver(server, cache)(query)
    assert (place.resolver, place.name, place.lat, place.lon) == ("gazetteer", "Tadmur", 34.56, 38.28)
    assert place.note == f"online geocoder nominatim failed (GeocoderParseError: {why}); placed by the offline gazetteer"
    parameters = {"exactly_one": True, "addressdetails": True}
    assert cache.get("nominatim", server, query, parameters) is None


def test_a_well_formed_answer_is_a_place_and_is_cached(server: str, tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / CACHE_FILE)
    resolve = _resolver(server, cache)
    first, again = resolve("good"), resolve("good")
    assert (first.resolver, first.lat, first.lon, first.country_code) == ("nominatim", 34.5601, 38.2696, "SY")
    assert (again.resolver, again.lat, again.lon) == ("nominatim (cache)", 34.5601, 38.2696)


def test_no_match_is_an_answer_too(server: str, tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / CACHE_FILE)
    place = _resolver(server, cache)("none")
    assert place.note == "online geocoder nominatim found no match; placed by the offline gazetteer"
    stored = cache.get("nominatim", server, "none", {"exactly_one": True, "addressdetails": True})
    assert stored is not None and stored.location is None


def test_a_cached_match_of_the_wrong_shape_is_asked_again(server: str, tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / CACHE_FILE)
    _resolver(server, cache)("good")
    with cache._db() as db:  # as an older version of the app could have stored it
        db.execute("UPDATE answers SET lat = 999")
    place = _resolver(server, cache)("good")
    assert (place.resolver, place.lat) == ("nominatim", 34.5601)


def test_the_configured_nominatim_reads_through_the_bounded_adapter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    resolve = resolver_from_env({"EVENT_ATLAS_GEOCODER": "nominatim", "EVENT_ATLAS_USER_AGENT": AGENT}, offline)
    assert isinstance(resolve, OnlineResolver)
    assert isinstance(resolve._geocoder.adapter, NominatimAdapter)
