"""Normalise web copy for matching, keeping each character's offset in the original text.

Real copy has curly quotes, non-breaking spaces, compatibility characters and words run
together where links were stripped (`theBelgian`, `agencyoverall`). `normalise` fixes these
and returns, for every character of the normalised text, the offset of the original
character it comes from, so that spans found on the normalised text highlight the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from bilateral.claims.lexicon import GLUE_KEYWORDS, WHOLE_WORDS

_REPLACE: Final[dict[str, str]] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ",
    "\u2026": "...",
}  # fmt: skip
_DROP: Final = frozenset({"\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"})
_WORD: Final = re.compile(r"[^\W\d_]+")
_SHORT_WORDS: Final = frozenset({"to", "of", "in", "by", "da", "di", "al", "e"})
_QUOTE_MARK: Final = re.compile(r"^[ \t]*(>+)", re.MULTILINE)
_GLUED_DIGITS: Final = re.compile(r"(?<=\d)(?=[A-Za-z]{2,})|(?<=[a-z]{2})(?=(?:19|20)\d\d\b)")
_ABBREVIATIONS: Final = re.compile(
    r"(?:\b(?:e\.g|i\.e|approx|ca|mr|mrs|dr|st|no|vs|etc|u\.s|art|fig|sig|"
    r"dott|prof|ecc)|\b[A-Z])\.$",
    re.IGNORECASE,
)
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9À-Ý€$£])|\n\s*\n")


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, per character, the offset of the original character behind it."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original offsets of the normalised span [start, end)."""
        if start >= end:
            point = self.origin[start] if start < len(self.origin) else self.original_length
            return point, point
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(frozen=True)
class Sentence:
    """One sentence: its normalised text and offsets, and its span in the original text."""

    text: str
    start: int
    end: int
    normalised: Normalised


def normalise(text: str) -> Normalised:
    """Return `text` normalised (NFKC, plain quotes and spaces, glued words split) with offsets.

    Quote marks (`>`) at the start of lines become spaces; every character keeps its place.

    >>> normalise("theBelgian\u00a0agencyoverall trade").text
    'the Belgian agency overall trade'
    """
    chars: list[str] = []
    origin: list[int] = []
    quoted = {i for m in _QUOTE_MARK.finditer(text) for i in range(m.start(1), m.end(1))}
    for index, char in enumerate(text):
        if char in _DROP:
            continue
        if index in quoted:  # a quoted line's ">" (e-mail, Markdown) is not text
            chars.append(" ")
            origin.append(index)
            continue
        for piece in _REPLACE.get(char) or unicodedata.normalize("NFKC", char):
            chars.append(piece)
            origin.append(index)
    flat = "".join(chars)
    cuts = sorted(set(_word_cuts(flat)) | {m.start() for m in _GLUED_DIGITS.finditer(flat)})
    for cut in reversed(cuts):
        chars.insert(cut, " ")
        origin.insert(cut, origin[cut])
    return Normalised("".join(chars), tuple(origin), len(text))


def _word_cuts(text: str) -> Iterator[int]:
    """Yield where to put a space inside words that web copy ran together."""
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        lower_run = 0
        for offset, char in enumerate(word):
            if char.isupper() and lower_run >= 2:
                yield start + offset  # "theBelgian", but not "iPhone" or "McDonald"
            lower_run = lower_run + 1 if char.islower() else 0
        yield from (start + cut for cut in _keyword_cuts(word.lower()))


def _keyword_cuts(word: str) -> list[int]:
    """Return the cuts of a lower-case word that glues a known keyword to another word."""
    if len(word) < 8 or word in GLUE_KEYWORDS or word in WHOLE_WORDS:
        return []
    for keyword in GLUE_KEYWORDS:
        if word.endswith(keyword) and len(word) - len(keyword) >= 3:
            return [len(word) - len(keyword)]
        rest = word[len(keyword) :]
        if word.startswith(keyword) and (len(rest) >= 3 or rest in _SHORT_WORDS):
            return [len(keyword)]
    return []


def sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences, each with its span in the original text.

    A sentence ends at `.`, `!` or `?` followed by a space and a capital, digit or currency
    sign (not after abbreviations such as `approx.` or `e.g.`), and at a blank line.

    >>> [s.text for s in sentences("Exports rose. Imports fell by approx. 3 bn.\\n\\nEnd")]
    ['Exports rose.', 'Imports fell by approx. 3 bn.', 'End']
    """
    normalised = normalise(text)
    flat = normalised.text
    found: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(flat):
        paragraph = match.group().count("\n") >= 2
        if not paragraph and _ABBREVIATIONS.search(flat[start : match.start()]):
            continue
        found.extend(_sentence(text, normalised, start, match.start()))
        start = match.end()
    found.extend(_sentence(text, normalised, start, len(flat)))
    return found


def _sentence(text: str, normalised: Normalised, start: int, end: int) -> list[Sentence]:
    piece = normalised.text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece:
        return []
    begin = start + lead
    first, last = normalised.span(begin, begin + len(piece))
    origin = tuple(normalised.origin[begin : begin + len(piece)])
    return [Sentence(text[first:last], first, last, Normalised(piece, origin, len(text)))]
