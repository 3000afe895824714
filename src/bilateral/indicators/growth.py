"""Growth, balance, shares and compound annual growth of trade figures."""

from __future__ import annotations

import math

from bilateral.errors import InvalidArgumentError
from bilateral.indicators._amounts import DIGITS, amount


def growth(current: float | None, previous: float | None) -> float | None:
    """Return the relative change from `previous` to `current`, or None if undefined.

    growth = current / previous - 1; undefined when either is missing or previous is 0.

    >>> growth(18.0, 15.0)
    0.2
    >>> growth(5.0, 0.0) is None
    True
    """
    if current is None or previous is None or previous == 0:
        return None
    return round(current / previous - 1, 12)


def balance(exports: float | None, imports: float | None) -> float | None:
    """Return exports minus imports, or None if either is missing.

    >>> balance(18.0, 22.0)
    -4.0
    """
    if exports is None or imports is None:
        return None
    return exports - imports


def share(part: float | None, whole: float | None) -> float | None:
    """Return part / whole, or None when the whole is missing or zero.

    >>> share(1.0, 4.0)
    0.25
    """
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def cagr(first: float | None, last: float | None, years: int) -> float | None:
    """Return the compound annual growth rate from `first` to `last` over `years` years.

    CAGR = (last / first) ** (1 / years) - 1: the constant yearly rate that turns `first` into
    `last`. `years` counts intervals, not observations: 2019 to 2021 is 2 years. None when
    either value is missing or `first` is 0. Negative values raise InvalidArgumentError (a
    fractional power of a negative ratio has no real value), as does `years` below 1.

    Reference: the compound-interest identity last = first * (1 + CAGR) ** years, i.e. the
    geometric mean of the yearly growth factors; no single publication is canonical.

    >>> cagr(100.0, 121.0, 2)
    0.1
    >>> cagr(15.0e9, 18.0e9, 1)
    0.2
    >>> cagr(0.0, 10.0, 3) is None
    True
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise InvalidArgumentError("years", years, "a whole number of years >= 1")
    if first is None or last is None:
        return None
    start = amount("first", first)
    end = amount("last", last)
    if start == 0:
        return None
    return round(math.pow(end / start, 1 / years) - 1, DIGITS)
