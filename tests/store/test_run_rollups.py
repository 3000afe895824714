"""An HS6 year is rolled up run by run (`rollup_frames.run_rollups`), to the general path's bits.

On the real BACI file under its official name (so that ingest rolls it up itself), in the
published order and shuffled: every rolled-up chunk takes the run path, the stored rollups equal
bit for bit those of the general grouping (the run path switched off), and the pair totals
equal sums of the file's lines computed here with the csv module. Where the chunks of the pass
begin changes nothing stored (each chunk is one buffer per column: a sum spanning two would
differ in its last bits).
"""

from __future__ import annotations

import csv
import random
import struct
from collections import defaultdict
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.store import pair_chunks, rollup_frames
from bilateral.store.check import check_store
from bilateral.store.parts import list_parts

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REAL_BACI = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
OFFICIAL_NAME = "BACI_HS92_Y2021_V202301.csv"
ROLLUPS = ("rollup_totals", "rollup_products", "product_links")


def _file(tmp_path: Path, *, shuffled: bool) -> Path:
    header, *lines = REAL_BACI.read_text(encoding="utf-8").splitlines()
    if shuffled:
        random.Random(7).shuffle(lines)
    path = tmp_path / ("shuffled" if shuffled else "published") / OFFICIAL_NAME
    path.parent.mkdir(parents=True)
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def _table(root: Path, name: str) -> pl.DataFrame:
    frame = pl.from_arrow(DeltaTable(str(root / name)).to_pyarrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.sort(frame.columns, nulls_last=True)


def _ingest(path: Path, root: Path) -> None:
    assert bilateral.open(root).ingest(path).status == "added"
    assert check_store(root).ok, check_store(root).findings


def _pair_totals_in_file(path: Path) -> dict[tuple[str, str], float]:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    with path.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            totals[line["i"], line["j"]] += float(line["v"]) * 1000
    return totals


@pytest.mark.parametrize("shuffled", [False, True])
def test_an_hs6_year_rolled_up_by_runs_equals_the_general_grouping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shuffled: bool
) -> None:
    path = _file(tmp_path, shuffled=shuffled)
    taken: list[bool] = []
    run_rollups = rollup_frames.run_rollups

    def spied(flows: pl.DataFrame, constant: dict[str, object]) -> object:
        found = run_rollups(flows, constant)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(rollup_frames, "run_rollups", spied)
    _ingest(path, tmp_path / "runs")
    assert taken and all(taken)
    monkeypatch.setattr(rollup_frames, "run_rollups", lambda flows, constant: None)
    _ingest(path, tmp_path / "general")
    for name in ROLLUPS:
        assert _table(tmp_path / "runs", name).equals(_table(tmp_path / "general", name)), name

    totals = _table(tmp_path / "runs", "rollup_totals")
    assert totals["value"].sum() == pytest.approx(
        sum(_pair_totals_in_file(path).values()), rel=1e-12
    )
    assert totals.height == len(_pair_totals_in_file(path))
    chapters = _table(tmp_path / "runs", "rollup_products").filter(classification="HS2")
    per_pair = chapters.group_by("reporter", "partner").agg(pl.col("value").sum())
    assert (
        per_pair.join(totals, on=["reporter", "partner"])
        .select(
            ((pl.col("value") - pl.col("value_right")).abs() <= 1e-9 * pl.col("value_right")).all()
        )
        .item()
    )


def test_rollups_do_not_depend_on_where_a_chunk_begins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published, shuffled = _file(tmp_path, shuffled=False), _file(tmp_path, shuffled=True)
    _ingest(published, tmp_path / "whole")
    # Seams every 1,000 rows: in both orders the chunks begin at other pairs.
    monkeypatch.setattr(pair_chunks, "CHUNK_ROWS", 1000)
    _ingest(published, tmp_path / "published")
    _ingest(shuffled, tmp_path / "shuffled")
    for name in ("flows", *ROLLUPS):
        whole = _table(tmp_path / "whole", name)
        assert _table(tmp_path / "published", name).equals(whole), name
        assert _table(tmp_path / "shuffled", name).equals(whole), name


def test_each_chunk_holds_one_buffer_per_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group's sum spanning two buffers is summed in two parts (other last bits)."""
    _ingest(_file(tmp_path, shuffled=False), tmp_path / "store")
    parts = list_parts(tmp_path / "store" / "flows")
    monkeypatch.setattr(pair_chunks, "CHUNK_ROWS", 1000)
    chunks = list(pair_chunks.pair_chunks(parts))
    assert len(chunks) > 10
    assert sum(chunk.height for chunk in chunks) == _table(tmp_path / "store", "flows").height
    assert all(column.n_chunks() == 1 for chunk in chunks for column in chunk.get_columns())


def _file_figures() -> tuple[list[float], list[float | None]]:
    values: list[float] = []
    quantities: list[float | None] = []
    with REAL_BACI.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            values.append(float(line["v"]) * 1000)
            quantity = line["q"].strip()
            quantities.append(None if quantity in ("", "NA") else float(quantity) * 1000)
    return values, quantities


def test_run_sums_have_the_bits_of_polars_group_sums() -> None:
    """Runs of 1 to 400 rows of the real file's figures (some quantities missing), and runs
    of zeros of either sign: summed run by run as polars sums each group of sorted rows."""
    values, quantities = _file_figures()
    values += [-0.0, -0.0, -0.0, 0.0, -0.0]
    quantities += [None, None, -0.0, None, None]
    lengths = [1 + (index * 7) % 400 for index in range(len(values))]
    runs = [run for run, length in enumerate(lengths) for _ in range(length)][: len(values)]
    runs[-5:] = [runs[-6] + 1, runs[-6] + 2, runs[-6] + 2, runs[-6] + 3, runs[-6] + 3]
    rows = pl.DataFrame(
        {"run": runs, "value": values, "quantity_kg": quantities},
        schema={"run": pl.Int64, "value": pl.Float64, "quantity_kg": pl.Float64},
    )
    expected = (
        rows.with_columns(pl.col("run").set_sorted())
        .group_by("run", maintain_order=True)
        .agg(pl.col("value", "quantity_kg").sum(), pl.len().alias("rows"))
    )
    starts = rows["run"].rle().struct.field("len").cum_sum().shift(1, fill_value=0).to_numpy()
    summed = rollup_frames._run_sums(rollup_frames._row_measures(rows), starts, rows.height)
    assert summed.height == expected.height > 100
    assert summed["rows"].to_list() == expected["rows"].to_list()
    for name in ("value", "quantity_kg"):
        bits = [struct.pack("<d", figure) for figure in summed[name]]
        assert bits == [struct.pack("<d", figure) for figure in expected[name]], name
    counts = rows.group_by("run", maintain_order=True).agg(pl.col("quantity_kg").count())
    assert summed["_quantity_kg_count"].to_list() == counts["quantity_kg"].to_list()


def test_a_chapter_that_comes_back_within_a_pair_leaves_the_run_path(tmp_path: Path) -> None:
    """A pair whose chapters are not in order (one comes back after another) cannot be
    summed run by run: `run_rollups` declines (None) and the general grouping sums it."""
    _ingest(_file(tmp_path, shuffled=False), tmp_path / "store")
    chunks = pair_chunks.pair_chunks(list_parts(tmp_path / "store" / "flows"))
    chunk = rollup_frames.with_pair_ids(next(chunks))
    constant = rollup_frames.constant_columns(chunk)
    assert rollup_frames.run_rollups(chunk, constant) is not None
    chapters = chunk["product"].str.head(2)
    first_pair = chunk[rollup_frames.PAIR_ID] == chunk[rollup_frames.PAIR_ID][0]
    assert chapters.filter(first_pair).n_unique() > 1
    # The pair's first row moved to the pair's end: its chapter comes back after the others.
    rows = first_pair.sum()
    order = [*range(1, rows), 0, *range(rows, chunk.height)]
    moved = chunk[order]
    assert rollup_frames.run_rollups(moved, constant) is None
    general = rollup_frames.chunk_rollups(moved, constant)["rollup_products"]
    hs2 = general.filter(pl.col("classification") == "HS2")
    expected = (
        chunk.group_by("reporter", "partner", pl.col("product").str.head(2).alias("code"))
        .agg(pl.len().alias("rows"))
        .sort("reporter", "partner", "code")
    )
    assert (
        hs2.select("reporter", "partner", "code", "rows")
        .sort("reporter", "partner", "code")
        .equals(expected)
    )


@pytest.mark.parametrize("last", [1, 2, 4095, 4096, 4097, 40_000, 300_000])
def test_the_rows_of_a_slice_last_pair_are_counted_however_many(last: int) -> None:
    """The rows carried to the next slice (`_last_pair_rows`) are all those of the last pair,
    however many: fewer or more than the rows first looked at, or the whole slice."""
    height = 300_000
    for reporters, partners in (
        (["AFG"] * (height - last) + ["ZAF"] * last, ["ZAF"] * height),
        (["AFG"] * height, ["USA"] * (height - last) + ["ZAF"] * last),
    ):
        rows = pl.DataFrame({"reporter": reporters, "partner": partners})
        assert pair_chunks._last_pair_rows(rows) == last
