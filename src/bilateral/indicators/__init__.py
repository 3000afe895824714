"""Pure functions on figures: growth, balance, shares, specialisation, concentration, IIT."""

from bilateral.indicators.concentration import hhi
from bilateral.indicators.growth import balance, cagr, growth, share
from bilateral.indicators.intra_industry import grubel_lloyd, grubel_lloyd_aggregate
from bilateral.indicators.specialisation import (
    complementarity,
    export_similarity,
    market_share,
    rca,
    rca_by_product,
    trade_intensity,
)

__all__ = [
    "balance",
    "cagr",
    "complementarity",
    "export_similarity",
    "growth",
    "grubel_lloyd",
    "grubel_lloyd_aggregate",
    "hhi",
    "market_share",
    "rca",
    "rca_by_product",
    "share",
    "trade_intensity",
]
