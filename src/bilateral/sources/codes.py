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
    keys = pc.binary_join_element_wise(codes, pc.cast(years, pa.string()), "|")
    distinct = pc.unique(keys)
    canonical: list[str | None] = []
    flags: list[str | None] = []
    for key in distinct.to_pylist():
        code, year = key.rsplit("|", 1)
        try:
            mapped, flag = geonom_to_canonical(code, int(year))
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
    positions = pc.index_in(keys, value_set=distinct)
    return (
        pc.take(pa.array(canonical, pa.string()), positions),
        pc.take(pa.array(flags, pa.string()), positions),
    )


def flag_mask(flags: pa.Array, name: str) -> pa.Array:
    """Return where `flags` equals `name`."""
    return pc.fill_null(pc.equal(flags, name), False)
