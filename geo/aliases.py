"""Names that news writes but the packaged gazetteers lack: abbreviations and demonyms.

This is a small curated table of general English usage, not a list tuned to any
document. Keys are written as a reader sees them; the index normalises them.
"""

from __future__ import annotations

# Country abbreviations and short forms, by ISO 3166-1 alpha-2 code.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the United States"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "RU": ("Russian Federation",),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine", "Palestinian Territories"),
}

# Demonyms and adjectives the packaged data lacks or spells otherwise.
COUNTRY_DEMONYMS: dict[str, tuple[str, ...]] = {
    "GB": ("British",),
    "US": ("American",),
    "NL": ("Dutch",),
    "FR": ("French",),
    "ES": ("Spanish",),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "CH": ("Swiss",),
    "SE": ("Swedish",),
    "DK": ("Danish",),
    "FI": ("Finnish",),
    "PL": ("Polish",),
    "TR": ("Turkish",),
    "IE": ("Irish",),
    "PT": ("Portuguese",),
    "IL": ("Israeli",),
    "PH": ("Filipino", "Philippine"),
    "NZ": ("New Zealander",),
    "AF": ("Afghan",),
    "IQ": ("Iraqi",),
    "PK": ("Pakistani",),
    "SA": ("Saudi",),
    "BD": ("Bangladeshi",),
    "TH": ("Thai",),
    "UA": ("Ukrainian",),
    "CD": ("Congolese",),
}

# Distinctive names of single places that the packaged alternate names miss.
PLACE_ALIASES: dict[int, tuple[str, ...]] = {
    4140963: ("D.C.", "Washington D.C.", "Washington DC"),  # Washington, District of Columbia
    5128581: ("New York City", "NYC"),
}

# Adjectives of continents ("European leaders"), by continent code.
CONTINENT_DEMONYMS: dict[str, tuple[str, ...]] = {
    "EU": ("European",), "AS": ("Asian",), "AF": ("African",), "OC": ("Oceanian",),
}

# Press abbreviations of Canadian provinces and Australian states, by GeoNames admin1 code.
REGION_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "01"): ("Alta.",), ("CA", "02"): ("B.C.", "BC"), ("CA", "03"): ("Man.",),
    ("CA", "04"): ("N.B.",), ("CA", "05"): ("Nfld.", "Newfoundland", "N.L."), ("CA", "07"): ("N.S.",),
    ("CA", "08"): ("Ont.",), ("CA", "09"): ("P.E.I.", "PEI"), ("CA", "10"): ("Que.", "Quebec"),
    ("CA", "11"): ("Sask.",), ("CA", "13"): ("N.W.T.", "NWT"),
    ("AU", "01"): ("ACT",), ("AU", "02"): ("NSW",), ("AU", "07"): ("Vic.",), ("AU", "04"): ("Qld",), ("AU", "08"): ("WA",),
}

# AP-style abbreviations of U.S. states ("Paris, Tex."), by GeoNames admin1 code.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",),
    "WA": ("Wash.",), "WV": ("W.Va.",), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}
