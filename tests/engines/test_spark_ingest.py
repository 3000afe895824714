"""The distributed ingest (`ingest --engine spark`) builds the store the single-machine one does.

Every trade file of ../shared/data is ingested on Spark local[2] in one write; the store is
compared table by table, row for row, with the store the DuckDB ingest built of the same files
(`real_root`), the queries are asked of both, and the figures are checked against the files
read with the csv module. A bad file gives the single-machine ingest's error and writes nothing;
an ingest stopped at any step leaves the store as it was.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from pyspark.sql import SparkSession

import bilateral
from bilateral.api import Store
from bilateral.engine.spark.ingest import waves
from bilateral.engine.spark.ingest_tasks import StagedUnit
from bilateral.errors import SourceFormatError
from bilateral.store.part_sql import parquet_scan_sql
from bilateral.store.snapshots import log_entries, snapshot
from bilateral.store.staging import Period
from bilateral.store.writer import STEP_HOOKS
from bilateral.synthetic import write_full_v2
from engines.conftest import SHARED_DATA, _correlations, shared, trade_files
from engines.test_same_figures import CASES, answer, differences, plain

TABLES = ("flows", "rollup_totals", "rollup_products", "product_links")
LOG_FIELDS = ("file_name", "sha256", "size_bytes", "source", "dataset", "status", "rows_read",
              "rows_stored", "rows_quarantined", "rows_replaced", "periods", "vintage")  # fmt: skip
COMEXT_SAMPLE = SHARED_DATA / "eurostat_comext" / "comext_full_v2_sample_AT-AD_202402_13rows.csv"
BACI = SHARED_DATA / "cepii_baci" / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"


def table_rows(root: Path, name: str) -> list[tuple[Any, ...]]:
    """Return a table's published rows, sorted (read by DuckDB from the snapshot's files)."""
    files = snapshot(root).files[name]  # type: ignore[index]
    if not files:
        return []
    return sorted(duckdb.sql(parquet_scan_sql(name, files)).fetchall(), key=repr)  # type: ignore[arg-type]


def log_rows(root: Path) -> list[tuple[Any, ...]]:
    return sorted(tuple(entry[f] for f in LOG_FIELDS) for entry in log_entries(root))


@pytest.fixture(scope="session")
def spark_root(tmp_path_factory: pytest.TempPathFactory, spark: SparkSession) -> Path:
    """Return a store of every trade file of ../shared/data, ingested on Spark in one write."""
    folder = tmp_path_factory.mktemp("spark-ingest")
    store = bilateral.open(folder / "store")
    reports = store.ingest_on_spark(trade_files(), session=spark)
    assert [r.status for r in reports] == ["added"] * len(trade_files())
    store.reference.import_dir(_correlations(folder))
    store.reference.import_dir(shared(SHARED_DATA / "ecb_fx"))
    return folder / "store"


@pytest.mark.parametrize("name", TABLES)
def test_every_table_holds_the_single_machine_rows(
    real_root: Path, spark_root: Path, name: str
) -> None:
    expected = table_rows(real_root, name)
    assert expected
    assert table_rows(spark_root, name) == expected


def test_the_log_holds_one_entry_per_file_with_the_same_counts(
    real_root: Path, spark_root: Path
) -> None:
    assert log_rows(spark_root) == log_rows(real_root)
    entries = log_entries(spark_root)
    assert len(entries) == len(trade_files())
    # one commit of the log published them all: every entry pins the same versions
    assert len({entry["table_versions"] for entry in entries}) == 1


def test_the_store_checks_clean(spark_root: Path) -> None:
    assert bilateral.open(spark_root).verify().ok


def test_the_figures_are_the_files(spark_root: Path) -> None:
    """The rollup totals equal the files' values summed with the csv module."""
    with shared(COMEXT_SAMPLE).open(newline="", encoding="utf-8") as handle:
        comext = sum(float(row["VALUE_EUR"]) for row in csv.DictReader(handle))
    with shared(BACI).open(newline="", encoding="utf-8") as handle:
        baci = sum(float(row["v"]) for row in csv.DictReader(handle)) * 1000  # thousand USD
    files = snapshot(spark_root).files["rollup_totals"]
    totals = dict(
        duckdb.sql(
            f"SELECT source || year || coalesce(month, 0), sum(value) "
            f"FROM ({parquet_scan_sql('rollup_totals', files)}) "
            "WHERE source IN ('comext', 'baci') AND product_level IN ('CN8', 'HS6') GROUP BY ALL"
        ).fetchall()
    )
    assert totals["comext20242"] == pytest.approx(comext, rel=1e-12)
    assert totals["baci20210"] == pytest.approx(baci, rel=1e-9)


QUERIES = [case for case in CASES if case.store == "real" and "as_of" not in case.kwargs]


@pytest.mark.parametrize("case", QUERIES, ids=[case.id for case in QUERIES])
def test_queries_give_the_same_figures(
    stores: dict[tuple[str, str], Store], spark_root: Path, case: Any
) -> None:
    expected = answer(stores["real", "duckdb"], case)
    got = answer(bilateral.open(spark_root), case)
    assert differences(plain(expected), plain(got)) == []


def _monthly_files(folder: Path) -> list[Path]:
    """Three synthetic Comext monthly files, the last a revision of the first month."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [
        write_full_v2(folder / f"full_v2_{period}.dat", rows=3_000, seed=seed, period=period)
        for period, seed in (("202301", 1), ("202302", 2))
    ]
    revision = folder / "revised" / "full_v2_202301.dat"
    revision.parent.mkdir()
    files.append(write_full_v2(revision, rows=2_500, seed=9, period="202301"))
    return files


def test_monthly_files_and_a_revision_in_one_ingest(tmp_path: Path, spark: SparkSession) -> None:
    """A revision of a month given in the same ingest replaces it, as ingests in turn do."""
    files = _monthly_files(tmp_path / "files")
    one_by_one = bilateral.open(tmp_path / "duckdb")
    expected = [one_by_one.ingest(path) for path in files]
    at_once = bilateral.open(tmp_path / "spark")
    got = at_once.ingest_on_spark(files, session=spark)
    assert [r.status for r in got] == [r.status for r in expected] == ["added", "added", "revised"]
    assert [(r.rows_replaced, r.rows_removed, r.rows_added) for r in got] == [
        (r.rows_replaced, r.rows_removed, r.rows_added) for r in expected
    ]
    for name in TABLES:
        assert table_rows(tmp_path / "spark", name) == table_rows(tmp_path / "duckdb", name)
    with files[-1].open(newline="", encoding="utf-8") as handle:
        revised = sum(float(row["VALUE_EUR"]) for row in csv.DictReader(handle))
    flows = snapshot(tmp_path / "spark").files["flows"]
    [(stored,)] = duckdb.sql(
        f"SELECT sum(value) FROM ({parquet_scan_sql('flows', flows)}) WHERE month = 1"
    ).fetchall()
    assert stored == pytest.approx(revised, rel=1e-12)
    again = at_once.ingest_on_spark(files[:2], session=spark)
    assert [r.status for r in again] == ["unchanged", "unchanged"]


def test_files_of_overlapping_periods_come_in_waves() -> None:
    def unit(index: int, source: str, *periods: tuple[int, int | None]) -> StagedUnit:
        spans = tuple(Period(*p) for p in periods)
        return StagedUnit(index, f"f{index}", "", None, 0, "", source, "", "period", "release",
                          0, 0, (), 0, 0, spans, "", "", 0.0)  # fmt: skip

    units = [unit(0, "comext", (2023, 1)), unit(1, "comext", (2023, 2)),
             unit(2, "comext", (2023, 1)), unit(3, "baci", (2023, None)),
             unit(4, "comext", (2023, None), (2023, 2))]  # fmt: skip
    assert [[u.index for u in wave] for wave in waves(units)] == [[0, 1, 3], [2, 4]]


def _bad_file(folder: Path) -> Path:
    good = write_full_v2(folder / "full_v2_202303.dat", rows=200, seed=4, period="202303")
    lines = good.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    fields = lines[5].split(",")
    fields[header.index("VALUE_EUR")] = "12x4"
    lines[5] = ",".join(fields)
    bad = folder / "bad" / good.name
    bad.parent.mkdir()
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def test_a_bad_file_gives_the_same_error_and_writes_nothing(
    tmp_path: Path, spark: SparkSession
) -> None:
    files = _monthly_files(tmp_path / "files")[:2]
    bad = _bad_file(tmp_path / "files")
    with pytest.raises(SourceFormatError) as single:
        bilateral.open(tmp_path / "duckdb").ingest(bad)
    store = bilateral.open(tmp_path / "spark")
    with pytest.raises(SourceFormatError) as distributed:
        store.ingest_on_spark([files[0], bad, files[1]], session=spark)
    assert str(distributed.value) == str(single.value)
    assert (distributed.value.line, distributed.value.field) == (6, "VALUE_EUR")
    assert bad.name in str(distributed.value)
    assert log_entries(tmp_path / "spark") == []
    assert all(not table_rows(tmp_path / "spark", name) for name in TABLES)
    assert store.verify().ok
    assert not any((tmp_path / "spark" / "_staging").iterdir())


@pytest.fixture
def stop_at() -> Iterator[Callable[[str], None]]:
    def stop(step: str) -> None:
        def hook(reached: str) -> None:
            if reached == step:
                raise KeyboardInterrupt

        STEP_HOOKS.append(hook)

    yield stop
    STEP_HOOKS.clear()


# Before the lock, after the first commit, and after the last commit before the log's.
STEPS = ("parts written", "flows committed", "product_links committed")


@pytest.mark.parametrize("step", STEPS)
def test_an_interrupted_ingest_leaves_the_store_as_it_was(
    tmp_path: Path, spark: SparkSession, stop_at: Callable[[str], None], step: str
) -> None:
    files = _monthly_files(tmp_path / "files")
    root = tmp_path / "store"
    store = bilateral.open(root)
    store.ingest(files[0])
    before = {name: table_rows(root, name) for name in TABLES}
    stop_at(step)
    with pytest.raises(KeyboardInterrupt):
        store.ingest_on_spark(files[1:], session=spark)
    STEP_HOOKS.clear()
    assert {name: table_rows(root, name) for name in TABLES} == before
    assert len(log_entries(root)) == 1
    assert store.verify().ok


CHILD = """
import os, signal, sys
from pathlib import Path
import bilateral
from bilateral.store.writer import STEP_HOOKS
STEP_HOOKS.append(lambda step: os.kill(os.getpid(), signal.SIGKILL)
                  if step == "rollup_totals committed" else None)
bilateral.open(sys.argv[1]).ingest_on_spark(sys.argv[2:], spark_master="local[1]")
"""


@pytest.mark.slow
def test_a_killed_spark_ingest_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    files = _monthly_files(tmp_path / "files")
    root = tmp_path / "store"
    bilateral.open(root).ingest(files[0])
    before = {name: table_rows(root, name) for name in TABLES}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), *map(str, files[1:])],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
        timeout=600,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    assert {name: table_rows(root, name) for name in TABLES} == before
    assert not bilateral.open(root).verify().ok  # its unpublished commits, until a next write
    store = bilateral.open(root)
    assert [r.status for r in store.ingest_on_spark(files[1:2], spark_master="local[1]")] == [
        "added"
    ]
    assert store.verify().ok
    after = {name: table_rows(root, name) for name in ("flows",)}
    assert len(after["flows"]) == len(before["flows"]) + 3_000
