"""A documented tidy CSV layout for any national office's regional trade data.

Header (UTF-8, comma-separated; `month` may be left out for annual files):
`reporter_region,partner,flow,year,month,sector_scheme,sector,value,currency`

- `reporter_region`: a NUTS id of any version from 2010 (`ITD5` and `ITH5` are both
  Emilia-Romagna), a region's ISO 3166-2 or ISTAT code, or its name; stored as its NUTS 2021 id.
- `partner`: any territory name or code that `bilateral` resolves (`BE`, `BEL`, `Belgio`).
- `flow`: `export` or `import`, from the region's side.
- `year`, `month` (1-12, or empty for an annual figure).
- `sector_scheme`: `CPA21` or `ATECO2007` (divisions and groups of the two agree), `HS2`,
  `HS4`, `HS6`, or `TOTAL` (with sector `TOTAL`).
- `value`: the amount in units of `currency` (a three-letter code), not thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import BilateralError
from bilateral.reference import Territory
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.checks import BatchChecker, join_flags, line_numbers, recode
from bilateral.sources.text import read_text_csv

SOURCE: Final = "regional:tidy"
HEADER: Final = "reporter_region,partner,flow,year,month,sector_scheme,sector,value,currency"
ANNUAL_HEADER: Final = HEADER.replace(",month", "")
_SECTOR_PATTERNS: Final = {
    "CPA21": r"^[0-9]{2}(\.?[0-9]{1,2}){0,2}$",
    "ATECO2007": r"^[0-9]{2}(\.?[0-9]{1,2}){0,2}$",
    "HS2": r"^[0-9]{2}$",
    "HS4": r"^[0-9]{4}$",
    "HS6": r"^[0-9]{6}$",
    "TOTAL": r"^TOTAL$",
}


class RegionalTidy:
    """Regional trade in the project's tidy CSV layout."""

    name = "regional_tidy"
    header = HEADER
    complete_products = True
    source: str = SOURCE
    product_detail: ProductDetail = "CPA"
    import_valuation: ImportValuation = "unknown"
    partner_coverage: PartnerCoverage = "checked_against_world"
    description = f"regional trade, tidy CSV ({HEADER}; month optional)"

    def matches(self, header: str) -> bool:
        """Say whether `header` is the tidy regional header, with or without `month`."""
        return header in (HEADER, ANNUAL_HEADER)

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the file whole (regional files are small) and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="regional trade (tidy CSV)",
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
    table = _read_table(path, data_path)
    stats.bytes_read = data_path.stat().st_size
    stats.rows_read = table.num_rows
    if table.num_rows == 0:
        return
    check = BatchChecker(path, line_numbers(2, table.num_rows))

    def col(name: str) -> pa.Array:
        return table.column(name).combine_chunks()

    month = col("month") if "month" in table.column_names else pa.repeat("", table.num_rows)
    check.one_of(col("flow"), ("export", "import"), "flow")
    check.pattern(col("year"), r"^(19|20)[0-9]{2}$", "year", "a year such as 2021")
    check.pattern(month, r"^(|[1-9]|0[1-9]|1[0-2])$", "month", "1-12, or empty for a year")
    check.one_of(col("sector_scheme"), _SECTOR_PATTERNS, "sector_scheme")
    for scheme, pattern in _SECTOR_PATTERNS.items():
        chosen = pc.equal(col("sector_scheme"), scheme)
        ok = pc.or_(pc.invert(chosen), pc.match_substring_regex(col("sector"), pattern))
        check.require(ok, col("sector"), "sector", f"invalid {scheme} code", _expected(scheme))
    check.pattern(col("currency"), r"^[A-Z]{3}$", "currency", "a currency code such as EUR")
    value = check.number(col("value"), "value")
    resolve = options.resolve
    reporter = _territories(col("reporter_region"), check, resolve, "reporter_region", region=True)
    partner = _territories(col("partner"), check, resolve, "partner", region=False)
    scheme = col("sector_scheme")
    sector = pc.replace_substring(col("sector"), ".", "")
    _check_one_level(check, [reporter, partner, col("flow"), col("year"), month], scheme, sector)
    cpa = pc.is_in(scheme, pa.array(["CPA21", "ATECO2007"]))
    canonical = {
        "source": pa.repeat(SOURCE, table.num_rows),
        "reporter": reporter,
        "partner": partner,
        "flow": col("flow"),
        "year": pc.cast(col("year"), pa.int16()),
        "month": pc.cast(pc.if_else(pc.equal(month, ""), None, month), pa.int8()),
        "product": sector,
        "product_scheme": pc.if_else(cpa, "CPA21", scheme),
        "product_cpa": pc.if_else(cpa, sector, pa.scalar(None, pa.string())),
        "value": value,
        "currency": col("currency"),
        "quantity_kg": pa.nulls(table.num_rows, pa.float64()),
        "flags": join_flags(
            (True, "synthetic") if options.synthetic else None, length=table.num_rows
        ),
        "trade_type": pa.nulls(table.num_rows, pa.string()),
        "stat_procedure": pa.nulls(table.num_rows, pa.string()),
        "vintage": pa.repeat(options.vintage or _file_date(data_path), table.num_rows),
        LINE_COLUMN: check.lines,
    }
    batch = pa.table(canonical).select(BATCH_SCHEMA.names).cast(BATCH_SCHEMA)
    yield batch.combine_chunks().to_batches()[0]


def _check_one_level(
    check: BatchChecker, key: list[pa.Array], scheme: pa.Array, sector: pa.Array
) -> None:
    """Fail where one region, partner, flow and period has CPA codes of two lengths.

    Divisions and groups (`20` and `201`) are one product level in the store and would be
    summed twice; a TOTAL or HS codes beside them are levels of their own and are not.
    """
    cpa = pc.is_in(scheme, pa.array(["CPA21", "ATECO2007"])).to_pylist()
    lengths = pc.utf8_length(sector).to_pylist()
    first_length: dict[tuple[object, ...], int] = {}
    rows = zip(*(k.to_pylist() for k in key), cpa, lengths, strict=True)
    for index, (*parts, is_cpa, length) in enumerate(rows):
        if not is_cpa:
            continue
        known = first_length.setdefault(tuple(parts), length)
        if known != length:
            check.fail(
                index,
                "sector",
                f"this region, partner, flow and period already has CPA codes of {known} "
                "digits; the two levels would be counted twice",
                sector[index].as_py(),
                "CPA codes of one level (such as divisions) per region, partner, flow and period",
            )


def _expected(scheme: str) -> str:
    if scheme in ("CPA21", "ATECO2007"):
        return "a division or group code such as 20, 21.2 or 212"
    if scheme == "TOTAL":
        return "TOTAL"
    return f"{scheme[2:]} digits"


def _territories(
    codes: pa.Array,
    check: BatchChecker,
    resolve: Callable[[str], Territory],
    field: str,
    *,
    region: bool,
) -> pa.Array:
    def canonical(text: str) -> str:
        try:
            territory = resolve(text)
        except BilateralError as error:
            check.fail(pc.index(codes, text).as_py(), field, str(error), text, _wanted(region))
            raise
        if region and territory.kind != "region":
            check.fail(
                pc.index(codes, text).as_py(),
                field,
                f"{territory.name} ({territory.code}) is not a region",
                text,
                _wanted(region),
            )
        return territory.code

    return recode(codes, canonical, pa.string())


def _wanted(region: bool) -> str:
    if region:
        return "a NUTS region id (ITH5, ITD5), ISO 3166-2 code (IT-45) or region name"
    return "a territory name or code (BE, BEL, Belgium)"


def _file_date(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()


def _read_table(path: Path, data_path: Path) -> pa.Table:
    return read_text_csv(path, data_path, _header_columns(data_path))


def _header_columns(data_path: Path) -> list[str]:
    with data_path.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().strip().lstrip("\ufeff").split(",")
