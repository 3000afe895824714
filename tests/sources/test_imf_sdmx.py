"""The IMF's IMTS SDMX-CSV reader on answers the tests write: codes, labels, units, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.errors import SourceFormatError
from bilateral.sources import FORMATS
from sources.files import stored_flows

HEADER = "DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT"


def write(path: Path, *lines: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_the_format_declares_its_traits() -> None:
    imf = next(f for f in FORMATS if f.name == "imf_sdmx")
    assert (imf.import_valuation, imf.complete_products) == ("CIF", True)


def test_codes_labels_months_and_skipped_indicators(tmp_path: Path) -> None:
    path = write(
        tmp_path / "imts.csv",
        "IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,ITA,A,2020,1234.5,3",
        "IMF.STA:IMTS(1.0.0),BEL: Belgium,MG_CIF_USD: Imports,ITA: Italy,M: Monthly,2020-03,7,6",
        "IMF.STA:IMTS(1.0.0),BEL,TBG_USD,ITA,A,2020,1,6",
        "IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,ITA,A,2021,,6",
        "IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,ITA,Q,2021-Q1,1,6",
    )
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    stored = {(r["flow"], r["year"], r["month"]): r["value"] for r in stored_flows(store.root)}
    assert stored == {("export", 2020, None): 1_234_500.0, ("import", 2020, 3): 7_000_000.0}
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (5, 2, 3)


@pytest.mark.parametrize(
    ("line", "field", "found"),
    [
        ("IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,ITA,A,2020,5,", "UNIT_MULT", ""),
        ("IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,X99: Belgum,A,2020,5,6", "COUNTERPART_COUNTRY",
         "X99: Belgum"),
        ("IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,ITA,A,20X0,5,6", "TIME_PERIOD", "20X0"),
        ("IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,ITA,A,2020,five,6", "OBS_VALUE", "five"),
        ("ESTAT:DS-045409(1.0),BEL,XG_FOB_USD,ITA,A,2020,5,6", "DATAFLOW", "ESTAT:DS-045409(1.0)"),
    ],
)  # fmt: skip
def test_bad_rows_name_file_line_and_field(
    tmp_path: Path, line: str, field: str, found: str
) -> None:
    path = write(tmp_path / "bad.csv", line)
    with pytest.raises(SourceFormatError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    error = raised.value
    assert (error.line, error.field, error.value) == (2, field, found)
    assert str(error).startswith(f"bad.csv, line 2, field {field}")


def test_an_unknown_area_names_the_closest(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv", "IMF.STA:IMTS(1.0.0),BEL,XG_FOB_USD,X99: Belgum,A,2020,5,6")
    with pytest.raises(SourceFormatError, match=r"closest: .*Belgium"):
        bilateral.open(tmp_path / "store").ingest(path)
