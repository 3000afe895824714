"""Eurostat Comext bulk "full_v2" files (`full_v2_YYYYMM.7z` holding `full_YYYYMM.dat`).

Quirks: codes are GEONOM (GR for Greece, XI/XU, QP-QZ special partners, BE = Belgium and
Luxembourg before 1999); confidential products hide their digits (`39XXXXXX`, CPA `XXXX`);
FLOW 1 = import, 2 = export; PERIOD `YYYY52` is the annual total; VALUE_EUR is in euro units.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.deferred import deferred
from bilateral.errors import SourceFormatError, UnknownTerritoryError
from bilateral.reference.geonom import geonom_table, geonom_to_canonical
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import BATCH_SCHEMA, LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.checks import BatchChecker, join_flags, line_numbers, recode
from bilateral.sources.codes import flag_mask, map_geonom
from bilateral.sources.lazy import (
    SUSPECT,
    LazyRows,
    any_null,
    by_position,
    first_row,
    odd_number,
    scan_text,
)
from bilateral.sources.stream import stream_blocks

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a file is read, not with the formats

HEADER = (
    "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,"
    "PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,"
    "VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT"
)
COLUMNS = tuple(HEADER.split(","))
_USED = (
    "REPORTER",
    "PARTNER",
    "TRADE_TYPE",
    "PRODUCT_NC",
    "PRODUCT_CPA21",
    "FLOW",
    "STAT_PROCEDURE",
    "PERIOD",
    "VALUE_EUR",
    "QUANTITY_KG",
)
_FLOWS = {"1": "import", "2": "export"}
_TRADE_TYPES = ("I", "E", "L", "M")
_STAT_PROCEDURES = ("1", "2", "3", "5", "6", "7", "9")


class ComextBulk:
    """The Comext bulk full_v2 CSV layout."""

    name = "comext"
    header = HEADER
    complete_products = True
    source: str = "comext"
    product_detail: ProductDetail = "CN8"
    import_valuation: ImportValuation = "CIF"
    partner_coverage: PartnerCoverage = "every_partner"
    description = "Eurostat Comext bulk full_v2 file (.dat/.csv or the published .7z)"

    def matches(self, header: str) -> bool:
        """Say whether `header` is the full_v2 header."""
        return header == self.header

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Stream the file as canonical batches."""
        vintage = options.vintage or _file_date(path)
        stats = ReadStats()
        batches = _batches(path, data_path, vintage, options.synthetic, stats)
        return SourceRead(
            source=self.name,
            dataset="Comext bulk full_v2",
            path=path,
            batches=batches,
            stats=stats,
            replace_scope="period",
            complete_products=True,
            vintage_kind="given" if options.vintage else "file_date",
            lazy=_lazy_rows(data_path, vintage, options.synthetic),
        )


def _file_date(path: Path) -> str:
    stamp = path.stat().st_mtime
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat()


def _batches(
    path: Path, data_path: Path, vintage: str, synthetic: bool, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    def normalise(raw: pa.RecordBatch, first_line: int) -> pa.RecordBatch:
        return _normalise(path, raw, first_line, vintage, synthetic)

    return stream_blocks(path, data_path, COLUMNS, normalise, stats)


def _lazy_rows(data_path: Path, vintage: str, synthetic: bool) -> LazyRows | None:
    """Return the file's rows as a polars query (the fast path of `_normalise`).

    Codes are mapped for the year of the first row. Every coded field is parsed as an enum of
    its valid codes (a territory of that year, a month of that year, a flow...), so that a line
    with any other code fails the query; codes are then mapped by their enum positions, and the
    reporter, partner, flow, flags and source breakdowns stay enums (compact keys for the
    rollups' grouping; stored as text). A row is suspect where a field is missing or a value
    is one `_normalise` might reject.
    """
    first = first_row(data_path, COLUMNS)
    if first is None or not re.fullmatch(r"[0-9]{4}(0[1-9]|1[0-2]|52)", first["PERIOD"]):
        return None
    year = int(first["PERIOD"][:4])
    territories = _territories(year)
    periods = [f"{year}{month:02d}" for month in range(1, 13)] + [f"{year}52"]
    coded = {
        "REPORTER": list(territories),
        "PARTNER": list(territories),
        "FLOW": list(_FLOWS),
        "TRADE_TYPE": list(_TRADE_TYPES),
        "STAT_PROCEDURE": list(_STAT_PROCEDURES),
        "PERIOD": periods,
    }
    # Published files quote nothing: a quote read as text fails a check, and a quoted
    # separator makes a long line, which fails the query (see `LineShape.holds`).
    raw = scan_text(
        data_path, COLUMNS, numbers=("VALUE_EUR", "QUANTITY_KG"), enums=coded, quoted=False
    )
    canonical = [code for code, _ in territories.values()]
    # Reporter and partner enums list their codes in text order: a file in another order
    # sorts them as numbers without recoding them (`reporter_split.in_text_order`).
    in_order = pl.Enum(sorted(set(canonical)))
    partner_flags = [flag for _, flag in territories.values()]
    product = pl.col("PRODUCT_NC")
    confidential = product.str.contains("X", literal=True)
    flag_code = confidential.cast(pl.UInt8) + by_position(
        pl.col("PARTNER"),
        [_PARTNER_FLAG_BITS.get(flag or "", 0) for flag in partner_flags],
        pl.UInt8(),
    )
    quantity = pl.col("QUANTITY_KG")
    suspect = (
        # An empty or missing code is a null enum (a code outside its enum, or a line with
        # more fields, fails the query; a missing number is null).
        any_null(list(coded))
        | ~product.str.contains(r"^[0-9]{2}([0-9]{6}|[0-9X]{6})$")
        | ~pl.col("PRODUCT_CPA21").str.contains(r"^([0-9]{4}|[0-9X]{4}|)$")
        | odd_number(pl.col("VALUE_EUR"))
        | (quantity.is_not_null() & odd_number(quantity))
    )
    constants = {
        "source": pl.lit("comext"),
        "year": pl.lit(year, pl.Int16),
        "product_scheme": pl.lit(f"CN{year}"),
        "currency": pl.lit("EUR"),
        "vintage": pl.lit(vintage),
    }
    frame = raw.select(
        source=constants["source"],
        reporter=by_position(pl.col("REPORTER"), canonical, in_order),
        partner=by_position(pl.col("PARTNER"), canonical, in_order),
        flow=by_position(pl.col("FLOW"), list(_FLOWS.values())),
        year=constants["year"],
        month=by_position(pl.col("PERIOD"), [*range(1, 13), None], pl.Int8()),
        product=product,
        product_scheme=constants["product_scheme"],
        product_cpa=pl.when(pl.col("PRODUCT_CPA21") == "")
        .then(None)
        .otherwise(pl.col("PRODUCT_CPA21")),
        value="VALUE_EUR",
        currency=constants["currency"],
        quantity_kg=quantity,
        flags=by_position(flag_code, _flag_sets(synthetic)),
        trade_type="TRADE_TYPE",
        stat_procedure="STAT_PROCEDURE",
        vintage=constants["vintage"],
        **{SUSPECT: suspect},
    )
    return LazyRows(
        frame, data_path, len(COLUMNS), year, many_rows_per_rollup=True, constants=constants
    )


# A row's flags as bits: confidential product, then the partner's flag.
_PARTNER_FLAG_BITS = {"confidential_partner": 2, "unallocated_partner": 4}


def _flag_sets(synthetic: bool) -> list[str | None]:
    """Return the flags of each flag code (bits of `confidential` and `_PARTNER_FLAG_BITS`)."""
    names = ["confidential", *_PARTNER_FLAG_BITS]
    extra = ["synthetic"] if synthetic else []
    sets = []
    for code in range(1 << len(names)):
        flags = [name for bit, name in enumerate(names) if code >> bit & 1] + extra
        sets.append(",".join(flags) or None)
    return sets


def _territories(year: int) -> dict[str, tuple[str, str | None]]:
    """Return every GEONOM code valid in `year`: its canonical code and partner flag."""
    mapped: dict[str, tuple[str, str | None]] = {}
    for code in geonom_table().column("code").unique().to_pylist():
        try:
            mapped[code] = geonom_to_canonical(code, year)
        except UnknownTerritoryError:
            continue
    return mapped


def _reject_blank_lines(check: BatchChecker, raw: pa.RecordBatch) -> None:
    if not pc.any(pc.equal(raw.column("REPORTER"), "")).as_py():
        return
    lengths = [pc.utf8_length(raw.column(name)) for name in _USED]
    blank = pc.equal(pc.max_element_wise(*lengths), 0)
    if pc.any(blank).as_py():
        index = pc.index(blank, True).as_py()
        raise SourceFormatError(
            check.path,
            "blank line",
            line=check.lines[index].as_py(),
            expected=f"{len(COLUMNS)} fields",
        )


def _normalise(
    path: Path, raw: pa.RecordBatch, first_line: int, vintage: str, synthetic: bool
) -> pa.RecordBatch:
    rows = raw.num_rows
    lines = line_numbers(first_line, rows)
    check = BatchChecker(path, lines)
    col = raw.column
    _reject_blank_lines(check, raw)

    period = col("PERIOD")
    check.pattern(period, r"^[0-9]{4}(0[1-9]|1[0-2]|52)$", "PERIOD", "YYYYMM, or YYYY52 for a year")
    year = recode(period, lambda text: int(text[:4]), pa.int16())
    month = recode(period, lambda text: None if text[4:] == "52" else int(text[4:]), pa.int8())

    reporter, _ = map_geonom(col("REPORTER"), year, check, "REPORTER")
    partner, partner_flag = map_geonom(col("PARTNER"), year, check, "PARTNER")

    check.one_of(col("FLOW"), _FLOWS, "FLOW")
    flow = recode(col("FLOW"), _FLOWS.__getitem__, pa.string())
    check.one_of(col("TRADE_TYPE"), _TRADE_TYPES, "TRADE_TYPE")
    check.one_of(col("STAT_PROCEDURE"), _STAT_PROCEDURES, "STAT_PROCEDURE")

    product = col("PRODUCT_NC")
    check.pattern(
        product,
        r"^[0-9]{2}([0-9]{6}|[0-9X]{6})$",
        "PRODUCT_NC",
        "an 8-digit CN code, or a confidential code such as 39XXXXXX",
    )
    confidential = pc.match_substring(product, "X")
    cpa = col("PRODUCT_CPA21")
    check.pattern(
        cpa, r"^([0-9]{4}|[0-9X]{4}|)$", "PRODUCT_CPA21", "a 4-digit CPA 2.1 code or XXXX"
    )
    cpa = recode(cpa, lambda code: code or None, pa.string())

    value = check.number(col("VALUE_EUR"), "VALUE_EUR")
    quantity = check.number(col("QUANTITY_KG"), "QUANTITY_KG", allow_empty=True)

    flags = join_flags(
        (confidential, "confidential"),
        (flag_mask(partner_flag, "confidential_partner"), "confidential_partner"),
        (flag_mask(partner_flag, "unallocated_partner"), "unallocated_partner"),
        (True, "synthetic") if synthetic else None,
        length=rows,
    )
    years = pc.unique(year).to_pylist()
    if len(years) == 1:
        scheme = pa.repeat(pa.scalar(f"CN{years[0]}", pa.string()), rows)
    else:
        scheme = pc.binary_join_element_wise("CN", pc.cast(year, pa.string()), "")

    def constant(text: str) -> pa.Array:
        return pa.repeat(pa.scalar(text, pa.string()), rows)

    columns = {
        "source": constant("comext"),
        "reporter": reporter,
        "partner": partner,
        "flow": flow,
        "year": year,
        "month": month,
        "product": product,
        "product_scheme": scheme,
        "product_cpa": cpa,
        "value": value,
        "currency": constant("EUR"),
        "quantity_kg": quantity,
        "flags": flags,
        "trade_type": col("TRADE_TYPE"),
        "stat_procedure": col("STAT_PROCEDURE"),
        "vintage": constant(vintage),
        LINE_COLUMN: lines,
    }
    return pa.RecordBatch.from_arrays(
        [columns[name] for name in BATCH_SCHEMA.names], schema=BATCH_SCHEMA
    )
