"""ISTAT's foreign-trade codes (ITTER107 territories, GEONOM partners, ATECO 2007 products).

Shared by the SDMX-CSV (`istat_sdmx`) and Coeweb export (`istat_coeweb`) readers: each code is
mapped to the store's code, or to a `Skip` naming why its rows are not stored (counted by the
reader), or raises `InvalidCodeError` saying what would be valid (the reader adds file, line
and field). The decisions are listed in `istat_sdmx`'s docstring.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple, get_args

import pyarrow as pa

from bilateral.errors import BilateralError
from bilateral.reference import Territory
from bilateral.reference.geonom import geonom_to_canonical
from bilateral.reference.sectors import cpa_division
from bilateral.schema import Flag
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats


class Skip(NamedTuple):
    """A valid code whose rows are not stored, and why."""

    reason: str


class InvalidCodeError(BilateralError, ValueError):
    """An invalid code: what is wrong and what would be valid (the reader adds file and line)."""

    def __init__(self, problem: str, expected: str) -> None:
        self.problem = problem
        self.expected = expected
        super().__init__(problem)


class Product(NamedTuple):
    """A product as stored: code, scheme and CPA code."""

    code: str
    scheme: str
    cpa: str | None


TOTAL: Final = Product("TOTAL", "TOTAL", None)
ITALY_CODES: Final = frozenset({"ITTOT", "IT"})
_AFTER_SPLIT: Final = {"ITC45": "ITC4C", "ITF41": "ITF46", "ITF42": "ITF47"}
_NO_NUTS: Final = frozenset({"ITCD", "ITCDE", "ITFG", "ITS", "ITNI", "ITZ", "ITZZ", "ITZZZ"})
TERRITORY_EXPECTED: Final = (
    "an ISTAT ITTER107 code: ITTOT (Italy), a region (ITD5) or a province (ITD55)"
)
# fmt: off
GROUPS: Final = frozenset((
    "WORLD", "EU", "EXT_EU", "EU27_2020", "EXT_EU27_2020", "EU28", "EXT_EU28", "EU15", "EA20",
    "EFTA",
))
ISTAT_AGGREGATES: Final = frozenset((
    "EA12", "EA13", "EA15", "EA16", "EA17", "EA18", "EA19", "EU25", "EU27", "EXT_EU15", "EXT_EU25",
    "EXT_EU27", "CEFTA", "COMESA", "SACU", "ASEAN", "NAFTA", "ANDEAN_PACT", "MERCOSUR", "OPEC",
    "APEC", "EDA", "BRICS", "NIES", "EUR", "EUR_C_E", "EUR_NEU", "AFR", "AFR_N", "AFR_OTH", "AME",
    "AME_N", "AME_C_S", "ASI", "MEC", "ASI_C", "ASI_E", "OCE", "OCE_OCE_OTH", "OTH_COU",
    "MEDIT_AREA", "ADV_ECON", "COUNTRYTRANS", "CONUTRYDEVELOP", "OTH_EDEST", "NOCOU", "PFDEP",
    "PNAFOR",
))
# fmt: on
PARTNER_EXPECTED: Final = (
    "a GEONOM code of CL_COEWEB_GEONOM: ISO alpha-2 (BE, DE, GR or EL) or a group "
    "(WORLD, EU, EXT_EU, EU27_2020, EXT_EU27_2020)"
)
PRODUCT_EXPECTED: Final = (
    "an ATECO 2007 code of CL_COEWEB_ATECO_2007_MERCE: 0010 (total), a division (20), "
    "or a code of another level (A, CE, 201, 2014, 20141, 0040)"
)
_RESIDUAL: Final = frozenset({"89", "899", "8999", "89998", "89999", "00100", "00110", "00120"})
_LEVELS: Final = (
    (r"00[4-9]0", "main industrial groupings (0040-0090)"),
    (r"[A-Z]", "sections (one letter)"),
    (r"[A-Z]{2}", "sub-sections (two letters)"),
    (r"[0-9]{3}", "groups (3 digits)"),
    (r"[0-9]{4}", "classes (4 digits)"),
    (r"[0-9]{5}|X[0-9]{5}", "categories (5 digits)"),
)


def territory(code: str, resolve: Callable[[str], Territory]) -> str | Skip:
    """Return the NUTS 2021 id (or `ITA`) of an ITTER107 code, or why it is not stored."""
    if code in ITALY_CODES:
        return "ITA"
    if code in _NO_NUTS or code.startswith("ITZ"):
        return Skip(f"territory {code} is an ISTAT grouping with no NUTS 2021 id")
    try:
        found = resolve(_AFTER_SPLIT.get(code, code))
    except BilateralError as error:
        raise InvalidCodeError(f"unknown territory ({error})", TERRITORY_EXPECTED) from None
    if found.kind != "region" or found.country != "ITA":
        problem = f"{found.name} ({found.code}) is not an Italian region or province"
        raise InvalidCodeError(problem, TERRITORY_EXPECTED)
    return found.code


def partner(code: str, year: int) -> tuple[str, str | None] | Skip:
    """Return the canonical code and row flag of a GEONOM partner, or why it is not stored."""
    if code in GROUPS:
        return code, None
    if code in ISTAT_AGGREGATES:
        return Skip(f"partner {code} is an ISTAT aggregate with no group in the store")
    try:
        return geonom_to_canonical(code, year)
    except BilateralError as error:
        raise InvalidCodeError(f"unknown partner ({error})", PARTNER_EXPECTED) from None


def product(code: str) -> Product | Skip:
    """Return the stored product of an ATECO 2007 code, or why it is not stored."""
    if code in ("0010", "ALL"):
        return TOTAL
    if code in _RESIDUAL or code == "J_S-00120":
        return Skip(f"product {code} is a residual code (ships' stores, returned or sundry goods)")
    if re.fullmatch(r"[0-9]{2}", code):
        try:
            return Product(code, "CPA21", cpa_division(code))
        except BilateralError as error:
            raise InvalidCodeError(f"unknown division ({error})", PRODUCT_EXPECTED) from None
    for pattern, level in _LEVELS:
        if re.fullmatch(pattern, code):
            return Skip(f"products at the level of {level}: only TOTAL and divisions are stored")
    raise InvalidCodeError("unknown product code", PRODUCT_EXPECTED)


def section(code: str) -> Product | None:
    """Return a CPA section (one letter) as stored where a file gives no division, else None."""
    return Product(code, "CPA21_SECTION", None) if re.fullmatch(r"[A-U]", code) else None


def report_skips(stats: ReadStats, skipped: Counter[str]) -> None:
    """Add the skipped rows to the read's quarantine count and notes, one note per reason."""
    for reason, count in sorted(skipped.items()):
        stats.rows_quarantined += count
        stats.quarantine_notes.append(f"{count} row{'s' * (count != 1)} not stored: {reason}")


def join_row_flags(flags: set[str], options: ReadOptions) -> str | None:
    """Return the `flags` cell of a set of flags, in the schema's order."""
    if options.synthetic:
        flags = flags | {"synthetic"}
    return ",".join(flag for flag in get_args(Flag) if flag in flags) or None


def file_date(path: Path) -> str:
    """Return the file's modification date, the vintage when the caller gives none."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()


def canonical_batch(rows: list[Row], options: ReadOptions, path: Path) -> pa.RecordBatch:
    """Return `rows` as one batch of the canonical schema."""
    count = len(rows)
    columns = {
        "source": [row.source for row in rows],
        "reporter": [row.reporter for row in rows],
        "partner": [row.partner for row in rows],
        "flow": [row.flow for row in rows],
        "year": [row.year for row in rows],
        "month": [row.month for row in rows],
        "product": [row.product.code for row in rows],
        "product_scheme": [row.product.scheme for row in rows],
        "product_cpa": [row.product.cpa for row in rows],
        "value": [row.value for row in rows],
        "currency": ["EUR"] * count,
        "quantity_kg": [None] * count,
        "flags": [join_row_flags(set(row.flags), options) for row in rows],
        "trade_type": [None] * count,
        "stat_procedure": [None] * count,
        "vintage": [options.vintage or file_date(path)] * count,
        LINE_COLUMN: [row.line for row in rows],
    }
    return pa.RecordBatch.from_pydict(columns, schema=BATCH_SCHEMA)


@dataclasses.dataclass(frozen=True)
class Row:
    """One figure on its way to the store; `month` is None for a year, the quarter for `Q`."""

    source: str
    line: int
    reporter: str
    partner: str
    flow: str
    year: int
    month: int | None
    product: Product
    value: float
    flags: frozenset[str]
    freq: str = "A"

    @property
    def series_year(self) -> tuple[str, str, str, str, int]:
        """Return what identifies the row's series and year."""
        return (self.reporter, self.partner, self.flow, self.product.code, self.year)
