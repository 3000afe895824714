"""Comext aggregated extractions by CPA 2.1 group (`DECLARANT_ISO,...,VALUE_IN_EUROS`).

Header: `DECLARANT_ISO,PARTNER_ISO,FLOW,PRODUCT,PERIOD,VALUE_IN_EUROS`, the old Comext column
names on rows already summed by product group (the real sample was aggregated by ISTAT's
*terra* tool from Comext, December 2019).

Quirks:
- `PRODUCT` is a 3-character CPA 2.1 group without its dot (`011` = CPA 01.1, `201`), or a
  Comext grouping that ends in a letter: `01M`, `10M`, `10S`, `20M`, `20S`, `23I`, `25I`,
  `25S`, ... The letter's meaning is not documented in any file the project holds; in the
  sample these codes appear only for some declarants (DE, AT, BG, CZ). They are stored as
  given, as part of the division their first two digits name (CPA division 20 for `20M`),
  without a flag. Only the letters seen in real files (I, M, S) are accepted; another one
  fails until someone has looked at it.
- `FLOW` 1 = import, 2 = export. `PERIOD` is `YYYYMM`, or `YYYY52` for an annual total (the
  Comext bulk convention), stored with month null.
- `DECLARANT_ISO` and `PARTNER_ISO` are GEONOM codes: `GR` is Greece, `XK`/`XS` Kosovo and
  Serbia, `XC`/`XL` Ceuta and Melilla, `QP` high seas, `QR`/`QS` stores and provisions,
  `QV`/`QW` unspecified partners (flag `unallocated_partner`), `QY`/`QZ` partners kept
  secret (flag `confidential_partner`). Every row is stored; an unknown code fails.
- `VALUE_IN_EUROS` is in euro units. There is no quantity.

The source is `comext_cpa`, apart from the CN8 bulk files (`comext`), so that the two views
of the same trade never sum together. An extraction holds the declarants somebody chose, so
it replaces stored rows by key: a period-wide replace would delete the other declarants'
rows of that month held by an earlier extraction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.deferred import deferred
from bilateral.errors import BilateralError, DuplicateRowError
from bilateral.reference.sectors import cpa_division
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.checks import BatchChecker, join_flags, line_numbers, recode
from bilateral.sources.codes import flag_mask, map_geonom
from bilateral.sources.text import read_text_csv

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a file is read, not with the formats

SOURCE: Final = "comext_cpa"
HEADER: Final = "DECLARANT_ISO,PARTNER_ISO,FLOW,PRODUCT,PERIOD,VALUE_IN_EUROS"
COLUMNS: Final = tuple(HEADER.split(","))
PRODUCT_PATTERN: Final = r"^[0-9]{2}[0-9IMS]$"
_PRODUCT_EXPECTED: Final = (
    "a CPA 2.1 group of 3 characters without the dot (011, 201) or a Comext grouping "
    "of a division ending in I, M or S (20M, 23I, 10S)"
)
_KEY: Final = ("reporter", "partner", "FLOW", "PRODUCT", "PERIOD")


class ComextCpa:
    """Comext extractions aggregated by CPA 2.1 group (3 characters)."""

    name = SOURCE
    header = HEADER
    complete_products = True
    source: str = SOURCE
    product_detail: ProductDetail = "CPA"
    import_valuation: ImportValuation = "CIF"
    partner_coverage: PartnerCoverage = "every_partner"
    description = f"Eurostat Comext extraction by CPA 2.1 group ({HEADER})"

    def matches(self, header: str) -> bool:
        """Say whether `header` is the CPA-group extraction header."""
        return header == self.header

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the whole file (extractions are small) and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="Eurostat Comext by CPA 2.1 group (aggregated extraction)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=True,
            vintage_kind="given" if options.vintage else "file_date",
        )


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    table = read_text_csv(path, data_path, COLUMNS)
    stats.bytes_read = data_path.stat().st_size
    stats.rows_read = table.num_rows
    if table.num_rows == 0:
        return
    check = BatchChecker(path, line_numbers(2, table.num_rows))

    def col(name: str) -> pa.Array:
        return table.column(name).combine_chunks()

    check.one_of(col("FLOW"), ("1", "2"), "FLOW")
    check.pattern(
        col("PERIOD"),
        r"^(19|20)[0-9]{2}(0[1-9]|1[0-2]|52)$",
        "PERIOD",
        "YYYYMM (month 01-12) or YYYY52 for a year",
    )
    product = col("PRODUCT")
    check.pattern(product, PRODUCT_PATTERN, "PRODUCT", _PRODUCT_EXPECTED)
    _check_divisions(check, product)
    value = check.number(col("VALUE_IN_EUROS"), "VALUE_IN_EUROS")
    period = col("PERIOD")
    year = pc.cast(pc.utf8_slice_codeunits(period, 0, 4), pa.int16())
    month_text = pc.utf8_slice_codeunits(period, 4, 6)
    month = pc.cast(
        pc.if_else(pc.equal(month_text, "52"), pa.scalar(None, pa.string()), month_text),
        pa.int8(),
    )
    reporter, _ = map_geonom(col("DECLARANT_ISO"), year, check, "DECLARANT_ISO")
    partner, partner_flag = map_geonom(col("PARTNER_ISO"), year, check, "PARTNER_ISO")
    _reject_conflicting_lines(
        path,
        pa.table(
            {
                "reporter": reporter,
                "partner": partner,
                "FLOW": col("FLOW"),
                "PRODUCT": product,
                "PERIOD": period,
                "value": value,
                "text": col("VALUE_IN_EUROS"),
                LINE_COLUMN: check.lines,
            }
        ),
    )
    flags = join_flags(
        (flag_mask(partner_flag, "confidential_partner"), "confidential_partner"),
        (flag_mask(partner_flag, "unallocated_partner"), "unallocated_partner"),
        (True, "synthetic") if options.synthetic else None,
        length=table.num_rows,
    )
    canonical = {
        "source": pa.repeat(SOURCE, table.num_rows),
        "reporter": reporter,
        "partner": partner,
        "flow": recode(col("FLOW"), {"1": "import", "2": "export"}.__getitem__, pa.string()),
        "year": year,
        "month": month,
        "product": product,
        "product_scheme": pa.repeat("CPA21", table.num_rows),
        "product_cpa": product,
        "value": value,
        "currency": pa.repeat("EUR", table.num_rows),
        "quantity_kg": pa.nulls(table.num_rows, pa.float64()),
        "flags": flags,
        "trade_type": pa.nulls(table.num_rows, pa.string()),
        "stat_procedure": pa.nulls(table.num_rows, pa.string()),
        "vintage": pa.repeat(options.vintage or _file_date(path), table.num_rows),
        LINE_COLUMN: check.lines,
    }
    batch = pa.table(canonical).select(BATCH_SCHEMA.names).cast(BATCH_SCHEMA)
    yield batch.combine_chunks().to_batches()[0]


def _check_divisions(check: BatchChecker, product: pa.Array) -> None:
    """Fail on the first product whose first two digits are not a CPA 2.1 division."""
    for code in pc.unique(product).to_pylist():
        try:
            cpa_division(code)
        except BilateralError as error:
            check.fail(
                pc.index(product, code).as_py(),
                "PRODUCT",
                f"not in a CPA 2.1 division ({error})",
                code,
                _PRODUCT_EXPECTED + " whose first two digits are a CPA 2.1 division",
            )


def _reject_conflicting_lines(path: Path, rows: pa.Table) -> None:
    """Raise where two lines give different values for one declarant, partner, flow, product
    and period (after GEONOM mapping, so `GR` and `EL` are one partner).

    Lines repeated verbatim are left to the store, which keeps one and counts the others.
    """
    frame = pl.from_arrow(rows)
    assert isinstance(frame, pl.DataFrame)
    conflicting = frame.filter(pl.col("value").n_unique().over(list(_KEY)) > 1)
    if conflicting.height == 0:
        return
    first_line = conflicting[LINE_COLUMN].min()
    first = conflicting.filter(pl.col(LINE_COLUMN) == first_line).row(0, named=True)
    same_key = conflicting.filter(
        pl.all_horizontal(pl.col(name) == first[name] for name in _KEY)
    ).sort(LINE_COLUMN)
    other = same_key.filter(pl.col("value") != first["value"]).row(0, named=True)
    raise DuplicateRowError(
        path,
        f"lines {first[LINE_COLUMN]} and {other[LINE_COLUMN]} give different values "
        f"({first['text']} and {other['text']}) for the same declarant, partner, flow, "
        "product and period",
        line=other[LINE_COLUMN],
        field="VALUE_IN_EUROS",
        value=other["text"],
        expected="one value per declarant, partner, flow, product and period",
    )


def _file_date(path: Path) -> str:
    stamp = path.stat().st_mtime
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat()
