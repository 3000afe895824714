"""UN Comtrade Plus goods data: the 47-column CSV of the portal and its rows as canonical flows.

The CSV ("TradeData.csv") is Latin-1 (ISO-8859-1) with CRLF line ends, every field quoted,
and a trailing comma on each data row (an empty 48th field; the header has 47 names, with or
without that comma). `comtrade_json` reads the API's JSON, whose records hold the same fields;
both end in `canonical_batches` here.

Handlings:

- value = `primaryValue` in USD (CIF for imports, FOB for exports, as the reporter gave it);
  `cifvalue` and `fobvalue` are kept apart as published, in `value_cif` and `value_fob` (null
  where empty), so an import valued both ways shows its CIF/FOB margin; rows where both are
  published and differ are counted in a note.
- flow: `X` -> export, `M` -> import. Sub-flows (re-exports `RX`, re-imports `RM`, domestic
  exports `DX`, foreign imports `FM`, inward/outward processing `XIP`, `MIP`, ...) are parts of
  X and M or of another trade system: storing them would count trade twice, so they are
  quarantined with a count per code.
- breakdowns by second partner (`partner2Code` != 0), mode of transport (`motCode` != 0) or
  customs procedure (`customsCode` != C00) are parts of the total row: quarantined, counted.
- `refMonth` 52 is annual (month null, freqCode A); monthly rows have refMonth 1-12.
- reporter and partner: Comtrade Plus numeric codes, mapped for `refYear` (Italy 380, France
  251, Belgium-Luxembourg 58 before 1999, World 0 -> WORLD, Areas nes 899 -> `_X` flagged
  `unallocated_partner`); the ISO and description columns are not read.
- product: `cmdCode` TOTAL -> scheme TOTAL; a 6-digit code -> the HS revision of
  `classificationCode` (H0 HS1992, H1 HS1996, H2 HS2002, H3 HS2007, H4 HS2012, H5 HS2017, H6
  HS2022), so titles and conversions read that revision's tables; chapters and headings ->
  `HS2`, `HS4` (stable across revisions). Other classifications (SITC, BEC, services) are
  rejected.
- quantity_kg = `netWgt`; null when empty, and null when 0 beside a positive value (Comtrade
  publishes 0 for "not available" where no quantity unit applies, `qtyUnitCode` -1; counted in
  a note). A stored weight with `isNetWgtEstimated` true carries the flag `estimated`.
  `qty`/`altQty` are in other units and not stored, so `isQtyEstimated` sets no flag.
- `isAggregate` rows (computed by UNSD, not reported as such) are stored like the others.
- vintage: the option's, else the file's date (the file names no release).
- A download is an extract (the reporters, partners and products asked for): rows replace
  the stored rows with the same key, nothing else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from bilateral.deferred import deferred
from bilateral.errors import (
    DuplicateRowError,
    EncodingError,
    SourceFormatError,
    UnknownTerritoryError,
)
from bilateral.reference.code_systems import to_canonical
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import (
    LINE_COLUMN,
    VALUED_BATCH_SCHEMA,
    ReadOptions,
    ReadStats,
    SourceRead,
)
from bilateral.sources.checks import BatchChecker, join_flags, line_numbers, recode

if TYPE_CHECKING:
    import polars as pl
else:
    pl = deferred("polars")  # imported when a file is read, not with the formats

SOURCE: Final = "comtrade"
HEADER: Final = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
    "reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,"
    "partner2ISO,partner2Desc,classificationCode,classificationSearchCode,"
    "isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,"
    "mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,"
    "altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,"
    "isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,"
    "isAggregate"
)
COLUMNS: Final = tuple(HEADER.split(","))
ENCODING: Final = "latin-1"
HS_REVISIONS: Final = {
    "H0": "HS1992",
    "H1": "HS1996",
    "H2": "HS2002",
    "H3": "HS2007",
    "H4": "HS2012",
    "H5": "HS2017",
    "H6": "HS2022",
}
FLOWS: Final = {"X": "export", "M": "import"}
PARTNER_FLAGS: Final = {"_X": "unallocated_partner"}
_TRAILING = "_trailing"
_BOOLEAN = ("false", "true")
_KEY = ("reporter", "partner", "flow", "year", "month", "product")
_Column = Callable[[str], pa.Array]  # name -> the column as one array


class ComtradeCsv:
    """UN Comtrade Plus CSV downloads (portal "TradeData.csv", 47 columns, Latin-1)."""

    name = SOURCE
    header = HEADER
    complete_products = False
    source: str = SOURCE
    product_detail: ProductDetail = "HS6"
    import_valuation: ImportValuation = "both"
    partner_coverage: PartnerCoverage = "checked_against_world"
    description = "UN Comtrade Plus CSV (47 columns from typeCode to isAggregate, Latin-1)"

    def matches(self, header: str) -> bool:
        """Say whether `header` is the Comtrade Plus header (quotes, trailing comma allowed)."""
        return header.replace('"', "").removesuffix(",") == HEADER

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the whole download and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="UN Comtrade Plus (CSV)",
            path=path,
            batches=_csv_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=False,
            vintage_kind="given" if options.vintage else "file_date",
        )


def _csv_batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    table = read_table(path, data_path)
    stats.bytes_read = data_path.stat().st_size
    yield from canonical_batches(
        path, table, line_numbers(2, table.num_rows), options, stats, vintage=_file_date(path)
    )


def read_table(path: Path, data_path: Path) -> pa.Table:
    """Return the CSV's 47 columns as text, decoded from Latin-1 (empty stays empty).

    A NUL byte (a UTF-16 file, say) raises `EncodingError`; a row with the wrong number of
    fields, or a non-empty field after the trailing comma, raises `SourceFormatError`.
    """
    _reject_nul(path, data_path)
    names = _column_names(path, data_path)
    try:
        table = pacsv.read_csv(
            data_path,
            read_options=pacsv.ReadOptions(encoding=ENCODING, column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise _diagnose(path, data_path, len(names)) from exc
    if _TRAILING in names:
        trailing = table.column(_TRAILING).combine_chunks()
        check = BatchChecker(path, line_numbers(2, table.num_rows))
        check.pattern(trailing, r"^$", "(after isAggregate)", "nothing after the trailing comma")
        table = table.drop_columns([_TRAILING])
    return table


def _reject_nul(path: Path, data_path: Path) -> None:
    lines_before = 0
    with data_path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            position = chunk.find(b"\x00")
            if position >= 0:
                raise EncodingError(
                    path,
                    "the file holds NUL bytes (UTF-16 or binary data)",
                    line=lines_before + chunk.count(b"\n", 0, position) + 1,
                    expected="Latin-1 text, as Comtrade Plus publishes its CSV",
                )
            lines_before += chunk.count(b"\n")


def _column_names(path: Path, data_path: Path) -> list[str]:
    """Name 47 columns, and a 48th when the data rows end with a trailing comma."""
    with data_path.open(encoding=ENCODING, newline="") as handle:
        handle.readline()
        first = handle.readline()
    if not first.strip():
        return list(COLUMNS)  # no data rows, or a blank line that the parser will name
    fields = next(csv.reader(io.StringIO(first)))
    return [*COLUMNS, _TRAILING] if len(fields) == len(COLUMNS) + 1 else list(COLUMNS)


def _diagnose(path: Path, data_path: Path, columns: int) -> SourceFormatError:
    """Find the first line that breaks the column count, after the parser failed."""
    expected = f"{columns} comma-separated fields" + (
        " (47 and the trailing comma)" if columns > len(COLUMNS) else ""
    )
    with data_path.open(encoding=ENCODING, newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1:
                continue
            if not line.strip():
                return SourceFormatError(path, "blank line", line=number, expected=expected)
            fields = next(csv.reader(io.StringIO(line)))
            if len(fields) != columns:
                return SourceFormatError(
                    path,
                    f"{len(fields)} fields instead of {columns}",
                    line=number,
                    value=line.rstrip("\r\n")[:120],
                    expected=expected,
                )
    return SourceFormatError(path, "the file cannot be parsed as CSV", expected=expected)


def canonical_batches(
    path: Path,
    table: pa.Table,
    lines: pa.Array,
    options: ReadOptions,
    stats: ReadStats,
    *,
    vintage: str,
) -> Iterator[pa.RecordBatch]:
    """Check the Comtrade fields of `table` (all text) and yield its totals as one batch."""
    stats.rows_read = table.num_rows
    if table.num_rows == 0:
        return
    check = BatchChecker(path, lines)

    def col(name: str) -> pa.Array:
        return table.column(name).combine_chunks()

    _check_fields(check, col)
    kept = _kept_rows(col, stats)
    if not pc.any(kept).as_py():
        return
    table = table.filter(kept)
    lines = lines.filter(kept)
    check = BatchChecker(path, lines)
    value = check.number(col("primaryValue"), "primaryValue")
    cif = check.number(col("cifvalue"), "cifvalue", allow_empty=True)
    fob = check.number(col("fobvalue"), "fobvalue", allow_empty=True)
    weight = check.number(col("netWgt"), "netWgt", allow_empty=True)
    year = pc.cast(col("refYear"), pa.int16())
    reporter = _territories(col("reporterCode"), year, check, "reporterCode")
    partner = _territories(col("partnerCode"), year, check, "partnerCode")
    unknown_weight = pc.fill_null(pc.and_(pc.equal(weight, 0.0), pc.greater(value, 0.0)), False)
    quantity = pc.if_else(unknown_weight, pa.scalar(None, pa.float64()), weight)
    estimated = pc.and_(pc.equal(col("isNetWgtEstimated"), "true"), pc.is_valid(quantity))
    _notes(stats, col, cif, fob, unknown_weight)
    product = col("cmdCode")
    monthly = pc.equal(col("freqCode"), "M")
    canonical = {
        "source": pa.repeat(SOURCE, table.num_rows),
        "reporter": reporter,
        "partner": partner,
        "flow": recode(col("flowCode"), FLOWS.__getitem__, pa.string()),
        "year": year,
        "month": pc.if_else(
            monthly, pc.cast(col("refMonth"), pa.int8()), pa.scalar(None, pa.int8())
        ),
        "product": product,
        "product_scheme": pc.if_else(
            pc.equal(product, "TOTAL"),
            "TOTAL",
            pc.if_else(
                pc.equal(pc.utf8_length(product), 6),
                recode(col("classificationCode"), HS_REVISIONS.__getitem__, pa.string()),
                pc.binary_join_element_wise(
                    "HS", pc.cast(pc.utf8_length(product), pa.string()), ""
                ),
            ),
        ),
        "product_cpa": pa.nulls(table.num_rows, pa.string()),
        "value": value,
        "currency": pa.repeat("USD", table.num_rows),
        "quantity_kg": quantity,
        "flags": join_flags(
            (pc.is_in(partner, pa.array(list(PARTNER_FLAGS))), "unallocated_partner"),
            (estimated, "estimated"),
            (True, "synthetic") if options.synthetic else None,
            length=table.num_rows,
        ),
        "trade_type": pa.nulls(table.num_rows, pa.string()),
        "stat_procedure": pa.nulls(table.num_rows, pa.string()),
        "vintage": pa.repeat(options.vintage or vintage, table.num_rows),
        LINE_COLUMN: lines,
        "value_cif": cif,
        "value_fob": fob,
    }
    batch = pa.table(canonical).select(VALUED_BATCH_SCHEMA.names).cast(VALUED_BATCH_SCHEMA)
    _reject_conflicts(path, batch, table)
    yield batch.combine_chunks().to_batches()[0]


def _check_fields(check: BatchChecker, col: _Column) -> None:
    check.one_of(col("typeCode"), ("C",), "typeCode")
    check.one_of(col("freqCode"), ("A", "M"), "freqCode")
    check.pattern(col("refYear"), r"^(19|20)[0-9]{2}$", "refYear", "a year such as 2022")
    annual = pc.equal(col("freqCode"), "A")
    month_ok = pc.if_else(
        annual,
        pc.equal(col("refMonth"), "52"),
        pc.match_substring_regex(col("refMonth"), r"^(0?[1-9]|1[0-2])$"),
    )
    check.require(
        month_ok,
        col("refMonth"),
        "refMonth",
        "invalid month for its freqCode",
        "52 for freqCode A (annual), 1-12 for freqCode M",
    )
    check.pattern(col("flowCode"), r"^[A-Z]{1,4}$", "flowCode", "a flow code such as X or M")
    check.one_of(col("classificationCode"), HS_REVISIONS, "classificationCode")
    check.pattern(
        col("cmdCode"),
        r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL)$",
        "cmdCode",
        "an HS code of 2, 4 or 6 digits, or TOTAL",
    )
    check.pattern(col("partner2Code"), r"^[0-9]+$", "partner2Code", "a numeric area code")
    check.pattern(col("motCode"), r"^[0-9]+$", "motCode", "a numeric mode of transport code")
    check.pattern(col("customsCode"), r"^C[0-9A-Z]{2}$", "customsCode", "a code such as C00")
    for name in ("isNetWgtEstimated", "isQtyEstimated", "isAggregate", "isReported"):
        check.one_of(col(name), _BOOLEAN, name)


def _kept_rows(col: _Column, stats: ReadStats) -> pa.Array:
    """Return where a row is a total of M or X; count the others as quarantined, by reason."""
    flow = col("flowCode")
    kept = pa.repeat(True, len(flow))
    reasons = (
        (pc.is_in(flow, pa.array(list(FLOWS))), "sub-flows other than X and M"),
        (pc.equal(col("partner2Code"), "0"), "breakdowns by second partner (partner2Code != 0)"),
        (pc.equal(col("motCode"), "0"), "breakdowns by mode of transport (motCode != 0)"),
        (
            pc.equal(col("customsCode"), "C00"),
            "breakdowns by customs procedure (customsCode != C00)",
        ),
    )
    for ok, reason in reasons:
        dropped = pc.and_(kept, pc.invert(ok))
        count = pc.sum(dropped).as_py() or 0
        if count:
            if ok is reasons[0][0]:
                found = pc.value_counts(flow.filter(dropped)).to_pylist()
                reason += " (" + ", ".join(f"{c['values']}: {c['counts']}" for c in found) + ")"
            stats.rows_quarantined += count
            stats.quarantine_notes.append(
                f"{count} rows of {reason} were not stored: they are parts of the totals"
            )
        kept = pc.and_(kept, ok)
    return kept


def _territories(codes: pa.Array, years: pa.Array, check: BatchChecker, field: str) -> pa.Array:
    keys = pc.binary_join_element_wise(codes, pc.cast(years, pa.string()), "|")

    def canonical(key: str) -> str:
        code, _, year = key.partition("|")
        try:
            return to_canonical("comtrade", code, year=int(year))
        except UnknownTerritoryError as error:
            check.fail(
                pc.index(keys, key).as_py(),
                field,
                f"unknown territory code in {year}: {error}",
                code,
                "a Comtrade Plus area code valid that year (380 Italy, 251 France, 0 World)",
            )
            raise

    return recode(keys, canonical, pa.string())


def _notes(
    stats: ReadStats, col: _Column, cif: pa.Array, fob: pa.Array, unknown_weight: pa.Array
) -> None:
    revisions = sorted(set(col("classificationCode").to_pylist()))
    stats.quarantine_notes.append(
        "HS products are coded in "
        + ", ".join(f"{HS_REVISIONS[code]} ({code})" for code in revisions)
    )
    differ = pc.sum(pc.fill_null(pc.not_equal(cif, fob), False)).as_py() or 0
    if differ:
        stats.quarantine_notes.append(
            f"{differ} rows publish CIF and FOB values that differ: primaryValue is the "
            "value, and both are kept (value_cif, value_fob)"
        )
    zero = pc.sum(unknown_weight).as_py() or 0
    if zero:
        stats.quarantine_notes.append(
            f"{zero} rows publish netWgt 0 beside a positive value (not available): "
            "stored without a quantity"
        )


def _reject_conflicts(path: Path, batch: pa.Table, table: pa.Table) -> None:
    """Raise `DuplicateRowError` where two rows give different figures for one key.

    Rows equal in every stored field are left to the store, which keeps one and counts it.
    """
    frame = pl.from_arrow(batch)
    assert isinstance(frame, pl.DataFrame)
    repeated = frame.with_row_index("_index").filter(pl.len().over(list(_KEY)) > 1)
    if repeated.height == 0:
        return
    figures = {"value": "primaryValue", "quantity_kg": "netWgt", "flags": "isNetWgtEstimated"}
    for group in repeated.partition_by(list(_KEY), maintain_order=True):
        first, *others = group.sort(LINE_COLUMN).iter_rows(named=True)
        for other in others:
            for name, field in figures.items():
                if other[name] != first[name]:
                    raise DuplicateRowError(
                        path,
                        f"lines {first[LINE_COLUMN]} and {other[LINE_COLUMN]} give different "
                        "figures for the same reporter, partner, flow, period and cmdCode",
                        line=other[LINE_COLUMN],
                        field=field,
                        value=table.column(field)[other["_index"]].as_py(),
                        expected=f"one figure per key (line {first[LINE_COLUMN]} has "
                        f"{table.column(field)[first['_index']].as_py()!r})",
                    )


def _file_date(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
