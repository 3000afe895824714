"""Growth, balance and shares of trade figures."""

from __future__ import annotations


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
