"""How close the data must be for a claim to hold, following the claim's hedge.

- `around` X: within 5% of X (or the figure's rounding, if wider);
- `nearly` X: just below X: from X less that margin, up to X;
- `over` X ("exceeded", "more than", "oltre"): above X; `under` X: below X;
- `exact` X: within the rounding of its stated precision (18 billion: 17.5 to 18.5 billion;
  +22%: 21.5% to 22.5%).

A negative figure (a deficit) is compared by magnitude and must have the same sign.

Beyond what the words allow, `slack` widens every rule by an amount the data itself is
uncertain by: the spread between monthly and annual average exchange rates for a converted
figure, or what revisions between releases usually change (`REVISIONS` of the figure).
"""

from __future__ import annotations

from typing import Final

from bilateral.results.claims import Hedge

AROUND: Final = 0.05
REVISIONS: Final = 0.0005
"""What revisions between releases of one statistic usually change: a few hundredths of a
percent (a release's 536.8 billion against a later vintage's 536.73)."""
_SLACK: Final = 1e-9


def margin(stated: float, hedge: Hedge, precision: float) -> float:
    """Return the half-width that `hedge` allows around `stated`.

    >>> margin(18e9, "around", 0.5e9), margin(18e9, "exact", 0.5e9)
    (900000000.0, 500000000.0)
    """
    if hedge in ("around", "nearly"):
        return max(AROUND * abs(stated), precision)
    return precision


def holds(stated: float, data: float, hedge: Hedge, precision: float, slack: float = 0.0) -> bool:
    """Return whether `data` bears out a claim of `stated` with `hedge`, widened by `slack`.

    >>> holds(40e9, 39.4e9, "nearly", 0.5e9), holds(40e9, 40.3e9, "nearly", 0.5e9)
    (True, False)
    >>> holds(22e9, 22.4e9, "over", 0.5e9), holds(0.22, 0.2249, "exact", 0.005)
    (True, True)
    >>> holds(-4e9, -4.1e9, "around", 0.5e9), holds(-4e9, 4e9, "around", 0.5e9)
    (True, False)
    >>> holds(536.8e9, 536.73e9, "exact", 0.05e9), holds(536.8e9, 536.73e9, "exact", 0.05e9, 0.3e9)
    (False, True)
    """
    if stated < 0:
        if data >= 0:
            return False
        stated, data = -stated, -data
    width = (margin(stated, hedge, precision) + slack) * (1 + _SLACK)
    if hedge == "over":
        return data > stated - slack
    if hedge == "under":
        return data < stated + slack
    if hedge == "nearly":
        return stated - width <= data <= stated * (1 + _SLACK) + slack
    return abs(data - stated) <= width


def describe_rule(stated: float, hedge: Hedge, precision: float, *, ratio: bool = False) -> str:
    """Return the range a claim allows, in words.

    >>> describe_rule(18e9, "around", 0.5e9), describe_rule(0.22, "exact", 0.005, ratio=True)
    ('between 17.1 and 18.9 billion', 'between +21.5% and +22.5%')
    >>> describe_rule(50.923e9, "exact", 0.0005e9), describe_rule(147.3e9, "exact", 0.05e9)
    ('between 50.9225 and 50.9235 billion', 'between 147.25 and 147.35 billion')
    """
    width = margin(stated, hedge, precision)
    low, high = sorted((abs(stated) - width, abs(stated) + width))
    sign = -1.0 if stated < 0 else 1.0
    if hedge == "over":
        return f"above {short(stated, ratio=ratio)}"
    if hedge == "under":
        return f"below {short(stated, ratio=ratio)}"
    if hedge == "nearly":
        high = abs(stated)
    # Enough digits that the bounds are written as they are (147.25, not 147.2).
    digits = next(
        (
            d
            for d in range(4, 10)
            if all(abs(float(f"{v:.{d}g}") - v) <= width / 10 for v in (low, high))
        ),
        10,
    )
    first = short(sign * low, ratio=ratio, digits=digits)
    last = short(sign * high, ratio=ratio, digits=digits)
    if not ratio:
        last = last.replace(" billion", "").replace(" million", "").replace(" trillion", "")
        unit = short(stated).split(" ")[-1]
        if unit in ("billion", "million", "trillion") and first.endswith(unit):
            return f"between {first[: -len(unit) - 1]} and {last} {unit}"
    return f"between {first} and {last}"


def short(value: float, *, ratio: bool = False, digits: int = 4) -> str:
    """Return an amount in words (18.3 billion) or a ratio as a percentage (+22.1%).

    An amount keeps up to `digits` significant digits.
    """
    if ratio:
        return f"{value * 100:+.1f}%"
    for divisor, unit in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if abs(value) >= divisor:
            return f"{value / divisor:,.{digits}g}{unit}"
    return f"{value:,.0f}"
