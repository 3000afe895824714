"""Concentration of trade across products or partners: the Herfindahl-Hirschman index."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from bilateral.indicators._amounts import DIGITS, shares


def hhi(values: Mapping[str, float] | Sequence[float], *, normalised: bool = False) -> float | None:
    """Return the Herfindahl-Hirschman concentration index of trade values, between 0 and 1.

    H = sum_i s_i**2, where s_i is item i's share of the total: products of one partner's
    trade (product concentration) or partners of one flow (partner concentration). H is 1 when
    one item carries all the trade and 1/n when n items carry equal shares. Shares are
    fractions, so H is on the 0-1 scale; multiply by 10,000 for the antitrust scale on
    percentage shares. With `normalised=True` the result is (H - 1/n) / (1 - 1/n), between 0
    (equal shares) and 1 (one item), comparable across different n; n counts every item given,
    zeros included, so pass only the items with trade to count those alone. None when the total
    is zero or there are no items, and for the normalised form of a single item (0 / 0).

    References: Hirschman, A. O. (1945), National Power and the Structure of Foreign Trade;
    Herfindahl, O. C. (1950), Concentration in the Steel Industry (PhD thesis, Columbia
    University); WITS, "Trade Indicators" glossary (Herfindahl-Hirschman index, normalised).

    Four partners taking 30%, 30%, 20% and 20% of a region's exports:

    >>> hhi({"BEL": 30.0, "DEU": 30.0, "FRA": 20.0, "ESP": 20.0})
    0.26
    >>> hhi([30.0, 30.0, 20.0, 20.0], normalised=True)
    0.013333333333
    >>> hhi([5.0])
    1.0
    """
    items = values if isinstance(values, Mapping) else dict(enumerate(values))
    fractions = shares("values", {str(key): value for key, value in items.items()})
    if fractions is None:
        return None
    index = math.fsum(share * share for share in fractions.values())
    if not normalised:
        return round(index, DIGITS)
    count = len(fractions)
    if count == 1:
        return None
    return round((index - 1 / count) / (1 - 1 / count), DIGITS)
