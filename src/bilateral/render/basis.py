"""Labels made from the basis of derived figures: comparisons, withheld reasons, partner kinds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bilateral.results.basis import Comparison, PartnerKind, Withheld

MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

WITHHELD_LABELS: Final[Mapping[Withheld, str]] = {
    "no_base": "no figure for the period compared with",
    "zero_base": "the base is zero",
    "annual_against_partial": "a partial year against an annual figure, with no months to align",
    "no_common_months": "no month held in both periods by every member",
    "members_differ": "the periods sum different reporting members",
    "unequal_coverage": "the periods cover different months",
    "incomplete_world": "the world in the store is a partial set of reporters",
    "partial_group": "the group's figure sums only part of its members' declarations",
    "no_reverse_flow": "the reverse flow is not in the store",
    "reconciled": "one reconciled figure per flow, not two declarations",
    "no_product_detail": "the source publishes totals only, no product detail",
    "incomplete_partners": "the source does not hold the reporter's trade with all its partners",
}

PARTNER_KIND_LABELS: Final[Mapping[PartnerKind, str]] = {
    "country": "partner territory",
    "group": "group",
    "unallocated": "unallocated",
    "bunkers": "bunkers and stores",
    "self": "the reporter itself",
    "confidential": "confidential",
}


def months_label(months: tuple[int, ...]) -> str:
    """Return months as runs: `Jan-Nov`, `Jan-Mar, May`.

    >>> months_label((1, 2, 3, 5)), months_label((11,))
    ('Jan-Mar, May', 'Nov')
    """
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        MONTHS[r[0] - 1] if len(r) == 1 else f"{MONTHS[r[0] - 1]}-{MONTHS[r[-1] - 1]}" for r in runs
    )


def comparison_label(comparison: Comparison, year: int, base_year: int | None) -> str | None:
    """Say how a change of `year` on `base_year` (None: each year) was computed.

    None for whole years, which need no saying.
    """
    if comparison.withheld is not None:
        return f"not computed: {WITHHELD_LABELS[comparison.withheld]}"
    if comparison.basis == "common_months":
        months = months_label(comparison.months)
        if base_year is None:
            return f"{months} of each year"
        return f"{months} {year} against {months} {base_year}"
    return None
