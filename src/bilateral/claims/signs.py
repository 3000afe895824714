"""Which way a figure goes: a rise or a fall, a deficit or a surplus, a change in parentheses.

All offsets are into the normalised sentence text.
"""

from __future__ import annotations

import re
from typing import Final

from bilateral.claims.figures import Figure
from bilateral.claims.lexicon import (
    BASE_YEAR_BEFORE,
    GROWTH_DOWN,
    GROWTH_UP,
    NEGATIVE_BALANCE,
    POSITIVE_BALANCE,
    YEAR_ON_YEAR,
)

_UP: Final = re.compile(rf"\b(?:{GROWTH_UP})\b", re.IGNORECASE)
_DOWN: Final = re.compile(rf"\b(?:{GROWTH_DOWN})\b", re.IGNORECASE)
_NEGATIVE: Final = re.compile(rf"\b(?:{NEGATIVE_BALANCE})\b", re.IGNORECASE)
_POSITIVE: Final = re.compile(rf"\b(?:{POSITIVE_BALANCE})\b", re.IGNORECASE)
_YOY: Final = re.compile(rf"\b(?:{YEAR_ON_YEAR})\b", re.IGNORECASE)
_AFTER_GROWTH: Final = re.compile(
    r"^\s*(?:increase|rise|growth|higher|more|up|gain|jump|decrease|decline|drop|fall|lower|"
    r"less|down|in\s+più|in\s+meno|in\s+aumento|in\s+calo)\b",
    re.IGNORECASE,
)
_GROWTH_REACH: Final = 60
_OPENS: Final = re.compile(
    r"^\s*(?:(?:increase|rise|growth|gain|jump|decrease|decline|drop|fall|reduction|"
    r"contraction|in\s+più|in\s+meno|in\s+aumento|in\s+calo)\s*)?\(\s*$",
    re.IGNORECASE,
)
_CLOSES: Final = re.compile(r"\s*\)")


def in_parentheses_after(flat: str, figure: Figure, growth_end: int | None) -> bool:
    """Say whether an amount stands in parentheses right after a growth figure."""
    if growth_end is None:
        return False
    return bool(_OPENS.match(flat[growth_end : figure.start])) and bool(
        _CLOSES.match(flat, figure.end)
    )


def negative(flat: str, segment_start: int, figure: Figure) -> bool:
    window = flat[segment_start : figure.start]
    negative = [m.start() for m in _NEGATIVE.finditer(window)]
    positive = [m.start() for m in _POSITIVE.finditer(window)]
    return bool(negative) and (not positive or max(negative) > max(positive))


def is_growth(flat: str, figure: Figure, previous_end: int) -> bool:
    if figure.kind == "multiple" or figure.signed:
        return True
    window = flat[max(previous_end, figure.start - _GROWTH_REACH) : figure.start]
    after = flat[figure.end : figure.end + 30]
    return bool(
        _UP.search(window)
        or _DOWN.search(window)
        or _AFTER_GROWTH.match(after)
        or _YOY.search(after)
        or re.match(rf"^\s*(?:{BASE_YEAR_BEFORE})\s+(?:19|20)\d\d", after, re.IGNORECASE)
    )


def falls(flat: str, figure: Figure) -> bool:
    window = flat[max(0, figure.start - _GROWTH_REACH) : figure.start]
    ups = [m.end() for m in _UP.finditer(window)]
    downs = [m.end() for m in _DOWN.finditer(window)]
    after = flat[figure.end : figure.end + 20].lower()
    if not ups and not downs:
        return bool(
            re.match(r"^\s*(?:decrease|decline|drop|fall|lower|less|down|in\s+calo)", after)
        )
    return bool(downs) and (not ups or max(downs) > max(ups))
