"""From a name as an article writes it, in the context of that article, to a place.

Every candidate the gazetteer holds for the name gets a score:

- what it is: a country or a region outranks a village of the same name, a capital
  outranks other towns;
- how the name matched: its own name beats an alternate name;
- the article: countries and regions it names elsewhere, and distance to the other
  places it names;
- population, as a small tie-breaker.

What the text says about the name narrows the candidates first: a stated country or
state ("Raqqa, Syria", "Paris, Texas") and feature words ("Raqqa province" is the
region, "the city of Aleppo" the city).
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from geo.gazetteer import (
    KIND_AREA,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_DISTRICT,
    KIND_REGION,
    MATCH_ALT,
    MATCH_MAIN,
    Entry,
    Gazetteer,
    gazetteer,
    name_key,
    populated_places,
)
from geo.aliases import ORGANISATIONS, PLACE_ALIASES, SEATS_OF_POWER, as_geonames_romanises
from geo.geonames_tables import neighbours
from geo.parsing import (
    GREAT_CITY,
    LARGE_CITY,
    POSSESSIVE_GAPS,
    POSTAL_CODE_AFTER,
    SMALL_TOWN,
    Span,
    name_in_text,
    toponym_spans,
)
from geo.place import Place
from geo.ranking import FEATURES, WEIGHTS
from geo.telephone import region_of_number_after, regions_of_numbers

__all__ = ["ArticleContext", "lookup_in_text", "place_from_name", "populated_places"]

RESOLVER = "gazetteer"
MAX_CANDIDATES = 8

_REGION_WORDS = (
    "province", "governorate", "state", "region", "oblast", "prefecture", "county",
    "district", "department", "territory", "canton", "emirate", "voivodeship", "parish", "borough",
)
_CITY_WORDS = ("city", "town", "village")
_REGION_SUFFIX = re.compile(rf"\s+(?:{'|'.join(_REGION_WORDS)})$")
_CITY_SUFFIX = re.compile(rf"\s+(?:{'|'.join(_CITY_WORDS)})$")
_CITY_PREFIX = re.compile(rf"^(?:the\s+)?(?:{'|'.join(_CITY_WORDS)})\s+of\s+")
# "Plymouth Co." is Plymouth County.
_COUNTY_ABBREVIATION = re.compile(r"\s+co$")
_REGION_PREFIX = re.compile(rf"^(?:the\s+)?(?:{'|'.join(_REGION_WORDS)})\s+of\s+")
# The same words around a name in running text, lower case: "Idlib province", "the western
# province of Aydin", "Edmonton city council". Not "the Hunan city of Yueyang" (a city in
# Hunan), "a region of Belgium" (some region in Belgium) or "Somali state-run media".
_WORD_AFTER = re.compile(rf"\s+({'|'.join(_REGION_WORDS + _CITY_WORDS)})\b(?![-‐]|\s+of\b)")
# Before a name the word may be capitalised, as in an official style: "the County of Brant",
# "the City of Turkey" (Texas).
_WORD_BEFORE = re.compile(
    rf"(?<!\ba )(?<!\ban )\b({'|'.join(f'[{w[0]}{w[0].upper()}]{w[1:]}' for w in _REGION_WORDS + _CITY_WORDS)})\s+of\s+$"
)

_KIND_FEATURE = {
    KIND_CONTINENT: FEATURES.index("kind_continent"), KIND_COUNTRY: FEATURES.index("kind_country"),
    KIND_AREA: FEATURES.index("kind_area"), KIND_REGION: FEATURES.index("kind_region"),
    KIND_DISTRICT: FEATURES.index("kind_district"),
}
_NEARBY_FEATURES = ((50.0, FEATURES.index("near_50")), (200.0, FEATURES.index("near_200")),
                    (500.0, FEATURES.index("near_500")))
_NEAR_KM = 200.0
_EARTH_KM = 6371.0


class _Mention(NamedTuple):
    """What one name in the article says about where the article is."""

    country_code: str
    admin1_code: str
    lat: float
    lon: float
    weight: float
    is_point: bool


class _Share(NamedTuple):
    """What one name's mentions add to the weight of a country and of a region, and its point."""

    key: str
    country: str
    region: tuple[str, str]
    share: float
    point: _Point | None


@dataclass(frozen=True)
class ArticleContext:
    """The places an article names, computed once and shared by every name resolved in it.

    ``stated`` keeps what the article says once about a name ("London, Ontario") so that
    the same name alone later in the article means the same place; ``senses`` likewise the
    kind of place a feature word gave it ("Idlib province": "Idlib" is then the province).
    ``own`` holds, by where they stand in the text, qualifiers that hold for one mention
    only: those of a name the article qualifies two ways ("Springfield, Ill." and
    "Springfield, Mass."), where the name alone holds neither, and a large city's
    possessive ("Philadelphia's Kensington").
    """

    mentions: dict[str, _Mention] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    stated: dict[str, str] = field(default_factory=dict)
    own: dict[int, str] = field(default_factory=dict)
    senses: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    # What each name may mean before the other places weigh in: it depends on the fields
    # above but the mentions, and so is shared by both readings of the article.
    _named: dict[tuple[str, str | None], _Named] = field(default_factory=dict, repr=False, compare=False)
    # What was worked out once for the article: each name's place, each name's view of the rest.
    _places: dict[str, Place] = field(default_factory=dict, init=False, repr=False, compare=False)
    _views: dict[frozenset[str], _ContextView] = field(default_factory=dict, init=False, repr=False, compare=False)
    _shares: list[_Share] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str) -> ArticleContext:
        """The context of an article whose places are found by parsing it."""
        return cls.from_spans(text, toponym_spans(text, gazetteer()))

    @classmethod
    def from_spans(cls, text: str, spans: list[Span]) -> ArticleContext:
        """The context of an article whose places are ``spans`` (in any order)."""
        index = gazetteer()
        # A name's qualifier is the span after it in the text ("London, Ontario").
        spans = sorted(spans, key=lambda span: span.start)
        counts = dict(Counter(name_key(span.query) for span in spans))
        stated, own = _stated_qualifiers(index, text, spans)
        qualified = stated.keys() | {name_key(span.query) for span in spans if span.start in own}
        senses = _stated_senses(index, text, spans, qualified)
        cells = _namesake_cells(index, counts)
        named: dict[tuple[str, str | None], _Named] = {}
        numbers = _numbers_mentions(index, text)
        context = cls(numbers, counts, stated, own, senses, cells, named)
        # Read every name once on its own, then again in the light of the others.
        for _ in range(2):
            mentions = {key: m for key in counts if (m := _mention(index, key, context)) is not None} | numbers
            if mentions == context.mentions:
                break  # read again, the names say what they said: the context, and its views, stand
            context = cls(mentions, counts, stated, own, senses, cells, named)
        return context

    def query_of(self, span: Span, name: str | None = None) -> str:
        """What to resolve for ``span`` (or for ``name`` standing there): with the qualifier
        that holds for this mention only, if any ("Portland, Ore." beside "Portland, Maine";
        "Kensington, Philadelphia" for "Philadelphia's Kensington")."""
        name = name or span.query
        qualifier = self.own.get(span.start)
        return f"{name}, {qualifier}" if qualifier else name

    def namesakes_near(self, lat: float, lon: float, excluding: AbstractSet[str]) -> bool:
        """Whether another name of the article may mean a town or county beside this point."""
        row, column = _cell(lat, lon)
        for r in (row - 1, row, row + 1):
            for c in (column - 1, column, column + 1):
                keys = self.cells.get((r, c))
                if keys is not None and not keys <= excluding:
                    return True
        return False

    def country_weights(self, excluding: Container[str]) -> dict[str, float]:
        """How much the article is about each country, leaving out the name being resolved."""
        weights: dict[str, float] = defaultdict(float)
        for key, country, _, share, _ in self.shares():
            if country and key not in excluding:
                weights[country] += share
        return weights

    def shares(self) -> list[_Share]:
        """What each name's mention adds to the article's countries, regions and points,
        worked out once: every name resolved sums them, leaving out its own."""
        if not self._shares:
            self._shares.extend(
                _Share(
                    key, m.country_code, (m.country_code, m.admin1_code), m.weight * self.counts.get(key, 1),
                    _point(m.lat, m.lon) if m.is_point else None,
                )
                for key, m in self.mentions.items()
            )
        return self._shares


def _numbers_mentions(index: Gazetteer, text: str) -> dict[str, _Mention]:
    """The states and provinces of the telephone numbers the article prints, each weighed
    as a region the article names (keyed apart from any name: "tel US.WV")."""
    mentions = {}
    for country, region in regions_of_numbers(text):
        entry = index.region_entry(country, region)
        if entry is not None:
            mentions[f"tel {country}.{region}"] = _Mention(
                country, region, entry.lat, entry.lon, _MENTION_WEIGHTS[KIND_REGION], is_point=False
            )
    return mentions


def _stated_qualifiers(index: Gazetteer, text: str, spans: list[Span]) -> tuple[dict[str, str], dict[int, str]]:
    """Names the article qualifies with a country or region: "London, Ontario", "Paris, TX",
    "Lebanon's Tripoli", or with a telephone number printed right after them: "Huntington
    at 304-399-6500".

    A name qualified one way (however written: "Ill.", "Illinois") is that place
    everywhere in the article; a name qualified two ways has each qualifier where it
    stands, returned by the mention's start, as has a name after a large city's possessive
    ("Philadelphia's Kensington").
    """
    qualifiers: dict[str, list[tuple[int, str]]] = defaultdict(list)
    own: dict[int, str] = {}
    for owner, place, qualifier in zip([None, *spans[:-1]], spans, [*spans[1:], None]):
        if qualifier is not None and text[place.end : qualifier.start] == ", ":
            stated = qualifier.query
        elif postal := POSTAL_CODE_AFTER.match(text, place.end):
            stated = postal.group(1)
        elif (region := region_of_number_after(text, place.end)) and (area := index.region_entry(*region)):
            stated = area.name
        elif owner is not None and _owns(index, text, owner, place):
            stated = owner.query
        elif owner is not None and _a_citys(index, text, owner, place):
            own[place.start] = owner.query  # this mention only: the name may be another place elsewhere
            continue
        else:
            continue
        qualifiers[name_key(place.query)].append((place.start, stated))
    one: dict[str, str] = {}
    for key, stated_at in qualifiers.items():
        entries = _named_anywhere(index, key, True).entries
        places = [frozenset(e.id for e in _qualified(index, entries, q)) for _, q in stated_at]
        if not all(places) or frozenset.intersection(*places):  # one place, or a qualifier that is no area
            one[key] = stated_at[0][1]
        else:
            own.update(stated_at)
    return one, own


def _owns(index: Gazetteer, text: str, owner: Span, place: Span) -> bool:
    """Whether a country or region's possessive says where the next name is: "Lebanon's
    Tripoli", "Canada's London" (not "Russia's Ukraine war", nor "Israel's Gaza offensive",
    which lie outside it)."""
    if not _is_possessive(text, owner, place):
        return False
    entries = _named_anywhere(index, place.query, True).entries
    if any(e.kind == KIND_COUNTRY for e in entries) or not _areas(index, owner.query):
        return False
    return bool(_qualified(index, entries, owner.query))


def _a_citys(index: Gazetteer, text: str, owner: Span, place: Span) -> bool:
    """Whether a large city's possessive says the next name is a part of it: "St. Louis's
    Forest Park", "San Francisco's Mission District" (not "Washington's Kabul embassy": a
    city of 100,000 or an area is named for itself). Asked after a country's or region's
    possessive (``_owns``) found nothing."""
    if not _is_possessive(text, owner, place) or not _large_cities(index, owner.query):
        return False
    entries = _named_anywhere(index, place.query, True).entries
    return all(e.kind in _POINTED_KINDS and e.population < LARGE_CITY for e in entries)


def _is_possessive(text: str, owner: Span, place: Span) -> bool:
    gap = text[owner.end : place.start]
    return gap in POSSESSIVE_GAPS or (gap in ("' ", "’ ") and owner.name.endswith("s"))  # "Texas' Houston"


# Towns and counties are filed by cells of half a degree: a neighbouring cell is within
# 40-110 km. A name borne by more places than this says nothing by having one nearby.
_CELL_DEGREES = 0.5
_MAX_NAMESAKES = 12


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEGREES), math.floor(lon / _CELL_DEGREES)


def _namesake_cells(index: Gazetteer, counts: Iterable[str]) -> dict[tuple[int, int], frozenset[str]]:
    """Where each name of the article may be: the cells of the towns and counties it may mean.

    "London", "St. Thomas" and "Middlesex" together are in Ontario, where all three have
    namesakes side by side, before each is taken alone to its best-known bearer.
    """
    cells: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key in counts:
        sites = [e for e in index.entries_by_key(_feature(key)[0]) if e.kind in _POINTED_KINDS]
        if len(sites) <= _MAX_NAMESAKES:
            for entry in sites:
                cells[_cell(entry.lat, entry.lon)].add(key)
    return {cell: frozenset(keys) for cell, keys in cells.items()}


def _stated_senses(index: Gazetteer, text: str, spans: list[Span], stated: Container[str]) -> dict[str, str]:
    """Names the article calls a province or a city once, by a feature word around them or
    by writing them after a town of theirs.

    One name keeps one sense within an article: after "Idlib province", "villages in
    Idlib" are in the province; after "Rochester, New York", "New York" is the state. A
    name also written "Raqqa, Syria", the way towns are written, or given both senses,
    keeps neither.
    """
    senses: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        lookup = span.lookup or lookup_in_text(text, span.start, span.end)
        if lookup == span.name:
            continue  # "New York City", "Metcalfe County": the word is part of the name
        key, kind = _feature(name_key(lookup))
        if kind is not None:
            senses[key].add(kind)
    for town, area in zip(spans, spans[1:]):
        if text[town.end : area.start] == ", " and _holds_a_town_of(index, name_key(area.query), name_key(town.query)):
            senses[name_key(area.query)].add(KIND_REGION)
    return {key: kinds.pop() for key, kinds in senses.items() if len(kinds) == 1 and key not in stated}


def _holds_a_town_of(index: Gazetteer, region: str, town: str) -> bool:
    """Whether a region of the name ``region`` holds a town of the name ``town``: "Rochester,
    New York" is a town in its state, "Aleppo, Homs and Hama" a list of towns."""
    regions = {(e.country_code, e.admin1_code) for e in index.entries_by_key(region) if e.kind == KIND_REGION}
    return bool(regions) and any(
        (e.country_code, e.admin1_code) in regions for e in index.entries_by_key(town) if e.kind == KIND_CITY
    )


_MENTION_WEIGHTS = {KIND_COUNTRY: 1.0, KIND_REGION: 0.7, KIND_DISTRICT: 0.6, KIND_CITY: 0.5, KIND_CONTINENT: 0.0,
                    KIND_AREA: 0.0}


def _mention(index: Gazetteer, key: str, context: ArticleContext) -> _Mention | None:
    """The place a name most likely means in the article, weighed by how sure that is."""
    entries = _named_in(index, key, None, context).entries
    if len(entries) == 1:
        best, confident = entries[0], True  # nothing to weigh it against: no scores needed
    else:
        ranked = _ranked(index, key, None, context)
        if not ranked:
            return None
        (best_score, best), (second_score, _) = ranked[0], ranked[1]
        confident = best_score - second_score >= 1.0
    weight = _MENTION_WEIGHTS[best.kind] * (1.0 if confident else 0.5)
    if best.kind == KIND_CITY and best.population < SMALL_TOWN:
        weight *= 0.4
    return _Mention(
        best.country_code, best.admin1_code, best.lat, best.lon, weight,
        is_point=best.kind in _POINTED_KINDS and confident,
    )


def lookup_in_text(text: str, start: int, end: int, name: str | None = None) -> str:
    """What to resolve for the name at ``text[start:end]``: with the feature word around it.

    "Idlib" in "Idlib province" and in "the province of Idlib" (or "the Province of Idlib")
    is the province; in "the city of Aleppo" it is the city. After a name only lower-case
    words count: in "Kansas City" the word is part of the name, and the span holds it already.
    The words beside a name may also complete it (see ``geo.parsing.name_in_text``).
    """
    if (written := name_in_text(text, start, end, gazetteer())) is not None:
        return written
    name = name or text[start:end]
    if after := _WORD_AFTER.match(text, end):
        return f"{name} {after.group(1)}"
    window = max(0, start - 40)
    # Few names follow an "of": the words before it are only searched for those.
    if text[window:start].rstrip().endswith("of") and (before := _WORD_BEFORE.search(text, window, start)):
        return f"{before.group(1).lower()} of {name}"
    return name


def place_from_name(name: str, context: ArticleContext | None = None) -> Place:
    """The place ``name`` most likely means in ``context``; a not-found place if none fits."""
    if context is None:
        return _place_from_name(name, ArticleContext())
    # An article names its places again and again: each is resolved once.
    place = context._places.get(name)
    if place is None:
        place = context._places[name] = _place_from_name(name, context)
    return place


def _place_from_name(name: str, context: ArticleContext) -> Place:
    index = gazetteer()
    query = name.strip()
    place_part, qualifier = _split_qualifier(query)
    ranked = _ranked(index, place_part, qualifier, context)
    if not ranked:
        return _not_found(index, query, place_part, qualifier, context)
    candidates = tuple(index.candidate(e, s) for s, e in ranked[:MAX_CANDIDATES])
    if not qualifier and _is_a_guess(index, place_part, ranked[0][1], context):
        note = (f"{place_part!r} is taken as no place: its best match, a town of {ranked[0][1].population:,}"
                " people, is in no country, region or area the article names; candidates listed")
        return Place(query=query, resolver=RESOLVER, candidates=candidates, note=note)
    best = candidates[0]
    return Place(
        query=query, name=best.name, lat=best.lat, lon=best.lon, precision=best.precision,
        country_code=best.country_code, admin1=best.admin1, geonameid=best.geonameid,
        resolver=RESOLVER, candidates=candidates, note=_note(ranked[0][1]),
    )


def _ranked(
    index: Gazetteer, name: str, qualifier: str | None, context: ArticleContext
) -> list[tuple[float, Entry]]:
    """The entries ``name`` may mean, best first, with their scores."""
    named = _named_in(index, name, qualifier, context)
    # The name's own mentions are no evidence for it, under either form ("Washington County").
    view = _ContextView.of(context, named.keys)
    scored = [(view.score(base, e, named.bearers), e) for base, e in zip(named.bases, named.entries)]
    return sorted(scored, key=lambda s: (-s[0], -s[1].population))


def candidate_features(name: str, context: ArticleContext | None = None) -> list[tuple[tuple[float, ...], Entry]]:
    """Every entry ``name`` may mean in ``context``, with its features (see geo.ranking)."""
    place_part, qualifier = _split_qualifier(name.strip())
    return _candidates(gazetteer(), place_part, qualifier, context or ArticleContext())


def _candidates(
    index: Gazetteer, name: str, qualifier: str | None, context: ArticleContext
) -> list[tuple[tuple[float, ...], Entry]]:
    named = _named_in(index, name, qualifier, context)
    view = _ContextView.of(context, named.keys)
    return [(view.features(base, e, named.bearers), e) for base, e in zip(named.bases, named.entries)]


def _named_in(index: Gazetteer, name: str, qualifier: str | None, context: ArticleContext) -> _Named:
    named = context._named.get((name, qualifier))
    if named is None:
        named = context._named[(name, qualifier)] = _named(index, name, qualifier, context)
    return named


class _Named(NamedTuple):
    """The entries a name may mean, and what they say about one another."""

    key: str  # the name's index key without its feature words
    kind: str | None  # the kind of place its feature words ask for
    keys: frozenset[str]
    entries: list[Entry]
    bearers: _Bearers
    # Each entry's features that the other places of the article leave alone.
    bases: list[_Base]


def _named(index: Gazetteer, name: str, qualifier: str | None, context: ArticleContext) -> _Named:
    """What a name may mean anywhere, narrowed by what its article says of it."""
    anywhere = _named_anywhere(index, name, bool(qualifier))
    if not qualifier and anywhere.key in context.stated:
        anywhere = _named_anywhere(index, name, True)
    key, entries = anywhere.key, anywhere.entries
    sense = context.senses.get(key) if anywhere.kind is None else None
    if sense is not None:
        # A region's word may name a county or district: "the County of Brant", then "Brant".
        kinds = _AREA_OF_REGION if sense == KIND_REGION else (sense,)
        if any(e.kind in kinds for e in entries):
            entries = [e for e in entries if e.kind in kinds]
    if context.counts and any(e.kind in _AREA_KINDS and e.match == MATCH_MAIN for e in entries):
        entries = [e for e in entries if not _written_in_full(e, context)]
    if qualifier and name_key(qualifier) == key:
        # "Singapore, Singapore", "Kuwait, Kuwait": the town, in the area of its name.
        entries = [e for e in entries if e.kind == KIND_CITY] or entries
    if qualifier:
        # A territory with its own country code is written with its sovereign ("Hong Kong,
        # China", "Greenland, Denmark"): it lies in no country but its own.
        entries = _qualified(index, entries, qualifier) or [e for e in entries if e.kind == KIND_COUNTRY]
    elif (stated := context.stated.get(key)) and not any(e.kind == KIND_COUNTRY for e in entries):
        # "Russia, the U.S. and Britain" is a list, not Russia inside the U.S.
        entries = _qualified(index, entries, stated) or entries
    # The article only ever leaves entries out: as many left, none was.
    if len(entries) == len(anywhere.entries):
        return anywhere
    return _named_entries(key, anywhere.kind, anywhere.keys, entries)


# Keyed by the index, the name as written and whether a country or region is stated for it,
# which are all that what a name may mean anywhere depends on: an open index never changes.
# News names the same places day after day. What it returns is shared, and never changed.
@lru_cache(maxsize=16384)
def _named_anywhere(index: Gazetteer, name: str, qualified: bool) -> _Named:
    """What a name may mean before its article says more."""
    full_key = _COUNTY_ABBREVIATION.sub(" county", name_key(name))
    key, wanted_kind = _feature(full_key)
    entries = _entries_of_kind(index, key, wanted_kind, full_key)
    if not entries and (romanised := as_geonames_romanises(key)) != key:
        entries = _entries_of_kind(index, romanised, wanted_kind, full_key.replace(key, romanised))
    if key in _ORGANISATION_KEYS:
        entries = [e for e in entries if e.match == MATCH_MAIN]
    elif not qualified and (seat := _SEATS.get(key)) is not None:
        entries = [e for e in entries if e.geonameid == seat] or entries
    if _CAPITALS.fullmatch(name) and not qualified:
        # "PARIS, Mo." in a dateline is a town of its state; "U.N." alone no town at all.
        entries = [e for e in entries if e.kind != KIND_CITY or _written_in_capitals(e, key, "." in name)]
    return _named_entries(key, wanted_kind, frozenset((key, full_key)), entries)


def _named_entries(key: str, kind: str | None, keys: frozenset[str], entries: list[Entry]) -> _Named:
    towns = {(e.country_code, e.admin1_code): e for e in entries if e.kind == KIND_CITY}
    # "Oklahoma" is the state's own name before it is short for Oklahoma City.
    areas = {e.kind for e in entries if e.kind in _AREA_KINDS and e.match == MATCH_MAIN}
    bearers = _Bearers(
        bool(areas), KIND_COUNTRY in areas,
        any(e.kind == KIND_CITY and e.match == MATCH_MAIN and e.population >= LARGE_CITY for e in entries),
        max((e.population for e in entries if e.kind == KIND_CITY), default=0),
    )
    short = "" if areas else key
    bases = [_base_features(e, short, towns, bearers) for e in entries]
    return _Named(key, kind, keys, entries, bearers, bases)


class _Bearers(NamedTuple):
    """What else bears a name: an area by its own name, a country so, a city of 100,000,
    a city of 100,000 by its own name; and the people of the largest town that bears it."""

    area: bool
    country: bool
    large_city_own: bool
    largest_town: int

    @property
    def large_city(self) -> bool:
        return self.largest_town >= LARGE_CITY


class _Base(NamedTuple):
    """An entry's features that the other places of the article leave alone, and their score.

    A score sums the weighted features in ``FEATURES`` order, the article's evidence in the
    middle: the base's part is kept in two, the sum of those before the article's evidence
    and the weighted features after it, so that a candidate's score is that sum plus its
    evidence plus those, added in the same order (and so to the same float) as the whole.
    """

    features: tuple[float, ...]
    before: float
    after: tuple[float, ...]


def _base_features(entry: Entry, short: str, towns: dict[tuple[str, str], Entry], bearers: _Bearers) -> _Base:
    """What an entry is, and what the other entries of its name say of it."""
    prior = _prior_features(entry, short)
    named_after_its_town, shadowed = _named_after_its_town(entry, towns), _shadowed_by_area(entry, bearers)
    # "St. Paul" alone is the city of 300,000 in Minnesota, not a parish of Antigua, "Manchester"
    # the English city, not a parish of Jamaica: a region that holds fewer people than a city
    # of 100,000 of its name elsewhere. "Salem" is Salem, Oregon or Tamil Nadu, not Jerusalem,
    # which goes by it as an old name.
    shadowed_by_city = (
        entry.kind == KIND_REGION and bearers.largest_town >= max(LARGE_CITY, entry.population + 1)
    ) or (entry.kind == KIND_CITY and bearers.large_city_own and prior.features[_ALTERNATE] == 1.0)
    if not (named_after_its_town or shadowed or shadowed_by_city):
        return prior  # as most entries are: these features are nought there already
    features = list(prior.features)
    features[_NAMED_AFTER_ITS_TOWN] = float(named_after_its_town)
    features[_SHADOWED_BY_AREA] = float(shadowed)
    features[_SHADOWED_BY_CITY] = float(shadowed_by_city)
    return _Base(tuple(features), prior.before, _weighted_after_evidence(features))


_NAMED_AFTER_ITS_TOWN, _SHADOWED_BY_AREA, _SHADOWED_BY_CITY = (
    FEATURES.index(f) for f in ("named_after_its_town", "shadowed_by_area", "shadowed_by_city")
)


def _written_in_full(entry: Entry, context: ArticleContext) -> bool:
    """A town the article also names in full: "New York" is then the state, the city being
    "New York City"; "Mexico" the country beside "Mexico City"."""
    return entry.kind == KIND_CITY and entry.match == MATCH_ALT and name_key(entry.name) in context.counts


def _shadowed_by_area(entry: Entry, bearers: _Bearers) -> bool:
    """A town that bears the own name of a country or region, and so yields to it.

    "Queensland" is the Australian state before a village of that name in Alberta, and
    "Mexico" the country before Mexico City, which only goes by it as an alternate name.
    A large town keeps its chance against a region ("New York", "Washington"): which of
    the two is meant is the article's to say.
    """
    if entry.kind != KIND_CITY:
        return False
    return (bearers.area and entry.population < SMALL_TOWN) or (bearers.country and entry.match == MATCH_ALT)


def _named_after_its_town(entry: Entry, towns: dict[tuple[str, str], Entry]) -> bool:
    """A region whose largest town bears its name, and so may yield to it.

    "Raqqa", "Zurich" and "Shanghai" alone mean the cities, not the governorate, canton or
    municipality around them; "Quebec" means the province, whose largest city is Montreal.
    A town that bears the region's name only as the short form of its own ("New York City")
    leaves the name to the region ("Oklahoma"), unless it is a city of a million: "New York"
    alone is the city, as news writes it ("New York state" is the state).
    """
    town = towns.get((entry.country_code, entry.admin1_code)) if entry.kind == KIND_REGION else None
    if town is None:
        return False
    if town.match < entry.match:
        return town.is_largest and town.population >= GREAT_CITY and name_key(town.name) == f"{name_key(entry.name)} city"
    return town.is_largest or town.population >= entry.population / 2


def _is_a_guess(index: Gazetteer, name: str, best: Entry, context: ArticleContext) -> bool:
    """A small town that nothing in an article about other countries points to.

    "Siberia" in an article about Russia is no hamlet in Mexico, nor "Patagonia" in one
    about Argentina a village in Arizona: the regions are not in the gazetteer, and a pin
    on their namesake would be wrong on the map. A town of 20,000 or more, or one whose
    country, region, neighbours or nearby places the article names, is kept.
    """
    if best.kind != KIND_CITY or best.population >= SMALL_TOWN:
        return False
    named = _named_in(index, name, None, context)
    view = _ContextView.of(context, named.keys)
    return bool(view.weights) and not view.evidence(best, named.bearers)


def _not_found(
    index: Gazetteer, query: str, place_part: str, qualifier: str, context: ArticleContext
) -> Place:
    """Nothing fits: say why, and list what was weighed (places of that name elsewhere)."""
    elsewhere = _ranked(index, place_part, None, context) if qualifier else []
    candidates = tuple(index.candidate(e, s) for s, e in elsewhere[:MAX_CANDIDATES])
    if elsewhere:
        note = f"no place named {place_part!r} in {qualifier!r}; candidates elsewhere listed"
    else:
        note = f"no place named {place_part!r} in the offline gazetteer"
    return Place(query=query, resolver=RESOLVER, candidates=candidates, note=note)


def _note(entry: Entry) -> str:
    if entry.kind == KIND_CONTINENT:
        return "a continent: an area; its point only anchors a label"
    if entry.kind == KIND_AREA:
        return "an area outside any one country (a sea, a multi-country region): its point only anchors a label"
    return ""


def _split_qualifier(query: str) -> tuple[str, str]:
    """"Raqqa, Syria" -> ("Raqqa", "Syria"); "Washington, D.C." stays whole."""
    head, sep, tail = query.partition(",")
    if not sep or not tail.strip() or name_key(query) in _WHOLE_NAMES:
        return query, ""
    return head.strip(), tail.strip()


_WHOLE_NAMES = frozenset({"washington dc"})


# Letters in capitals, dotted or not: "U.N.", "NATO", "ROME" in a dateline.
_CAPITALS = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}")
_ORGANISATION_KEYS = frozenset(map(name_key, ORGANISATIONS))
_SEATS = {name_key(name): city for name, city in SEATS_OF_POWER.items()}
_TOWN_ABBREVIATIONS = {gid: frozenset(map(name_key, names)) for gid, names in PLACE_ALIASES.items()}


def _written_in_capitals(town: Entry, key: str, dotted: bool) -> bool:
    """Whether a name in capitals can be this town: "NYC" and "ROME" are; "U.N." and "NATO" not.

    A town goes by an abbreviation only if one is known for it; a short word in capitals is
    an organisation's acronym unless it is a large town's own name, as in a dateline.
    """
    if key in _TOWN_ABBREVIATIONS.get(town.geonameid, ()):
        return True
    return not dotted and town.match == MATCH_MAIN and town.population >= LARGE_CITY


@lru_cache(maxsize=65536)
def _feature(key: str) -> tuple[str, str | None]:
    """Strip feature words and say which kind of place they ask for (an article asks of each
    name several times, and news of the same names again)."""
    if _CITY_PREFIX.match(key):
        return _CITY_PREFIX.sub("", key), KIND_CITY
    if _REGION_PREFIX.match(key):
        return _REGION_PREFIX.sub("", key), KIND_REGION
    if _REGION_SUFFIX.search(key):
        return _REGION_SUFFIX.sub("", key), KIND_REGION
    if _CITY_SUFFIX.search(key):
        return _CITY_SUFFIX.sub("", key), KIND_CITY
    return key.removeprefix("the "), None


def _entries_of_kind(index: Gazetteer, key: str, kind: str | None, full_key: str) -> list[Entry]:
    """The entries a name may mean, given the kind of place its feature words ask for."""
    entries = list(index.entries_by_key(key))
    if kind is None:
        if full_key.startswith("the ") and (with_the := index.entries_by_key(full_key)):
            return list(with_the)  # "The Woodlands" is the Texas town of that name, not any Woodlands
        return entries or list(index.entries_by_key(f"the {key}"))
    if kind == KIND_CITY and (
        named_in_full := [e for e in index.entries_by_key(full_key) if e.kind == KIND_CITY and e.match == MATCH_MAIN]
    ):
        # "Kansas City", "Jersey City": the word is part of a city's own name. A city that only
        # goes by it ("Salem City" for Salem, Virginia) is one of the cities of the name.
        return named_in_full
    if kind == KIND_REGION:
        # "Metcalfe County" is indexed in full; "Raqqa province" is the governorate.
        named_in_full = [e for e in index.entries_by_key(full_key) if e.kind in _AREA_OF_REGION]
        if named_in_full and full_key.endswith(" county"):
            return named_in_full  # "Washington County" is one of the counties, never the state
        areas = {e.id: e for e in [*entries, *named_in_full] if e.kind in _AREA_OF_REGION}
        if areas:
            return list(areas.values())
        # Only the town is indexed: the town's first-level region, if that is what the word
        # asks for (a county or district named after its town is far smaller), and the name
        # is no country's ("the region of Belgium" is no region of a town named Belgium).
        if full_key.endswith(_LOCAL_AREA_WORDS) or any(e.kind == KIND_COUNTRY for e in entries):
            return entries
        regions = (index.region_entry(e.country_code, e.admin1_code) for e in entries)
        found = {r.id: r for r in regions if r is not None}
        if found:
            return list(found.values())
    of_kind = [e for e in entries if e.kind == kind]
    return of_kind or entries or list(index.entries_by_key(full_key))


_AREA_OF_REGION = frozenset({KIND_REGION, KIND_DISTRICT})
_LOCAL_AREA_WORDS = (" county", " district", " parish", " borough")
# Places whose point says where they are to within a few tens of km: a town, and a county
# or district (its point is the middle of its towns), so that the towns an article names
# tell which "Washington County" it means, and its county which "Springfield".
_POINTED_KINDS = frozenset({KIND_CITY, KIND_DISTRICT})
_AREA_KINDS = frozenset({KIND_AREA, KIND_CONTINENT, KIND_COUNTRY, KIND_REGION})
_LOCAL_KINDS = frozenset({KIND_CITY, KIND_DISTRICT, KIND_REGION})


def _areas(index: Gazetteer, qualifier: str) -> list[Entry]:
    areas = [e for e in index.entries(qualifier) if e.kind in (KIND_COUNTRY, KIND_REGION)]
    if not areas and len(qualifier) == 2 and qualifier.isupper():
        state = index.region_entry("US", qualifier)
        return [state] if state is not None else []
    return areas


def _qualified(index: Gazetteer, entries: list[Entry], qualifier: str) -> list[Entry]:
    """The entries inside the stated country or region, or within reach of the stated large
    city ("Forest Park, St. Louis"); all of them if it is neither."""
    areas = _areas(index, qualifier)
    if areas and (inside := [e for e in entries if any(_within(e, area) for area in areas)]):
        return inside
    if cities := _large_cities(index, qualifier):
        points = [_point(c.lat, c.lon) for c in cities]
        return [e for e in entries if _nearness(e.lat, e.lon, points)[0] <= _CITY_REACH_KM]
    return [] if areas else entries


def _large_cities(index: Gazetteer, name: str) -> list[Entry]:
    return [e for e in index.entries(name) if e.kind == KIND_CITY and e.population >= LARGE_CITY]


# How far from a large city's point its districts and suburbs lie.
_CITY_REACH_KM = 40.0


def _within(entry: Entry, area: Entry) -> bool:
    if entry.country_code != area.country_code:
        return False
    return area.kind == KIND_COUNTRY or entry.admin1_code == area.admin1_code


_TOWN_SIZE, _AREA_SIZE, _CAPITAL, _ALTERNATE = (
    FEATURES.index(f) for f in ("town_size", "area_size", "capital", "alternate_name")
)


@lru_cache(maxsize=65536)
def _prior_features(entry: Entry, short: str) -> _Base:
    """What an entry is with no context at all; ``short``: the name, if it may be a short form."""
    features = [0.0] * len(FEATURES)
    if entry.kind in _KIND_FEATURE:
        features[_KIND_FEATURE[entry.kind]] = 1.0
    size = math.log10(entry.population + 1) / 7.0
    if entry.kind == KIND_CITY:
        features[_TOWN_SIZE] = size
        features[_CAPITAL] = float(entry.is_capital)
    else:
        features[_AREA_SIZE] = size
    # The first words of its own name are a short form, not an alternate name:
    # "Newcastle" is Newcastle upon Tyne as much as the village named Newcastle.
    if entry.match == MATCH_ALT and not (short and entry.name[: len(short) + 1].casefold() == f"{short} "):
        features[_ALTERNATE] = 1.0
    before = sum(map(operator.mul, WEIGHTS[:_FIRST_EVIDENCE], features[:_FIRST_EVIDENCE]))
    # The features after the article's evidence are what a name's other entries say: none yet.
    return _Base(tuple(features), before, ())


def _weighted_after_evidence(features: list[float]) -> tuple[float, ...]:
    """The weighted features listed after the article's evidence, those not nought."""
    return tuple(w * f for w, f in zip(WEIGHTS[_END_OF_EVIDENCE:], features[_END_OF_EVIDENCE:]) if f)


class _ContextView(NamedTuple):
    """The article's context as seen from one name (its own mentions left out).

    A tuple, as a frozen dataclass would take longer to build than to use: each name of
    each reading of an article gets one.
    """

    weights: dict[str, float]
    # The weights of the countries named that border each country, by that country.
    beside: dict[str, float]
    regions: dict[tuple[str, str], float]
    points: list[_Point]
    context: ArticleContext
    keys: frozenset[str]
    # The shares' denominators, the same for every candidate of the name.
    weights_total: float
    regions_total: float

    @classmethod
    def of(cls, context: ArticleContext, keys: frozenset[str]) -> _ContextView:
        view = context._views.get(keys)
        if view is None:
            weights: dict[str, float] = defaultdict(float)
            regions: dict[tuple[str, str], float] = defaultdict(float)
            points = []
            for key, country, region, share, point in context.shares():
                if key in keys:
                    continue
                if country:
                    weights[country] += share
                if region[1]:
                    regions[region] += share
                if point is not None:
                    points.append(point)
            beside: dict[str, float] = defaultdict(float)
            for country, weight in weights.items():
                for neighbour in _NEIGHBOURS.get(country, ()):
                    beside[neighbour] += weight
            view = context._views[keys] = cls(
                weights, beside, regions, points, context, keys, sum(weights.values()) + 1.0,
                sum(regions.values()) + 1.0,
            )
        return view

    def features(self, base: _Base, entry: Entry, bearers: _Bearers) -> tuple[float, ...]:
        """The entry's ``base`` features with what the article says of it."""
        features = list(base.features)
        for feature, value in self.evidence(entry, bearers):
            features[feature] = value
        return tuple(features)

    def score(self, base: _Base, entry: Entry, bearers: _Bearers) -> float:
        """The sum of the entry's weighted features, as ``features`` would give them."""
        score = base.before
        for feature, value in self.evidence(entry, bearers):
            score += WEIGHTS[feature] * value
        for weighted in base.after:
            score += weighted
        return score

    def evidence(self, entry: Entry, bearers: _Bearers) -> list[tuple[int, float]]:
        """What the article says of the entry: its features from ``country_named`` to
        ``near_namesake``, in that order, those not nought (the base has nought there)."""
        evidence: list[tuple[int, float]] = []
        kind, country = entry.kind, entry.country_code
        weight = self.weights.get(country, 0.0) if country else 0.0
        if weight:
            # Smoothed: one passing mention of a country does not make the article about it.
            evidence += ((_COUNTRY_NAMED, min(weight, 1.0)), (_COUNTRY_SHARE, weight / self.weights_total))
        elif kind in _LOCAL_KINDS and (beside := self.beside.get(country, 0.0)):
            # News of a country reaches the places across its borders: "Israeli strikes on Gaza".
            evidence.append((_NEIGHBOUR_NAMED, min(beside, 1.0)))
        region = self.regions.get((country, entry.admin1_code), 0.0) if kind in _LOCAL_KINDS else 0.0
        if region:
            # A region gets it too, or its own towns would outrank it by being inside it.
            evidence += ((_REGION_NAMED, min(region, 1.0)), (_REGION_SHARE, region / self.regions_total))
        if kind not in _POINTED_KINDS:
            return evidence
        if self.points:
            nearest, near = _nearness(entry.lat, entry.lon, self.points)
            for limit, feature in _NEARBY_FEATURES:
                if nearest <= limit:
                    evidence.append((feature, 1.0))
                    break
            if near:
                evidence.append((_NEAR_SHARE, near / len(self.points)))
        if (
            self.context.cells
            and entry.match == MATCH_MAIN
            # A small town's namesakes nearby are no match for a large city of its name:
            # "Nashville" beside Indianapolis in a list of U.S. cities is still Tennessee's.
            and not (bearers.large_city and kind == KIND_CITY and entry.population < SMALL_TOWN)
            and self.context.namesakes_near(entry.lat, entry.lon, self.keys)
        ):
            evidence.append((_NEAR_NAMESAKE, 1.0))
        return evidence


_COUNTRY_NAMED, _COUNTRY_SHARE, _NEIGHBOUR_NAMED, _REGION_NAMED, _REGION_SHARE, _NEAR_SHARE, _NEAR_NAMESAKE = (
    FEATURES.index(f)
    for f in ("country_named", "country_share", "neighbour_named", "region_named", "region_share", "near_share",
              "near_namesake")
)
_NEIGHBOURS = neighbours()
# The article's evidence is one stretch of ``FEATURES``, from the first feature to the last.
_FIRST_EVIDENCE, _END_OF_EVIDENCE = _COUNTRY_NAMED, _NEAR_NAMESAKE + 1


class _Point(NamedTuple):
    """A point with the terms of the haversine that depend on it alone, computed once."""

    lon: float
    lat_radians: float
    cos_lat: float


def _point(lat: float, lon: float) -> _Point:
    radians = math.radians(lat)
    return _Point(lon, radians, math.cos(radians))


# Points further apart than this in latitude alone are more than the widest nearby
# feature apart (with a margin far above rounding errors): no distance need be computed.
_FAR_RADIANS = (_NEARBY_FEATURES[-1][0] + 1.0) / _EARTH_KM


def _nearness(lat: float, lon: float, points: list[_Point]) -> tuple[float, int]:
    """The great-circle distance (haversine) in km to the nearest of ``points``, and how many
    are within ``_NEAR_KM``. Beyond the widest nearby feature the distance is only known to
    be further: it may then be infinity."""
    sin, asin, sqrt, radians = math.sin, math.asin, math.sqrt, math.radians
    p1 = radians(lat)
    cos1 = math.cos(p1)
    nearest, near = math.inf, 0
    for lon2, p2, cos2 in points:
        if abs(p2 - p1) > _FAR_RADIANS:
            continue
        haversine = sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon) / 2) ** 2
        distance = 2 * _EARTH_KM * asin(sqrt(haversine))
        if distance < nearest:
            nearest = distance
        if distance <= _NEAR_KM:
            near += 1
    return nearest, near
