"""The provenance of a query's result, from the rows it read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bilateral.reference import Territory
from bilateral.results.base import Provenance


def provenance(
    rows: Iterable[Mapping[str, Any]],
    territories: Iterable[Territory],
    period: str,
    conversion: str | None = None,
) -> Provenance:
    """Collect the sources, vintages and currency of `rows` (each with those columns).

    The currency is empty where no row has one (figures that are ratios or counts).

    >>> from bilateral.reference import get
    >>> rows = [{"source": "comext", "vintage": "2022-04-15", "currency": "EUR"}]
    >>> str(provenance(rows, [get("ITA"), get("BEL")], "2021"))
    'Italy (ITA), Belgium (BEL), 2021: comext (vintage 2022-04-15), EUR'
    """
    listed = list(rows)
    currencies = sorted({str(row["currency"]) for row in listed if row.get("currency")})
    dated = {str(row["vintage"]) for row in listed if row.get("vintage") and _file_dated(row)}
    return Provenance(
        sources=tuple(sorted({str(row["source"]) for row in listed})),
        vintages=tuple(sorted({str(row["vintage"]) for row in listed if row.get("vintage")})),
        file_dates=tuple(sorted(dated)),
        territories=tuple(f"{t.name} ({t.code})" for t in territories),
        period=period,
        currency="/".join(currencies),
        conversion=conversion,
    )


def _file_dated(row: Mapping[str, Any]) -> bool:
    """Return whether a row's vintage is its file's date (a flag, or a rollup's flag set)."""
    if "file_dated" in row:
        return bool(row["file_dated"])
    return "file_dated" in str(row.get("flags") or "").split(",")
