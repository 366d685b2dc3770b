"""Names that news writes but the packaged gazetteers lack: abbreviations and demonyms,
and how news romanises Arabic names where GeoNames romanises them otherwise.

This is a small curated table of general English usage, not a list tuned to any
document. Keys are written as a reader sees them; the index normalises them.
"""

from __future__ import annotations

import re

# Country abbreviations and short forms, by ISO 3166-1 alpha-2 code.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the United States"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo"),
    "KR": ("South Korea", "S. Korea", "ROK"),
    "RU": ("Russian Federation",),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine", "Palestinian Territories"),
    "MK": ("Macedonia", "North Macedonia", "FYROM"),
    "CN": ("PRC", "Mainland China", "People's Republic of China"),
    "KP": ("North Korea", "N. Korea", "DPRK"),
    "SA": ("KSA",),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Congo Republic"),
    "NL": ("Netherlands",),
    "TR": ("Türkiye",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "LA": ("Lao PDR",),
    "BA": ("Bosnia", "BiH"),
    "NZ": ("NZ", "N.Z."),
    "PG": ("PNG",),
    "KN": ("St. Kitts", "Saint Kitts"),
}

# Demonyms and adjectives the packaged data lacks or spells otherwise.
COUNTRY_DEMONYMS: dict[str, tuple[str, ...]] = {
    "GB": ("British", "Briton"),
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
    # Adjectives news uses beside (or instead of) the demonyms countryinfo gives.
    "XK": ("Kosovar",),
    "BA": ("Bosnian",),
    "UZ": ("Uzbek",),
    "KG": ("Kyrgyz",),
    "KZ": ("Kazakh",),
    "AZ": ("Azeri",),
    "TJ": ("Tajik",),
    "AR": ("Argentinian", "Argentine"),
    "EC": ("Ecuadorian",),
    "IS": ("Icelandic",),
    "SI": ("Slovenian",),
    "LU": ("Luxembourgish",),
    "NP": ("Nepali",),
    "MV": ("Maldivian",),
    "DJ": ("Djiboutian",),
    "SV": ("Salvadorean",),
}

# Short forms and adjectives of features outside any one country (seas, blocs,
# multi-country regions), by GeoNames id: ("Mideast", "EU", "Southeast Asian").
AREA_ALIASES: dict[int, tuple[str, ...]] = {
    6695072: ("EU", "E.U."),  # European Union
    6269133: ("Mideast", "Mid-East"),  # Middle East
    11494804: ("Korea",),  # Korean Peninsula: "Korea" alone names neither state
    7729896: ("Southeast Asia", "South-East Asia", "South East Asia"),
    7729894: ("East Asia",),
    7729895: ("South Asia",),
    7729885: ("West Africa",),
    7729889: ("East Africa",),
    7729887: ("North Africa",),
    7730009: ("Latin America",),
    8354411: ("USSR", "U.S.S.R."),  # Union of Soviet Socialist Republics
    2363254: ("Pacific",),  # Pacific Ocean
    3373405: ("Atlantic",),  # Atlantic Ocean
    # The halves of the oceans go without "Ocean" as the oceans do.
    4030875: ("North Pacific",),
    4030483: ("South Pacific",),
    3411923: ("North Atlantic",),
    3358844: ("South Atlantic",),
    363196: ("Mediterranean", "the Med"),  # Mediterranean Sea
    12216908: ("the Balkans",),
}
AREA_DEMONYMS: dict[int, tuple[str, ...]] = {
    6269133: ("Middle Eastern",),
    8354411: ("Soviet",),
    12217933: ("Baltic",),  # Baltic Region: "Baltic states", "the Baltic nations"
    7729892: ("Central American",),
    11494804: ("Korean",),
    7729896: ("Southeast Asian", "South-East Asian", "South East Asian"),
    7729894: ("East Asian",),
    7729895: ("South Asian",),
    7729885: ("West African",),
    7729889: ("East African",),
    7729887: ("North African",),
    7730009: ("Latin American",),
    12216908: ("Balkan",),
    2614165: ("Scandinavian",),
    2425938: ("Sahelian",),
    12212804: ("sub-Saharan", "Sub-Saharan"),
    7729884: ("Eastern European",),
    9408659: ("Western European",),
    12217848: ("Central European",),
    7729893: ("Central Asian",),
    6957697: ("Arabian",),  # Arabian Peninsula
}

# Distinctive names of single places that the packaged alternate names miss.
PLACE_ALIASES: dict[int, tuple[str, ...]] = {
    4140963: ("D.C.", "Washington D.C.", "Washington DC"),  # Washington, District of Columbia
    5128581: ("New York City", "NYC"),
}

# Buildings and streets that news names for the government inside them ("the White House
# said", "Downing Street denied"), by the GeoNames id of the city they are in. They mean
# that city, never a namesake town or a city that bears the words as a translation of its
# name ("White House" is also Casablanca's).
SEATS_OF_POWER: dict[str, int] = {
    "White House": 4140963, "Pentagon": 4744709,  # Washington; Arlington, Virginia
    "Kremlin": 524901, "Downing Street": 2643743, "Whitehall": 2643743,  # Moscow; London
    "Blue House": 1835848, "Zhongnanhai": 1816670,  # Seoul; Beijing
}

# Organisations news names far more often than the places that bear their names as
# alternate names ("Hamas" is also a spelling of Hamm, "Google" a joke name of Topeka).
# A place's own name is never shadowed: "Toyota" and "Nokia" stay towns.
ORGANISATIONS: tuple[str, ...] = (
    "Hamas", "Hezbollah", "Hizbollah", "Taliban", "Fatah", "NATO", "OPEC",
    "Google", "Facebook", "Samsung", "Nissan", "Shell", "Nike", "Visa",
)

# Adjectives of continents ("European leaders"), by continent code.
CONTINENT_DEMONYMS: dict[str, tuple[str, ...]] = {
    "EU": ("European",), "AS": ("Asian",), "AF": ("African",), "OC": ("Oceanian",),
    "NA": ("North American",), "SA": ("South American",),
}

# Press abbreviations of Canadian provinces and Australian states, by GeoNames admin1 code.
REGION_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "01"): ("Alta.",), ("CA", "02"): ("B.C.", "BC"), ("CA", "03"): ("Man.",),
    ("CA", "04"): ("N.B.",), ("CA", "05"): ("Nfld.", "Newfoundland", "N.L."), ("CA", "07"): ("N.S.",),
    ("CA", "08"): ("Ont.",), ("CA", "09"): ("P.E.I.", "PEI"), ("CA", "10"): ("Que.", "Quebec"),
    ("CA", "11"): ("Sask.",), ("CA", "13"): ("N.W.T.", "NWT"),
    ("AU", "01"): ("ACT",), ("AU", "02"): ("NSW",), ("AU", "07"): ("Vic.",), ("AU", "04"): ("Qld",), ("AU", "08"): ("WA",),
    ("AU", "06"): ("Tas.",),
}

# Adjectives of first-level regions that news uses as places ("Scottish voters", "Tibetan
# monasteries"), by (country, GeoNames admin1 code). Languages that are as often meant
# ("English") are left out.
REGION_DEMONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("GB", "SCT"): ("Scottish", "Scot"), ("GB", "WLS"): ("Welsh",), ("GB", "NIR"): ("Northern Irish",),
    ("US", "CA"): ("Californian",), ("US", "TX"): ("Texan",), ("US", "FL"): ("Floridian",),
    ("US", "HI"): ("Hawaiian",), ("US", "AK"): ("Alaskan",),
    ("DE", "02"): ("Bavarian",), ("IT", "15"): ("Sicilian",), ("IT", "16"): ("Tuscan",),
    ("FR", "94"): ("Corsican",), ("FR", "53"): ("Breton",),
    ("ES", "56"): ("Catalan",), ("ES", "59"): ("Basque",), ("ES", "51"): ("Andalusian",),
    ("BE", "VLG"): ("Flemish",), ("BE", "WAL"): ("Walloon",),
    ("CA", "10"): ("Quebecois", "Québécois", "Quebecer"),
    ("CN", "14"): ("Tibetan",), ("RU", "12"): ("Chechen",), ("UA", "11"): ("Crimean",),
    ("CN", "13"): ("Uighur", "Uyghur"), ("RU", "17"): ("Dagestani",), ("GE", "02"): ("Abkhaz",),
    ("PS", "GZ"): ("Gazan",),
    ("IN", "12"): ("Kashmiri",),
    ("IT", "14"): ("Sardinian",), ("AT", "07"): ("Tyrolean",),
    ("CA", "08"): ("Ontarian",), ("CA", "01"): ("Albertan",),
}

# AP-style abbreviations of U.S. states ("Paris, Tex."), by GeoNames admin1 code.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.", "N.Dak.", "N. Dak."),
    "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.", "S.Dak.", "S. Dak."), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",),
    "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}


# English news and GeoNames romanise Arabic names differently: news writes "Deir",
# "Beit", "Sheikh", "el-", "Ain" and the article unassimilated ("al-Numan"); GeoNames (the
# BGN/PCGN system) "Dayr", "Bayt", "Shaykh", "al", "Ayn", and the article assimilated to a
# following "sun letter" ("an Nu'man", "ash Sham"). Tried only for a name found under
# neither spelling.
_NEWS_ROMANISATIONS = {
    "deir": "dayr", "beit": "bayt", "sheikh": "shaykh", "el": "al", "ain": "ayn", "tell": "tall",
    "tal": "tall", "jebel": "jabal", "khirbet": "khirbat",
}
_SUN_LETTER = re.compile(r"\bal (sh|th|dh|[tdrzsnl])")


def as_geonames_romanises(key: str) -> str:
    """An index key ("deir al balah") as GeoNames romanises it ("dayr al balah"); "jisr al
    shughur" -> "jisr ash shughur"."""
    words = " ".join(_NEWS_ROMANISATIONS.get(word, word) for word in key.split())
    return _SUN_LETTER.sub(lambda m: f"a{m.group(1)} {m.group(1)}", words)
