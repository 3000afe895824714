"""Eurostat Comext SDMX-CSV from the dissemination API (dataset DS-045409 and its kin).

Quirks: long format with one row per indicator (VALUE_IN_EUROS, QUANTITY_IN_100KG in 100 kg);
`TIME_PERIOD` is `YYYY-MM` (or `YYYY` for annual series); `LAST UPDATE` is
`dd/mm/yy hh:mm:ss` and is the vintage; a product may be a CN8 code or a CN2/4/6 aggregate.

An extract of chosen codes may mix levels: `481141` beside `48114900`. A shorter code whose
longer codes the file also holds is their aggregate and is stored at its HS level (`HS6`), so
that sums count its products once, at the finest level. A shorter code with no longer code under
it in the file is a part of the extract's detail like any CN8 code: it is stored in the CN
scheme of its year (`CN2024`, product `481141`), so that sums over the detail include it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.deferred import deferred
from bilateral.errors import DuplicateRowError
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.checks import BatchChecker, join_flags, line_numbers
from bilateral.sources.codes import flag_mask, map_geonom
from bilateral.sources.text import read_text_csv

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a file is read, not with the formats

HEADER = "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"
COLUMNS = tuple(HEADER.split(","))
VALUE = "VALUE_IN_EUROS"
QUANTITY = "QUANTITY_IN_100KG"
_KEY = ("freq", "reporter", "partner", "product", "flow", "TIME_PERIOD")


class ComextSdmx:
    """SDMX-CSV responses of the Comext dissemination API."""

    name = "comext_sdmx"
    header = HEADER
    complete_products = False
    source: str = "comext_sdmx"
    product_detail: ProductDetail = "CN8"
    import_valuation: ImportValuation = "CIF"
    partner_coverage: PartnerCoverage = "checked_against_world"
    description = "Eurostat Comext SDMX-CSV (dissemination API, dataset DS-045409)"

    def matches(self, header: str) -> bool:
        """Say whether `header` is the Comext SDMX-CSV header."""
        return header == self.header

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the whole response (indicator rows must be paired) and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=self.name,
            dataset="Eurostat Comext DS-045409 (SDMX-CSV)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=False,
            vintage_kind="given" if options.vintage else "release",
        )


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    table = _read_table(path, data_path)
    stats.bytes_read = data_path.stat().st_size
    stats.rows_read = table.num_rows
    if table.num_rows == 0:
        return
    lines = line_numbers(2, table.num_rows)
    check = BatchChecker(path, lines)

    def col(name: str) -> pa.Array:
        return table.column(name).combine_chunks()

    check.pattern(col("DATAFLOW"), r"^ESTAT:DS-[0-9]+\(", "DATAFLOW", "ESTAT:DS-045409(1.0)")
    check.pattern(
        col("LAST UPDATE"),
        r"^[0-3][0-9]/[01][0-9]/[0-9]{2} [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$",
        "LAST UPDATE",
        "dd/mm/yy hh:mm:ss",
    )
    check.one_of(col("freq"), ("A", "M"), "freq")
    check.one_of(col("flow"), ("1", "2"), "flow")
    check.one_of(col("indicators"), (VALUE, QUANTITY), "indicators")
    check.pattern(
        col("product"),
        r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{8}|TOTAL)$",
        "product",
        "a CN code of 2, 4, 6 or 8 digits, or TOTAL",
    )
    monthly = pc.equal(col("freq"), "M")
    period_ok = pc.if_else(
        monthly,
        pc.match_substring_regex(col("TIME_PERIOD"), r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
        pc.match_substring_regex(col("TIME_PERIOD"), r"^[0-9]{4}$"),
    )
    check.require(
        period_ok,
        col("TIME_PERIOD"),
        "TIME_PERIOD",
        "invalid period for its freq",
        "YYYY-MM for freq M, YYYY for freq A",
    )
    observation = check.number(col("OBS_VALUE"), "OBS_VALUE", allow_empty=True)

    year = pc.cast(pc.utf8_slice_codeunits(col("TIME_PERIOD"), 0, 4), pa.int16())
    reporter, _ = map_geonom(col("reporter"), year, check, "reporter")
    partner, partner_flag = map_geonom(col("partner"), year, check, "partner")
    frame = pl.from_arrow(
        pa.table(
            {
                "freq": col("freq"),
                "reporter": reporter,
                "partner": partner,
                "partner_flag": partner_flag,
                "product": col("product"),
                "flow": col("flow"),
                "TIME_PERIOD": col("TIME_PERIOD"),
                "indicator": col("indicators"),
                "observation": observation,
                "updated": col("LAST UPDATE"),
                LINE_COLUMN: lines,
            }
        )
    )
    assert isinstance(frame, pl.DataFrame)
    frame = _drop_repeated_lines(frame, stats)
    _reject_duplicates(path, frame)
    values = frame.filter(pl.col("indicator") == VALUE).drop("indicator")
    quantities = frame.filter(pl.col("indicator") == QUANTITY).select(
        [*_KEY, pl.col("observation").alias("quantity_100kg")]
    )
    missing_value = values.filter(pl.col("observation").is_null()).height
    orphans = quantities.join(values, on=list(_KEY), how="anti").height
    values = values.filter(pl.col("observation").is_not_null())
    _quarantine(stats, missing_value, orphans)
    if values.height == 0:
        return
    detail_parts = _detail_parts(values["product"].unique().to_list(), stats)
    joined = values.join(quantities, on=list(_KEY), how="left")
    yield _canonical(joined, options, detail_parts)


def _detail_parts(products: list[str], stats: ReadStats) -> frozenset[str]:
    """Return the codes shorter than the file's finest that no longer code of the file falls under.

    Such a code (`481141` in an extract of CN8 codes) is one more part of the extract's detail,
    not an aggregate of codes also held; a note names each.
    """
    codes = [code for code in products if code != "TOTAL"]
    finest = max((len(code) for code in codes), default=0)
    parts = frozenset(
        code
        for code in codes
        if len(code) < finest
        and not any(len(other) > len(code) and other.startswith(code) for other in codes)
    )
    for code in sorted(parts):
        stats.quarantine_notes.append(
            f"{code}: a {len(code)}-digit code with none of its {finest}-digit codes in the "
            f"file; stored with the {finest}-digit detail so that sums include it"
        )
    return parts


def _read_table(path: Path, data_path: Path) -> pa.Table:
    return read_text_csv(path, data_path, COLUMNS)


def _drop_repeated_lines(frame: pl.DataFrame, stats: ReadStats) -> pl.DataFrame:
    """Keep the first of lines that repeat another line's every field."""
    fields = [name for name in frame.columns if name != LINE_COLUMN]
    kept = frame.sort(LINE_COLUMN).unique(subset=fields, keep="first", maintain_order=True)
    repeated = frame.height - kept.height
    if repeated:
        stats.rows_quarantined += repeated
        stats.quarantine_notes.append(f"{repeated} lines repeating an earlier line were read once")
    return kept


def _reject_duplicates(path: Path, frame: pl.DataFrame) -> None:
    key = [*_KEY, "indicator"]
    repeated = frame.filter(pl.len().over(key) > 1).sort(LINE_COLUMN)
    if repeated.height == 0:
        return
    first = repeated.row(0, named=True)
    same = repeated.filter(pl.all_horizontal(pl.col(name) == first[name] for name in key))[
        LINE_COLUMN
    ].to_list()
    raise DuplicateRowError(
        path,
        f"lines {same[0]} and {same[1]} give the same series and period twice",
        line=same[1],
        field="indicators",
        value=str(first["indicator"]),
        expected="one observation per series, indicator and period",
    )


def _quarantine(stats: ReadStats, missing_value: int, orphans: int) -> None:
    if missing_value:
        stats.rows_quarantined += missing_value
        stats.quarantine_notes.append(f"{missing_value} {VALUE} rows with an empty OBS_VALUE")
    if orphans:
        stats.rows_quarantined += orphans
        stats.quarantine_notes.append(f"{orphans} {QUANTITY} rows with no {VALUE} row")


def _canonical(
    frame: pl.DataFrame, options: ReadOptions, detail_parts: frozenset[str]
) -> pa.RecordBatch:
    updated = pl.col("updated")
    vintage = (
        pl.lit(options.vintage)
        if options.vintage
        else pl.concat_str(
            pl.lit("20"),
            updated.str.slice(6, 2),
            pl.lit("-"),
            updated.str.slice(3, 2),
            pl.lit("-"),
            updated.str.slice(0, 2),
            pl.lit("T"),
            updated.str.slice(9, 8),
        )
    )
    product = pl.col("product")
    year = pl.col("TIME_PERIOD").str.slice(0, 4).cast(pl.Int16)
    scheme = (
        pl.when(product == "TOTAL")
        .then(pl.lit("TOTAL"))
        .when((product.str.len_chars() == 8) | product.is_in(list(detail_parts)))
        .then(pl.lit("CN") + year.cast(pl.String))
        .otherwise(pl.lit("HS") + product.str.len_chars().cast(pl.String))
    )
    canonical = frame.select(
        source=pl.lit("comext_sdmx"),
        reporter=pl.col("reporter"),
        partner=pl.col("partner"),
        flow=pl.when(pl.col("flow") == "1").then(pl.lit("import")).otherwise(pl.lit("export")),
        year=year,
        month=pl.col("TIME_PERIOD").str.slice(5, 2).cast(pl.Int8, strict=False),
        product=product,
        product_scheme=scheme,
        product_cpa=pl.lit(None, pl.String),
        value=pl.col("observation"),
        currency=pl.lit("EUR"),
        quantity_kg=pl.col("quantity_100kg") * 100.0,
        partner_flag=pl.col("partner_flag"),
        trade_type=pl.lit(None, pl.String),
        stat_procedure=pl.lit(None, pl.String),
        vintage=vintage,
        **{LINE_COLUMN: pl.col(LINE_COLUMN)},
    ).sort(LINE_COLUMN)
    table = canonical.to_arrow()
    partner_flag = table.column("partner_flag").combine_chunks()
    flags = join_flags(
        (flag_mask(partner_flag, "confidential_partner"), "confidential_partner"),
        (flag_mask(partner_flag, "unallocated_partner"), "unallocated_partner"),
        (True, "synthetic") if options.synthetic else None,
        length=table.num_rows,
    )
    table = table.drop_columns(["partner_flag"]).append_column("flags", flags)
    return table.select(BATCH_SCHEMA.names).cast(BATCH_SCHEMA).combine_chunks().to_batches()[0]
