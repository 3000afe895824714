"""Figures in a sentence: amounts with scale and currency, percentages, multiples, years.

All offsets are into the normalised sentence text. Numbers are read the way the sentence's
language writes them (`18,5` in Italian, `18.5` or `1,234` in English); a separator followed
by exactly three digits groups thousands in the language that writes it so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from bilateral.claims.lexicon import (
    CURRENCIES,
    FILLERS,
    HEDGE_PATTERNS,
    LANGUAGE_MARKERS,
    MULTIPLES,
    SCALES,
    Hedge,
    Language,
)

FigureKind = Literal["amount", "percent", "multiple"]

_NUMBER: Final = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_LONG_SCALES: Final = "|".join(
    sorted((re.escape(s) for s in SCALES if len(s) > 1), key=len, reverse=True)
)
_CURRENCY_WORDS: Final = "|".join(
    sorted((re.escape(c).replace(r"\ ", r"\s+") for c in CURRENCIES), key=len, reverse=True)
)
_AMOUNT: Final = re.compile(
    rf"(?<![\w.,-])(?P<sign>-(?=[\d$€£A-Z]))?(?:(?P<pre>US\$|\$|€|£|EUR|USD|GBP|CHF|CNY|JPY)\s?)?"
    rf"(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<scale>{_LONG_SCALES})\b|(?P<short>[bmk])\b)?"
    rf"(?:\s*(?:(?:di|of|in)\s+)?(?P<post>{_CURRENCY_WORDS})(?!\w))?",
    re.IGNORECASE,
)
_NOT_MONEY_AFTER: Final = re.compile(
    r"\s*(?:of\s+|di\s+)?(?:tonnes|tons|tonnellate|barrels|barili|people|persone|cars|auto|"
    r"units|unità|jobs|posti|kg|litres|litri|vehicles|veicoli|inhabitants|abitanti|"
    r"workers|lavoratori|companies|imprese|aziende|visitors|tourists|turisti)\b",
    re.IGNORECASE,
)
_PERCENT: Final = re.compile(
    rf"(?<![\w.,])(?P<sign>[+-]\s?)?(?P<num>{_NUMBER})\s?"
    r"(?:%|per\s?cent\b|percent\b|per\s+cento\b|punti\s+percentuali\b)",
    re.IGNORECASE,
)
_MULTIPLE: Final = re.compile(
    "|".join(rf"(?P<m{i}>\b(?:{pattern})\b)" for i, (_, pattern) in enumerate(MULTIPLES)),
    re.IGNORECASE,
)
_YEAR: Final = re.compile(r"(?<![\w.,/-])(?:19[5-9]\d|20\d\d)(?![\w%]|[.,]\d)")
_FILLER_TAIL: Final = re.compile(rf"(?:(?<=\W)|^)(?:{FILLERS})\s*$|(?<=\w)'\s*$", re.IGNORECASE)
_HEDGES: Final = tuple(
    (hedge, re.compile(rf"(?<!\w)(?:{pattern})\s*$", re.IGNORECASE))
    for hedge, pattern in HEDGE_PATTERNS
)
_MARKERS: Final = {
    language: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    for language, pattern in LANGUAGE_MARKERS.items()
}


@dataclass(frozen=True)
class Figure:
    """A figure as written: an amount (`value` in units), a percentage or a multiple.

    `value` is the amount in units, the percentage as a ratio (22% -> 0.22) or the change a
    multiple means (doubled -> 1.0); `precision` is half the unit of its last written digit in
    the same terms (18 billion -> 0.5e9; 22% -> 0.005), the rounding an exact figure allows.
    `signed` says whether a sign was written (`+22%`, `-€7.4 billion`).
    """

    kind: FigureKind
    start: int
    end: int
    text: str
    value: float
    precision: float
    currency: str | None = None
    scaled: bool = False
    signed: bool = False


def language_of(text: str) -> Language:
    """Return the language whose marker words `text` holds more of (English on a tie).

    >>> language_of("le esportazioni italiane verso il Belgio")
    'it'
    """
    counts = {language: len(pattern.findall(text)) for language, pattern in _MARKERS.items()}
    return "it" if counts["it"] > counts["en"] else "en"


def parse_number(raw: str, language: Language) -> tuple[float, int]:
    """Return a written number's value and its count of decimals.

    >>> parse_number("18,5", "it"), parse_number("1,234", "en"), parse_number("40.000", "it")
    ((18.5, 1), (1234.0, 0), (40000.0, 0))
    """
    text = raw.replace(" ", "")
    if "." in text and "," in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
    elif "." in text or "," in text:
        separator = "." if "." in text else ","
        parts = text.split(separator)
        grouping = (separator == ",") == (language == "en")
        thousands = len(parts) > 2 or (len(parts[1]) == 3 and grouping)
        decimal = "" if thousands else separator
    else:
        decimal = ""
    if not decimal:
        return float(text.replace(".", "").replace(",", "")), 0
    whole, _, fraction = text.rpartition(decimal)
    whole = whole.replace(".", "").replace(",", "")
    return float(f"{whole}.{fraction}"), len(fraction)


def find_figures(text: str, language: Language) -> list[Figure]:
    """Return the amounts, percentages and multiples of `text`, in order.

    An amount needs a scale or a currency (`40 billion`, `EUR 18bn`, `$3.2 trillion`, `18
    miliardi di euro`); counts of goods or people (`2 million tonnes`) are not amounts.

    >>> [(f.kind, f.value, f.currency) for f in find_figures("EUR 18bn, +22%", "en")]
    [('amount', 18000000000.0, 'EUR'), ('percent', 0.22, None)]
    """
    found: list[Figure] = []
    for match in _PERCENT.finditer(text):
        number, decimals = parse_number(match["num"], language)
        sign = -1.0 if (match["sign"] or "").strip() == "-" else 1.0
        found.append(
            Figure(
                "percent",
                match.start(),
                match.end(),
                match.group(),
                sign * number / 100,
                0.5 * 10.0**-decimals / 100,
                signed=bool(match["sign"]),
            )
        )
    taken = [(f.start, f.end) for f in found]
    for match in _AMOUNT.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        figure = _amount(match, text, language)
        if figure is not None:
            found.append(figure)
    for match in _MULTIPLE.finditer(text):
        index = next(i for i in range(len(MULTIPLES)) if match[f"m{i}"])
        found.append(
            Figure(
                "multiple",
                match.start(),
                match.end(),
                match.group(),
                MULTIPLES[index][0],
                0.05 * (1 + MULTIPLES[index][0]),
            )
        )
    return sorted(found, key=lambda figure: figure.start)


def _amount(match: re.Match[str], text: str, language: Language) -> Figure | None:
    scale_word = (match["scale"] or match["short"] or "").lower().rstrip(".")
    currency_word = (match["pre"] or match["post"] or "").lower()
    currency = CURRENCIES.get(" ".join(currency_word.split())) if currency_word else None
    if not scale_word and currency is None:
        return None
    if _NOT_MONEY_AFTER.match(text, match.end()):
        return None
    number, decimals = parse_number(match["num"], language)
    number = -number if match["sign"] else number
    scale = SCALES[scale_word] if scale_word else 1.0
    if not scale_word and number < 1000 and match["post"] is None and match["pre"] is None:
        return None
    return Figure(
        "amount",
        match.start(),
        match.end(),
        match.group().strip(),
        number * scale,
        0.5 * 10.0**-decimals * scale,
        currency,
        scaled=bool(scale_word),
        signed=bool(match["sign"]),
    )


def hedge_before(text: str, start: int) -> tuple[Hedge, int]:
    """Return the hedge written just before offset `start` and where it begins.

    Articles and prepositions may stand between (`sfiorando i 40`, `di circa il 16%`).

    >>> hedge_before("sfiorando i 40", 12)
    ('nearly', 0)
    """
    offset = max(0, start - 80)
    tail = text[offset:start].rstrip()
    for _ in range(4):
        for hedge, pattern in _HEDGES:
            match = pattern.search(tail)
            if match is not None:
                return hedge, offset + match.start()
        stripped = _FILLER_TAIL.sub("", tail).rstrip()
        if stripped == tail:
            break
        tail = stripped
    return "exact", start


def years(text: str) -> list[tuple[int, int, int]]:
    """Return the years written in `text` as (year, start, end)."""
    return [(int(m.group()), m.start(), m.end()) for m in _YEAR.finditer(text)]
