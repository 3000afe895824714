"""The basis of a derived figure as data: how two periods were aligned, or why it is withheld.

Labels are made from these values in `render/` and `brief/`; nothing tests a label's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal, get_args

# Why a derived figure is withheld (None in the result) rather than printed.
Withheld = Literal[
    "no_base",  # the period compared with is not in the store
    "zero_base",  # the base is zero: no relative change
    "annual_against_partial",  # a partial year against an annual figure: no months to align
    "no_common_months",  # no month is held in both periods by every member
    "members_differ",  # the periods sum different reporting members
    "unequal_coverage",  # the periods cover different months, without month detail to align
    "incomplete_world",  # the world denominator is a partial set of reporters
    "partial_group",  # a group's figure sums part of its members' declarations
    "no_reverse_flow",  # the reverse flow is not in the store
    "reconciled",  # one reconciled figure per flow: no two declarations to compare
    "no_product_detail",  # the source publishes totals only: no structure by product
    "incomplete_partners",  # the source does not hold the reporter's trade with every partner
]
WITHHELD: Final[tuple[Withheld, ...]] = get_args(Withheld)

# How the two periods of a change were made comparable.
ComparisonBasis = Literal["full_year", "common_months"]

# What a partner code stands for; only countries are ranked and given shares.
PartnerKind = Literal["country", "group", "unallocated", "bunkers", "self", "confidential"]
PARTNER_KINDS: Final[tuple[PartnerKind, ...]] = get_args(PartnerKind)


@dataclass(frozen=True)
class Comparison:
    """How a change (growth, CAGR, balance change) compares two periods.

    `basis` is `full_year` when both periods are whole years (annual figures or all 12 months
    of every member), `common_months` when both are summed over the same `months` only (the
    months every member holds in both periods), None when the change is withheld; `withheld`
    then says why. `months` is empty for annual figures.
    """

    basis: ComparisonBasis | None
    months: tuple[int, ...] = ()
    withheld: Withheld | None = None

    @classmethod
    def withhold(cls, reason: Withheld) -> Comparison:
        """Return the comparison of a change that is not computed, for `reason`."""
        return cls(None, (), reason)


@dataclass(frozen=True)
class MemberMonths:
    """The months a reporting member's `flow` covers in a year; None for an annual figure."""

    member: str
    flow: str
    months: tuple[int, ...] | None


def month_counts(covered: Sequence[MemberMonths]) -> tuple[int | None, int | None]:
    """Return the fewest and the most months any member's flow covers (None, None: annual).

    >>> months = [MemberMonths("ITA", "export", (1, 2, 3)), MemberMonths("ITA", "import", None)]
    >>> month_counts(months)
    (3, 3)
    >>> month_counts([MemberMonths("ITA", "export", None)])
    (None, None)
    """
    counts = [len(m.months) for m in covered if m.months is not None]
    return (min(counts), max(counts)) if counts else (None, None)
