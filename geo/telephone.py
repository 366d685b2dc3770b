"""What the telephone numbers an article prints say about where it is.

Local news prints local numbers: "call police at 519-661-5670" puts an article in Ontario
where a bare "London" does not say which London. A North American area code serves one
state or province (toll-free codes serve none); ``assets/gazetteer/area-codes.tsv``, built
by ``scripts/build_area_codes.py`` from libphonenumber's geocoding data, says which.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache

from geo.geonames_tables import TABLES_DIR

AREA_CODES_FILE = TABLES_DIR / "area-codes.tsv"

# "519-661-5670", "(304) 399-6500", "806.423.1253": an area code, an exchange, a line. The
# pattern starts with a character class, which keeps a scan of text without numbers cheap;
# what may stand before the number is checked apart.
_NUMBER = re.compile(r"([2-9]\d\d)\)? ?[-. ]?\d{3}[-. ]\d{4}(?!\d)")


@lru_cache(maxsize=1)
def _regions_by_area_code() -> dict[str, tuple[str, str]]:
    """Area code -> (country code, first-level region code): "519" -> ("CA", "08")."""
    if not AREA_CODES_FILE.exists():
        return {}
    with AREA_CODES_FILE.open(encoding="utf-8", newline="") as f:
        rows = [(row["area_code"], row["admin1"].partition(".")) for row in csv.DictReader(f, delimiter="\t")]
    return {area_code: (country, region) for area_code, (country, _, region) in rows}


# A number printed right after a name, in the same clause: "the clinic in Huntington at
# 304-399-6500", "Huntington, (304) 399-6500", "Huntington: 304.399.6500".
_NUMBER_AFTER_A_NAME = re.compile(r"(?:,? (?:at|on|call|phone|tel\.?)|,|:)? ?\(?(?=[2-9]\d\d\b)")


def region_of_number_after(text: str, end: int) -> tuple[str, str] | None:
    """The (country, first-level region) of a North American number printed right after
    ``text[:end]``, a name: local news gives a place's own number beside it."""
    before = _NUMBER_AFTER_A_NAME.match(text, end)
    if before is None:
        return None
    number = _NUMBER.match(text, before.end())
    return None if number is None else _regions_by_area_code().get(number.group(1))


def regions_of_numbers(text: str) -> Counter[tuple[str, str]]:
    """The (country, first-level region) of the North American numbers in ``text``, counted."""
    regions: Counter[tuple[str, str]] = Counter()
    for number in _NUMBER.finditer(text):
        start = number.start()
        if start and text[start - 1].isdigit():
            continue  # the tail of a longer number
        region = _regions_by_area_code().get(number.group(1))
        if region is not None:
            regions[region] += 1
    return regions
