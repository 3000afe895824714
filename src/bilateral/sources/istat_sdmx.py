"""ISTAT foreign trade: SDMX-CSV of its trade dataflows (139_176, the regional `DCSE` ones).

Columns are found by name, never by position: `DATAFLOW` (SDMX-CSV 1.0) or `STRUCTURE_ID`
(2.0), the dimensions of either DSD generation, `TIME_PERIOD`, `OBS_VALUE` and the attributes:
- old DSD: `FREQ, MERCE_ATECO_2007, PAESE_PARTNER, ITTER107, TIPO_DATO`;
- new DSD: `FREQ, REF_AREA, DATA_TYPE, CPA_ATECO2007_COE, PARTNER_COUNTRY`.

Decisions (each row is stored, or counted and skipped with its reason in the ingest notes):
- Values are stored in euro. In 139_176 they are millions (the TIPO_DATO labels say so):
  `UNIT_MULT` must be 6 or empty. In the other dataflows `UNIT_MULT` is the power of ten the
  value is in (0 euro, 3 thousands, 6 millions, 9 billions; empty is euro, as the regional
  dataflows publish). `UNIT_MEAS` must be a euro code or empty: anything else fails.
- TIPO_DATO: `EV` exports (FOB) and `IV` imports (CIF) are stored; the balance `TBV` (derived,
  never a flow) and the seasonally adjusted `ESAV`, `ISAV`, `TBSAV` are skipped.
- Territory (ITTER107, NUTS-2006 style codes): `ITTOT` (and `IT`) is Italy, `ITA`; regions and
  provinces are stored by NUTS 2021 id through the store's resolver (`ITD5` -> `ITH5`, `ITD55`
  -> `ITH55`). In ITTER107 `ITC45`, `ITF41` and `ITF42` are Milano, Foggia and Bari without the
  provinces carved out of them (`IT108`, `IT110` have codes of their own): `ITC4C`, `ITF46`,
  `ITF47`. ISTAT groupings without a NUTS id (`ITCD`, `ITCDE`, `ITFG`, `ITS`, `ITNI`, `ITZ*`)
  are skipped.
- Partner (GEONOM): alpha-2 codes as in Comext (`GR` and `EL` are Greece, `Q*` codes flagged);
  the groups the store knows (`WORLD`, `EU`, `EXT_EU`, `EU27_2020`, `EXT_EU27_2020`, ...) are
  kept; ISTAT's other aggregates (continents, `EU27` of 2007-2013, `BRICS`, ...) are skipped.
- Product: `0010` (and `ALL` of the regional dataflows) is `TOTAL`; a 2-digit CPA 2.1 division
  is stored with scheme `CPA21` (as the regional readers do). Sections (one letter) are stored
  with scheme `CPA21_SECTION` when the file has no division (a dataflow that offers sections
  only); beside divisions they are skipped. Every other level (groupings 0040-0090,
  sub-sections, groups, classes, categories, `X` codes) would count trade twice beside the
  divisions, and the residual codes (`89`, `00100`, ...) are no CPA division: they are skipped.
- Frequency: `M` rows are months and `A` rows years. The store has no quarters, so the four
  quarters of a series and year are summed into one annual row (month null) carrying the
  quarters' flags. Quarters of a year with fewer than four, or of a year the file also gives
  annually, are skipped: an annual figure is never made of part of a year.
- `CONF_STATUS` A, C, D, N, S -> `confidential`; `OBS_STATUS` P -> `provisional`, E, F, I ->
  `estimated`. An empty `OBS_VALUE` is skipped.
- Vintage: the caller's, else the file's date.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final, NamedTuple

import pyarrow as pa

from bilateral.errors import DuplicateRowError, SourceFormatError
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import ReadOptions, ReadStats, SourceRead
from bilateral.sources.istat_codes import (
    InvalidCodeError,
    Product,
    Row,
    Skip,
    canonical_batch,
    partner,
    product,
    report_skips,
    section,
    territory,
)

SOURCE: Final = "istat"
OLD_DIMENSIONS: Final = ("FREQ", "MERCE_ATECO_2007", "PAESE_PARTNER", "ITTER107", "TIPO_DATO")
NEW_DIMENSIONS: Final = ("FREQ", "REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY")
_ATTRIBUTES: Final = (
    "BREAK,CONF_STATUS,OBS_PRE_BREAK,OBS_STATUS,BASE_PER,UNIT_MEAS,UNIT_MULT,"
    "METADATA_EN,METADATA_IT"
)
HEADER: Final = f"DATAFLOW,{','.join(OLD_DIMENSIONS)},TIME_PERIOD,OBS_VALUE,{_ATTRIBUTES}"
NEW_HEADER: Final = f"DATAFLOW,{','.join(NEW_DIMENSIONS)},TIME_PERIOD,OBS_VALUE,{_ATTRIBUTES}"
FLOWS: Final = {"EV": "export", "IV": "import"}
_NOT_FLOWS: Final = {
    "TBV": "trade balance (TBV), derived from exports and imports, never stored as a flow",
    "ESAV": "seasonally adjusted exports (ESAV), not raw trade",
    "ISAV": "seasonally adjusted imports (ISAV), not raw trade",
    "TBSAV": "seasonally adjusted balance (TBSAV), not raw trade",
}
_PERIODS: Final = {"A": r"[0-9]{4}", "Q": r"[0-9]{4}-Q[1-4]", "M": r"[0-9]{4}-(0[1-9]|1[0-2])"}
_CONFIDENTIAL: Final = frozenset("ACDNS")
_OBS_STATUS: Final = {"P": "provisional", "E": "estimated", "F": "estimated", "I": "estimated"}
_OBS_STATUS_PLAIN: Final = frozenset("ABDGHJLMNOQSUV")
_INCOMPLETE_YEAR: Final = "quarters of an incomplete year (fewer than 4; the store has no quarters)"
_DATAFLOW: Final = re.compile(r"IT1[:,]([A-Za-z0-9_]+)(\(.*\)|,.*)?")
_MULTIPLIERS: Final = ("0", "3", "6", "9")
_UNITS: Final = {0: "euro", 3: "thousands of euro", 6: "millions of euro", 9: "billions of euro"}
_SECTIONS_BESIDE: Final = "products at the level of sections (one letter) beside divisions"


class Layout(NamedTuple):
    """The column names of one DSD version's dimensions."""

    territory: str
    data_type: str
    product: str
    partner: str


OLD_LAYOUT: Final = Layout("ITTER107", "TIPO_DATO", "MERCE_ATECO_2007", "PAESE_PARTNER")
NEW_LAYOUT: Final = Layout("REF_AREA", "DATA_TYPE", "CPA_ATECO2007_COE", "PARTNER_COUNTRY")


class IstatSdmx:
    """SDMX-CSV responses of ISTAT's trade dataflows, in the old or the new DSD layout."""

    name = SOURCE
    header = HEADER
    complete_products = True
    source: str = SOURCE
    product_detail: ProductDetail = "CPA"
    import_valuation: ImportValuation = "CIF"
    partner_coverage: PartnerCoverage = "checked_against_world"
    description = "ISTAT SDMX-CSV of its trade dataflows (139_176, DCSE; old or new DSD columns)"

    def matches(self, header: str) -> bool:
        """Say whether `header` names the columns of either 139_176 layout (in any order)."""
        return layout_of(next(csv.reader([header]), [])) is not None

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the whole response (quarters must be paired into years) and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="ISTAT foreign trade (SDMX-CSV)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=True,
        )


def layout_of(columns: Sequence[str]) -> Layout | None:
    """Return the DSD layout whose dimensions `columns` hold, or None."""
    names = {name.strip() for name in columns}
    if not {"FREQ", "TIME_PERIOD", "OBS_VALUE"} <= names or not names & {
        "DATAFLOW",
        "STRUCTURE_ID",
    }:
        return None
    return next((lay for lay in (OLD_LAYOUT, NEW_LAYOUT) if set(lay) <= names), None)


# --- reading ----------------------------------------------------------------------------------


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    stats.bytes_read = data_path.stat().st_size
    skipped: Counter[str] = Counter()
    reader = _RowReader(path, options)
    rows: list[Row] = []
    for line, record in _records(path, data_path):
        stats.rows_read += 1
        row = reader.row(line, record)
        if isinstance(row, Skip):
            skipped[row.reason] += 1
        else:
            rows.append(row)
    rows = _sections_or_divisions(rows, skipped)
    rows = _fold_quarters(path, rows, skipped, stats)
    report_skips(stats, skipped)
    if rows:
        yield canonical_batch(sorted(rows, key=lambda row: row.line), options, path)


def _sections_or_divisions(rows: list[Row], skipped: Counter[str]) -> list[Row]:
    """Keep the section rows only when the file has no division (else they count twice)."""
    if not any(row.product.scheme == "CPA21" for row in rows):
        return rows
    kept = [row for row in rows if row.product.scheme != "CPA21_SECTION"]
    if len(kept) < len(rows):
        skipped[_SECTIONS_BESIDE] += len(rows) - len(kept)
    return kept


def _records(path: Path, data_path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield each data line's number and its fields by column name."""
    with data_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = csv.reader(handle)
        header = [name.strip() for name in next(lines)]
        start = 2
        for fields in lines:
            if len(fields) != len(header):
                raise SourceFormatError(
                    path,
                    f"{len(fields)} fields instead of {len(header)}",
                    line=start,
                    value=",".join(fields)[:120],
                    expected=f"{len(header)} comma-separated fields, as the header",
                )
            yield start, dict(zip(header, fields, strict=True))
            start = lines.line_num + 1


class _RowReader:
    """Turn one SDMX-CSV record into a `Row`, a `Skip`, or the error of its line."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.layout: Layout | None = None
        self.territories: dict[str, str | Skip] = {}
        self.scale = 6

    def fail(self, line: int, field: str, problem: str, value: str, expected: str) -> None:
        raise SourceFormatError(
            self.path, problem, line=line, field=field, value=value, expected=expected
        )

    def row(self, line: int, record: dict[str, str]) -> Row | Skip:
        layout = self.layout = self.layout or layout_of(list(record))
        assert layout is not None
        freq, period = record["FREQ"], record["TIME_PERIOD"]
        self._check_structure(line, record, freq, period)
        data_type = record[layout.data_type]
        if data_type not in FLOWS:
            if data_type in _NOT_FLOWS:
                return Skip(_NOT_FLOWS[data_type])
            expected = "one of " + ", ".join([*FLOWS, *_NOT_FLOWS])
            self.fail(line, layout.data_type, "invalid value", data_type, expected)
        flags = self._flags(line, record)
        year = int(period[:4])
        codes = self._codes(line, record, layout, year)
        if isinstance(codes, Skip):
            return codes
        reporter, (partner_code, partner_flag), stored = codes
        if record["OBS_VALUE"] == "":
            return Skip("empty OBS_VALUE (no figure published)")
        value = self._value(line, record["OBS_VALUE"])
        sub = int(period[-1]) if freq == "Q" else int(period[5:7]) if freq == "M" else None
        if partner_flag:
            flags.add(partner_flag)
        return Row(SOURCE, line, reporter, partner_code, FLOWS[data_type], year, sub, stored,
                   value, frozenset(flags), freq)  # fmt: skip

    def _check_structure(self, line: int, record: dict[str, str], freq: str, period: str) -> None:
        flow_id = record.get("DATAFLOW", record.get("STRUCTURE_ID", ""))
        matched = _DATAFLOW.fullmatch(flow_id)
        if matched is None:
            field = "DATAFLOW" if "DATAFLOW" in record else "STRUCTURE_ID"
            expected = "an ISTAT dataflow such as IT1:139_176(1.0)"
            self.fail(line, field, "not an ISTAT dataflow", flow_id, expected)
        assert matched is not None
        if freq not in _PERIODS:
            self.fail(line, "FREQ", "invalid value", freq, "one of A, Q, M")
        if not re.fullmatch(_PERIODS[freq], period):
            expected = "YYYY for FREQ A, YYYY-Qn for Q, YYYY-MM for M"
            self.fail(line, "TIME_PERIOD", f"invalid period for FREQ {freq}", period, expected)
        multiplier = record.get("UNIT_MULT", "")
        if matched.group(1) == "139_176":
            if multiplier not in ("", "6"):
                expected = "6 (millions, as the TIPO_DATO labels say) or empty"
                problem = "unit multiplier contradicts the millions of the labels"
                self.fail(line, "UNIT_MULT", problem, multiplier, expected)
            self.scale = 6
        elif multiplier not in ("", *_MULTIPLIERS):
            expected = "0 (euro), 3 (thousands), 6 (millions), 9 (billions) or empty (euro)"
            self.fail(line, "UNIT_MULT", "invalid unit multiplier", multiplier, expected)
        else:
            self.scale = int(multiplier or 0)
        unit = record.get("UNIT_MEAS", "")
        if unit and not unit.upper().startswith("EUR"):
            self.fail(line, "UNIT_MEAS", "not euro", unit, "EUR or empty (millions of euro)")

    def _flags(self, line: int, record: dict[str, str]) -> set[str]:
        flags: set[str] = set()
        confidentiality = record.get("CONF_STATUS", "")
        if confidentiality in _CONFIDENTIAL:
            flags.add("confidential")
        elif confidentiality not in ("", "F"):
            expected = "F, A, C, D, N, S or empty"
            self.fail(line, "CONF_STATUS", "invalid value", confidentiality, expected)
        status = record.get("OBS_STATUS", "")
        if status in _OBS_STATUS:
            flags.add(_OBS_STATUS[status])
        elif status and status not in _OBS_STATUS_PLAIN:
            expected = "an SDMX observation status (A, P, E, F, I, M, ...) or empty"
            self.fail(line, "OBS_STATUS", "invalid value", status, expected)
        return flags

    def _codes(
        self, line: int, record: dict[str, str], layout: Layout, year: int
    ) -> tuple[str, tuple[str, str | None], Product] | Skip:
        field = layout.territory
        try:
            code = record[field]
            if code not in self.territories:
                self.territories[code] = territory(code, self.options.resolve)
            reporter = self.territories[code]
            if isinstance(reporter, Skip):
                return reporter
            field = layout.partner
            code = record[field]
            mapped = partner(code, year)
            if isinstance(mapped, Skip):
                return mapped
            field = layout.product
            code = record[field]
            stored = product(code)
            if isinstance(stored, Skip):
                stored = section(code) or stored
        except InvalidCodeError as problem:
            raise SourceFormatError(
                self.path, problem.problem, line=line, field=field, value=code,
                expected=problem.expected,
            ) from None  # fmt: skip
        return stored if isinstance(stored, Skip) else (reporter, mapped, stored)

    def _value(self, line: int, text: str) -> float:
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", text):
            self.fail(line, "OBS_VALUE", "not a number", text, f"a number in {_UNITS[self.scale]}")
        if text.startswith("-"):
            self.fail(line, "OBS_VALUE", "negative value", text, "a value >= 0")
        return float(Decimal(text).scaleb(self.scale))  # exact: 4.1 million is 4100000.0


def _fold_quarters(
    path: Path, rows: list[Row], skipped: Counter[str], stats: ReadStats
) -> list[Row]:
    """Sum each series' four quarters of a year into an annual row; skip incomplete years."""
    kept = [row for row in rows if row.freq != "Q"]
    annual = {row.series_year for row in kept if row.freq == "A"}
    years: dict[tuple[str, str, str, str, int], dict[int, Row]] = {}
    for row in rows:
        if row.freq != "Q":
            continue
        quarters = years.setdefault(row.series_year, {})
        if row.month in quarters:
            first = quarters[row.month]
            raise DuplicateRowError(
                path,
                f"lines {first.line} and {row.line} give the same series and quarter twice",
                line=row.line,
                field="TIME_PERIOD",
                value=f"{row.year}-Q{row.month}",
                expected="one observation per series and period",
            )
        quarters[row.month or 0] = row
    summed = 0
    for key, quarters in years.items():
        if key in annual:
            reason = "quarters of a year the file also gives annually (the annual row is stored)"
            skipped[reason] += len(quarters)
        elif len(quarters) < 4:
            skipped[_INCOMPLETE_YEAR] += len(quarters)
        else:
            ordered = [quarters[number] for number in sorted(quarters)]
            flags = frozenset().union(*(row.flags for row in ordered))
            total = sum(row.value for row in ordered)
            year_row = dataclasses.replace(ordered[0], month=None, value=total, flags=flags)
            kept.append(dataclasses.replace(year_row, freq="A"))
            summed += 1
    if summed:
        stats.quarantine_notes.append(
            f"{summed * 4} quarterly rows summed into {summed} annual rows (four quarters each)"
        )
    return kept
