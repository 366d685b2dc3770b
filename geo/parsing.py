"""Finding place names in running text, driven by the gazetteer.

Capitalised runs of words are matched against the index, longest first. Guards keep
out what only looks like a place: function and calendar words, words the text also
writes in lower case ("Mobile", "Reading"), short capitals that are no country or region
("BA") or title-case abbreviations ("Act"), parts of longer proper names ("Jordan" in
"Michael Jordan", "Burton" in "Burton Industries", "Wooster St."), people ("Burton said",
"said Georgia."), and one-word small towns or given names that no preposition announces
("the Liberal government", "Michael"). A feature word after a match belongs to it
("Raqqa province", "Metcalfe County"), and a county keeps its place in the names of its
institutions ("Laurel County Sheriff's Office").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain

from geo.aliases import (
    COUNTRY_ALIASES,
    REGION_ABBREVIATIONS,
    SEATS_OF_POWER,
    US_STATE_ABBREVIATIONS,
    as_geonames_romanises,
)
from geo.gazetteer import KIND_CITY, KIND_COUNTRY, KIND_DISTRICT, MATCH_ALT, MATCH_DEMONYM, Entry, Gazetteer, name_key

MAX_WORDS = 5
# A one-word name that only towns smaller than this bear needs a preposition before it.
SMALL_TOWN = 20_000
# A town this large keeps its name against a small town's namesakes and in capitals.
LARGE_CITY = 100_000
# A city of a million: known by its name the world over. When it "said" something, that is
# its government, as for a capital; a smaller town's name before "said" is a person's
# ("Austin said", "Preston told reporters").
GREAT_CITY = 1_000_000

_WORD = r"[^\W_][\w’']*"
_POSSESSIVE = re.compile(r"['’]s?$")
# What stands between a possessive and the next name: "Cox's Bazar", "Lebanon’s Tripoli".
POSSESSIVE_GAPS = frozenset({"'s ", "’s "})
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)
# Abbreviations that begin a name ("St. Louis") and name nothing alone.
_ABBREVIATIONS_ALONE = frozenset({"St.", "Ft.", "Mt."})
_ALIASES = frozenset(
    a for table in (COUNTRY_ALIASES, REGION_ABBREVIATIONS, US_STATE_ABBREVIATIONS) for names in table.values() for a in names
)
_ABBREVIATIONS = frozenset(a for a in _ALIASES if a.endswith(".")) | _ABBREVIATIONS_ALONE
_WORD_ABBREVIATIONS = sorted(a[:-1] for a in _ABBREVIATIONS if re.fullmatch(_WORD, a[:-1]))
# Names of more than one part with an abbreviation inside, neither of the above: "W. Va.",
# "W.Va.", "S. Korea", longest first.
_JOINED_ABBREVIATIONS = sorted(
    (
        a for a in _ALIASES
        if re.search(r"\b[A-Z]\.", a) and not re.fullmatch(r"(?:[A-Z]\.){2,}", a) and a[:-1] not in _WORD_ABBREVIATIONS
    ),
    key=len, reverse=True,
)
# Abbreviations of more than one part ("W. Va."), abbreviations with periods ("U.S.",
# "U.K."), then abbreviations with a final period ("Ont.", "St.", tried only from their
# first letters), then words; apostrophes stay inside words. Each token comes with what
# lies before it since the last one, so that where the tokens are is summed from their
# lengths rather than asked of each match.
_TOKEN = re.compile(
    rf"([\W_]*)((?:{'|'.join(map(re.escape, _JOINED_ABBREVIATIONS))})|(?:[A-Z]\.){{2,}}|"
    rf"(?=[{''.join(sorted({a[0] for a in _WORD_ABBREVIATIONS}))}])"
    rf"(?:{'|'.join(map(re.escape, _WORD_ABBREVIATIONS))})\.|{_WORD})"
)
# What may stand between a sentence's end and its first word.
_OPENING_MARKS = frozenset(" \t\"'“‘(")
_STREET_WORDS = frozenset("st st. street ave avenue rd road blvd boulevard".split())
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "upon", "on", "the", "da", "do", "dos", "das"})
_FEATURE_WORDS = frozenset(
    "province governorate county district oblast prefecture region emirate voivodeship parish borough".split()
)
# Capitalised words that begin sentences or titles far more often than they name a place.
_STOP_KEYS = frozenset(
    """
    a an and as at but by for from he her his i if in is it its me my no not of on or our
    she so that the their them then there these they this those to up us we what when where
    which who why will with you your all any also after before during more most new old since
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today tomorrow yesterday
    mr mrs ms dr sir president minister prime secretary general governor mayor king queen
    prince senator sen rep gen col capt lt police army government university college
    north south east west northern southern eastern western central far
    read more story advertisement photo video update breaking news said says
    god allah christian muslim islamic jewish catholic justice
    center centre road street avenue green superior st white house area
    liberal liberals conservative conservatives democrat democrats republican republicans
    labour labor
    """.split()
) | {name_key(seat) for seat in SEATS_OF_POWER}  # "the Kremlin said": a speaker; given as a span, its city
# Words that follow a place name without making it part of another name ("Quebec Health
# Minister", "Ottawa Police"), as opposed to "Washington Post" or "Jordan Peterson".
_DESCRIPTORS = frozenset(
    """
    minister ministry premier president governor government police army forces military
    officials official court council parliament department mayor legislature party senate
    senator attorney general prime foreign defense defence interior health finance education
    energy fire emergency public national authorities officers border coast guard navy air
    airport city county province region state people residents leaders leader
    """.split()
)
# Words for seas, coasts and landforms: alone, or before "of" and a name, they name a feature
# ("the Gulf", "Strait of Hormuz"), not a place called so.
_LANDFORM_WORDS = frozenset(
    "gulf bay sea strait straits lake cape mount river isle island islands channel ocean "
    "desert valley peninsula".split()
)
# Capitalised landform words glued to a name make the name of a feature, not of the place
# it is named after: "Ohio River", "Atlas Mountains", "Lake Victoria", "Mount Kenya", "River
# Jordan". The river is not the state, the lake not the province. Words for what lies within
# or beside its place ("Swat Valley", "Guantanamo Bay", "Galveston Island") are not here.
_FEATURE_AFTER_WORDS = frozenset("river creek canal mountains mountain range sea ocean desert".split())
_FEATURE_BEFORE_WORDS = frozenset("lake mount river".split())
# Who local news says a town's name of: "a Byron man", "an Elgin teen", "a Salem couple".
_RESIDENT_NOUNS = frozenset(
    "man woman men women boy girl teen teenager youth child resident residents couple family native "
    "driver motorist student mother father pastor officer veteran".split()
)
# What joins the names of a list: "Kiryat Shmona and Metula", "Kunlong, Laukkai".
_LIST_GAPS = frozenset({", ", " and ", " or ", ", and ", ", or "})
# Prepositions that announce a place ("in Liberal", "near Crescent").
_LOCATIVES = frozenset("in at near from to outside into across toward towards around between via of".split())
_SPEECH_VERBS = frozenset("said says told added asked wrote explained".split())
# The Arabic article as news writes it inside a name: "Maarat al-Numan", "Deir ez-Zor".
_ARABIC_ARTICLES = frozenset("al el ad adh an ar as ash at ath az ez".split())
# Prepositions that put what follows in a place, never a speaker: "police in Waukegan said".
_WHERE_WORDS = frozenset("in at near outside around across".split())
# Verbs that end a quotation and take no object: "said Georgia." names a speaker, while in
# "Moscow told Washington, ..." the name is who was told.
_QUOTE_VERBS = frozenset("said says added".split())
_SAINTS = frozenset({"St.", "Saint", "Ste.", "Sainte"})
_INSTITUTION_WORDS = frozenset(
    "hospital church cathedral chapel basilica abbey school college university academy".split()
)
# A U.S. state's postal code after a town and a comma: "Paris, TX". GeoNames' admin1 codes
# of U.S. states are their postal codes. Only read there: alone, "IN" or "OR" are words.
POSTAL_CODE_AFTER = re.compile(r", ([A-Z]{2})\b(?![.'’]?\w)")
# An age between commas after a name: "Austin Williams, 23, of Tyler".
_AGE = r"\d{1,3},"
_AGE_AFTER = re.compile(rf", {_AGE}")
# What follows a person's name and never an organisation's: an age, or "who".
_PERSON_AFTER = re.compile(rf", (?:{_AGE}|who\b)")
# What follows a person's name in news, and never a town's: "Tanya Williams, a spokeswoman",
# "Fran Lindsay, who". ("Tyler, a city in Texas" has no name word before it.)
_APPOSITIVE_AFTER = re.compile(r", (?:a|an|who|whose)\b")
# Common given names: before another capitalised word they start a person's name
# ("Michael Madrid", "George Washington", "Marco Rubio"), even when a town bears them.
_GIVEN_NAMES = frozenset(
    """
    aaron abdul abdullah adam ahmed ahmad alan albert alex alexander ali amanda amy andrea andrew
    angela anna anne anthony antonio barack ben benjamin bernie bill bob brian bruce carlos carol
    catherine charles chris christian christopher daniel dan david dennis donald edward elizabeth
    emily emma eric frank fred gary george greg hassan henry hillary hugh ian jack james jane jason
    jean jeff jennifer jim joe john jonathan jorge jose joseph juan julia justin karen kate kevin
    kim laura lisa luis mark maria marco mary matt matthew michael michelle mike mohammed muhammad
    nancy nick nicolas omar patrick paul peter philip rachel raul richard rick robert ron ryan sam
    samuel sarah scott sean sergei stephen steve steven susan thomas tim tom tony victor vladimir
    william
    """.split()
)
# Relatives, as news names them: "his wife, Dora", "the son of Riley".
_KIN = frozenset(
    "wife husband son daughter brother sister mother father widow widower partner fiancee fiance "
    "grandson granddaughter grandmother grandfather stepson stepdaughter".split()
)
_TITLES = frozenset(
    "mr mrs ms dr sir president minister secretary governor mayor king queen prince senator "
    "sen rep gov gen general col capt lt sgt maj adm judge justice pope sheikh prof rev".split()
)
# Titles written short with a full stop: "Sen. Clinton", "Gov. Jackson". Only these take
# the stop: "... named a new minister. Jackson said" is two sentences.
_SHORT_TITLES = frozenset("mr mrs ms dr sen rep gov gen col capt lt sgt maj adm prof rev".split())
_AREA_KINDS = frozenset({"country", "region", "continent", "area"})


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text that names a place: ``text[start:end] == name``.

    ``lookup`` is what to resolve: the name with a lower-case feature word that follows
    it ("Idlib" in "Idlib province" is looked up as the province), else the name.
    """

    start: int
    end: int
    name: str
    lookup: str = ""

    @property
    def query(self) -> str:
        return self.lookup or self.name


def toponym_spans(text: str, gazetteer: Gazetteer) -> list[Span]:
    """The place names in ``text``, in order, found by matching the gazetteer."""
    return list(_spans(text, gazetteer))


@lru_cache(maxsize=4)
def _spans(text: str, gazetteer: Gazetteer) -> tuple[Span, ...]:
    """Kept for the last few texts: an article's names are read for its context, then resolved."""
    finder = _Finder(text, gazetteer)
    matches = finder.matches()
    people = {name_key(finder.surface(i, j)) for i, j in matches if finder.is_person(i, j)}
    spans = []
    after_place = 0  # the token after the last place taken
    for i, j in matches:
        single = j - i == 1
        if finder.is_part_of_longer_name(i, j):
            continue
        if single and name_key(finder.surface(i, j)) in people and not finder.is_qualified(i, j):
            continue  # a person's name, unless a country or region follows it ("Dora, Alabama")
        if single and finder.is_unannounced_small_town(i, after_place):
            continue
        if single and finder.continues_a_place(i, j, after_place):
            continue
        if finder.is_feature_word_alone(i, j) or finder.is_inside_a_feature_name(i, j):
            continue
        spans.append(finder.span(i, j))
        after_place = j
    taken = {span.start for span in spans}
    shared = [span for span in finder.sharing_a_noun() if span.start not in taken]
    return tuple(sorted(spans + shared, key=lambda span: span.start) if shared else spans)


class _Finder:
    """The tokens of one text and the tests that decide which runs of them are places.

    Token ``i`` is ``words[i]``, at ``text[starts[i]:ends[i]]``: parallel lists, as an
    article has thousands of words and only its capitalised runs are looked at closely.
    """

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.starts, self.ends, self.words = _tokens(text)
        self.capitalised = [w[0].isupper() for w in self.words]
        # Each distinct word once: an article repeats most of its words.
        self.lower_words = _lower_case_words(text, self.words)
        # The places of each name asked about: the tests below ask of most names twice.
        self._places_by_key: dict[str, list[Entry]] = {}

    def surface(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.ends[j - 1]]

    def matches(self) -> list[tuple[int, int]]:
        """Token ranges that match the gazetteer, longest first, left to right."""
        # A name starts with a capital: most words are passed over here, at little cost.
        runs = [(i, self._run_ends(i)) for i, capitalised in enumerate(self.capitalised) if capitalised]
        # Every run the text may name, read from the index at once rather than one by one.
        self.gazetteer.look_up(name_key(self.surface(i, end)) for i, ends in runs for end in ends)
        found: list[tuple[int, int]] = []
        end = 0
        for k, (i, ends) in enumerate(runs):
            if i >= end and (j := self._longest_match(i, ends)) is not None:
                if self.words[i] == "The" and k + 1 < len(runs) and runs[k + 1][0] == i + 1:
                    # "The Fort Worth company": Fort Worth, not a place called The Fort, then Worth.
                    after_the = self._longest_match(i + 1, runs[k + 1][1])
                    if after_the is not None and after_the > j:
                        continue
                found.append((i, j))
                end = j
        return found

    def _joined(self, j: int) -> bool:
        """Tokens ``j - 1`` and ``j`` belong to one name only if a space or a hyphen separates them."""
        return self.text[self.ends[j - 1] : self.starts[j]] in (" ", "-")

    def _after_possessive(self, j: int) -> bool:
        """Token ``j`` follows a possessive: "Bazar" in "Cox's Bazar", "Vineyard" in "Martha's Vineyard"."""
        return self.text[self.ends[j - 1] : self.starts[j]] in POSSESSIVE_GAPS

    def _run_ends(self, i: int) -> list[int]:
        """Where a name starting at capitalised token ``i`` may end, shortest first.

        A possessive may stand inside a name ("Cox's Bazar"), which is then looked up whole.
        """
        ends = [i + 1]
        for j in range(i + 1, min(len(self.words), i + MAX_WORDS)):
            if not (self._joined(j) or (self.capitalised[j] and self._after_possessive(j))):
                break
            if self.capitalised[j]:
                ends.append(j + 1)
            elif self.words[j] not in _CONNECTORS:
                break
        return ends

    def _longest_match(self, i: int, ends: list[int]) -> int | None:
        for end in reversed(ends):
            if self._acceptable(self.surface(i, end), end - i) or self.is_qualified(i, end):
                return end
        return None

    def is_qualified(self, i: int, j: int) -> bool:
        """"Mobile, Alabama": a country or region after a comma makes any word a place."""
        if j >= len(self.words) or self.text[self.ends[j - 1] : self.starts[j]] != ", ":
            return False
        if not self.gazetteer.has_key(name_key(self.surface(i, j))):
            return False
        return any(self._is_area(j, end) for end in range(j + 1, min(len(self.words), j + 3) + 1))

    def _acceptable(self, surface: str, words: int) -> bool:
        key = name_key(surface)
        entries = self.gazetteer.entries_by_key(key) if len(key) >= 2 else []
        if not entries and words > 1 and (romanised := as_geonames_romanises(key)) != key:
            entries = self.gazetteer.entries_by_key(romanised)  # "Deir al-Balah" is "Dayr al Balah"
        if not entries:
            return False  # as for most runs of capitalised words
        if surface.split()[-1].lower() not in _FEATURE_WORDS:
            # Districts are found only by their full names ("Metcalfe County").
            entries = [e for e in entries if e.kind != KIND_DISTRICT]
        if not entries:
            return False
        if _is_short_capitals(surface):
            # "US", "UK" and "NSW" are places; "BA" and "LE" are not.
            return any(e.kind in _AREA_KINDS for e in entries)
        if len(key) <= 3 and "." not in surface and surface not in _ALIASES and all(e.match == MATCH_ALT for e in entries):
            return False  # "Act" and "Al" are abbreviations ("ACT", "AL") only in capitals; "BiH" is written so
        if surface in _ABBREVIATIONS_ALONE:
            return False  # "St." alone ends a street address
        if _is_plural_demonym(key, entries, self.gazetteer):
            return False  # "Americans" are people; "American troops" say where
        if key in _STOP_KEYS and "." not in surface:
            return False
        # A single word the text also uses in lower case is an ordinary word here.
        return words > 1 or surface.lower() not in self.lower_words

    def _word_before(self, i: int) -> int | None:
        """The token glued before token ``i``, if any."""
        return i - 1 if i > 0 and self._joined(i) else None

    def _word_after(self, j: int) -> int | None:
        """The token glued after the run ending before token ``j``, if any."""
        return j if j < len(self.words) and self._joined(j) else None

    def is_part_of_longer_name(self, i: int, j: int) -> bool:
        """Glued to capitalised words that are no place ("Vladimir Putin", "Burton Industries").

        A country or a region keeps its place in an organisation's name ("Environment
        Canada", "Syrian Army"), as news corpora mark it.
        """
        if self._ends_an_arab_name(i):
            return True  # "Maarat al-Numan": the tail of a name the gazetteer lacks, not Numan in Nigeria
        before, after = self._name_word_before(i), self._word_after(j)
        if before is not None and name_key(self.words[before]) in _GIVEN_NAMES:
            return True  # "Michael Jordan" is no country
        if after is not None and self.capitalised[after] and self.words[after].lower() in _STREET_WORDS:
            return True  # "Wooster St." is a street; "the Aleppo road" leads to Aleppo
        if self._follows_an_initial(i) and not self._is_area(i, j):
            return True  # "Franklin D. Roosevelt", "George H. W. Bush": a person's middle initial
        if self._has_title(i) and ((after is not None and self.capitalised[after]) or not self._is_area(i, j)):
            return True  # "Mayor Virginia Raggi", "Sen. Clinton", "Gov. Jackson" are people, not places
        if (
            j < len(self.words)
            and self.capitalised[j]
            and self._after_possessive(j)
            and (self._names_an_institution(i, j) or not self._is_notable(name_key(self.surface(i, j))))
        ):
            # "Martha's Vineyard": a person's, not a hamlet's; "St. Michael's Hospital" a hospital's,
            # not the parish's; but "Chicago's South Side" is Chicago's, "St. Louis's Forest Park" St. Louis's.
            return True
        if (
            after is not None
            and self.capitalised[after]
            and self._is_name_word(name_key(self.words[after]))
            and _PERSON_AFTER.match(self.text, self.ends[after])
        ):
            return True  # "Chad Johnson, 34,", "Victoria Beckham, who": a first name, whatever bears it
        if self._is_area(i, j):
            return False
        if before is not None:
            return True
        if self.surface(i, j).split()[-1].lower() in _FEATURE_WORDS:
            return False  # "Laurel County Detention Center" is in Laurel County
        if after is None or not self.capitalised[after]:
            return False
        # An acronym after a place names an organisation of that place: "Brant OPP", "Toronto FC".
        return not _is_acronym(self.words[after]) and self._is_name_word(name_key(self.words[after]))

    def _names_an_institution(self, i: int, j: int) -> bool:
        """A saint's possessive before a church's, a school's or a hospital's name: "St. Mary's
        Hospital", "St. John's Catholic Church" (within the three words after it)."""
        return self.words[i] in _SAINTS and any(
            word.lower() in _INSTITUTION_WORDS for word in self.words[j : j + 3]
        )

    def _follows_an_initial(self, i: int) -> bool:
        """Token ``i`` follows a capitalised name and an initial: "Franklin D. Roosevelt"."""
        return (
            i >= 2
            and len(self.words[i - 1]) == 1
            and self.words[i - 1].isupper()
            and self.text[self.ends[i - 1] : self.starts[i]] == ". "
            and self.capitalised[i - 2]
            and self.text[self.ends[i - 2] : self.starts[i - 1]] in (" ", ". ")
        )

    def _has_title(self, i: int) -> bool:
        """Token ``i`` follows a person's title: "Mayor Raggi", "Sen. Smith"."""
        if i == 0 or (key := name_key(self.words[i - 1])) not in _TITLES:
            return False
        gap = self.text[self.ends[i - 1] : self.starts[i]]
        return gap == " " or (gap == ". " and key in _SHORT_TITLES and self.capitalised[i - 1])

    def _ends_an_arab_name(self, i: int) -> bool:
        """Token ``i`` follows a capitalised word and the Arabic article: "Maarat al-Numan"."""
        return (
            i >= 2
            and self.words[i - 1] in _ARABIC_ARTICLES
            and self.text[self.ends[i - 1] : self.starts[i]] == "-"
            and self.capitalised[i - 2]
            and self._joined(i - 1)
        )

    def _name_word_before(self, i: int) -> int | None:
        """The capitalised non-place word glued before token ``i``, unless it opens a sentence
        (where any word is capitalised) and nothing after the name says it is a person's:
        "Tanya Williams, a spokeswoman", "Fran Lindsay, who"."""
        before = self._word_before(i)
        if before is None or not self.capitalised[before]:
            return None
        if name_key(self.words[before]) in _GIVEN_NAMES:
            return before
        if self._opens_sentence(before) and not _APPOSITIVE_AFTER.match(self.text, self.ends[i]):
            return None
        if self.words[before].isupper():
            return None  # an acronym names an organisation: "CBC Toronto"
        return before if self._is_name_word(name_key(self.words[before])) else None

    def _opens_sentence(self, i: int) -> bool:
        """Nothing but quotes, brackets and spaces since the last sentence's end, or the text's start."""
        at = self.starts[i] - 1
        while at >= 0 and self.text[at] in _OPENING_MARKS:
            at -= 1
        return at < 0 or self.text[at] in ".!?:\n"

    def _is_name_word(self, key: str) -> bool:
        if key in _DESCRIPTORS:
            return False
        # "Margaret" in "Justine Margaret Murphy" is a name, though a hamlet bears it.
        return key in _TITLES or (key not in _STOP_KEYS and not self._is_notable(key))

    def _is_notable(self, key: str) -> bool:
        """A name that means an area or a town of some size."""
        return any(e.kind in _AREA_KINDS or e.population >= SMALL_TOWN for e in self._places(key))

    def is_person(self, i: int, j: int) -> bool:
        """A town's name that names a person in the text ("Dan Burton", "Burton said")."""
        if j - i != 1:
            return False
        if self._is_quoted_speaker(i):
            return True  # "..., said Georgia." is a person, whatever else the name means
        if self._is_area(i, j):
            return False
        if self._is_kin(i) or self._is_one_of_a_couple(i, j):
            return True
        if _AGE_AFTER.match(self.text, self.ends[i]):
            return True  # "Austin Williams, 23, of Tyler": news gives a person's age so
        after = self._word_after(j)
        if self._name_word_before(i) is not None:
            # "Greater Toronto Area" is a longer name, not a person called Toronto.
            return after is None or not self.capitalised[after]
        if after is None or self.words[after] not in _SPEECH_VERBS:
            return False
        if i > 0 and self.words[i - 1].lower() in _WHERE_WORDS:
            return False  # "officials in Louisville said": the officials speak, in a place
        # "Ottawa said" is a government speaking; "Burton said" is a person.
        return not any(e.is_capital or e.population >= GREAT_CITY for e in self._places(name_key(self.surface(i, j))))

    def _is_kin(self, i: int) -> bool:
        """A name given to a relative: "his wife, Dora, 62", "the son of Riley and Eva"."""
        if i >= 2 and self.words[i - 1] == "of" and self.words[i - 2].lower() in _KIN:
            return True
        return i >= 1 and self.words[i - 1].lower() in _KIN and self.text[self.ends[i - 1] : self.starts[i]] == ", "

    def _is_one_of_a_couple(self, i: int, j: int) -> bool:
        """The first of two people who share a surname: "Lynn and Bob Fodge" (not "from
        Dallas and Bob Smith": a preposition announces a place, as does a city's size)."""
        k = j + 1  # the word after "and"
        return (
            k + 1 < len(self.words)
            and self.words[j] == "and"
            and not (i > 0 and self.words[i - 1].lower() in _LOCATIVES)
            and name_key(self.words[k]) in _GIVEN_NAMES
            and self._joined(k + 1)
            and self.capitalised[k + 1]
            and not self._is_notable(name_key(self.words[k + 1]))
            and all(e.population < LARGE_CITY for e in self._places(name_key(self.words[i])))
        )

    def _is_quoted_speaker(self, i: int) -> bool:
        """A name that ends a quotation's attribution: "said Georgia." or "said Burton,"."""
        if i == 0 or self.words[i - 1] not in _QUOTE_VERBS:
            return False
        return self.text[self.ends[i] : self.ends[i] + 1] in (".", ",")

    def _is_area(self, i: int, j: int) -> bool:
        return any(e.kind in _AREA_KINDS for e in self._places(name_key(self.surface(i, j))))

    def is_feature_word_alone(self, i: int, j: int) -> bool:
        """"Gulf" in "the Gulf" or "Gulf of Mexico" is a sea the reader knows, not Papua New
        Guinea's Gulf province, which news names "Gulf province"."""
        if j - i != 1 or self.words[i].lower() not in _LANDFORM_WORDS:
            return False
        after = self._word_after(j)
        return after is None or self.words[after].lower() not in _FEATURE_WORDS

    def is_inside_a_feature_name(self, i: int, j: int) -> bool:
        """"Mexico" in "Gulf of Mexico", "Ohio" in "Ohio River", "Victoria" in "Lake Victoria":
        a sea, a river, a lake or a mountain the gazetteer lacks is no mention of the place it
        is named after."""
        if (
            i >= 2
            and self.words[i - 1] == "of"
            and self.capitalised[i - 2]
            and self.words[i - 2].lower() in _LANDFORM_WORDS
            and self._joined(i)
            and self._joined(i - 1)
        ):
            return True
        before, after = self._word_before(i), self._word_after(j)
        return (before is not None and self.capitalised[before] and self.words[before].lower() in _FEATURE_BEFORE_WORDS) or (
            after is not None and self.capitalised[after] and self.words[after].lower() in _FEATURE_AFTER_WORDS
        )

    def continues_a_place(self, i: int, j: int, after_place: int) -> bool:
        """A town's name glued to the place taken before it ends before token ``after_place``:
        "Gap" in "Darien Gap" is part of a name the gazetteer lacks, not Gap in France. A
        country or region stays ("Nairobi Kenya"), and so does a name after a hyphen
        ("Middlesex-London")."""
        return after_place == i > 0 and self.text[self.ends[i - 1] : self.starts[i]] == " " and not self._is_area(i, j)

    def is_unannounced_small_town(self, i: int, after_place: int) -> bool:
        """"Liberal" in "the Liberal government" is a town in Kansas only to a gazetteer.

        A town listed right after a place (ending before token ``after_place``) shares its
        announcement: "rockets hit Kiryat Shmona and Metula", "Kunlong, Laukkai".
        """
        if i > 0 and self.words[i - 1].lower() in _LOCATIVES:
            return False
        if (
            0 < i < len(self.words) - 1
            and self.words[i - 1].lower() in ("a", "an")
            and self.words[i + 1].lower() in _RESIDENT_NOUNS
            and self._joined(i + 1)
        ):
            return False  # "a Byron man was killed": local news names people by their town
        if 0 < after_place <= i and self.text[self.ends[after_place - 1] : self.starts[i]] in _LIST_GAPS:
            return False
        if self.is_qualified(i, i + 1) or POSTAL_CODE_AFTER.match(self.text, self.ends[i]):
            return False  # "Smallville, Kansas", "Smallville, KS": the region follows
        key = name_key(self.words[i])
        entries = self._places(key)
        if key in _GIVEN_NAMES:
            return all(e.kind != KIND_COUNTRY for e in entries)  # "Michael" alone is a person
        return all(e.kind == KIND_CITY and e.population < SMALL_TOWN for e in entries)

    def _places(self, key: str) -> list[Entry]:
        """The entries a bare name may mean: districts only go by their full names."""
        places = self._places_by_key.get(key)
        if places is None:
            places = [e for e in self.gazetteer.entries_by_key(key) if e.kind != KIND_DISTRICT]
            self._places_by_key[key] = places
        return places

    def sharing_a_noun(self) -> list[Span]:
        """"Eastern" in "Eastern and Southern Europe": a word no name alone, but one with the noun
        of the name after it."""
        return [
            Span(self.starts[k], self.ends[k], self.words[k], lookup=whole)
            for k, word in enumerate(self.words[:-3])
            if self.capitalised[k] and self.words[k + 1] in ("and", "or") and word.lower() in _DIRECTIONS
            and (whole := name_in_text(self.text, self.starts[k], self.ends[k], self.gazetteer)) is not None
        ]

    def span(self, i: int, j: int) -> Span:
        """The span of tokens ``i:j`` with the feature word that follows it, if any.

        "Metcalfe County" is one name; in "Raqqa province" the name is "Raqqa" and the
        lower-case word says which Raqqa is meant.
        """
        start, end = self.starts[i], self.ends[j - 1]
        after = self._word_after(j)
        if after is None or self.words[after].lower() not in _FEATURE_WORDS:
            return Span(start, end, self.text[start:end], lookup=name_in_text(self.text, start, end, self.gazetteer) or "")
        if self.capitalised[after]:
            return Span(start, self.ends[after], self.text[start : self.ends[after]])
        return Span(start, end, self.text[start:end], lookup=self.text[start : self.ends[after]])


def _is_plural_demonym(key: str, entries: Sequence[Entry], gazetteer: Gazetteer) -> bool:
    return (
        key.endswith("s")
        and all(e.match == MATCH_DEMONYM for e in entries)
        and bool(gazetteer.entries_by_key(key[:-1]))
    )


# Words that make one place of another's name, and may share that name's noun with the next
# such word: "Eastern and Southern Europe", "North and South Korea".
_DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central upper lower".split()
)
_SHARED_NOUN = re.compile(r"\s+(?:and|or)\s+([A-Z][a-z]+)\s+([A-Z][\w’'-]*)")


def name_in_text(text: str, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    """What a name says with the words beside it, when that is more than its own words.

    "Eastern" in "Eastern and Southern Europe" is Eastern Europe, "North" in "North and
    South Korea" North Korea; "Singapore" in "Singapore, Singapore" is the town of that name
    in the area of that name (looked up as a town with a qualifier).
    """
    name = text[start:end]
    if name.lower() in _DIRECTIONS:
        shared = _SHARED_NOUN.match(text, end)
        if shared and shared.group(1).lower() in _DIRECTIONS:
            whole = f"{name} {shared.group(2)}"
            return whole if gazetteer.has_key(name_key(whole)) else None
    after = end + 2 + len(name)
    if text.startswith(f", {name}", end) and not (after < len(text) and (text[after].isalnum() or text[after] == "-")):
        return f"{name}, {name}"
    return None


# Web and e-mail addresses, written in lower case whatever they name: "london.ca",
# "crimestoppers-brant.ca", "tips@ottawapolice.ca".
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/\S*)?")

# What nearly every address holds, and news text rarely elsewhere ("a.m." has not): a dot
# before two lower-case letters, found fast (the pattern starts with a fixed character).
_ADDRESS_SIGN = re.compile(r"\.[a-z]{2}")


def _lower_case_words(text: str, words: list[str]) -> set[str]:
    """The words ``text`` writes in lower case, outside web and e-mail addresses."""
    if ("@" in text or _ADDRESS_SIGN.search(text) is not None) and _ADDRESS.search(text) is not None:
        words = _tokens(_ADDRESS.sub(" ", text))[2]
    return {w.lower() for w in set(words) if w[0].islower()}


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _is_short_capitals(surface: str) -> bool:
    return surface.isalpha() and surface.isupper() and len(surface) <= 3


def _tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """Where each word of ``text`` starts and ends, and the word, in three lists."""
    pieces = list(chain.from_iterable(_TOKEN.findall(text)))  # gap, word, gap, word...
    offsets = list(accumulate(map(len, pieces)))
    starts, ends, words = offsets[0::2], offsets[1::2], pieces[1::2]
    # Only a word with an apostrophe is a contraction or a possessive (never "U.S.").
    quoted = [k for k, word in enumerate(words) if "'" in word or "’" in word]
    for k in reversed(quoted):
        word = _POSSESSIVE.sub("", words[k])
        if not word or _CONTRACTION.search(words[k]):
            del starts[k], ends[k], words[k]
        else:
            words[k], ends[k] = word, starts[k] + len(word)
    return starts, ends, words
