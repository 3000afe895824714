"""Hypothesis strategies shared by the indicator tests."""

from __future__ import annotations

from hypothesis import strategies as st

amounts = st.floats(
    min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False, allow_subnormal=False
)
positive = st.floats(
    min_value=1e-3, max_value=1e12, allow_nan=False, allow_infinity=False, allow_subnormal=False
)
codes = st.sampled_from(["10", "22", "27", "28", "29", "30", "84", "85", "87", "90"])
by_product = st.dictionaries(codes, amounts, max_size=10)
with_trade = st.dictionaries(codes, positive, min_size=1, max_size=10)
