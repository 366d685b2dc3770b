"""Placed events as GeoJSON (RFC 7946) and as CSV with ACLED-compatible columns.

Both carry every event given, placed or not: an event with no coordinates has
``geometry: null`` (empty latitude/longitude in CSV) and the reason. The point of
a region or a country is only the anchor of an area: ``is_point`` is false and
``precision`` says which, so no reader takes it for a pin. Text is
written as data. CSV follows RFC 4180 (CRLF between records, so a cell holding
any line break is quoted), and wherever a spreadsheet could start reading a
formula in a cell (its start, or after a line break or a separator inside it,
for an importer that ignores quotes or splits on another separator), an
apostrophe goes before the ``=``, ``+``, ``-`` or ``@``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from events.model import Claim
from events.placing import PlacedEvent, ResolvedPlace
from events.sourcing import DatePrecision
from geo.gazetteer import gazetteer
from geo.place import Precision

# ACLED's codebook: time_precision 1 = the day is known, 2 = the week, 3 = the month
# or less; geo_precision 1 = a town, 2 = near a town or part of a region, 3 = a
# region or larger.
_ACLED_TIME_PRECISION = {DatePrecision.DAY: "1", DatePrecision.MONTH: "3", DatePrecision.YEAR: "3"}
_ACLED_GEO_PRECISION = {Precision.EXACT: "1", Precision.CITY: "1", Precision.REGION: "3", Precision.COUNTRY: "3"}

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
)
SOURCING_COLUMNS = (
    "title", "date", "date_precision", "date_kind", "place_as_written", "place_precision",
    "country_code", "resolver", "unplaced_reason", "actors", "claimants", "evidence", "verification",
    "chains", "accused", "quotes", "article_title", "publisher", "published", "article_url",
)
CSV_COLUMNS = ACLED_COLUMNS + SOURCING_COLUMNS
# A formula starts with one of =+-@ (after spaces, for an importer that trims them), at the
# start of a cell or after a line break or separator inside it; a cell starting with a tab
# or a carriage return is guarded too (OWASP's list for CSV injection).
_FORMULA_START = re.compile(r"(?:^|(?<=[\r\n,;\t]))( *)(?=[=+\-@])|^(?=[\t\r])")


def geojson_from_events(placed: Iterable[PlacedEvent]) -> str:
    """A FeatureCollection, one feature per event, coordinates in lon/lat order."""
    collection = {"type": "FeatureCollection", "features": [_feature(item) for item in placed]}
    return json.dumps(collection, ensure_ascii=False)


def csv_from_events(placed: Iterable[PlacedEvent]) -> str:
    """One row per event.

    The per-claim columns (claimants, evidence, verification, chains, accused,
    quotes) list one value per claim, in the same order, separated by ``; ``;
    a chain's links are separated by `` > ``. GeoJSON keeps the claims as objects.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in placed:
        writer.writerow({column: _cell(value) for column, value in _row(item).items()})
    return out.getvalue()


def _feature(item: PlacedEvent) -> dict[str, Any]:
    place = item.main.place
    geometry = None
    if place.lat is not None and place.lon is not None and place.found:
        # RFC 7946: longitude first; six decimals are about 10 cm.
        geometry = {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}
    return {"type": "Feature", "id": item.event.id, "geometry": geometry, "properties": _properties(item)}


def _properties(item: PlacedEvent) -> dict[str, Any]:
    event, article, place = item.event, item.article, item.main.place
    return {
        "event_id": event.id,
        "title": event.title,
        "summary": event.summary,
        "event_type": str(event.event_type),
        "date": str(event.date),
        "date_precision": str(event.date.precision),
        "date_kind": str(event.date_kind),
        "place_as_written": item.main.ref.name,
        "place_name": place.name,
        "precision": _text(place.precision),
        "is_point": place.precision.is_point if place.precision else False,
        "resolver": place.resolver,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "geonameid": place.geonameid,
        "unplaced_reason": item.unplaced_reason,
        "places": [_place(resolved) for resolved in item.places],
        "actors": list(event.actors),
        "claimants": _unique(c.claimant for c in event.claims),
        "evidence": _unique(str(c.evidence) for c in event.claims),
        "verification": _unique(str(c.verification) for c in event.claims),
        "claims": [_claim(claim) for claim in event.claims],
        "article_id": article.id,
        "article_title": article.title,
        "publisher": article.publisher,
        "published": article.published.isoformat(),
        "article_url": article.url,
    }


def _place(resolved: ResolvedPlace) -> dict[str, Any]:
    place = resolved.place
    return {
        "name_as_written": resolved.ref.name,
        "role": str(resolved.ref.role),
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "precision": _text(place.precision),
        "resolver": place.resolver,
        "note": place.note,
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "claimant": claim.claimant,
        "evidence": str(claim.evidence),
        "verification": str(claim.verification),
        "chain": list(claim.chain),
        "accused": claim.accused,
        "quote": claim.quote.text,
        "quote_start": claim.quote.start,
        "quote_end": claim.quote.end,
        "note": claim.note,
    }


def _row(item: PlacedEvent) -> dict[str, object]:
    event, article, place = item.event, item.article, item.main.place
    claims = event.claims
    return {
        "event_id_cnty": event.id,
        "event_date": event.date.start.isoformat() if event.date.start else "",
        "time_precision": _ACLED_TIME_PRECISION.get(event.date.precision, ""),
        "event_type": str(event.event_type),
        "actor1": event.actors[0] if event.actors else "",
        "actor2": event.actors[1] if len(event.actors) > 1 else "",
        "country": _country_name(place.country_code) if place.country_code else "",
        "admin1": place.admin1,
        "location": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_precision": _ACLED_GEO_PRECISION.get(place.precision, "") if place.precision else "",
        "source": "; ".join(_unique(c.claimant for c in claims)),
        "notes": event.summary,
        "title": event.title,
        "date": str(event.date),
        "date_precision": str(event.date.precision),
        "date_kind": str(event.date_kind),
        "place_as_written": item.main.ref.name,
        "place_precision": _text(place.precision),
        "country_code": place.country_code,
        "resolver": place.resolver,
        "unplaced_reason": item.unplaced_reason,
        "actors": "; ".join(event.actors),
        "claimants": "; ".join(c.claimant for c in claims),
        "evidence": "; ".join(str(c.evidence) for c in claims),
        "verification": "; ".join(str(c.verification) for c in claims),
        "chains": "; ".join(" > ".join(c.chain) for c in claims),
        "accused": "; ".join(c.accused or "" for c in claims),
        "quotes": "; ".join(c.quote.text for c in claims),
        "article_title": article.title,
        "publisher": article.publisher,
        "published": article.published.isoformat(),
        "article_url": article.url,
    }


@cache
def _country_name(code: str) -> str:
    """ACLED names the country ("Syria"); the code stands in for a country the gazetteer lacks."""
    return gazetteer().country_name(code) or code


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}"
    return _FORMULA_START.sub(r"\1'", str(value))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
