"""Optional online geocoding through Nominatim, falling back to the offline resolver.

Off by default: :func:`resolver_from_env` returns the offline resolver unchanged
unless ``EVENT_ATLAS_GEOCODER=nominatim`` is set. Answers are kept in an on-disk
cache (:mod:`geo.cache`); a place found online says ``resolver="nominatim"``, or
``"nominatim (cache)"`` when the answer came from the cache, and its note says
which match, from which server and when.

An answer is untrusted input: at most :data:`ANSWER_MAX_BYTES` of it is read, and only
JSON of the shape Nominatim's search sends (a list of matches, each with a latitude and
a longitude on Earth) is taken and cached. Anything else is a failure like a timeout: the
offline gazetteer places the name, with a note, within the timeout plus a second.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderParseError, GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder, options
from geopy.location import Location

from geo.cache import Answer, AnswerCache, default_cache_path, now
from geo.exceptions import CacheUnavailable, GeocoderUnavailable
from geo.gazetteer import name_key
from geo.place import Place, Precision
from geo.resolution import ArticleContext

Resolver = Callable[[str, ArticleContext | None], Place]
"""The offline resolver's contract: ``place_from_name(name, context)``."""

COOL_OFF_SECONDS = 300.0
DEFAULT_TIMEOUT_SECONDS = 3.0
# How long past its own timeout a geocoder may take before it is abandoned.
_GRACE_SECONDS = 1.0

_COUNTRY = {"country", "continent"}
_REGION = {"state", "province", "region", "governorate", "state_district", "district", "county", "administrative"}
_CITY = {"city", "town", "village", "municipality", "hamlet"}
# Wider than this, in degrees (about 100 km), a match is an area whatever its type says.
_AREA_DEGREES = 1.0
ANSWER_MAX_BYTES = 256 * 1024
"""An online geocoder's answer is cut off here (one Nominatim match takes about 1 KiB)."""
_MESSAGE_MAX_CHARS = 200


def precision_of(raw: Mapping[str, Any]) -> Precision:
    """Map Nominatim's addresstype/type to our precision; anything finer than a village is exact.

    A wide match of another type (a desert, a mountain range) is a region, never a pin.
    """
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if kind in _COUNTRY:
        return Precision.COUNTRY
    if kind in _REGION or _span_degrees(raw) > _AREA_DEGREES:
        return Precision.REGION
    if kind in _CITY:
        return Precision.CITY
    return Precision.EXACT


def _span_degrees(raw: Mapping[str, Any]) -> float:
    """The larger side of Nominatim's bounding box (south, north, west, east); 0 if it has none."""
    try:
        south, north, west, east = (float(value) for value in raw.get("boundingbox") or ())
    except (TypeError, ValueError):
        return 0.0
    return max(north - south, east - west)


def place_from_answer(name: str, answer: Answer, location: Location, *, cached: bool) -> Place:
    raw: Mapping[str, Any] = location.raw
    address = raw.get("address") or {}
    country = address.get("country_code")
    return Place(
        query=name,
        name=location.address,
        lat=location.latitude,
        lon=location.longitude,
        precision=precision_of(raw),
        country_code=country.upper() if country else None,
        admin1=address.get("state"),
        resolver=f"{answer.geocoder} (cache)" if cached else answer.geocoder,
        note=answer.provenance,
    )


def country_hint(name: str, offline: Place, context: ArticleContext | None) -> str | None:
    """The country to search in, if the offline resolver and the article point to one.

    The offline candidates all in one country; else the offline pick, if the article
    names places in its country; else, for a name the gazetteer does not know at all,
    the country most of the article is about.
    """
    codes = {c.country_code for c in offline.candidates if c.country_code}
    if len(codes) == 1:
        return codes.pop()
    weights = context.country_weights(name_key(name)) if context is not None else {}
    if offline.found:
        return offline.country_code if offline.country_code in weights else None
    if codes or not weights:
        return None
    country, weight = max(weights.items(), key=lambda item: item[1])
    return country if weight > sum(weights.values()) / 2 else None


class NominatimAdapter(URLLibAdapter):  # type: ignore[misc]  # geopy is untyped
    """geopy's urllib adapter, reading at most :data:`ANSWER_MAX_BYTES` of an answer and
    taking only JSON of the shape Nominatim's search sends."""

    def get_json(self, url: str, *, timeout: float, headers: Mapping[str, str]) -> Any:
        data = super().get_json(url, timeout=timeout, headers=headers)
        problem = _search_answer_problem(data)
        if problem:
            raise GeocoderParseError(f"not a Nominatim search answer: {problem}")
        return data

    def _decode_page(self, page: Any) -> str:
        body = page.read(ANSWER_MAX_BYTES + 1)
        if len(body) > ANSWER_MAX_BYTES:
            raise GeocoderParseError(f"the answer is larger than {ANSWER_MAX_BYTES:,} bytes; the rest is not read")
        try:
            return str(body, encoding=page.headers.get_content_charset() or "utf-8")
        except (LookupError, ValueError):
            raise GeocoderParseError("the answer is not text in the encoding it declares") from None


def _search_answer_problem(data: object) -> str | None:
    """What is wrong with a search answer's shape, or None for a list of located matches."""
    if not isinstance(data, list):
        return f"a JSON {type(data).__name__}, not a list of matches"
    for match in data:
        if not isinstance(match, dict):
            return f"a match that is a JSON {type(match).__name__}, not an object"
        try:
            lat, lon = float(match["lat"]), float(match["lon"])
        except (KeyError, TypeError, ValueError):
            return "a match without a numeric lat and lon"
        if not _on_earth(lat, lon):
            return f"a match at lat {lat:g}, lon {lon:g}, which is no place on Earth"
    return None


def _on_earth(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _location_problem(location: Location) -> str | None:
    """What makes a geocoder's match unusable as a place (checked again on the cache's copy)."""
    if not isinstance(location.raw, Mapping) or not isinstance(location.address, str):
        return "a match without its record or its name"
    if not _on_earth(location.latitude, location.longitude):
        return f"a match at lat {location.latitude:g}, lon {location.longitude:g}, which is no place on Earth"
    return None


class _CoolingOff(GeopyError):  # type: ignore[misc]  # geopy is untyped
    """Not asked: the geocoder failed recently."""


class OnlineResolver:
    """Resolve with an online geocoder; on failure use the offline resolver and stop trying for a while."""

    def __init__(
        self,
        geocoder: Geocoder,
        offline: Resolver,
        *,
        cache: AnswerCache | None = None,
        name: str = "nominatim",
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        cool_off: float = COOL_OFF_SECONDS,
        min_delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._geocoder = geocoder
        self._offline = offline
        self._cache = cache
        self._name = name
        self._domain = str(getattr(geocoder, "domain", ""))
        self._timeout = timeout
        self._cool_off = cool_off
        self._clock = clock
        self._open_until = float("-inf")
        # Nominatim's usage policy: at most one request per second. Errors are
        # not retried here: the breaker below decides when to try again.
        self._geocode = RateLimiter(self._bounded, min_delay_seconds=min_delay, max_retries=0, swallow_exceptions=False)

    def __call__(self, name: str, context: ArticleContext | None = None) -> Place:
        offline = self._offline(name, context)
        try:
            answer, cached = self._answer(name.strip(), country_hint(name, offline, context))
        except (GeopyError, CacheUnavailable) as error:
            return _noted(offline, f"online geocoder {self._name} failed ({self._describe(error)})")
        if answer.location is None:
            return _noted(offline, f"online geocoder {self._name} found no match")
        return place_from_answer(name, answer, answer.location, cached=cached)

    def _answer(self, query: str, country: str | None) -> tuple[Answer, bool]:
        """Ask within the hinted country first; a hint is a bias, not a filter."""
        parameters: dict[str, Any] = {"exactly_one": True, "addressdetails": True}
        if country is None:
            return self._cached_or_asked(query, parameters)
        answer, cached = self._cached_or_asked(query, {**parameters, "country_codes": country.lower()})
        return (answer, cached) if answer.location is not None else self._cached_or_asked(query, parameters)

    def _cached_or_asked(self, query: str, parameters: dict[str, Any]) -> tuple[Answer, bool]:
        stored = self._cache.get(self._name, self._domain, query, parameters) if self._cache else None
        if stored is not None and (stored.location is None or _location_problem(stored.location) is None):
            return stored, True
        if self._clock() < self._open_until:
            raise _CoolingOff("skipped while cooling off after a failure")
        try:
            location = _checked(self._geocode(query, timeout=self._timeout, **parameters))
        except GeopyError:
            self._open_until = self._clock() + self._cool_off
            raise
        answer = Answer(self._name, self._domain, query, parameters, location, now())
        if self._cache is not None:
            self._cache.put(answer)
        return answer, False

    def _bounded(self, query: str, **kwargs: Any) -> object:
        """The geocoder's answer, run aside so that one ignoring its timeout cannot hang the caller."""
        outcome: list[object] = []

        def ask() -> None:
            try:
                outcome.append(self._geocoder.geocode(query, **kwargs))
            except Exception as error:  # handed to the caller's thread and raised there
                outcome.append(error)

        worker = threading.Thread(target=ask, name=f"geocode {query!r}", daemon=True)
        worker.start()
        worker.join(self._timeout + _GRACE_SECONDS)
        if not outcome:
            raise GeocoderTimedOut(f"no answer within {self._timeout + _GRACE_SECONDS:g} s")
        if isinstance(outcome[0], GeopyError):
            raise outcome[0]
        if isinstance(outcome[0], Exception):  # geopy choked on what the server sent
            raise GeocoderParseError(f"an answer of the wrong shape ({type(outcome[0]).__name__}: {outcome[0]})")
        return outcome[0]

    def _describe(self, error: Exception) -> str:
        if isinstance(error, GeocoderTimedOut):
            return f"timed out after {self._timeout:g} s"
        if isinstance(error, _CoolingOff):
            return str(error)
        text = f"{type(error).__name__}: {error}"
        return text if len(text) <= _MESSAGE_MAX_CHARS else f"{text[:_MESSAGE_MAX_CHARS]}..."


def _checked(result: object) -> Location | None:
    """A geocoder's result as a match or None; :class:`GeocoderParseError` if it is neither."""
    if result is None:
        return None
    if not isinstance(result, Location):
        raise GeocoderParseError(f"an answer that is a {type(result).__name__}, not a match")
    problem = _location_problem(result)
    if problem:
        raise GeocoderParseError(problem)
    return result


def _noted(place: Place, why: str) -> Place:
    note = f"{why}; placed by the offline gazetteer"
    return place.model_copy(update={"note": "; ".join(filter(None, (note, place.note)))})


def resolver_from_env(environ: Mapping[str, str], offline: Resolver) -> Resolver:
    """Return the configured resolver: the offline one unless an online geocoder is asked for."""
    choice = environ.get("EVENT_ATLAS_GEOCODER", "").strip().lower()
    if not choice:
        return offline
    if choice != "nominatim":
        raise GeocoderUnavailable(f"EVENT_ATLAS_GEOCODER={choice!r} is not supported; use 'nominatim' or leave it unset")
    agent = environ.get("EVENT_ATLAS_USER_AGENT", "").strip()
    if not agent or agent == options.default_user_agent:
        raise GeocoderUnavailable(
            "Nominatim needs an identifying user agent: set EVENT_ATLAS_USER_AGENT, e.g. 'event-atlas/1.0 (you@example.org)'"
        )
    timeout = _seconds(environ.get("EVENT_ATLAS_GEOCODER_TIMEOUT", ""))
    domain = environ.get("EVENT_ATLAS_NOMINATIM_URL", "nominatim.openstreetmap.org")
    geocoder = Nominatim(user_agent=agent, domain=domain, timeout=timeout, adapter_factory=NominatimAdapter)
    return OnlineResolver(geocoder, offline, cache=AnswerCache(default_cache_path()), timeout=timeout)


def _seconds(text: str) -> float:
    if not text.strip():
        return DEFAULT_TIMEOUT_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise GeocoderUnavailable(f"EVENT_ATLAS_GEOCODER_TIMEOUT={text!r} is not a number of seconds above 0, e.g. 3")
    return seconds
