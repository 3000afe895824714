"""IMF International Trade in Goods by partner (IMTS, formerly DOTS): SDMX-CSV of its service.

Columns are found by name: `DATAFLOW` (SDMX-CSV 1.0) or `STRUCTURE_ID` (2.0), the dimensions
`COUNTRY` (reporter), `INDICATOR`, `COUNTERPART_COUNTRY` (partner), `FREQUENCY` (or `FREQ`),
`TIME_PERIOD`, `OBS_VALUE`, and the power of ten of the values in `UNIT_MULT` or `SCALE`.
Dimension cells are codes, or "code: label" when the answer was asked with labels.

Decisions (every row is stored, or counted and skipped with its reason):
- `XG_FOB_USD` is the flow export (FOB), `MG_CIF_USD` import (CIF); other indicators (imports
  FOB, the balance) are skipped and counted. Values are US dollars times 10^UNIT_MULT; a row
  without a multiplier fails (the service states one for every series).
- Reporter and partner: an ISO 3166 alpha-3 code is the territory; other codes (the IMF's
  groups and "not specified" areas) are read by their label with the IMF names of `imf_names`
  (`World`, `European Union`, `Countries & Areas not specified`); an IMF aggregate with no group
  in the store is skipped and counted; an unknown code fails naming it.
- Frequency `A` rows are years, `M` months (`YYYY-MM`); `Q` rows are skipped (the store has no
  quarters). An empty `OBS_VALUE` is missing, never zero: skipped and counted.
- Vintage: the caller's (the answer's date), else the file's date.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

import pyarrow as pa

from bilateral.errors import BilateralError, SourceFormatError
from bilateral.reference import Territory
from bilateral.schema import ImportValuation, PartnerCoverage, ProductDetail
from bilateral.sources.base import LINE_COLUMN, ReadOptions, ReadStats, SourceRead
from bilateral.sources.imf_dots import SOURCE, canonical_rows
from bilateral.sources.imf_names import Aggregate, UnknownImfNameError, imf_partner
from bilateral.sources.istat_codes import join_row_flags, report_skips

INDICATORS: Final = {"XG_FOB_USD": "export", "MG_CIF_USD": "import"}
DIMENSIONS: Final = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "TIME_PERIOD", "OBS_VALUE")
HEADER: Final = (
    "DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT"
)
_PERIODS: Final = {"A": r"[0-9]{4}", "M": r"[0-9]{4}-(0[1-9]|1[0-2])", "Q": r"[0-9]{4}-Q[1-4]"}
_ISO3: Final = re.compile(r"[A-Z]{3}")


class ImfSdmx:
    """SDMX-CSV answers of the IMF's IMTS dataflow: a reporter's trade by partner, USD."""

    name = "imf_sdmx"
    header = HEADER
    description = "IMF IMTS SDMX-CSV (COUNTRY, INDICATOR, COUNTERPART_COUNTRY, TIME_PERIOD)"
    complete_products = True  # every row is a published total (all goods)
    source: str = SOURCE
    product_detail: ProductDetail = "total"
    import_valuation: ImportValuation = "CIF"  # imports MG_CIF_USD
    partner_coverage: PartnerCoverage = "checked_against_world"

    def matches(self, header: str) -> bool:
        """Say whether `header` has the IMTS dimensions and an SDMX-CSV structure column."""
        names = {name.strip() for name in next(csv.reader([header]), [])}
        return set(DIMENSIONS) <= names and bool(names & {"DATAFLOW", "STRUCTURE_ID"})

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read the answer (one reporter's few series) and yield one batch."""
        stats = ReadStats()
        return SourceRead(
            source=SOURCE,
            dataset="IMF International Trade in Goods by partner (IMTS, SDMX-CSV)",
            path=path,
            batches=_batches(path, data_path, options, stats),
            stats=stats,
            replace_scope="key",
            complete_products=True,
        )


def _batches(
    path: Path, data_path: Path, options: ReadOptions, stats: ReadStats
) -> Iterator[pa.RecordBatch]:
    stats.bytes_read = data_path.stat().st_size
    names = ("reporter", "partner", "flow", "year", "month", "value", "flags", LINE_COLUMN)
    columns: dict[str, list[object]] = {name: [] for name in names}
    skipped: Counter[str] = Counter()
    reader = _Rows(path, options.resolve)
    with data_path.open(encoding="utf-8-sig", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            stats.rows_read += 1
            row = reader.row(line, record)
            if isinstance(row, str):
                skipped[row] += 1
                continue
            *figure, flag = row
            flags = join_row_flags({flag} - {""}, options)
            for name, value in zip(names, (*figure, flags, line), strict=True):
                columns[name].append(value)
    report_skips(stats, skipped)
    if columns["partner"]:
        yield canonical_rows(columns, options, path)


Figure = tuple[str, str, str, int, int | None, float, str]


class _Rows:
    """Turn one SDMX-CSV record into a figure, the reason it is skipped, or an error."""

    def __init__(self, path: Path, resolve: Callable[[str], Territory]) -> None:
        self.path = path
        self.resolve = resolve
        self.codes: dict[str, tuple[str, str] | str] = {}

    def fail(self, line: int, field: str, problem: str, value: str, expected: str) -> None:
        raise SourceFormatError(
            self.path, problem, line=line, field=field, value=value, expected=expected
        )

    def row(self, line: int, record: dict[str, str]) -> Figure | str:
        flow_id = record.get("DATAFLOW") or record.get("STRUCTURE_ID") or ""
        if not re.fullmatch(r"IMF[A-Z.]*[:,](IMTS|DOT)\b.*", flow_id):
            field = "DATAFLOW" if "DATAFLOW" in record else "STRUCTURE_ID"
            self.fail(line, field, "not the IMF's IMTS dataflow", flow_id, "IMF.STA:IMTS(1.0.0)")
        indicator = _code(record["INDICATOR"])
        if indicator not in INDICATORS:
            return f"indicator {indicator}: not exports FOB or imports CIF in US dollars"
        frequency = _code(record.get("FREQUENCY") or record.get("FREQ") or "A")
        period = record["TIME_PERIOD"].strip()
        if frequency not in _PERIODS or not re.fullmatch(_PERIODS[frequency], period):
            expected = "YYYY for frequency A, YYYY-MM for M, YYYY-Qn for Q"
            self.fail(line, "TIME_PERIOD", f"invalid period for frequency {frequency}", period,
                      expected)  # fmt: skip
        if frequency == "Q":
            return "quarterly rows (the store has no quarters)"
        reporter = self._territory(line, "COUNTRY", record["COUNTRY"])
        partner = self._territory(line, "COUNTERPART_COUNTRY", record["COUNTERPART_COUNTRY"])
        for code in (reporter, partner):
            if isinstance(code, str):
                return code
        assert not isinstance(reporter, str) and not isinstance(partner, str)
        if not record["OBS_VALUE"].strip():
            return "empty OBS_VALUE: no figure published (missing, never zero)"
        value = self._value(line, record)
        month = int(period[5:7]) if frequency == "M" else None
        return (reporter[0], partner[0], INDICATORS[indicator], int(period[:4]), month, value,
                partner[1])  # fmt: skip

    def _territory(self, line: int, field: str, cell: str) -> tuple[str, str] | str:
        """Return the code and flag of a territory cell, or why its rows are skipped."""
        if cell not in self.codes:
            self.codes[cell] = self._lookup(line, field, cell)
        return self.codes[cell]

    def _lookup(self, line: int, field: str, cell: str) -> tuple[str, str] | str:
        code, _, label = (part.strip() for part in cell.partition(":"))
        if _ISO3.fullmatch(code):
            try:
                found = self.resolve(code)
                if found.kind in ("country", "former_country"):
                    return found.code, ""
            except BilateralError:
                pass
        try:
            mapped = imf_partner(label or code, self.resolve)
        except UnknownImfNameError as error:
            expected = "an ISO alpha-3 code or an IMF area named in the answer's labels"
            self.fail(line, field, str(error), cell, expected)
            raise
        if isinstance(mapped, Aggregate):
            return f"partner {mapped.name!r}: an IMF aggregate with no group in the store"
        return mapped.code, mapped.flag or ""

    def _value(self, line: int, record: dict[str, str]) -> float:
        multiplier = (record.get("UNIT_MULT") or record.get("SCALE") or "").strip()
        multiplier = _code(multiplier)
        if not re.fullmatch(r"-?[0-9]{1,2}", multiplier):
            field = "UNIT_MULT" if "UNIT_MULT" in record else "SCALE"
            self.fail(line, field, "no unit multiplier", multiplier,
                      "the power of ten of the values (0 dollars, 6 millions)")  # fmt: skip
        text = record["OBS_VALUE"].strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value < 0:
            self.fail(line, "OBS_VALUE", "not a number >= 0", text, "a number of US dollars")
        return float(value.scaleb(int(multiplier)))


def _code(cell: str) -> str:
    """Return the code of a cell that may read "code: label"."""
    return cell.partition(":")[0].strip()
