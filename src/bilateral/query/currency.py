"""Converting values between currencies at each period's average rate, inside a query.

The engine registers the rates as a table `rates` (currency, year, month, per_eur: units of the
currency per 1 EUR; annual averages have a null month). Each row is converted at its own
period's rate, before it is summed: monthly rows at the month's average, annual rows at the
year's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis


RATES_TABLE: Final = "rates"
RATES_COLUMNS: Final = {
    "currency": "string",
    "year": "int16",
    "month": "int8",
    "per_eur": "float64",
}


def rates_table() -> ibis.Table:
    """Return the unbound rates table that a converting query joins on."""
    return ibis.table(ibis.schema(RATES_COLUMNS), name=RATES_TABLE)


def converted(rows: ibis.Table, target: str) -> ibis.Table:
    """Return `rows` with `value` in `target`, `currency` set to it and `unconverted` marked.

    `unconverted` is true on rows without a rate for their own or the target currency in their
    period; their value is null, and the caller must refuse the result rather than sum it.
    """
    rates = rates_table()
    own = rates.rename(
        rate_currency="currency", rate_year="year", rate_month="month", own_rate="per_eur"
    )
    wanted = rates.filter(rates.currency == target).rename(
        target_currency="currency",
        target_year="year",
        target_month="month",
        target_rate="per_eur",
    )
    joined = rows.left_join(
        own,
        [
            rows.currency == own.rate_currency,
            rows.year == own.rate_year,
            rows.month.identical_to(own.rate_month),
        ],
    ).left_join(
        wanted,
        [_.year == wanted.target_year, _.month.identical_to(wanted.target_month)],
    )
    return joined.mutate(
        value=joined.value * joined.target_rate / joined.own_rate,
        confidential_value=joined.confidential_value * joined.target_rate / joined.own_rate,
        currency=ibis.literal(target),
        unconverted=joined.own_rate.isnull() | joined.target_rate.isnull(),
    ).drop(
        "rate_currency",
        "rate_year",
        "rate_month",
        "own_rate",
        "target_currency",
        "target_year",
        "target_month",
        "target_rate",
    )
