"""Imports a reporter publishes on both valuation bases (CIF and FOB), for the mirror notes.

Comtrade keeps `cifvalue` and `fobvalue` apart; where an importer publishes its imports FOB
as well as CIF, the mirror can show the CIF/FOB margin as measured instead of assumed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, Final

import ibis
from ibis import _

from bilateral.query.tables import table
from bilateral.reference import Territory

VALUED_SOURCES: Final = ("comtrade",)


@functools.lru_cache(maxsize=256)
def valued_imports_sql(first: str, second: str, years: tuple[int, ...], *, dialect: str) -> str:
    """Return the SQL of each side's total imports from the other valued both CIF and FOB.

    One row per source, importer, exporter and year: `cif` and `fob` summed over the rows that
    publish both (annual totals only, so nothing is counted twice).
    """
    flows = table("flows")
    pair = (flows.reporter.isin([first, second])) & (flows.partner.isin([first, second]))
    rows = flows.filter(
        flows.source.isin(list(VALUED_SOURCES)),
        flows.year.isin(list(years)),
        pair,
        flows.reporter != flows.partner,
        flows.flow == "import",
        flows.product_scheme == "TOTAL",
        flows.month.isnull(),
        flows.value_cif.notnull(),
        flows.value_fob.notnull(),
    )
    summed = rows.group_by(["source", "reporter", "partner", "year"]).aggregate(
        cif=_.value_cif.sum(), fob=_.value_fob.sum(), currency=_.currency.max()
    )
    return str(ibis.to_sql(summed.order_by(["year", "reporter"]), dialect=dialect))


def valuation_notes(rows: Sequence[Mapping[str, Any]], names: Mapping[str, Territory]) -> list[str]:
    """Return one note per importer-year that publishes its imports both CIF and FOB.

    >>> from bilateral.reference import get
    >>> row = {"source": "comtrade", "reporter": "USA", "partner": "JPN", "year": 2023,
    ...        "cif": 151_580_564_290.0, "fob": 147_340_317_186.0, "currency": "USD"}
    >>> [note] = valuation_notes([row], {"USA": get("USA"), "JPN": get("JPN")})
    >>> note[:86]
    '2023 (comtrade): United States publishes its imports from Japan both CIF (USD 151,580,'
    >>> note[note.index("a measured"):note.index(" of the FOB")]
    'a measured CIF/FOB margin of 2.9%'
    """
    notes = []
    for row in rows:
        importer, exporter = names[row["reporter"]], names[row["partner"]]
        cif, fob, currency = float(row["cif"]), float(row["fob"]), row["currency"]
        margin = f"{(cif - fob) / fob:.1%}" if fob else "n/a"
        notes.append(
            f"{row['year']} ({row['source']}): {importer.name} publishes its imports from "
            f"{exporter.name} both CIF ({currency} {cif:,.0f}) and FOB ({currency} {fob:,.0f}): "
            f"a measured CIF/FOB margin of {margin} of the FOB value, to compare with the gap "
            f"against {exporter.name}'s FOB exports."
        )
    return notes
