"""Mapping publishers' territory codes in a batch to canonical territory codes."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import UnknownTerritoryError
from bilateral.reference.geonom import geonom_to_canonical
from bilateral.sources.checks import BatchChecker


def map_geonom(
    codes: pa.Array, years: pa.Array, checker: BatchChecker, field: str
) -> tuple[pa.Array, pa.Array]:
    """Return the canonical code and the partner flag of each Eurostat GEONOM code.

    The mapping depends on the year (`BE` is Belgium-Luxembourg before 1999); an unknown
    code fails on its first line.
    """
    distinct_years = pc.unique(years).to_pylist()
    single_year = distinct_years[0] if len(distinct_years) == 1 else None
    keys = codes
    if single_year is None:
        keys = pc.binary_join_element_wise(codes, pc.cast(years, pa.string()), "|")
    encoded = keys.dictionary_encode()
    canonical: list[str | None] = []
    flags: list[str | None] = []
    for key in encoded.dictionary.to_pylist():
        code, _, year = key.partition("|")
        try:
            mapped, flag = geonom_to_canonical(code, single_year or int(year))
        except UnknownTerritoryError:
            index = pc.index(keys, key).as_py()
            checker.fail(
                index,
                field,
                "unknown territory code",
                code,
                "a Eurostat GEONOM code valid in that year (ISO alpha-2 such as BE, or GR, XI, QZ)",
            )
            raise
        canonical.append(mapped)
        flags.append(flag)
    return (
        pc.take(pa.array(canonical, pa.string()), encoded.indices),
        pc.take(pa.array(flags, pa.string()), encoded.indices),
    )


def flag_mask(flags: pa.Array, name: str) -> pa.Array:
    """Return where `flags` equals `name`."""
    return pc.fill_null(pc.equal(flags, name), False)
