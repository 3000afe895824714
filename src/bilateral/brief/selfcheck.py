"""The self-check: every number in a brief's text is a figure, shown at its rounding.

Two passes over the rendered text (HTML reduced to its visible text, charts left out):

1. each string that `fig` recorded is found in the text and parsed back on its own, with
   babel's parser in the brief's locale and the scale words of CLDR's compact long formats
   ("billion", "miliardi") rather than the catalogue's: it must equal the figure it claims
   to show at the rounding shown (half a unit of the last digit);
2. once those strings, the recorded literals (sector codes, dates, API notes) and the
   catalogue's literals are taken out, any digit left is a stray number, except years,
   ISO dates, footnote marks ("[2]") and codes with letters ("ITH5", "EU27_2020").

Any problem raises `BriefCheckError`: the brief is not written.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from babel import Locale
from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal

from bilateral.brief.catalog import Catalog
from bilateral.brief.text import Record, Recorder
from bilateral.errors import BriefCheckError

_NUMBER = re.compile(r"[+\-\u2212]?\d(?:[\d.,\u00a0\u202f]*\d)?")
_ALLOWED = (
    re.compile(r"\[\d+\]"),  # footnote marks
    re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b"),  # ISO dates and months
    re.compile(r"\b(?:19|20)\d\d(?:\s?[-\u2013]\s?(?:19|20)\d\d)?\b"),  # years, year ranges
    re.compile(r"\b[A-Za-z]\w*\d\w*\b"),  # codes: ITH5, EU27_2020, CPA21
)


@functools.cache
def scale_words(locale: str) -> tuple[tuple[str, Decimal], ...]:
    """Return CLDR's long compact scale words of `locale` and their magnitude, longest first.

    >>> dict(scale_words("it"))["miliardi"], dict(scale_words("en"))["million"]
    (Decimal('1000000000'), Decimal('1000000'))
    """
    formats = Locale.parse(locale).compact_decimal_formats["long"]
    words: dict[str, Decimal] = {}
    for plural in formats.values():
        for key, pattern in plural.items():
            text = str(pattern.pattern) if hasattr(pattern, "pattern") else str(pattern)
            zeros = text.count("0")
            word = " ".join(text.replace("0", " ").split())
            if zeros and word:
                words[word] = Decimal(key) / Decimal(10) ** (zeros - 1)
    return tuple(sorted(words.items(), key=lambda item: -len(item[0])))


def _magnitude(shown: str, locale: str) -> Decimal:
    if "%" in shown:
        return Decimal("0.01")
    for word, magnitude in scale_words(locale):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", shown):
            return magnitude
    return Decimal(1)


def check_record(record: Record, value: float, locale: str) -> str | None:
    """Return what is wrong with one recorded figure string, or None when it shows `value`."""
    shown = record.shown.text
    tokens = _NUMBER.findall(shown)
    if len(tokens) != 1:
        return f"{record.figure_id}: {shown!r} holds {len(tokens)} numbers, not one"
    token = tokens[0]
    sign = -1 if token[0] in "-\u2212" else 1
    try:
        number = parse_decimal(token.lstrip("+-\u2212"), locale=locale, strict=True) * sign
    except (NumberFormatError, InvalidOperation):
        return f"{record.figure_id}: {token!r} in {shown!r} is not a number in locale {locale}"
    mark = get_decimal_symbol(locale)
    decimals = len(token.rpartition(mark)[2]) if mark in token else 0
    magnitude = _magnitude(shown, locale)
    expected = Decimal(repr(abs(value) if record.absolute else value)) / magnitude
    tolerance = Decimal(5) / Decimal(10) ** (decimals + 1) + Decimal("1e-9")
    if abs(number - expected) > tolerance:
        return (
            f"{record.figure_id}: the text shows {shown!r} ({number * magnitude:,.0f}), "
            f"the figure is {value:,.6g}"
        )
    return None


class _VisibleText(HTMLParser):
    """Collect an HTML page's visible text, without style, script and SVG content."""

    _HIDDEN = frozenset({"style", "script", "svg", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Return the text a reader sees in `html` (charts, styles and scripts left out)."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def check_text(text: str, recorder: Recorder, catalog: Catalog) -> None:
    """Raise `BriefCheckError` unless every number in `text` is a figure shown right."""
    problems: list[str] = []
    for record in recorder.records:
        figure = recorder.brief.figures[record.figure_id]
        problem = check_record(record, figure.value, catalog.locale)
        if problem is not None:
            problems.append(problem)
        if record.shown.text not in text:
            problems.append(f"{record.figure_id}: {record.shown.text!r} is not in the text")
    known = {r.shown.text for r in recorder.records} | set(recorder.literals)
    known |= set(catalog.literals)
    remaining = text
    for piece in sorted(known, key=len, reverse=True):
        # whole pieces only: the code "20" must not eat the "20" of "2017" or of "20.6"
        whole = rf"(?<![\w.,]){re.escape(piece)}(?![\w]|[.,]\d)"
        remaining = re.sub(whole, " ", remaining)
    for pattern in _ALLOWED:
        remaining = pattern.sub(" ", remaining)
    for match in _NUMBER.finditer(remaining):
        start, end = match.start(), match.end()
        context = " ".join(remaining[max(0, start - 40) : end + 40].split())
        problems.append(f"stray number {match.group()!r} not printed as a figure: ...{context}...")
    if problems:
        raise BriefCheckError(problems)
