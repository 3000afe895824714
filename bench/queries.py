"""Benchmark the six pair queries against hand-written DuckDB SQL, and their growth with rows.

Usage: .venv/bin/python bench/queries.py [--rows N | --scale N1,N2] [--workdir DIR] [--seed S]
                                         [--runs R] [--reingest] [--engine duckdb|spark]
                                         [--spark-master URL]

For a store built from a seeded synthetic Comext full_v2 file of N rows in the published order
(synthetic data, not official statistics), measures the median warm latency (after 2 untimed
runs) of profile, sectors, mirror, partners, products and series, each against the DuckDB SQL
a user would write over the snapshot's flow files for the same figures (bench/query_cases.py),
checks that both give the same figures, and prints each ratio (target <= 1.2). With `--scale`
it builds one store per size and prints how each query's latency grows from the first size to
each other one (target <= 1.5 for profile, sectors and mirror, which read the rollups).
With `--engine spark` the queries run on the Spark engine and the same SQL runs on the same Spark
session (transpiled to Spark SQL by sqlglot, over a view of the same flow files).
See bench/README.md. This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest_profile import PERIOD, WARMUPS, YEAR, Measure, prepare_file, run_child
from query_cases import QueryCase, Rows, cases, figures_agree

ORDER = "published"  # the order of the real bulk files; ingest clusters either way
RATIO_TARGET = 1.2
GROWTH_TARGET = 1.5
ROLLUP_QUERIES = ("profile", "sectors", "mirror")  # read the rollups: must not grow with rows


@dataclass(frozen=True)
class Timing:
    """One query's median warm latencies on one store, and whether the figures agree."""

    name: str
    api: float
    sql: float
    agree: bool
    api_cpu: float = 0.0
    sql_cpu: float = 0.0


def interleaved_medians(
    calls: list[Callable[[], object]], runs: int
) -> tuple[list[float], list[float]]:
    """Return the median wall time and the median CPU time of each call, timed in turn, after
    WARMUPS runs of each.

    Timing the calls one after the other, run after run, spreads any load from other
    processes over all of them alike (api and SQL, and every store size). The CPU time (this
    process's, DuckDB's threads included) is stretched less than the wall time by other jobs.
    """
    for _ in range(WARMUPS):
        for call in calls:
            call()
    times: list[list[float]] = [[] for _ in calls]
    cpus: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for call, spent, used in zip(calls, times, cpus, strict=True):
            start, cpu = time.perf_counter(), time.process_time()
            call()
            spent.append(time.perf_counter() - start)
            used.append(time.process_time() - cpu)
    return [statistics.median(t) for t in times], [statistics.median(c) for c in cpus]


def time_queries(
    store_dirs: list[Path], runs: int, engine: str = "duckdb", master: str | None = None
) -> list[list[Timing]]:
    """Return, per store, each query's warm latencies through the api and through bare SQL.

    For each query, the api and its SQL on every store are timed in turn (see
    `interleaved_medians`), so the growth from one store to another is measured under the
    same load. `engine` "spark": the api on the Spark engine, the SQL on the same session.
    """
    import bilateral
    from bilateral.reference import groups

    chosen: Any = engine
    run_statement: Callable[[str, list[str]], Rows]
    if engine == "spark":
        from bilateral.engine import spark_engine

        chosen = spark_engine(master=master)
        run_statement, close = spark_runner(master)
    else:
        import duckdb

        connection = duckdb.connect()

        def run_statement(sql: str, files: list[str]) -> Rows:
            return connection.execute(sql).fetchall()

        close = connection.close
    stores = [bilateral.open(store_dir, engine=chosen) for store_dir in store_dirs]
    files = [store.snapshot_files("flows") for store in stores]
    timings: list[list[Timing]] = [[] for _ in stores]
    try:
        for case in cases(sorted(groups.members("EU27_2020", YEAR))):
            calls: list[Callable[[], object]] = []
            agree = []
            for store, store_files in zip(stores, files, strict=True):
                statements = case.sql(store_files)

                def run_sql(
                    statements: tuple[str, ...] = statements, store_files: list[str] = store_files
                ) -> list[Rows]:
                    return [run_statement(sql, store_files) for sql in statements]

                def run_api(case: QueryCase = case, store: Any = store) -> object:
                    return case.call(store)

                agree.append(
                    figures_agree(case.api_figures(run_api()), case.sql_figures(run_sql()))
                )
                calls += [run_api, run_sql]
            medians, cpus = interleaved_medians(calls, runs)
            for i, same in enumerate(agree):
                timings[i].append(
                    Timing(
                        case.name,
                        medians[2 * i],
                        medians[2 * i + 1],
                        same,
                        cpus[2 * i],
                        cpus[2 * i + 1],
                    )
                )
    finally:
        close()
    return timings


SCAN = re.compile(r"read_parquet\(\[.*?\], hive_partitioning = true\)", re.DOTALL)


def spark_runner(
    master: str | None,
) -> tuple[Callable[[str, list[str]], Rows], Callable[[], None]]:
    """Return a function running a case's DuckDB SQL as Spark SQL on the engine's session.

    The `read_parquet` of the flow files becomes a view of the same files (read as the Spark
    engine reads them); sqlglot turns the rest into Spark SQL.
    """
    import sqlglot

    from bilateral.engine.spark.scan import table_frame
    from bilateral.engine.spark.session import spark_session

    session = spark_session(master).newSession()
    views: dict[tuple[str, ...], str] = {}

    def run(sql: str, files: list[str]) -> Rows:
        key = tuple(files)
        if key not in views:
            views[key] = f"bench_flows_{len(views)}"
            table_frame(session, "flows", files, None).createOrReplaceTempView(views[key])
        spark_sql = sqlglot.transpile(SCAN.sub(views[key], sql), read="duckdb", write="spark")[0]
        return [tuple(row) for row in session.sql(spark_sql).collect()]

    return run, lambda: None


# --- stores: reuse one built from the same file, or ingest it ------------------------------


def matching_store(candidates: list[Path], data: Path, rows: int) -> Path | None:
    """Return the first store holding exactly one ingest, of `data`, with all `rows` stored."""
    from bilateral.store.log import read_log

    for store_dir in candidates:
        if not (store_dir / "ingest_log" / "_delta_log").is_dir():
            continue
        entries = read_log(store_dir).to_pylist()
        if len(entries) != 1:
            continue
        entry = entries[0]
        if (
            entry["status"] == "added"
            and Path(entry["file_path"]).resolve() == data.resolve()
            and entry["size_bytes"] == data.stat().st_size
            and entry["rows_stored"] == rows
        ):
            return store_dir
    return None


def prepare_store(
    workdir: Path, rows: int, seed: int, reingest: bool
) -> tuple[Path, list[Measure]]:
    """Return a store of the seeded file of `rows` rows (reused if present) and its info lines.

    A store of ingest_profile.py (`DIR/store-published`) is reused when it holds that file.
    """
    data, generated = prepare_file(workdir, rows, seed, ORDER)
    label = f" [{rows:,} rows]"
    made = "reused" if generated is None else f"{generated['seconds']:.1f}"
    lines = [Measure("generate file (s)" + label, made, "-", None)]
    own = workdir / f"store-{rows}-seed{seed}-{ORDER}"
    found = None if reingest else matching_store([own, workdir / f"store-{ORDER}"], data, rows)
    if found is not None:
        return found, [*lines, Measure("ingest (s)" + label, "reused", "-", None)]
    shutil.rmtree(own, ignore_errors=True)
    ingest = run_child("ingest", path=str(data), out=str(own))
    stored = ingest["rows_stored"] == rows
    return own, [
        *lines,
        Measure("ingest (s)" + label, f"{ingest['seconds']:.1f}", "-", None),
        Measure("rows stored / rows" + label, f"{ingest['rows_stored']:,} / {rows:,}", "all",
                stored),
    ]  # fmt: skip


# --- the run -------------------------------------------------------------------------------


def timing_lines(timings: list[Timing], rows: int) -> list[Measure]:
    """Return each query's latencies, ratio and figure check on the store of `rows` rows."""
    label = f" [{rows:,} rows]"
    lines = []
    for t in timings:
        ratio = t.api / t.sql
        lines += [
            Measure(f"warm {t.name} (ms, median)" + label, f"{t.api * 1e3:.1f}", "-", None),
            Measure(f"warm {t.name} SQL (ms, median)" + label, f"{t.sql * 1e3:.1f}", "-", None),
            Measure(f"{t.name} / bare SQL" + label, f"{ratio:.2f}", f"<= {RATIO_TARGET}",
                    ratio <= RATIO_TARGET),
            Measure(f"{t.name} / bare SQL, CPU time" + label,
                    f"{t.api_cpu / t.sql_cpu:.2f}" if t.sql_cpu else "-", "-", None),
            Measure(f"{t.name} figures agree" + label, "yes" if t.agree else "no", "yes",
                    t.agree),
        ]  # fmt: skip
    return lines


def growth_lines(base: list[Timing], grown: list[Timing], sizes: tuple[int, int]) -> list[Measure]:
    """Return how each query's latency (api and SQL) grows from one store size to another."""
    span = f" [{sizes[0]:,} -> {sizes[1]:,} rows]"
    lines = []
    for before, after in zip(base, grown, strict=True):
        growth = after.api / before.api
        target = f"<= {GROWTH_TARGET}" if before.name in ROLLUP_QUERIES else "-"
        ok = growth <= GROWTH_TARGET if before.name in ROLLUP_QUERIES else None
        sql_growth = after.sql / before.sql
        lines += [
            Measure(f"{before.name} latency growth" + span, f"{growth:.2f}", target, ok),
            Measure(f"{before.name} SQL latency growth" + span, f"{sql_growth:.2f}", "-", None),
        ]
    return lines


def measure(
    workdir: Path,
    sizes: list[int],
    seed: int,
    runs: int,
    reingest: bool,
    engine: str = "duckdb",
    master: str | None = None,
) -> list[Measure]:
    """Build (or reuse) a store per size, time the queries on all of them; return the table."""
    table: list[Measure] = []
    store_dirs = []
    for rows in sizes:
        store_dir, lines = prepare_store(workdir, rows, seed, reingest)
        table += lines
        store_dirs.append(store_dir)
    timings = time_queries(store_dirs, runs, engine, master)
    for rows, timed in zip(sizes, timings, strict=True):
        table += timing_lines(timed, rows)
    for rows, timed in zip(sizes[1:], timings[1:], strict=True):
        table += growth_lines(timings[0], timed, (sizes[0], rows))
    return table


def print_table(table: list[Measure], sizes: list[int], runs: int, engine: str) -> None:
    """Print the measures as a fixed-width table."""
    rows = " and ".join(f"{size:,}" for size in sizes)
    print(f"bilateral query benchmark on {engine}: {rows} synthetic full_v2 rows, period "
          f"{PERIOD}, {ORDER} order; medians of {runs} warm runs")  # fmt: skip
    width = max(len(line.name) for line in table)
    print(f"{'measure':<{width}}  {'value':>23}  {'target':>8}  ok")
    for line in table:
        ok = "-" if line.ok is None else ("ok" if line.ok else "NOT OK")
        print(f"{line.name:<{width}}  {line.value:>23}  {line.target:>8}  {ok}")
    loads = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {loads} on {os.cpu_count()} cores")


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"{text!r}: give row counts such as 10000000,30000000")
    return sizes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000, help="data rows (10M)")
    parser.add_argument(
        "--scale", type=_sizes, help="comma-separated row counts: one store each, and growth"
    )
    parser.add_argument("--seed", type=int, default=2024, help="generator seed")
    parser.add_argument("--runs", type=int, default=20, help="timed warm runs of each query (20)")
    parser.add_argument("--workdir", type=Path, help="keep files here; reuse data and stores")
    parser.add_argument(
        "--reingest", action="store_true", help="ingest again even if a matching store exists"
    )
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--spark-master", help="Spark master (default: local[*])")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark."""
    args = parse_args(argv)
    sizes = args.scale or [args.rows]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        table = measure(
            workdir, sizes, args.seed, args.runs, args.reingest, args.engine, args.spark_master
        )
        print_table(table, sizes, args.runs, args.engine)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
