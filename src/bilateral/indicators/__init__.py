"""Pure functions on figures: growth, balance, shares."""

from bilateral.indicators.growth import balance, growth, share

__all__ = ["balance", "growth", "share"]
