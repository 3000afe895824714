"""A file stores the same rows and rollups whatever the order of its lines.

A file in another order than the publisher's is split into buckets of reporters and each
bucket sorted (`reporter_split.py`): on the real BACI file under its official name (so that ingest
rolls it up itself), its lines shuffled store exactly what the published order stores, every
flow file is in cluster order, `store check` finds the rollups equal to a recomputation, and
the chapter totals equal sums of the file's lines computed here with the csv module.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.store import ingest_parts, reporter_split
from bilateral.store.check import check_store
from store.comext_files import row, write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_BACI = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
OFFICIAL_NAME = "BACI_HS92_Y2021_V202301.csv"  # a complete year: ingest rolls it up itself
TABLES = ("flows", "rollup_totals", "rollup_products", "product_links")


def _write_lines(path: Path, header: str, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def _real_baci_in_two_orders(tmp_path: Path) -> tuple[Path, Path]:
    header, *lines = REAL_BACI.read_text(encoding="utf-8").splitlines()
    shuffled = list(lines)
    random.Random(12).shuffle(shuffled)
    assert shuffled != lines
    return (
        _write_lines(tmp_path / "published" / OFFICIAL_NAME, header, lines),
        _write_lines(tmp_path / "shuffled" / OFFICIAL_NAME, header, shuffled),
    )


def _table(root: Path, name: str) -> pl.DataFrame:
    frame = pl.from_arrow(DeltaTable(str(root / name)).to_pyarrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.sort(frame.columns, nulls_last=True)


def _assert_clustered(store: bilateral.Store, *, sorted_: bool) -> None:
    """Each pair's rows come together in each flow file (and in code order, with `sorted_`)."""
    for file in store.snapshot_files("flows"):
        table = pq.read_table(file, columns=["reporter", "partner", "product"])
        keys = list(zip(*(table.column(n).to_pylist() for n in table.column_names), strict=True))
        pairs = [
            key[:2]
            for index, key in enumerate(keys)
            if index == 0 or key[:2] != keys[index - 1][:2]
        ]
        assert len(pairs) == len(set(pairs)), file
        if sorted_:
            assert keys == sorted(keys), file


def _ingest(path: Path, root: Path) -> bilateral.Store:
    store = bilateral.open(root)
    report = store.ingest(path)
    assert report.status == "added"
    assert check_store(root).ok, check_store(root).findings
    _assert_clustered(store, sorted_=path.parent.name == "shuffled")
    return store


def _chapter_totals_in_file(path: Path) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    with path.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            totals[line["k"].zfill(6)[:2]] += float(line["v"]) * 1000
    return totals


def _assert_same_tables(first: Path, second: Path) -> None:
    for name in TABLES:
        assert _table(first, name).equals(_table(second, name)), name


def test_real_baci_year_stores_the_same_rows_and_rollups_in_any_order(tmp_path: Path) -> None:
    published, shuffled = _real_baci_in_two_orders(tmp_path)
    _ingest(published, tmp_path / "store-published")
    _ingest(shuffled, tmp_path / "store-shuffled")
    _assert_same_tables(tmp_path / "store-published", tmp_path / "store-shuffled")
    products = _table(tmp_path / "store-shuffled", "rollup_products")
    chapters = products.filter(classification="HS2", flow="export")
    stored = dict(chapters.group_by("code").agg(pl.col("value").sum()).iter_rows())
    expected = _chapter_totals_in_file(REAL_BACI)
    assert stored.keys() == expected.keys()
    for chapter, value in expected.items():
        assert stored[chapter] == pytest.approx(value, rel=1e-12), chapter
    flows = _table(tmp_path / "store-shuffled", "flows")
    assert flows.height == len(REAL_BACI.read_text(encoding="utf-8").splitlines()) - 1


def test_a_reporter_with_more_rows_than_one_sort_holds_is_sorted_in_ranges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reporter_split, "SORT_ROWS", 1000)  # South Africa: ~25,000 rows
    ranges: list[tuple[str, str]] = []
    partner_ranges = reporter_split._pair_ranges
    monkeypatch.setattr(
        reporter_split,
        "_pair_ranges",
        lambda scan: (ranges.append(r) or r for r in partner_ranges(scan)),
    )
    published, shuffled = _real_baci_in_two_orders(tmp_path)
    _ingest(published, tmp_path / "store-published")
    _ingest(shuffled, tmp_path / "store-shuffled")
    _assert_same_tables(tmp_path / "store-published", tmp_path / "store-shuffled")
    assert len(ranges) > 20  # each range sorted apart


def test_a_file_the_exact_reader_reads_is_sorted_by_partition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    split = []
    monkeypatch.setattr(
        ingest_parts, "split_parts", lambda *args: split.append(reporter_split.split_parts(*args))
    )
    # Two years in one file: the fast path leaves it to the exact reader (one part a year).
    reporters, partners = ("SE", "BE", "IT"), ("US", "CN", "DE", "NL")
    products = ("87032310", "29011000", "84713000", "30049000")
    rows = [
        row(r, p, "export", year, 1 + i, month=2, product=c)  # type: ignore[arg-type]
        for i, (year, r, p, c) in enumerate(
            (year, r, p, c)
            for year in (2023, 2024)
            for r in reporters
            for p in partners
            for c in products
        )
    ]
    in_order = write_full_v2(tmp_path / "published" / "full_v2_202402.dat", rows)
    random.Random(3).shuffle(rows)
    shuffled = write_full_v2(tmp_path / "shuffled" / "full_v2_202402.dat", rows)
    store = _ingest(shuffled, tmp_path / "store-shuffled")
    assert len(split) == 1  # its parts were split by reporter after they were written
    _ingest(in_order, tmp_path / "store-published")
    assert len(split) == 1
    _assert_same_tables(tmp_path / "store-published", tmp_path / "store-shuffled")
    years = {Path(file).parent.name for file in store.snapshot_files("flows")}
    assert years == {"year=2023", "year=2024"}
    flows = _table(tmp_path / "store-shuffled", "flows")
    assert flows["value"].sum() == sum(float(line["VALUE_EUR"]) for line in rows)


def _iso3_by_baci_code() -> dict[str, str]:
    countries = REAL_BACI.parent / "country_codes_V202301.csv"
    with countries.open(newline="", encoding="utf-8") as handle:
        return {line["country_code"]: line["iso_3digit_alpha"] for line in csv.DictReader(handle)}


def test_a_shuffled_file_of_several_sorted_parts_keeps_every_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reporter_split, "SORT_ROWS", 4000)  # 28,742 lines: several parts
    _, shuffled = _real_baci_in_two_orders(tmp_path)
    store = _ingest(shuffled, tmp_path / "store")
    files = store.snapshot_files("flows")
    assert len(files) >= 5
    pairs_by_file = [
        set(pl.read_parquet(file, columns=["reporter", "partner"]).unique().iter_rows())
        for file in files
    ]
    assert sum(map(len, pairs_by_file)) == len(set().union(*pairs_by_file))  # one part a pair

    values: dict[tuple[str, str], float] = defaultdict(float)
    exporters: dict[str, float] = defaultdict(float)
    quantity = 0.0
    lines = 0
    iso3 = _iso3_by_baci_code()
    with shuffled.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            lines += 1
            values[line["i"], line["j"]] += float(line["v"]) * 1000
            exporters[iso3[line["i"]]] += float(line["v"]) * 1000
            if line["q"].strip() not in ("", "NA"):
                quantity += float(line["q"]) * 1000
    flows = pl.read_parquet(files, columns=["value", "quantity_kg"])
    assert flows.height == lines
    assert flows["value"].sum() == pytest.approx(sum(values.values()), rel=1e-12)
    assert flows["quantity_kg"].sum() == pytest.approx(quantity, rel=1e-12)
    totals = _table(tmp_path / "store", "rollup_totals")
    assert totals.height == len(values)
    assert sorted(totals["value"].to_list()) == pytest.approx(sorted(values.values()), rel=1e-12)
    by_exporter = dict(totals.group_by("reporter").agg(pl.col("value").sum()).iter_rows())
    assert by_exporter == pytest.approx(exporters, rel=1e-12)
    chapters = _table(tmp_path / "store", "rollup_products").filter(classification="HS2")
    stored = dict(chapters.group_by("code").agg(pl.col("value").sum()).iter_rows())
    assert stored == pytest.approx(_chapter_totals_in_file(REAL_BACI), rel=1e-12)


@pytest.mark.parametrize("word_bits", [64, 24])
def test_rows_are_sorted_as_their_codes_whatever_the_enum_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word_bits: int
) -> None:
    """The numeric sort of a bucket orders rows as the text of reporter, partner and product
    (nulls first, ties in their order), on the real file's lines shuffled, with the reporter an
    enum whose categories are not in text order: codes and row positions in one word sorted
    at once (64 bits), or the codes in two words sorted stably one after the other (24)."""
    monkeypatch.setattr(reporter_split, "WORD_BITS", word_bits)
    iso3 = _iso3_by_baci_code()
    with REAL_BACI.open(newline="", encoding="utf-8") as handle:
        lines = [(iso3[line["i"]], iso3[line["j"]], line["k"]) for line in csv.DictReader(handle)]
    random.Random(5).shuffle(lines)
    lines[3] = (lines[3][0], None, lines[3][2])  # type: ignore[assignment]  # a null partner
    lines[7] = lines[900]  # a tie, kept in the order of the lines
    reporters = sorted({reporter for reporter, _, _ in lines}, reverse=True)
    frame = pl.DataFrame(
        {
            "reporter": pl.Series([r for r, _, _ in lines], dtype=pl.Enum(reporters)),
            "partner": [p for _, p, _ in lines],
            "product": [k for _, _, k in lines],
            "line": range(len(lines)),
        }
    )
    columns = ("reporter", "partner", "product")
    coded = frame.with_columns(reporter_split.in_text_order(frame, name) for name in columns)
    ordered = frame[reporter_split.sort_permutation(coded, columns)]
    expected = sorted(range(len(lines)), key=lambda i: tuple(v or "" for v in lines[i]))
    assert ordered["line"].to_list() == expected
