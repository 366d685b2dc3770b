"""Optional online geocoding through Nominatim, falling back to the offline resolver.

Off by default: :func:`resolver_from_env` returns the offline resolver unchanged
unless ``EVENT_ATLAS_GEOCODER=nominatim`` is set.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from geopy.exc import GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder, options
from geopy.location import Location

from geo.exceptions import GeocoderUnavailable
from geo.place import Place, Precision

# The offline resolver's contract: place_from_name(name, context) -> Place.
Resolver = Callable[[str, Any], Place]

COOL_OFF_SECONDS = 300.0
DEFAULT_TIMEOUT_SECONDS = 3.0

_COUNTRY = {"country"}
_REGION = {"state", "province", "region", "governorate", "county", "administrative"}
_CITY = {"city", "town", "village", "municipality", "hamlet"}


def precision_of(raw: Mapping[str, Any]) -> Precision:
    """Map Nominatim's addresstype/type to our precision; anything finer than a village is exact."""
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if kind in _COUNTRY:
        return Precision.COUNTRY
    if kind in _REGION:
        return Precision.REGION
    if kind in _CITY:
        return Precision.CITY
    return Precision.EXACT


def place_from_location(query: str, location: Location) -> Place:
    raw: Mapping[str, Any] = location.raw
    address = raw.get("address") or {}
    provenance = f"osm {raw.get('osm_type', '?')} {raw.get('osm_id', '?')}"
    return Place(
        query=query,
        name=location.address,
        lat=location.latitude,
        lon=location.longitude,
        precision=precision_of(raw),
        country_code=(address.get("country_code") or None),
        admin1=address.get("state"),
        resolver="nominatim",
        note=provenance,
    )


class OnlineResolver:
    """Resolve with an online geocoder; on failure use the offline resolver and stop trying for a while."""

    def __init__(
        self,
        geocoder: Geocoder,
        offline: Resolver,
        *,
        name: str = "nominatim",
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        cool_off: float = COOL_OFF_SECONDS,
        min_delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._offline = offline
        self._name = name
        self._timeout = timeout
        self._cool_off = cool_off
        self._clock = clock
        self._open_until = float("-inf")
        # Nominatim's usage policy: at most one request per second. Errors are
        # not retried here: the breaker below decides when to try again.
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay, max_retries=0, swallow_exceptions=False)

    def __call__(self, name: str, context: Any = None) -> Place:
        if self._clock() < self._open_until:
            return self._fallback(name, context, "skipped while cooling off after a failure")
        try:
            location = self._lookup(name, context)
        except GeopyError as error:
            self._open_until = self._clock() + self._cool_off
            return self._fallback(name, context, self._describe(error))
        if location is None:
            return self._offline(name, context)
        return place_from_location(name, location)

    def _lookup(self, name: str, context: Any) -> Location | None:
        options: dict[str, Any] = {"exactly_one": True, "timeout": self._timeout, "addressdetails": True}
        country = getattr(context, "country_code", None)
        if isinstance(country, str) and country:
            options["country_codes"] = country.lower()
        result = self._geocode(name, **options)
        return result if isinstance(result, Location) else None

    def _describe(self, error: GeopyError) -> str:
        if isinstance(error, GeocoderTimedOut):
            return f"timed out after {self._timeout:g} s"
        return f"{type(error).__name__}: {error}"

    def _fallback(self, name: str, context: Any, reason: str) -> Place:
        place = self._offline(name, context)
        note = f"online geocoder {self._name} failed ({reason}); placed by the offline gazetteer"
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
    timeout = float(environ.get("EVENT_ATLAS_GEOCODER_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
    domain = environ.get("EVENT_ATLAS_NOMINATIM_URL", "nominatim.openstreetmap.org")
    geocoder = Nominatim(user_agent=agent, domain=domain, timeout=timeout)
    return OnlineResolver(geocoder, offline, timeout=timeout)
