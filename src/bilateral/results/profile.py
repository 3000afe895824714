"""The bilateral profile: yearly figures of a pair in every view."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bilateral.results.base import Provenance, Tabular, amount
from bilateral.results.basis import Comparison, MemberMonths
from bilateral.schema import Measurability, ProductCompleteness, Valuation


@dataclass(frozen=True)
class ProfileRow:
    """One year of one view of a pair's trade, from the first territory's side.

    `view` names the reporter whose declarations give the figures: for the mirror view the
    exports are the partner's declared imports from the reporter, and the reverse.
    `import_valuation` is the basis (CIF or FOB) of the import figure the row's reporter
    declares (`imports` in the own view, `exports` in the mirror view; None where the source
    does not say), and `import_other_value` that figure on the other basis, where the source
    publishes both. `products` says what the figures sum (a published total, every product,
    or an extract's products); `confidentiality` whether confidential products can be measured
    at all (not in a published total or in reconciled flows: `confidential_share` is then
    None). Each growth has its comparison with the year before (whole years, or the months
    both years hold; or withheld, with the reason); `member_months` lists the months each
    reporting member's flow covers (None for an annual figure), and `coverage` sums them up.
    Where a group reports,
    `reporting_members` are the members whose declarations are summed and `members_complete`
    says whether they make the whole group (every listed member; for WORLD, a world's set of
    reporters); a partial group is named so in `view`. `mirror` is true in the mirror view
    (the figures are the partner's declarations).
    """

    year: int
    view: str
    reported_by: str
    source: str
    exports: float | None
    imports: float | None
    total: float | None
    balance: float | None
    exports_growth: float | None
    imports_growth: float | None
    total_growth: float | None
    balance_change: float | None
    confidential_share: float | None
    currency: str
    vintage: str
    coverage: str
    import_valuation: Valuation | None = None
    import_other_value: float | None = None
    products: ProductCompleteness = "full detail"
    confidentiality: Measurability = "measured"
    exports_comparison: Comparison = field(default_factory=lambda: Comparison(None))
    imports_comparison: Comparison = field(default_factory=lambda: Comparison(None))
    total_comparison: Comparison = field(default_factory=lambda: Comparison(None))
    member_months: tuple[MemberMonths, ...] = ()
    reporting_members: tuple[str, ...] = ()
    members_complete: bool | None = None
    mirror: bool = False
    # One reconciled figure per flow (built by the publisher from both declarations).
    reconciled: bool = False


@dataclass(frozen=True)
class Profile(Tabular):
    """A bilateral profile: each year's exports, imports, total and balance, in every view."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    years: tuple[int, ...]
    rows: tuple[ProfileRow, ...]
    notes: tuple[str, ...] = field(default=())
    as_of: str | None = None  # as asked: a store version or a date
    provenance: Provenance | None = None
    as_of_version: int | None = None  # the store (flows) version `as_of` resolved to

    def records(self) -> list[dict[str, Any]]:
        """Return one record per year and view."""
        return [asdict(row) for row in self.rows]

    def views(self) -> list[str]:
        """Return the views present, reporter's own first."""
        return list(dict.fromkeys(row.view for row in self.rows))

    def __repr__(self) -> str:
        pair = f"{self.reporter_name} ({self.reporter}) - {self.partner_name} ({self.partner})"
        lines = [f"<Profile {pair}, {len(self.rows)} rows>"]
        for row in self.rows:
            lines.append(
                f"  {row.year} {row.view:<28} exports {amount(row.exports)} imports "
                f"{amount(row.imports)} balance {amount(row.balance)} {row.currency}"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)
