"""A corpus of malformed files: each fails with its own error, names its line, changes nothing.

The files are written here as text in the real Comext layouts (full_v2 bulk and DS-045409
SDMX-CSV). A failed ingest must leave the store exactly as it was; the handlings that are not
errors (verbatim duplicates, `NA` = Namibia, year-dependent codes, ...) are asserted after them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import py7zr
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.errors import (
    ArchiveError,
    DuplicateRowError,
    EncodingError,
    SourceFormatError,
    UnknownFormatError,
)

SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
BULK_SAMPLE = SHARED_DATA / "eurostat_comext" / "comext_full_v2_sample_AT-AD_202402_13rows.csv"
SDMX_EXTRACT = (
    SHARED_DATA
    / "eurostat_comext"
    / ("DS-045409_sdmx-csv_41xCN8_reporters_IT_BE_WORLD_2023-2025.csv")
)

HEADER = (
    "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,"
    "PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,"
    "VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT"
)
COLUMNS = HEADER.split(",")
# Three real rows of full_v2 202402 (Austria -> Andorra exports).
ROW_1 = "AT,AD,E,35069190,59229,2052,2059,220,311210,06,2,1,NO_SU,202402,65,65,3,0"
ROW_2 = "AT,AD,E,38089490,59140,2020,2020,630,313101,06,2,1,NO_SU,202402,2700,2700,136,0"
ROW_3 = "AT,AD,E,38249996,59899,2059,2059,220,211220,06,2,1,NO_SU,202402,156,156,6,0"
SEED_ROWS = 3

SDMX_HEADER = (
    "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE"
)
SDMX_VALUE = (
    "ESTAT:DS-045409(1.0),13/02/26 11:00:00,M,BE,WORLD,32121000,1,VALUE_IN_EUROS,2023-01,1000.0"
)
SDMX_QUANTITY = (
    "ESTAT:DS-045409(1.0),13/02/26 11:00:00,M,BE,WORLD,32121000,1,QUANTITY_IN_100KG,2023-01,562.09"
)

ANY_FIELD = object()  # the error's `field` is not asserted


def row(base: str, **changes: str) -> str:
    """Return `base` (a full_v2 line) with some of its fields replaced."""
    fields = dict(zip(COLUMNS, base.split(","), strict=True))
    for name, value in changes.items():
        assert name in fields, name
        fields[name] = value
    return ",".join(fields.values())


def sdmx_row(base: str, **changes: str) -> str:
    """Return `base` (an SDMX-CSV line) with some fields replaced (LAST_UPDATE: `LAST UPDATE`)."""
    fields = dict(zip(SDMX_HEADER.split(","), base.split(","), strict=True))
    for name, value in changes.items():
        column = "LAST UPDATE" if name == "LAST_UPDATE" else name
        assert column in fields, name
        fields[column] = value
    return ",".join(fields.values())


def text(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def seven_zip(folder: Path, members: dict[str, bytes]) -> Path:
    """Write a .7z holding `members` (name -> content)."""
    archive = folder / "full_v2_202402.7z"
    with py7zr.SevenZipFile(archive, "w") as out:
        for name, data in members.items():
            out.writestr(data, name)
    return archive


def truncated_7z(folder: Path) -> Path:
    good = seven_zip(folder, {"full_202402.dat": text(ROW_1, ROW_2, ROW_3)})
    data = good.read_bytes()
    cut = folder / "full_v2_202402_cut.7z"
    cut.write_bytes(data[: len(data) * 2 // 3])
    return cut


def corrupt_7z(folder: Path) -> Path:
    good = seven_zip(folder, {"full_202402.dat": text(ROW_1, ROW_2, ROW_3)})
    data = bytearray(good.read_bytes())
    data[40] ^= 0xFF  # inside the packed stream, after the 32-byte signature header
    bad = folder / "full_v2_202402_corrupt.7z"
    bad.write_bytes(bytes(data))
    return bad


@dataclass(frozen=True)
class Malformed:
    """A malformed file and the error it must raise."""

    name: str
    build: Callable[[Path], Path]
    error: type[SourceFormatError]
    line: int | None
    field: object = None


def plain(data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "malformed.csv"
        path.write_bytes(data)
        return path

    return build


CASES = [
    # -- not a known format, or not text ---------------------------------------------------
    Malformed("wrong-header", plain(text(ROW_1, header=HEADER.replace("PRODUCT_NC", "PRODUCT_CN"))),
              UnknownFormatError, 1),
    Malformed("semicolon-header",
              plain(text(ROW_1.replace(",", ";"), header=HEADER.replace(",", ";"))),
              UnknownFormatError, 1),
    Malformed("empty-file", plain(b""), SourceFormatError, 1),
    Malformed("header-only", plain(text()), SourceFormatError, 2),
    Malformed("header-only-no-line-end", plain(HEADER.encode()), SourceFormatError, 2),
    Malformed("utf-16", plain(text(ROW_1, ROW_2).decode().encode("utf-16")), EncodingError, 1),
    Malformed("utf-16-without-bom", plain(text(ROW_1).decode().encode("utf-16-le")),
              EncodingError, 1),
    Malformed("latin-1-byte-in-partner",
              plain(text(ROW_1, ROW_2).replace(b"AT,AD,E,3808", b"AT,A\xc9,E,3808")),
              EncodingError, 3),
    Malformed("latin-1-byte-in-suppl-unit",
              plain(text(ROW_1, ROW_2, ROW_3).replace(b"06,2,1,NO_SU,202402,156",
                                                      b"06,2,1,NO_S\xc9,202402,156")),
              EncodingError, 4),
    # -- the CSV structure --------------------------------------------------------------------
    Malformed("blank-line-in-the-middle", plain(text(ROW_1, "", ROW_2)), SourceFormatError, 3),
    Malformed("19-fields-on-line-4", plain(text(ROW_1, ROW_2, ROW_3 + ",0")), SourceFormatError, 4),
    Malformed("17-fields-on-line-3", plain(text(ROW_1, ROW_2.rsplit(",", 1)[0], ROW_3)),
              SourceFormatError, 3),
    # -- field values -------------------------------------------------------------------------
    Malformed("value-not-a-number", plain(text(ROW_1, row(ROW_2, VALUE_EUR="12a"), ROW_3)),
              SourceFormatError, 3, "VALUE_EUR"),
    Malformed("value-negative", plain(text(ROW_1, ROW_2, row(ROW_3, VALUE_EUR="-5"))),
              SourceFormatError, 4, "VALUE_EUR"),
    Malformed("value-missing", plain(text(row(ROW_1, VALUE_EUR=""), ROW_2)),
              SourceFormatError, 2, "VALUE_EUR"),
    Malformed("value-infinite", plain(text(ROW_1, row(ROW_2, VALUE_EUR="inf"))),
              SourceFormatError, 3, "VALUE_EUR"),
    Malformed("quantity-not-a-number", plain(text(ROW_1, ROW_2, row(ROW_3, QUANTITY_KG="1.5.2"))),
              SourceFormatError, 4, "QUANTITY_KG"),
    Malformed("unknown-partner", plain(text(ROW_1, row(ROW_2, PARTNER="ZQ"), ROW_3)),
              SourceFormatError, 3, "PARTNER"),
    Malformed("unknown-reporter", plain(text(ROW_1, ROW_2, row(ROW_3, REPORTER="A1"))),
              SourceFormatError, 4, "REPORTER"),
    Malformed("partner-outside-its-years",  # XI (Northern Ireland) exists from 2021
              plain(text(row(ROW_1, PERIOD="201902"), row(ROW_2, PERIOD="201902", PARTNER="XI"))),
              SourceFormatError, 3, "PARTNER"),
    Malformed("period-month-13", plain(text(ROW_1, row(ROW_2, PERIOD="202413"))),
              SourceFormatError, 3, "PERIOD"),
    Malformed("period-year-only", plain(text(ROW_1, ROW_2, row(ROW_3, PERIOD="2024"))),
              SourceFormatError, 4, "PERIOD"),
    Malformed("flow-3", plain(text(ROW_1, row(ROW_2, FLOW="3"), row(ROW_3, FLOW="3"))),
              SourceFormatError, 3, "FLOW"),
    Malformed("trade-type-x", plain(text(ROW_1, ROW_2, row(ROW_3, TRADE_TYPE="X"))),
              SourceFormatError, 4, "TRADE_TYPE"),
    Malformed("stat-procedure-4", plain(text(row(ROW_1, STAT_PROCEDURE="4"), ROW_2)),
              SourceFormatError, 2, "STAT_PROCEDURE"),
    Malformed("product-abc", plain(text(ROW_1, row(ROW_2, PRODUCT_NC="ABC"), ROW_3)),
              SourceFormatError, 3, "PRODUCT_NC"),
    Malformed("product-7-digits", plain(text(ROW_1, ROW_2, row(ROW_3, PRODUCT_NC="3824999"))),
              SourceFormatError, 4, "PRODUCT_NC"),
    Malformed("cpa-with-dot", plain(text(ROW_1, row(ROW_2, PRODUCT_CPA21="20.20"))),
              SourceFormatError, 3, "PRODUCT_CPA21"),
    Malformed("first-bad-line-is-named",
              plain(text(ROW_1, row(ROW_2, PERIOD="202400"), row(ROW_3, PERIOD="202413"))),
              SourceFormatError, 3, "PERIOD"),
    # -- duplicates ---------------------------------------------------------------------------
    Malformed("conflicting-duplicate", plain(text(ROW_1, ROW_2, row(ROW_1, VALUE_EUR="66"), ROW_3)),
              DuplicateRowError, 4, ANY_FIELD),
    # -- archives -----------------------------------------------------------------------------
    Malformed("truncated-7z", truncated_7z, ArchiveError, None),
    Malformed("corrupt-7z", corrupt_7z, ArchiveError, None),
    Malformed("7z-with-two-data-files",
              lambda folder: seven_zip(folder, {"full_202402.dat": text(ROW_1),
                                                "full_202403.dat": text(ROW_2)}),
              ArchiveError, None),
    Malformed("7z-holding-a-malformed-file",
              lambda folder: seven_zip(folder, {"full_202402.dat": text(row(ROW_1, FLOW="3"))}),
              SourceFormatError, 2, "FLOW"),
    # -- SDMX-CSV -----------------------------------------------------------------------------
    Malformed("sdmx-unknown-indicator",
              plain(text(SDMX_VALUE, sdmx_row(SDMX_QUANTITY, indicators="QUANTITY_IN_TONNES"),
                         header=SDMX_HEADER)),
              SourceFormatError, 3, "indicators"),
    Malformed("sdmx-time-period-month-13",
              plain(text(SDMX_VALUE, sdmx_row(SDMX_VALUE, TIME_PERIOD="2023-13"),
                         header=SDMX_HEADER)),
              SourceFormatError, 3, "TIME_PERIOD"),
    Malformed("sdmx-time-period-not-of-its-freq",
              plain(text(sdmx_row(SDMX_VALUE, freq="A"), header=SDMX_HEADER)),
              SourceFormatError, 2, "TIME_PERIOD"),
    Malformed("sdmx-bad-last-update",
              plain(text(SDMX_VALUE, sdmx_row(SDMX_QUANTITY, LAST_UPDATE="2026-02-13 11:00"),
                         header=SDMX_HEADER)),
              SourceFormatError, 3, "LAST UPDATE"),
    Malformed("sdmx-negative-value",
              plain(text(SDMX_QUANTITY, sdmx_row(SDMX_VALUE, OBS_VALUE="-1000.0"),
                         header=SDMX_HEADER)),
              SourceFormatError, 3, "OBS_VALUE"),
    Malformed("sdmx-unknown-partner",
              plain(text(sdmx_row(SDMX_VALUE, partner="ZQ"), header=SDMX_HEADER)),
              SourceFormatError, 2, "partner"),
    Malformed("sdmx-11-fields", plain(text(SDMX_VALUE, SDMX_QUANTITY + ",x", header=SDMX_HEADER)),
              SourceFormatError, 3),
    Malformed("sdmx-conflicting-duplicate",
              plain(text(SDMX_VALUE, SDMX_QUANTITY, sdmx_row(SDMX_VALUE, OBS_VALUE="1001.0"),
                         header=SDMX_HEADER)),
              DuplicateRowError, 4, ANY_FIELD),
]  # fmt: skip


def store_state(root: Path) -> dict[str, Any]:
    """Return what a failed ingest must not change."""
    flows = DeltaTable(str(root / "flows"))
    staging = root / "_staging"
    return {
        "flows_version": flows.version(),
        "flows_rows": flows.to_pyarrow_table().num_rows,
        "rollup_totals_version": DeltaTable(str(root / "rollup_totals")).version(),
        "rollup_products_version": DeltaTable(str(root / "rollup_products")).version(),
        "ingest_log_rows": DeltaTable(str(root / "ingest_log")).to_pyarrow_table().num_rows,
        "staging_files": sorted(str(p) for p in staging.rglob("*") if p.is_file())
        if staging.exists() else [],
    }  # fmt: skip


def stored_flows(root: Path) -> list[dict[str, Any]]:
    return DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a store holding one valid file of the same period as the malformed ones."""
    folder = tmp_path_factory.mktemp("seed")
    valid = folder / "full_202402.dat"
    valid.write_bytes(text(ROW_1, ROW_2, ROW_3))
    root = folder / "store"
    report = bilateral.open(root).ingest(valid)
    assert (report.rows_stored, report.flows_version) == (SEED_ROWS, 1)
    return root


@pytest.fixture
def store_root(seed_store: Path, tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(seed_store, root)
    return root


def test_header_is_the_published_one() -> None:
    if not BULK_SAMPLE.is_file():
        pytest.fail(f"missing shared data file {BULK_SAMPLE}")
    with BULK_SAMPLE.open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\r\n") == HEADER
        assert handle.readline().rstrip("\r\n") == ROW_1
        assert handle.readline().rstrip("\r\n") == ROW_2
        assert handle.readline().rstrip("\r\n") == ROW_3
    if not SDMX_EXTRACT.is_file():
        pytest.fail(f"missing shared data file {SDMX_EXTRACT}")
    with SDMX_EXTRACT.open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\r\n") == SDMX_HEADER


def test_corpus_is_large_and_distinct() -> None:
    assert len(CASES) >= 15
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_file_fails_and_changes_nothing(
    case: Malformed, store_root: Path, tmp_path: Path
) -> None:
    files = tmp_path / "files"
    files.mkdir()
    path = case.build(files)
    store = bilateral.open(store_root)
    before = store_state(store_root)
    try:
        store.ingest(path)
    except Exception as exc:  # the class is asserted below, to show what was raised
        error: Exception = exc
    else:
        pytest.fail(f"{case.name}: the ingest succeeded; expected {case.error.__name__}")
    assert store_state(store_root) == before
    assert type(error) is case.error, f"{type(error).__name__}: {error}"
    assert isinstance(error, SourceFormatError)
    assert error.line == case.line, str(error)
    if case.field is not ANY_FIELD:
        assert error.field == case.field, str(error)
    assert error.path == path
    assert path.name in str(error)
    if case.line is not None:
        assert f"line {case.line}" in str(error)
    assert {row["value"] for row in stored_flows(store_root)} == {65.0, 2700.0, 156.0}


def test_conflicting_duplicate_names_both_lines(store_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_bytes(text(ROW_1, ROW_2, ROW_3, row(ROW_2, VALUE_EUR="2701")))
    with pytest.raises(DuplicateRowError) as caught:
        bilateral.open(store_root).ingest(path)
    assert caught.value.line == 5
    assert re.search(r"\b3\b", str(caught.value)) and re.search(r"\b5\b", str(caught.value))


def test_missing_file_fails(store_root: Path, tmp_path: Path) -> None:
    before = store_state(store_root)
    with pytest.raises(SourceFormatError):
        bilateral.open(store_root).ingest(tmp_path / "nowhere.csv")
    assert store_state(store_root) == before


def test_header_with_spaces_is_read_or_rejected_cleanly(store_root: Path, tmp_path: Path) -> None:
    """The detector accepts `REPORTER, PARTNER, ...`; the reader must then read it or say why."""
    path = tmp_path / "spaced.csv"
    path.write_bytes(text(ROW_1, header=HEADER.replace(",", ", ")))
    before = store_state(store_root)
    try:
        report = bilateral.open(store_root).ingest(path)
    except SourceFormatError as error:
        assert error.line == 1
        assert store_state(store_root) == before
    else:
        assert report.rows_stored == 1


# -- handlings that are not errors --------------------------------------------------------------


def ingest_text(tmp_path: Path, data: bytes) -> tuple[Any, list[dict[str, Any]]]:
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    root = tmp_path / "store"
    report = bilateral.open(root).ingest(path)
    return report, stored_flows(root)


def test_verbatim_duplicate_lines_are_stored_once(tmp_path: Path) -> None:
    report, flows = ingest_text(tmp_path, text(ROW_1, ROW_2, ROW_1, ROW_3, ROW_1))
    assert (report.rows_read, report.rows_stored, report.rows_quarantined) == (5, 3, 2)
    assert len(report.notes) == 1 and re.search(r"\b2\b", report.notes[0])
    assert sorted(row["value"] for row in flows) == [65.0, 156.0, 2700.0]
    [entry] = DeltaTable(str(tmp_path / "store" / "ingest_log")).to_pyarrow_table().to_pylist()
    assert entry["rows_quarantined"] == 2 and entry["quarantine_notes"]


def test_verbatim_duplicate_sdmx_lines_are_stored_once(tmp_path: Path) -> None:
    data = text(SDMX_VALUE, SDMX_QUANTITY, SDMX_VALUE, header=SDMX_HEADER)
    report, flows = ingest_text(tmp_path, data)
    assert (report.rows_stored, report.rows_quarantined) == (1, 1)
    assert len(report.notes) == 1
    [stored] = flows
    assert (stored["value"], stored["quantity_kg"]) == (1000.0, pytest.approx(56209.0))


def test_na_partner_is_namibia(tmp_path: Path) -> None:
    _, flows = ingest_text(tmp_path, text(row(ROW_1, PARTNER="NA"), ROW_2))
    # A full_v2 file names no release: every row's vintage is the file's date (`file_dated`).
    assert sorted((row["partner"], row["flags"]) for row in flows) == [
        ("AND", "file_dated"),
        ("NAM", "file_dated"),
    ]


def test_na_partner_in_sdmx_is_namibia(tmp_path: Path) -> None:
    _, flows = ingest_text(tmp_path, text(sdmx_row(SDMX_VALUE, partner="NA"), header=SDMX_HEADER))
    assert [row["partner"] for row in flows] == ["NAM"]


def test_product_keeps_its_leading_zero(tmp_path: Path) -> None:
    line = row(ROW_1, PRODUCT_NC="01012100", PRODUCT_SITC="00150", PRODUCT_CPA21="0143",
               PRODUCT_SECTION="01")  # fmt: skip
    _, flows = ingest_text(tmp_path, text(line))
    assert [(row["product"], row["product_cpa"]) for row in flows] == [("01012100", "0143")]


def test_mixed_periods_are_all_stored(tmp_path: Path) -> None:
    report, flows = ingest_text(tmp_path, text(ROW_1, row(ROW_2, PERIOD="202403"), ROW_3))
    assert report.periods == "2024-02, 2024-03"
    assert sorted((row["month"], row["value"]) for row in flows) == [
        (2, 65.0),
        (2, 156.0),
        (3, 2700.0),
    ]


def test_empty_quantity_is_null(tmp_path: Path) -> None:
    _, flows = ingest_text(tmp_path, text(row(ROW_1, QUANTITY_KG=""), ROW_2))
    assert sorted((row["value"], row["quantity_kg"]) for row in flows) == [
        (65.0, None),
        (2700.0, 136.0),
    ]
    rollup = DeltaTable(str(tmp_path / "store" / "rollup_totals")).to_pyarrow_table().to_pylist()
    assert [(r["value"], r["quantity_kg"]) for r in rollup] == [(2765.0, 136.0)]


def test_gr_is_greece(tmp_path: Path) -> None:
    _, flows = ingest_text(tmp_path, text(row(ROW_1, PARTNER="GR"), row(ROW_2, REPORTER="GR")))
    assert sorted((row["reporter"], row["partner"]) for row in flows) == [
        ("AUT", "GRC"),
        ("GRC", "AND"),
    ]


def test_be_is_belgium_luxembourg_until_1998(tmp_path: Path) -> None:
    lines = (row(ROW_1, PARTNER="BE", PERIOD="199812"), row(ROW_2, PARTNER="BE", PERIOD="199901"))
    _, flows = ingest_text(tmp_path, text(*lines))
    assert sorted((row["year"], row["partner"]) for row in flows) == [(1998, "BLX"), (1999, "BEL")]


def test_qz_partner_is_flagged_confidential(tmp_path: Path) -> None:
    _, flows = ingest_text(tmp_path, text(row(ROW_1, PARTNER="QZ"), ROW_2))
    assert sorted((row["partner"], row["flags"]) for row in flows) == [
        ("AND", "file_dated"),
        ("QZ", "confidential_partner,file_dated"),
    ]


def test_crlf_line_ends_and_utf8_bom_are_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + text(ROW_1, ROW_2).replace(b"\n", b"\r\n")
    report, flows = ingest_text(tmp_path, data)
    assert report.rows_stored == 2
    assert sorted(row["value"] for row in flows) == [65.0, 2700.0]
    assert {row["reporter"] for row in flows} == {"AUT"}
