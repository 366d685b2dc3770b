"""Optional online geocoding through Nominatim, falling back to the offline resolver.

Off by default: :func:`resolver_from_env` returns the offline resolver unchanged
unless ``EVENT_ATLAS_GEOCODER=nominatim`` is set. Answers are kept in an on-disk
cache (:mod:`geo.cache`); a place found online says ``resolver="nominatim"``, or
``"nominatim (cache)"`` when the answer came from the cache, and its note says
which match, from which server and when.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from geopy.exc import GeocoderTimedOut, GeopyError
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
    weights = context.country_weights({name_key(name)}) if context is not None else {}
    if offline.found:
        return offline.country_code if offline.country_code in weights else None
    if codes or not weights:
        return None
    country, weight = max(weights.items(), key=lambda item: item[1])
    return country if weight > sum(weights.values()) / 2 else None


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
        if stored is not None:
            return stored, True
        if self._clock() < self._open_until:
            raise _CoolingOff("skipped while cooling off after a failure")
        try:
            result = self._geocode(query, timeout=self._timeout, **parameters)
        except GeopyError:
            self._open_until = self._clock() + self._cool_off
            raise
        location = result if isinstance(result, Location) else None
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
        if isinstance(outcome[0], Exception):
            raise outcome[0]
        return outcome[0]

    def _describe(self, error: Exception) -> str:
        if isinstance(error, GeocoderTimedOut):
            return f"timed out after {self._timeout:g} s"
        if isinstance(error, _CoolingOff):
            return str(error)
        return f"{type(error).__name__}: {error}"


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
    geocoder = Nominatim(user_agent=agent, domain=domain, timeout=timeout)
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
