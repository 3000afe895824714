"""Checks shared by the indicators: trade amounts are finite, non-negative numbers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

from bilateral.errors import InvalidArgumentError

# A part may exceed its whole by this relative margin before it is an error: totals that were
# summed in another order differ in the last bits.
TOLERANCE = 1e-9

# Results are rounded to this many decimal places so that binary-float noise
# (0.30000000000000004) does not reach reports.
DIGITS = 12


def amount(name: str, value: float) -> float:
    """Return `value` as a float, or raise InvalidArgumentError unless it is finite and >= 0."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidArgumentError(name, value, "a finite number >= 0")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise InvalidArgumentError(name, value, "a finite number >= 0")
    return number


def part_of(part_name: str, part: float, whole_name: str, whole: float) -> None:
    """Raise InvalidArgumentError when `part` exceeds the `whole` it belongs to."""
    if part > whole * (1 + TOLERANCE):
        raise InvalidArgumentError(part_name, part, f"at most {whole_name} ({whole!r})")


def amounts(name: str, values: Mapping[str, float]) -> dict[str, float]:
    """Return a checked copy of `values`, naming the offending key in any error."""
    return {key: amount(f"{name}[{key!r}]", value) for key, value in values.items()}


def shares(name: str, values: Mapping[str, float]) -> dict[str, float] | None:
    """Return each value's share of the total, or None when the total is zero."""
    checked = amounts(name, values)
    total = math.fsum(checked.values())
    if total == 0:
        return None
    return {key: value / total for key, value in checked.items()}
