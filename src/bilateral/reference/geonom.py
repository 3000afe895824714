"""Eurostat Comext GEONOM codes: reporter and partner codes mapped to canonical territories.

Comext codes are ISO 3166-1 alpha-2 codes with exceptions, which `data/geonom.csv` lists with
their years of validity: `GR` (and `EL`) for Greece, `BE` for Belgium-Luxembourg before 1999,
former countries (`CS`, `YU`, `SU`, `DD`), Kosovo and Serbia (`XK`, `XS`), the parts of the
United Kingdom (`XI`, `XU`), Ceuta and Melilla (`XC`, `XL`), the `Q*` codes for confidential,
unallocated and special partners, and the aggregates of the Comext dissemination API (`WORLD`,
`EU27_2020_EXTRA`, ...).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Final, get_args

import pyarrow as pa
import pycountry

from bilateral.errors import UnknownTerritoryError
from bilateral.schema import Flag

FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 9999

GEONOM_SCHEMA: Final = pa.schema(
    [
        pa.field("code", pa.string(), nullable=False),
        pa.field("year_from", pa.int16(), nullable=False),
        pa.field("year_to", pa.int16(), nullable=False),
        pa.field("canonical", pa.string(), nullable=False),
        pa.field("flag", pa.string()),
    ]
)

_GEONOM_CSV: Final = "geonom.csv"
_FLAGS: Final[frozenset[str]] = frozenset(get_args(Flag))


@dataclass(frozen=True)
class _Period:
    code: str
    year_from: int
    year_to: int
    canonical: str
    flag: str | None


def _read_exceptions() -> dict[str, list[_Period]]:
    source = resources.files("bilateral.reference").joinpath("data", _GEONOM_CSV)
    exceptions: dict[str, list[_Period]] = {}
    rows = csv.DictReader(source.read_text(encoding="utf-8").splitlines())
    for line, row in enumerate(rows, start=2):
        period = _Period(
            row["code"],
            int(row["year_from"]),
            int(row["year_to"]),
            row["canonical"],
            row["flag"] or None,
        )
        valid_years = FIRST_YEAR <= period.year_from <= period.year_to <= LAST_YEAR
        if not valid_years or (period.flag is not None and period.flag not in _FLAGS):
            raise RuntimeError(f"{_GEONOM_CSV}:{line}: invalid years or flag in {row}")
        exceptions.setdefault(period.code, []).append(period)
    return exceptions


def _with_default(code: str, periods: list[_Period], default: str | None) -> list[_Period]:
    """Return `periods` sorted, with the years they leave uncovered given to `default`."""
    periods = sorted(periods, key=lambda period: period.year_from)
    filled: list[_Period] = []
    next_free = FIRST_YEAR
    for period in periods:
        if period.year_from < next_free:
            raise RuntimeError(f"{_GEONOM_CSV}: overlapping periods for {code}")
        if default is not None and period.year_from > next_free:
            filled.append(_Period(code, next_free, period.year_from - 1, default, None))
        filled.append(period)
        next_free = period.year_to + 1
    if default is not None and next_free <= LAST_YEAR:
        filled.append(_Period(code, next_free, LAST_YEAR, default, None))
    return filled


@functools.cache
def _listed() -> dict[str, list[_Period]]:
    return _read_exceptions()


@functools.cache
def _periods() -> dict[str, tuple[_Period, ...]]:
    iso = {str(country.alpha_2): str(country.alpha_3) for country in pycountry.countries}
    exceptions = _listed()
    return {
        code: tuple(_with_default(code, exceptions.get(code, []), iso.get(code)))
        for code in sorted(iso.keys() | exceptions.keys())
    }


@functools.cache
def geonom_table() -> pa.Table:
    """Return the full GEONOM mapping, one row per code and period of validity.

    Holds every ISO alpha-2 code of pycountry (mapped to its alpha-3 for 1900-9999) with the
    exceptions of `data/geonom.csv` taking precedence; a (code, year) pair matches at most one
    row, and a code outside its periods matches none. `flag` is `confidential_partner` (QX, QY,
    QZ), `unallocated_partner` (QU, QV, QW) or null. Sorted by code and year_from.
    """
    rows = [period for periods in _periods().values() for period in periods]
    return pa.table(
        {
            "code": [row.code for row in rows],
            "year_from": [row.year_from for row in rows],
            "year_to": [row.year_to for row in rows],
            "canonical": [row.canonical for row in rows],
            "flag": [row.flag for row in rows],
        },
        schema=GEONOM_SCHEMA,
    )


def geonom_to_canonical(code: str, year: int) -> tuple[str, str | None]:
    """Return the canonical territory code and the row flag of a GEONOM code in `year`.

    `code` is matched exactly (Comext codes are upper case). A code that exists but not in
    `year` raises `UnknownTerritoryError` whose suggestions give its valid periods.

    >>> geonom_to_canonical("BE", 1998)
    ('BLX', None)
    >>> geonom_to_canonical("QZ", 2024)
    ('QZ', 'confidential_partner')
    """
    periods = _periods().get(code, ())
    for period in periods:
        if period.year_from <= year <= period.year_to:
            return period.canonical, period.flag
    if not periods:
        raise UnknownTerritoryError(code)
    raise UnknownTerritoryError(
        f"{code} in {year}",
        [f"{code} in {period.year_from}-{period.year_to}" for period in periods],
    )


def geonom_codes(canonical: str, first: int, last: int) -> tuple[str, ...]:
    """Return the GEONOM codes that stand for territory `canonical` in some year first..last.

    The codes `data/geonom.csv` lists for it come first; its ISO alpha-2 code is added only
    where they leave a year uncovered (Serbia is `XS` in GEONOM, never `RS`).

    >>> geonom_codes("GRC", 2019, 2021), geonom_codes("SRB", 2019, 2021)
    (('EL', 'GR'), ('XS',))
    >>> geonom_codes("BEL", 2019, 2021), geonom_codes("MNE", 2005, 2021)
    (('BE',), ('XM', 'ME'))
    """
    listed = [
        period
        for periods in _listed().values()
        for period in periods
        if period.canonical == canonical and period.year_from <= last and first <= period.year_to
    ]
    covered = {
        year
        for period in listed
        for year in range(max(first, period.year_from), min(last, period.year_to) + 1)
    }
    codes = [period.code for period in sorted(listed, key=lambda p: (p.code, p.year_from))]
    if len(covered) < last - first + 1:
        codes += [
            code
            for code, periods in _periods().items()
            if code not in _listed()
            and any(
                p.canonical == canonical and p.year_from <= last and first <= p.year_to
                for p in periods
            )
        ]
    return tuple(dict.fromkeys(codes))
