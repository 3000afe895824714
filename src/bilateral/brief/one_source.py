"""A query's result cut down to one source's rows, its provenance restricted to match.

Every result the brief reads (profile, mirror, sectors, series, partners) keeps each source's
rows apart, with `source`, `currency` and `vintage` on every row; the brief keeps the rows of
its chosen source only (`bilateral.brief.choice`), so that its footnotes name that source and
the vintages of the rows it prints, and nothing is summed or ranked across sources.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol, TypeVar

from bilateral.results.base import Provenance

_ROW_FIELDS = ("rows", "points", "chapters", "year_to_date")


class _Result(Protocol):
    @property
    def provenance(self) -> Provenance | None: ...


R = TypeVar("R", bound=_Result)


def one_source(result: R, source: str) -> R:
    """Return `result` with only the rows of `source`, and a provenance naming it alone."""
    kept: dict[str, tuple[Any, ...]] = {}
    for name in _ROW_FIELDS:
        rows = getattr(result, name, None)
        if rows is not None:
            kept[name] = tuple(row for row in rows if row.source == source)
    origin = result.provenance
    if origin is not None:
        rows = [row for name in _ROW_FIELDS for row in kept.get(name, ())]
        vintages = sorted({str(v) for row in rows if (v := getattr(row, "vintage", None))})
        currencies = sorted({str(c) for row in rows if (c := getattr(row, "currency", None))})
        kept_origin = dataclasses.replace(
            origin,
            sources=(source,),
            vintages=tuple(vintages),
            file_dates=tuple(v for v in origin.file_dates if v in vintages),
            currency="/".join(currencies) or origin.currency,
        )
        return dataclasses.replace(result, provenance=kept_origin, **kept)  # type: ignore[type-var]
    return dataclasses.replace(result, **kept)  # type: ignore[type-var]
