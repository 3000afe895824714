"""Intra-industry trade: the Grubel-Lloyd index, for one product and aggregated over products."""

from __future__ import annotations

import math
from collections.abc import Mapping

from bilateral.indicators._amounts import DIGITS, amount, amounts


def grubel_lloyd(exports: float | None, imports: float | None) -> float | None:
    """Return the Grubel-Lloyd index of intra-industry trade in one product, between 0 and 1.

    GL = 1 - |X - M| / (X + M): 1 when exports equal imports (all trade is two-way), 0 when
    trade runs one way only. Symmetric in X and M. None when a value is missing or there is no
    trade (X + M = 0).

    Reference: Grubel, H. G. and Lloyd, P. J. (1975), Intra-Industry Trade: The Theory and
    Measurement of International Trade in Differentiated Products, London: Macmillan;
    WITS, "Trade Indicators" glossary.

    >>> grubel_lloyd(18.0, 22.0)
    0.9
    >>> grubel_lloyd(5.0, 0.0)
    0.0
    """
    if exports is None or imports is None:
        return None
    x = amount("exports", exports)
    m = amount("imports", imports)
    if x + m == 0:
        return None
    return round(1 - abs(x - m) / (x + m), DIGITS)


def grubel_lloyd_aggregate(
    exports: Mapping[str, float],
    imports: Mapping[str, float],
    *,
    imbalance_adjusted: bool = False,
) -> float | None:
    """Return the Grubel-Lloyd index over many products: their average weighted by trade.

    GL = sum_k (X_k + M_k - |X_k - M_k|) / sum_k (X_k + M_k), which is each product's index
    weighted by its share of total trade X_k + M_k. `exports` and `imports` map product codes
    to values; a code missing from one side counts as zero. With `imbalance_adjusted=True` the
    denominator becomes sum_k (X_k + M_k) - |sum_k X_k - sum_k M_k|, Grubel and Lloyd's
    correction for an overall trade imbalance (the index is then 1 when every product's
    imbalance has the sign of the total one). The level of product detail drives the result:
    coarser codes show more intra-industry trade. None when there is no trade, and for the
    adjusted form when all trade runs one way.

    Reference: Grubel, H. G. and Lloyd, P. J. (1975), Intra-Industry Trade, chapter 2; UNCTAD/WTO
    (2012), A Practical Guide to Trade Policy Analysis, chapter 1, B.2.

    >>> exports = {"28": 10.0, "84": 30.0}
    >>> imports = {"28": 30.0, "84": 20.0}
    >>> grubel_lloyd_aggregate(exports, imports)
    0.666666666667
    >>> grubel_lloyd_aggregate(exports, imports, imbalance_adjusted=True)
    0.75
    """
    x = amounts("exports", exports)
    m = amounts("imports", imports)
    codes = x.keys() | m.keys()
    total = math.fsum(x.get(code, 0.0) + m.get(code, 0.0) for code in codes)
    two_way = math.fsum(
        x.get(code, 0.0) + m.get(code, 0.0) - abs(x.get(code, 0.0) - m.get(code, 0.0))
        for code in codes
    )
    if imbalance_adjusted:
        total -= abs(math.fsum(x.values()) - math.fsum(m.values()))
    if total <= 0:
        return None
    return round(min(two_way / total, 1.0), DIGITS)
