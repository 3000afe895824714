"""The tidy regional CSV layout: regions of any NUTS version, names in any language, checks.

Every file here is written by the test; the values are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.errors import SourceFormatError
from sources.files import stored_flows

HEADER = "reporter_region,partner,flow,year,month,sector_scheme,sector,value,currency"


def write(path: Path, *lines: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_rows_are_stored_in_the_canonical_schema(tmp_path: Path) -> None:
    path = write(
        tmp_path / "regional.csv",
        "ITD5,BE,export,2021,,CPA21,20,300,EUR",
        "IT-45,Belgio,import,2021,3,ATECO2007,21.2,150.5,EUR",
        "08,BEL,export,2021,,HS2,30,75,EUR",
        "Lombardia,DE,export,2021,,TOTAL,TOTAL,1000,EUR",
    )
    store = bilateral.open(tmp_path / "store")
    report = store.ingest(path)
    assert (report.status, report.rows_stored, report.source) == ("added", 4, "regional:tidy")
    rows = sorted(stored_flows(store.root), key=lambda r: (r["reporter"], r["value"]))
    picked = [
        (r["reporter"], r["partner"], r["flow"], r["month"], r["product"], r["product_scheme"],
         r["product_cpa"], r["value"])
        for r in rows
    ]  # fmt: skip
    assert picked == [
        ("ITC4", "DEU", "export", None, "TOTAL", "TOTAL", None, 1000.0),
        ("ITH5", "BEL", "export", None, "30", "HS2", None, 75.0),
        ("ITH5", "BEL", "import", 3, "212", "CPA21", "212", 150.5),
        ("ITH5", "BEL", "export", None, "20", "CPA21", "20", 300.0),
    ]


def test_annual_files_may_leave_the_month_column_out(tmp_path: Path) -> None:
    header = HEADER.replace(",month", "")
    path = write(tmp_path / "annual.csv", "ITH5,FR,export,2020,CPA21,28,10,EUR", header=header)
    store = bilateral.open(tmp_path / "store")
    assert store.ingest(path).rows_stored == 1
    assert stored_flows(store.root)[0]["month"] is None


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("ITH5,BE,exports,2021,,CPA21,20,1,EUR", "flow", "export, import"),
        ("ITH5,BE,export,21,,CPA21,20,1,EUR", "year", "a year such as 2021"),
        ("ITH5,BE,export,2021,13,CPA21,20,1,EUR", "month", "1-12"),
        ("ITH5,BE,export,2021,,NACE,20,1,EUR", "sector_scheme", "ATECO2007"),
        ("ITH5,BE,export,2021,,HS2,300,1,EUR", "sector", "2 digits"),
        ("ITH5,BE,export,2021,,CPA21,20,-5,EUR", "value", "a value >= 0"),
        ("ITH5,BE,export,2021,,CPA21,20,1,euro", "currency", "EUR"),
        ("ITALY,BE,export,2021,,CPA21,20,1,EUR", "reporter_region", "NUTS region id"),
        ("ITH5,Belgum,export,2021,,CPA21,20,1,EUR", "partner", "territory name or code"),
        ("ITH5,Congo,export,2021,,CPA21,20,1,EUR", "partner", "territory name or code"),
    ],
)
def test_bad_lines_name_line_field_and_valid_values(
    tmp_path: Path, line: str, field: str, expected: str
) -> None:
    path = write(tmp_path / "bad.csv", "ITH5,BE,export,2021,,CPA21,21,5,EUR", line)
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(SourceFormatError) as raised:
        store.ingest(path)
    error = raised.value
    assert (error.line, error.field) == (3, field)
    assert expected in str(error)
    assert stored_flows(store.root) == []


def test_a_country_is_not_a_region(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv", "IT,BE,export,2021,,CPA21,20,1,EUR")
    with pytest.raises(SourceFormatError, match=r"Italy \(ITA\) is not a region"):
        bilateral.open(tmp_path / "store").ingest(path)


def test_learnt_cn_cpa_links_come_only_from_comext_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "regional.csv", "ITH5,BE,export,2021,,CPA21,20,300,EUR")
    store = bilateral.open(tmp_path / "store")
    store.ingest(path)
    assert store.cn_cpa_links(2021).links == ()


def test_two_levels_for_one_key_would_count_twice(tmp_path: Path) -> None:
    path = write(
        tmp_path / "levels.csv",
        "ITH5,BE,export,2021,,CPA21,20,300,EUR",
        "ITH5,DE,export,2021,,CPA21,201,100,EUR",  # another partner: fine
        "ITH5,BE,export,2021,,CPA21,20.1,100,EUR",
    )
    with pytest.raises(SourceFormatError) as raised:
        bilateral.open(tmp_path / "store").ingest(path)
    assert (raised.value.line, raised.value.field) == (4, "sector")
    assert "counted twice" in str(raised.value)
