"""What the store holds of a pair, to say exactly what an empty answer lacks.

"No trade" is said only when the store holds no row between the two territories. Otherwise the
error names what is missing: the years asked for (and the years held), or the product detail
below TOTAL that sectors and products need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from bilateral.errors import NoDataError
from bilateral.query.compiled import compiled_sql
from bilateral.query.selection import Selection, row_period
from bilateral.query.tables import table
from bilateral.reference import Territory
from bilateral.years import describe_years

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis

# What the answer needs: any trade, or product codes below TOTAL.
Need = Literal["trade", "detail"]


@compiled_sql
def holdings_sql(first: Selection, second: Selection, *, dialect: str) -> str:
    """Return the SQL of the sources, years and product levels held between two territories."""
    totals = table("rollup_totals")
    period = row_period(totals.year, totals.month)
    pair = totals.filter(
        (first.matches(totals.reporter, period) & second.matches(totals.partner, period))
        | (second.matches(totals.reporter, period) & first.matches(totals.partner, period))
    )
    # Grouped rather than `distinct()`: see `pair_years_sql` (Spark SQL).
    held = pair.aggregate(by=["source", "year", "product_level"])
    return str(ibis.to_sql(held.order_by(["source", "year", "product_level"]), dialect=dialect))


def missing_data(
    holdings: Sequence[Mapping[str, Any]],
    first: Territory,
    second: Territory,
    years: Sequence[int] | None,
    held_overall: str,
    need: Need = "trade",
) -> NoDataError:
    """Return the error that says what the store lacks for the pair in `years`.

    `holdings` are the rows of `holdings_sql`; `held_overall` describes the whole store.
    """
    pair = f"{first.name} ({first.code}) and {second.name} ({second.code})"
    said: dict[str, Any] = {"a": first.code, "b": second.code}
    if not holdings:
        return NoDataError(
            f"the store has no trade between {pair}; it holds {held_overall}. Ingest a file "
            "that covers them with `bilateral ingest`.",
            reason="no_trade",
            values={**said, "held": held_overall},
        )
    wanted = set(years) if years is not None else {int(r["year"]) for r in holdings}
    in_years = [r for r in holdings if int(r["year"]) in wanted]
    if not in_years:
        return NoDataError(
            f"the store holds trade between {pair} in {_by_source(holdings)}, not in "
            f"{describe_years(sorted(wanted))}. Ask for a year it holds, or ingest a file of "
            "those years with `bilateral ingest`.",
            reason="years_not_held",
            values={
                **said,
                "held": _by_source(holdings),
                "years": describe_years(sorted(wanted)),
            },
        )
    detail = [r for r in in_years if r["product_level"] != "TOTAL"]
    if need == "detail" and not detail:
        return NoDataError(
            f"the store holds trade between {pair} in {_by_source(in_years)} as totals only "
            "(product TOTAL): no product detail below TOTAL to break down by product or "
            "sector. `bilateral profile` reads the totals; for products, ingest a file with "
            "HS or CN codes.",
            reason="no_product_detail",
            values={**said, "held": _by_source(in_years)},
        )
    coded = [r for r in detail if str(r["product_level"]).startswith(("CN", "HS"))]
    if need == "detail" and not coded:
        return NoDataError(
            f"the store holds trade between {pair} in {_by_source(in_years)} by "
            f"{_levels(in_years)} only: no product codes (HS or CN) to list products or HS "
            "sectors. `bilateral sectors` reads CPA sectors.",
            reason="no_product_codes",
            values={**said, "held": _by_source(in_years), "levels": _levels(in_years)},
        )
    return NoDataError(
        f"the store holds trade between {pair} in {_by_source(in_years)}, but none that this "
        "question selects (flow or product level); it holds "
        f"{_levels(in_years)}.",
        reason="not_selected",
        values={**said, "held": _by_source(in_years), "levels": _levels(in_years)},
    )


def _by_source(rows: Sequence[Mapping[str, Any]]) -> str:
    years: dict[str, set[int]] = {}
    for r in rows:
        years.setdefault(str(r["source"]), set()).add(int(r["year"]))
    return "; ".join(f"{describe_years(sorted(held))} ({source})" for source, held in years.items())


def _levels(rows: Sequence[Mapping[str, Any]]) -> str:
    levels: dict[str, set[str]] = {}
    for r in rows:
        levels.setdefault(str(r["source"]), set()).add(str(r["product_level"]))
    return "; ".join(f"{source}: {', '.join(sorted(found))}" for source, found in levels.items())
