"""Tests for bilateral.synthetic: synthetic files in the real Comext full_v2 layout."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from bilateral import synthetic
from bilateral.errors import InvalidArgumentError
from bilateral.synthetic.catalogue import product_catalogue
from bilateral.synthetic.keys import BENCH_PRODUCTS, key_space, permute
from bilateral.synthetic.order import published_order

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SAMPLE = SHARED_DATA / "eurostat_comext" / "comext_full_v2_sample_AT-AD_202402_13rows.csv"
GEONOM_LIST = SHARED_DATA / "geo_codes" / "eurostat_comext_GEONOM_partner_codes.csv"

EU27 = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})  # fmt: skip
EURO_AREA_2024 = EU27 - {"BG", "CZ", "DK", "HU", "PL", "RO", "SE"}
KEY = ("REPORTER", "PARTNER", "TRADE_TYPE", "PRODUCT_NC", "FLOW", "STAT_PROCEDURE", "PERIOD")
PRODUCT_COLUMNS = (
    "PRODUCT_SITC", "PRODUCT_CPA21", "PRODUCT_CPA22", "PRODUCT_BEC", "PRODUCT_BEC5",
    "PRODUCT_SECTION",
)  # fmt: skip
# First chapter of each HS section 01..21 (the data dictionary's section list).
SECTION_STARTS = (1, 6, 15, 16, 25, 28, 39, 41, 44, 47, 50, 64, 68, 71, 72, 84, 86, 90, 93, 94, 97)
PRODUCT_PATTERNS = ("PRODUCT_NC", "PRODUCT_SITC", "PRODUCT_CPA21", "PRODUCT_CPA22",
                    "PRODUCT_BEC", "PRODUCT_BEC5")  # fmt: skip
REGULAR = re.compile(r"[0-9]{8},[0-9]{5},[0-9]{4},[0-9]{4},[0-9]{3},[0-9]{6}")
CONFIDENTIAL = re.compile(r"([0-9]{2})X{6},[0-9]{3}XX,XXXX,XXXX,[0-9]{3},[0-9]{2}XXXX")
PARTNER = re.compile(r"[A-Z]{2}")
INTEGER = re.compile(r"0|[1-9][0-9]*")

Rows = list[dict[str, str]]

needs_shared_data = pytest.mark.skipif(
    not SAMPLE.exists(), reason="the real Comext sample in ../shared/data is not available"
)


def read_file(path: Path, encoding: str = "ascii") -> tuple[list[str], Rows]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def section_of(chapter: str) -> str:
    number = sum(1 for start in SECTION_STARTS if int(chapter) >= start)
    return f"{number:02d}"


def expected_trade_type(partner: str, year: int) -> str:
    intra = EU27 | {"QV"} | ({"GB"} if year <= 2020 else set())
    return "I" if partner in intra else "E"


def check_row(row: dict[str, str], period: str) -> None:
    """Assert that one row follows the full_v2 rules."""
    year = int(period[:4])
    assert row["REPORTER"] in EU27
    assert PARTNER.fullmatch(row["PARTNER"]) and row["PARTNER"] != row["REPORTER"]
    assert row["TRADE_TYPE"] == expected_trade_type(row["PARTNER"], year)
    product = ",".join(row[column] for column in PRODUCT_PATTERNS)
    assert (CONFIDENTIAL if "X" in product[:8] else REGULAR).fullmatch(product), row
    assert row["PRODUCT_SECTION"] == section_of(row["PRODUCT_NC"][:2])
    assert row["FLOW"] in {"1", "2"}
    assert row["STAT_PROCEDURE"] in {"1", "2", "3", "9"}
    assert (row["SUPPL_UNIT"], row["QUANTITY_SUPPL_UNIT"]) == ("NO_SU", "0")
    assert row["PERIOD"] == period
    for column in ("VALUE_EUR", "VALUE_NAC", "QUANTITY_KG"):
        assert INTEGER.fullmatch(row[column]), (column, row)
    if row["REPORTER"] in EURO_AREA_2024 - ({"HR"} if year < 2023 else set()):
        assert row["VALUE_NAC"] == row["VALUE_EUR"]


def check_file(rows: Rows, period: str) -> None:
    """Assert the row rules, unique keys, and one set of attributes per CN8 code."""
    for row in rows:
        check_row(row, period)
    keys = Counter(tuple(row[column] for column in KEY) for row in rows)
    assert keys.most_common(1)[0][1] == 1
    attributes: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in rows:
        attributes[row["PRODUCT_NC"]].add(tuple(row[column] for column in PRODUCT_COLUMNS))
    assert all(len(found) == 1 for found in attributes.values())


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthetic.write_demo_files(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_rows(demo_files: list[Path]) -> dict[str, Rows]:
    return {path.name[8:14]: read_file(path)[1] for path in demo_files}


@pytest.fixture(scope="module")
def bench_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "full_v2_202401.dat"
    return synthetic.write_full_v2(path, rows=12345, seed=7, chunk_rows=5000)


def test_module_says_the_data_is_synthetic() -> None:
    assert synthetic.__doc__ is not None
    assert "SYNTHETIC" in synthetic.__doc__ and "NOT official statistics" in synthetic.__doc__


@needs_shared_data
def test_header_is_the_real_full_v2_header(demo_files: list[Path], bench_file: Path) -> None:
    real_header, _ = read_file(SAMPLE)
    for path in [*demo_files, bench_file]:
        assert read_file(path)[0] == real_header
    assert list(synthetic.HEADER) == real_header


@needs_shared_data
def test_confidential_product_matches_the_real_sample() -> None:
    _, sample = read_file(SAMPLE)
    real = next(row for row in sample if row["PRODUCT_NC"] == "39XXXXXX")
    catalogue = synthetic.product_catalogue()
    ours = catalogue.filter(catalogue["PRODUCT_NC"] == "39XXXXXX").row(0, named=True)
    assert {column: ours[column] for column in PRODUCT_COLUMNS} == {
        column: real[column] for column in PRODUCT_COLUMNS
    }


@needs_shared_data
def test_partners_are_valid_geonom_codes() -> None:
    _, geonom = read_file(GEONOM_LIST, encoding="utf-8")
    valid = {row["code"] for row in geonom if int(row["valid_to"][-4:]) >= 2024}
    valid &= {row["code"] for row in geonom if int(row["valid_from"][-4:]) <= 2017}
    codes, _ = synthetic.partners()
    assert set(codes) <= valid
    assert {"NA", "QV", "QZ", "XS"} <= set(codes) and "RS" not in codes


def test_files_are_plain_lf_csv(demo_files: list[Path], bench_file: Path) -> None:
    for path in [demo_files[0], bench_file]:
        data = path.read_bytes()
        assert data.endswith(b"\n") and b"\r" not in data and b'"' not in data


def test_demo_writes_seven_annual_files(demo_files: list[Path], demo_rows: dict[str, Rows]) -> None:
    assert [path.name for path in demo_files] == [
        f"full_v2_{year}52.dat" for year in range(2017, 2024)
    ]
    assert all(20_000 <= len(rows) <= 60_000 for rows in demo_rows.values())


def test_demo_rows_follow_the_comext_rules(demo_rows: dict[str, Rows]) -> None:
    for period, rows in demo_rows.items():
        check_file(rows, period)


def test_demo_covers_reporters_partners_and_chapters(demo_rows: dict[str, Rows]) -> None:
    rows = demo_rows["202152"]
    assert {row["REPORTER"] for row in rows} >= {"IT", "BE", "DE", "FR", "NL", "ES", "AT"}
    assert len({row["PARTNER"] for row in rows}) >= 100
    assert {"NA", "QV", "QZ"} <= {row["PARTNER"] for row in rows}
    chapters = {row["PRODUCT_NC"][:2] for row in rows}
    assert len(chapters) >= 20 and {"01", "02", "04", "08"} <= chapters
    assert {row["FLOW"] for row in rows} == {"1", "2"}
    assert Counter(row["STAT_PROCEDURE"] for row in rows).most_common(1)[0][0] == "1"


def test_demo_has_confidential_rows_in_every_file(demo_rows: dict[str, Rows]) -> None:
    for rows in demo_rows.values():
        assert sum("X" in row["PRODUCT_NC"] for row in rows) >= 5


def test_demo_keeps_leading_zeros(demo_rows: dict[str, Rows]) -> None:
    codes = {row["PRODUCT_NC"] for row in demo_rows["201752"]}
    assert any(code.startswith("0") for code in codes)
    assert all(len(code) == 8 for code in codes)


def test_demo_uk_is_intra_eu_until_2020(demo_rows: dict[str, Rows]) -> None:
    def uk_types(period: str) -> set[str]:
        return {row["TRADE_TYPE"] for row in demo_rows[period] if row["PARTNER"] == "GB"}

    assert uk_types("202052") == {"I"}
    assert uk_types("202152") == {"E"}


def pair_totals(demo_rows: dict[str, Rows], reporter: str, partner: str, flow: str) -> list[float]:
    return [
        sum(
            int(row["VALUE_EUR"])
            for row in rows
            if (row["REPORTER"], row["PARTNER"], row["FLOW"]) == (reporter, partner, flow)
        )
        / 1e9
        for _, rows in sorted(demo_rows.items())
    ]


def test_demo_italy_belgium_totals_are_plausible(demo_rows: dict[str, Rows]) -> None:
    it_exports = pair_totals(demo_rows, "IT", "BE", "2")
    be_exports = pair_totals(demo_rows, "BE", "IT", "2")
    assert all(15 <= value <= 19 for value in it_exports)
    assert all(17 <= value <= 24 for value in be_exports)
    for series in (it_exports, be_exports):
        assert series[3] < series[2] < series[4]  # 2020 dips below 2019, 2021 rebounds above
    mirror = pair_totals(demo_rows, "BE", "IT", "1")  # Belgium's imports from Italy
    assert mirror[4] / mirror[3] == pytest.approx(1.22, abs=0.01)


def test_demo_italy_belgium_is_led_by_chemicals_and_machinery(demo_rows: dict[str, Rows]) -> None:
    by_chapter: Counter[str] = Counter()
    for row in demo_rows["202152"]:
        if {row["REPORTER"], row["PARTNER"]} == {"IT", "BE"}:
            by_chapter[row["PRODUCT_NC"][:2]] += int(row["VALUE_EUR"])
    top = {chapter for chapter, _ in by_chapter.most_common(6)}
    assert {"30", "84", "87", "39", "29"} <= top


def test_demo_is_deterministic_for_a_seed(demo_files: list[Path], tmp_path: Path) -> None:
    again = synthetic.write_demo_files(tmp_path / "again")
    assert [path.read_bytes() for path in again] == [path.read_bytes() for path in demo_files]
    other = synthetic.write_demo_files(tmp_path / "other", seed=1)
    assert other[0].read_bytes() != demo_files[0].read_bytes()


def test_full_v2_writes_exactly_the_rows_asked_for(bench_file: Path) -> None:
    _, rows = read_file(bench_file)
    assert len(rows) == 12345
    check_file(rows, "202401")


def test_full_v2_covers_all_reporters_and_hidden_codes(bench_file: Path) -> None:
    _, rows = read_file(bench_file)
    assert {row["REPORTER"] for row in rows} == EU27
    assert any("X" in row["PRODUCT_NC"] for row in rows)
    assert {"QV", "QZ", "NA"} <= {row["PARTNER"] for row in rows}
    forint = [
        int(row["VALUE_NAC"]) / int(row["VALUE_EUR"]) for row in rows if row["REPORTER"] == "HU"
    ]
    assert forint and all(300 < rate < 500 for rate in forint if rate)


def test_full_v2_is_shuffled(bench_file: Path) -> None:
    _, rows = read_file(bench_file)
    reporters = [row["REPORTER"] for row in rows[:200]]
    assert reporters != sorted(reporters)


def test_full_v2_is_deterministic_whatever_the_chunk_size(bench_file: Path, tmp_path: Path) -> None:
    whole = synthetic.write_full_v2(tmp_path / "whole.dat", rows=12345, seed=7)
    assert whole.read_bytes() == bench_file.read_bytes()
    other = synthetic.write_full_v2(tmp_path / "other.dat", rows=12345, seed=8)
    assert other.read_bytes() != bench_file.read_bytes()


def test_full_v2_annual_period_and_zero_rows(tmp_path: Path) -> None:
    empty = synthetic.write_full_v2(tmp_path / "empty.dat", rows=0, seed=1, period="202352")
    assert empty.read_text() == ",".join(synthetic.HEADER) + "\n"
    annual = synthetic.write_full_v2(tmp_path / "annual.dat", rows=500, seed=1, period="201952")
    check_file(read_file(annual)[1], "201952")


@pytest.mark.parametrize("period", ["2024", "202413", "2024-01", "20240"])
def test_full_v2_rejects_a_bad_period(tmp_path: Path, period: str) -> None:
    with pytest.raises(InvalidArgumentError, match="YYYYMM"):
        synthetic.write_full_v2(tmp_path / "bad.dat", rows=1, seed=1, period=period)


def test_full_v2_rejects_more_rows_than_distinct_keys(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="distinct keys"):
        synthetic.write_full_v2(tmp_path / "big.dat", rows=10**12, seed=1)


@pytest.fixture(scope="module")
def both_orders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("orders")
    return {
        order: synthetic.write_full_v2(
            folder / f"{order}.dat", rows=20_000, seed=7, chunk_rows=6000, order=order
        )
        for order in ("shuffled", "published")
    }


def test_full_v2_published_order_holds_the_same_lines(both_orders: dict[str, Path]) -> None:
    shuffled, published = (both_orders[order].read_bytes() for order in ("shuffled", "published"))
    assert shuffled != published
    assert sorted(shuffled.splitlines()) == sorted(published.splitlines())


def test_full_v2_published_order_is_sorted_by_reporter_partner_product_flow(
    both_orders: dict[str, Path],
) -> None:
    header, rows = read_file(both_orders["published"])
    assert header == list(synthetic.HEADER) and len(rows) == 20_000
    check_file(rows, "202401")
    order = ("REPORTER", "PARTNER", "PRODUCT_NC", "FLOW", "STAT_PROCEDURE")
    keys = [tuple(row[column] for column in order) for row in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert len({row["REPORTER"] for row in rows}) == 27
    assert any(row["PRODUCT_NC"].startswith("0") for row in rows)  # text order, not numbers
    assert any("X" in row["PRODUCT_NC"] for row in rows)


def test_full_v2_published_order_does_not_depend_on_the_chunk_size(
    both_orders: dict[str, Path], tmp_path: Path
) -> None:
    whole = synthetic.write_full_v2(tmp_path / "p.dat", rows=20_000, seed=7, order="published")
    assert whole.read_bytes() == both_orders["published"].read_bytes()


def test_published_order_packs_and_unpacks_every_key() -> None:
    catalogue = product_catalogue(BENCH_PRODUCTS)
    space = key_space(catalogue)
    order = published_order(space, catalogue)
    keys = np.unique(permute(np.arange(200_000, dtype=np.uint64), space.size, seed=3))
    keys = np.concatenate([keys, np.array([0, space.base_size, space.size - 1], np.uint64)])
    packed = order.pack(keys)
    assert (order.unpack(packed) == keys).all()
    assert len(np.unique(packed)) == len(keys)


def test_full_v2_rejects_an_unknown_order(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="order"):
        synthetic.write_full_v2(tmp_path / "bad.dat", rows=1, seed=1, order="sorted")  # type: ignore[arg-type]
