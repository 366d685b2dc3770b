"""Finding place names in running text, driven by the gazetteer.

Capitalised runs of words are matched against the index, longest first. Guards keep
out what only looks like a place: function words and calendar words, words the text
also writes in lower case ("Mobile", "Reading"), and parts of longer proper names
("Jordan" in "Michael Jordan", "Washington" in "Washington Post").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.gazetteer import Gazetteer, name_key

MAX_WORDS = 5

# Abbreviations with periods ("U.S.", "U.K."), then words; apostrophes stay inside words.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_][\w’']*")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "upon", "on", "the", "da", "do", "dos", "das"})
# Capitalised words that begin sentences or titles far more often than they name a place.
_STOP_KEYS = frozenset(
    """
    a an and as at but by for from he her his i if in is it its me my no not of on or our
    she so that the their them then there these they this those to up us we what when where
    which who why will with you your all any also after before during more most new old
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today tomorrow yesterday
    mr mrs ms dr sir president minister prime secretary general governor mayor king queen
    prince senator sen rep gen col capt lt police army government university college
    north south east west northern southern eastern western central
    read more story advertisement photo video update breaking news said says
    god allah christian muslim islamic jewish catholic
    """.split()
)
_TITLES = frozenset(
    "mr mrs ms dr sir president minister secretary governor mayor king queen prince senator "
    "sen rep gen general col capt lt judge justice pope sheikh".split()
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text that names a place: ``text[start:end] == name``."""

    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


def toponym_spans(text: str, gazetteer: Gazetteer) -> list[Span]:
    """The place names in ``text``, in order, found by matching the gazetteer."""
    tokens = _tokens(text)
    lower_words = {t.text.lower() for t in tokens if t.text[0].islower()}
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        span_end = _longest_match(text, tokens, i, gazetteer, lower_words)
        if span_end is None:
            i += 1
            continue
        j = span_end
        start, end = tokens[i].start, tokens[j - 1].end
        if not _is_part_of_longer_name(tokens, i, j, text, gazetteer):
            spans.append(Span(start, end, text[start:end]))
        i = j
    return spans


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", match.group()) if not match.group().endswith(".") else match.group()
        if word:
            tokens.append(_Token(match.start(), match.start() + len(word), word))
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Two tokens belong to one name only if a space or a hyphen separates them."""
    gap = text[left.end : right.start]
    return gap in (" ", "-")


def _longest_match(
    text: str, tokens: list[_Token], i: int, gazetteer: Gazetteer, lower_words: set[str]
) -> int | None:
    if not tokens[i].is_capitalised:
        return None
    ends = []
    for j in range(i, min(len(tokens), i + MAX_WORDS)):
        if j > i and not _joined(text, tokens[j - 1], tokens[j]):
            break
        if not tokens[j].is_capitalised and tokens[j].text not in _CONNECTORS:
            break
        if tokens[j].is_capitalised:
            ends.append(j + 1)
    for end in reversed(ends):
        name = text[tokens[i].start : tokens[end - 1].end]
        key = name_key(name)
        if _acceptable(key, end - i, tokens[i], lower_words) and gazetteer.has_key(key):
            return end
    return None


def _acceptable(key: str, words: int, first: _Token, lower_words: set[str]) -> bool:
    if key in _STOP_KEYS or len(key) < 2:
        return False
    # A single word the text also uses in lower case is an ordinary word here.
    return words > 1 or first.text.lower() not in lower_words


def _is_part_of_longer_name(
    tokens: list[_Token], i: int, j: int, text: str, gazetteer: Gazetteer
) -> bool:
    """Whether the match is glued to capitalised words that are no place ("Michael Jordan")."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[j] if j < len(tokens) else None
    if before and before.is_capitalised and _joined(text, before, tokens[i]):
        key = name_key(before.text)
        if key in _TITLES or (key not in _STOP_KEYS and not gazetteer.has_key(key)):
            return True
    if after and after.is_capitalised and _joined(text, tokens[j - 1], after):
        key = name_key(after.text)
        if key not in _STOP_KEYS and not gazetteer.has_key(key):
            return not _is_country_word(tokens, i, j, text, gazetteer)
    return False


def _is_country_word(tokens: list[_Token], i: int, j: int, text: str, gazetteer: Gazetteer) -> bool:
    """"Syrian Army", "U.S. Navy": a country or its adjective stays a place before a noun."""
    key = name_key(text[tokens[i].start : tokens[j - 1].end])
    return any(e.kind == "country" for e in gazetteer.entries_by_key(key))
