"""The on-disk cache of online answers: what is kept, what is not, and what a place says of it."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderServiceError
from geopy.location import Location

from geo.cache import Answer, AnswerCache
from geo.exceptions import CacheUnavailable
from geo.online import OnlineResolver
from geo.place import Precision
from tests.fixtures.geocoders import TADMUR, TADMUR_RAW, Clock, FakeGeocoder, offline

REPO = Path(__file__).resolve().parents[2]
ASKED = {"exactly_one": True, "addressdetails": True}
FETCHED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def resolver(geocoder: FakeGeocoder, cache: AnswerCache, clock: Clock | None = None) -> OnlineResolver:
    return OnlineResolver(geocoder, offline, cache=cache, cool_off=60, min_delay=0, clock=clock or Clock())


@pytest.fixture
def cache(tmp_path: Path) -> AnswerCache:
    return AnswerCache(tmp_path / "answers.sqlite")


def test_a_miss_asks_once_and_a_repeat_is_served_from_the_cache(cache: AnswerCache) -> None:
    geocoder = FakeGeocoder(TADMUR)
    resolve = resolver(geocoder, cache)
    first, second = resolve("Palmyra"), resolve("Palmyra")
    assert geocoder.calls == [("Palmyra", {**ASKED, "timeout": 3.0})]
    assert (first.resolver, second.resolver) == ("nominatim", "nominatim (cache)")
    assert (second.name, second.lat, second.lon, second.country_code) == ("Tadmur, Homs, Syria", 34.5601, 38.2696, "SY")
    assert second.note == first.note


def test_a_hit_never_calls_the_geocoder_and_reports_its_provenance(cache: AnswerCache) -> None:
    cache.put(Answer("nominatim", "nominatim.test", "Palmyra", ASKED, TADMUR, FETCHED))
    geocoder = FakeGeocoder(GeocoderServiceError("must not be asked"))
    place = resolver(geocoder, cache)("Palmyra")
    assert geocoder.calls == []
    assert (place.resolver, place.precision, place.admin1) == ("nominatim (cache)", Precision.CITY, "Homs")
    assert place.note == "osm relation 1 from nominatim.test, fetched 2026-01-02 03:04 UTC"


def test_the_cache_keeps_the_raw_answer_and_its_provenance(cache: AnswerCache) -> None:
    cache.put(Answer("nominatim", "nominatim.test", "Palmyra", ASKED, TADMUR, FETCHED))
    answer = cache.get("nominatim", "nominatim.test", "Palmyra", dict(reversed(ASKED.items())))
    assert answer
    assert (answer.geocoder, answer.domain, answer.query, answer.parameters, answer.fetched_at) == (
        "nominatim", "nominatim.test", "Palmyra", ASKED, FETCHED,
    )
    assert answer.location
    assert (answer.location.raw, answer.location.address, answer.location.point[:2]) == (
        TADMUR_RAW, "Tadmur, Homs, Syria", (34.5601, 38.2696),
    )


@pytest.mark.parametrize(
    ("geocoder", "domain", "query", "parameters"),
    [
        ("photon", "nominatim.test", "Palmyra", ASKED),
        ("nominatim", "nominatim.example.org", "Palmyra", ASKED),
        ("nominatim", "nominatim.test", "Palmyra, NY", ASKED),
        ("nominatim", "nominatim.test", "Palmyra", {**ASKED, "country_codes": "sy"}),
    ],
)
def test_an_answer_is_only_for_its_own_geocoder_server_query_and_parameters(
    cache: AnswerCache, geocoder: str, domain: str, query: str, parameters: dict[str, Any]
) -> None:
    cache.put(Answer("nominatim", "nominatim.test", "Palmyra", ASKED, TADMUR, FETCHED))
    assert cache.get(geocoder, domain, query, parameters) is None


def test_no_match_is_an_answer_and_is_kept(cache: AnswerCache) -> None:
    geocoder = FakeGeocoder(None)
    resolve = resolver(geocoder, cache)
    places = [resolve("Atlantis"), resolve("Atlantis")]
    assert len(geocoder.calls) == 1
    assert [p.resolver for p in places] == ["gazetteer", "gazetteer"]
    assert places[1].note == "online geocoder nominatim found no match; placed by the offline gazetteer"
    stored = cache.get("nominatim", "nominatim.test", "Atlantis", ASKED)
    assert stored and stored.location is None


def test_an_error_is_never_kept(cache: AnswerCache) -> None:
    geocoder, clock = FakeGeocoder(GeocoderServiceError("HTTP 503")), Clock()
    resolve = resolver(geocoder, cache, clock)
    assert resolve("Palmyra").resolver == "gazetteer"
    assert cache.get("nominatim", "nominatim.test", "Palmyra", ASKED) is None
    geocoder.answer, clock.now = TADMUR, 61
    assert resolve("Palmyra").resolver == "nominatim"
    assert len(geocoder.calls) == 2


def test_answers_outlive_the_process_that_fetched_them(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite"
    script = (
        "import sys; from datetime import datetime; from geo.cache import Answer, AnswerCache;"
        "from tests.fixtures.geocoders import TADMUR;"
        "AnswerCache(__import__('pathlib').Path(sys.argv[1])).put("
        "Answer('nominatim', 'nominatim.test', 'Palmyra', {'exactly_one': True, 'addressdetails': True},"
        " TADMUR, datetime.fromisoformat('2026-01-02T03:04:05+00:00')))"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], cwd=REPO, check=True)
    geocoder = FakeGeocoder(GeocoderServiceError("must not be asked"))
    place = resolver(geocoder, AnswerCache(path))("Palmyra")
    assert (place.resolver, geocoder.calls) == ("nominatim (cache)", [])


def test_threads_share_one_cache(cache: AnswerCache) -> None:
    names = [f"place {i}" for i in range(16)]

    def store(name: str) -> None:
        cache.put(Answer("nominatim", "nominatim.test", name, ASKED, Location(name, (1.0, 2.0), {}), FETCHED))

    threads = [threading.Thread(target=store, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found = [cache.get("nominatim", "nominatim.test", name, ASKED) for name in names]
    assert [a.location.address if a and a.location else None for a in found] == names


def test_an_unusable_cache_location_says_what_to_set(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory", encoding="utf-8")
    path = tmp_path / "a-file" / "answers.sqlite"
    with pytest.raises(CacheUnavailable, match=r"the geocoder cache cannot be opened .*; set EVENT_ATLAS_CACHE to a writable directory$"):
        AnswerCache(path)
