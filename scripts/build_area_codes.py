"""Build assets/gazetteer/area-codes.tsv: the U.S. state or Canadian province of each
North American telephone area code, from libphonenumber's geocoding data.

    python scripts/build_area_codes.py

libphonenumber (the ``phonenumbers`` package, Apache-2.0) describes each area code by the
state or province it serves ("West Virginia", "Ontario") or by its main city ("Chicago,
IL"). Each description is matched to the first-level region codes of the shipped GeoNames
table (assets/gazetteer/admin1.tsv). Codes that serve several provinces ("Nova Scotia/Prince
Edward Island"), toll-free codes and those of other countries have no row.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from phonenumbers.geodata import GEOCODE_DATA

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from geo.geonames_tables import ADMIN1_FILE, TABLES_DIR  # noqa: E402

OUT = TABLES_DIR / "area-codes.tsv"
# Canadian provinces as the descriptions abbreviate them, by their GeoNames codes.
CANADIAN_PROVINCES = {
    "AB": "CA.01", "BC": "CA.02", "MB": "CA.03", "NB": "CA.04", "NL": "CA.05", "NS": "CA.07",
    "ON": "CA.08", "PE": "CA.09", "QC": "CA.10", "SK": "CA.11", "YT": "CA.12", "NT": "CA.13", "NU": "CA.14",
}
# Descriptions that name a region otherwise than GeoNames does (one is misspelt in the data).
OTHER_NAMES = {
    "Washington D.C.": "US.DC", "Washington State": "US.WA", "British Colombia": "CA.02",
    "New Brunswick": "CA.04",
}


def region_codes() -> dict[str, str]:
    """GeoNames' U.S. and Canadian first-level regions: name -> code ("Ontario" -> "CA.08")."""
    with ADMIN1_FILE.open(encoding="utf-8", newline="") as f:
        return {r["name"]: r["code"] for r in csv.DictReader(f, delimiter="\t") if r["code"][:3] in ("US.", "CA.")}


def region_of(description: str, names: dict[str, str]) -> str | None:
    if description in names:
        return names[description]
    if description in OTHER_NAMES:
        return OTHER_NAMES[description]
    _, comma, abbreviation = description.rpartition(", ")
    if comma and abbreviation in CANADIAN_PROVINCES:
        return CANADIAN_PROVINCES[abbreviation]
    if comma and f"US.{abbreviation}" in names.values():
        return f"US.{abbreviation}"
    return None


def rows() -> list[tuple[str, str]]:
    names = region_codes()
    found = []
    for prefix, descriptions in GEOCODE_DATA.items():
        if len(prefix) == 4 and prefix.startswith("1") and (code := region_of(descriptions.get("en", ""), names)):
            found.append((prefix[1:], code))
    return sorted(found)


def main() -> None:
    table = rows()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["area_code", "admin1"])
        writer.writerows(table)
    print(f"{OUT.relative_to(REPO_ROOT)}: {len(table)} area codes")


if __name__ == "__main__":
    main()
