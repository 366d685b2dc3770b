"""Build the shipped GeoNames tables under assets/gazetteer/ from copies of GeoNames files.

    python scripts/build_gazetteer_tables.py [SOURCES_DIR]

SOURCES_DIR (default: ../shared/gazetteer-sources next to the repository) holds:

- ``geonames-gramps-import/countryInfo.txt``: GeoNames' country table (ISO code, geonameid);
- ``geonames-gramps-import/output-countries-0.csv``: GeoNames' country points, whole degrees;
- ``opensextant-xponents/geonames_admin1_mapping.csv``: GeoNames' first-level region points,
  rounded to 0.1 degree;
- ``geonames-gramps-import/no-country.txt``: full GeoNames rows of the features that GeoNames
  assigns to no country (continents, oceans, seas, multi-country regions, ...).

Every point written is GeoNames' own, as those files carry it. The tables are small TSV
files read when the gazetteer index is compiled (geo/geonames_tables.py).
"""

from __future__ import annotations

import csv
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO_ROOT / ".." / "shared" / "gazetteer-sources"
OUT = REPO_ROOT / "assets" / "gazetteer"

# Countries whose row names an official long form and links a Wikipedia page that is not
# the country's own: ISO codes by that long form.
_LONG_FORMS = {
    "Commonwealth of The Bahamas": "BS",
    "Democratic People’s Republic of Korea": "KP",
    "Democratic Republic of Timor-Leste": "TL",
    "Kingdom of Cambodia": "KH",
    "Kingdom of the Netherlands": "NL",
    "Republic of Cabo Verde": "CV",
    "Republic of Costa Rica": "CR",
    "Republic of Indonesia": "ID",
    "Republic of Korea": "KR",
    "Republic of Lithuania": "LT",
    "State of the Vatican City": "VA",
    "Union of Burma": "MM",
}

# Wikipedia titles that differ from GeoNames' short country name.
_TITLES = {"Ivory Coast": "CI", "The Gambia": "GM", "Czech Republic": "CZ", "Netherlands": "NL"}

# Features outside every country that news names: GeoNames feature codes kept (A.PCLH: a
# former state, the Soviet Union).
# Undersea features, reefs, shoals, single islets, buildings and the like are left out.
KEPT_FEATURES = frozenset(
    "L.CONT L.RGN L.RGNE H.OCN H.SEA H.GULF H.STRT H.BAY H.BGHT T.MTS T.PEN T.DSRT T.ISLS A.PCLH".split()
)
# Zones (A.ZN) are kept when GeoNames gives them people: the European Union, not a buffer strip.
PEOPLED_FEATURES = frozenset({"A.ZN"})
# Rows that duplicate a first-level region inside one country (GeoNames 3125609 "Catalunya"
# is the Spanish region ES.56 again, with no country): left out, the region stands.
DUPLICATES_OF_REGIONS = frozenset({"3125609"})


def country_points(sources: Path) -> Iterator[tuple[str, str, str, str]]:
    """(ISO code, geonameid, lat, lon) for each country the points file holds."""
    info = _country_info(sources / "geonames-gramps-import" / "countryInfo.txt")
    by_name = {row[4]: row[0] for row in info.values()}
    with (sources / "geonames-gramps-import" / "output-countries-0.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Type"] != "Country":
                continue
            title = urllib.parse.unquote(row["Wikipedia_URL"].rsplit("/", 1)[-1]).replace("_", " ")
            code = (_LONG_FORMS.get(row["Region"]) or by_name.get(row["Region"])
                    or by_name.get(title) or _TITLES.get(title))
            if code is None:
                raise SystemExit(f"output-countries-0.csv: no ISO code for {row['Region']!r} ({title!r})")
            yield code, info[code][16], row["Latitude"], row["Longitude"]


def _country_info(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return {row[0]: row for row in rows if len(row) > 16}


def neighbours(sources: Path) -> Iterator[tuple[str, str]]:
    """(ISO code, the codes of the countries it borders, comma-separated) for every country
    GeoNames' country table gives neighbours, territories included."""
    for code, row in _country_info(sources / "geonames-gramps-import" / "countryInfo.txt").items():
        if len(row) > 17 and row[17]:
            yield code, row[17]


def admin1_points(sources: Path) -> Iterator[tuple[str, str, str, str, str]]:
    """(CC.admin1, geonameid, lat, lon, name) for each first-level region."""
    text = (sources / "opensextant-xponents" / "geonames_admin1_mapping.csv").read_text(encoding="utf-8")
    # The file's header has no line end: the first row follows "NAME" on the same line.
    header = "ADM1\tPLACE_ID\tLAT\tLON\tNAME"
    if not text.startswith(header):
        raise SystemExit(f"geonames_admin1_mapping.csv: expected the header {header!r}")
    for code, place_id, lat, lon, name in csv.reader(text[len(header):].lstrip("\n").splitlines(), delimiter="\t"):
        if place_id.startswith("G") and lat and lon:
            yield code, place_id[1:], lat, lon, name


def features_beyond_countries(sources: Path) -> Iterator[tuple[str, ...]]:
    """(geonameid, name, feature, lat, lon, population, names) of the kept features."""
    with (sources / "geonames-gramps-import" / "no-country.txt").open(encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 15:
                continue
            feature = f"{fields[6]}.{fields[7]}"
            population = int(fields[14] or 0)
            if feature not in KEPT_FEATURES and not (feature in PEOPLED_FEATURES and population):
                continue
            if fields[0] in DUPLICATES_OF_REGIONS:
                continue
            names = sorted({n for n in [fields[1], fields[2], *fields[3].split(",")] if _is_english_like(n)})
            yield fields[0], fields[1], feature, fields[4], fields[5], str(population), "|".join(names)


def _is_english_like(name: str) -> bool:
    """A Latin-script name written as a proper name: "Persian Gulf", not "khlyj fars" or "PG"."""
    name = name.strip()
    if len(name) < 4 or not name[0].isupper() or name.isupper():
        return False
    if any(c in name for c in "()[]\"`'’‘"):
        return False
    return all(ord(c) < 0x250 for c in name)


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(rows))
    print(f"{path.relative_to(REPO_ROOT)}: {len(rows)} rows")


def main() -> None:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCES
    OUT.mkdir(parents=True, exist_ok=True)
    _write(OUT / "countries.tsv", ("iso", "geonameid", "lat", "lon"), list(country_points(sources)))
    _write(OUT / "admin1.tsv", ("code", "geonameid", "lat", "lon", "name"), list(admin1_points(sources)))
    _write(OUT / "neighbours.tsv", ("iso", "neighbours"), list(neighbours(sources)))
    _write(OUT / "beyond-countries.tsv", ("geonameid", "name", "feature", "lat", "lon", "population", "names"),
           list(features_beyond_countries(sources)))


if __name__ == "__main__":
    main()
