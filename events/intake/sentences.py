"""Splitting an article into sentences that keep their exact offsets into its text.

pysbd (rule-based, English abbreviation rules: "U.N.", "Gen.", "Nov. 1") finds the
boundaries; a line break always ends a sentence, since headlines, captions and
datelines stand on lines of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pysbd


@dataclass(frozen=True, slots=True)
class Sentence:
    """``text[start:end]`` of the article, stripped; ``paragraph`` counts the lines of text before it."""

    start: int
    end: int
    text: str
    paragraph: int

    @property
    def is_headline(self) -> bool:
        """The article's first line: its headline."""
        return self.paragraph == 0


def sentences_of(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``, in order, none empty."""
    found: list[Sentence] = []
    paragraph = -1
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            paragraph += 1
            found += _line_sentences(line, offset, paragraph)
        offset += len(line) + 1
    return tuple(found)


def _line_sentences(line: str, offset: int, paragraph: int) -> list[Sentence]:
    sentences = []
    cursor = 0
    for piece in _segmenter().segment(line):
        # pysbd's spans are right for these texts, but find() keeps offsets exact whatever it does.
        start = line.find(piece.sent, cursor) if line[piece.start : piece.end] != piece.sent else piece.start
        if start < 0:
            continue
        stripped = piece.sent.strip()
        if stripped:
            lead = start + piece.sent.index(stripped)
            sentences.append(Sentence(offset + lead, offset + lead + len(stripped), stripped, paragraph))
        cursor = start + len(piece.sent)
    return sentences


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)
