"""A reporter's partners, ranked, with share, growth, rank change and group lines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bilateral.results.base import Provenance, Tabular, amount
from bilateral.results.basis import Comparison, PartnerKind, Withheld

PartnerLine = Literal["partner", "other", "apart", "confidential", "group"]
GroupBasis = Literal["published", "summed"]
ShareOf = Literal["countries", "world"]


@dataclass(frozen=True)
class PartnerRow:
    """One line of a reporter's partners in one source: a ranked partner, other, or a group.

    `rank` and `previous_rank` count the ranked partners only: partner territories, not groups,
    not the lines `apart` (the reporter itself, unallocated partners, bunkers: see
    `partner_kind`) nor the confidential line; `rank_change` is the previous rank minus the
    rank, positive when the partner moved up. `share_of` says what the share is of: the sum
    over partner territories (`countries`), or the WORLD line for groups; lines apart have no
    share. `basis` says whether a group line is the group's `published` aggregate row or the
    `summed` rows of its members; `comparison` how the growth compares with the year before.
    `rank_comparison` says how `rank_change` compares the years: ranks of whole years, or of
    the months both years hold (`common_months`); where the years cannot be aligned the change
    is None and `rank_comparison.withheld` says why. `withheld` says why `rank` and `share`
    are None where a partner line would have them: `incomplete_partners` when the source does
    not hold the reporter's trade with all its partners in the year and flow.
    """

    source: str
    line: PartnerLine
    code: str
    name: str
    rank: int | None
    previous_rank: int | None
    rank_change: int | None
    value: float
    previous_value: float | None
    share: float | None
    growth: float | None
    basis: GroupBasis | None
    currency: str
    vintage: str
    partner_kind: PartnerKind = "country"
    comparison: Comparison = field(default_factory=lambda: Comparison(None))
    share_of: ShareOf | None = None
    rank_comparison: Comparison = field(default_factory=lambda: Comparison(None))
    withheld: Withheld | None = None


@dataclass(frozen=True)
class Partners(Tabular):
    """A reporter's partners in one year and flow: ranked, with share, growth and group lines."""

    reporter: str
    reporter_name: str
    year: int
    flow: str
    partner: str | None
    rows: tuple[PartnerRow, ...]
    notes: tuple[str, ...] = field(default=())
    provenance: Provenance | None = None

    def records(self) -> list[dict[str, Any]]:
        """Return one record per line and source."""
        return [asdict(row) for row in self.rows]

    def __repr__(self) -> str:
        lines = [
            f"<Partners {self.reporter_name} ({self.reporter}) {self.flow}s {self.year}, "
            f"{len(self.rows)} rows>"
        ]
        for row in self.rows:
            rank = "" if row.rank is None else str(row.rank)
            lines.append(
                f"  {row.source:<12} {rank:>4} {row.code:<14} {amount(row.value)} {row.currency} "
                f"{row.name}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)
