"""Benchmark Spark: the distributed ingest against a bare Spark read+write, and the six pair
queries on the Spark engine against hand-written Spark SQL, with first-query and warm latency
beside DuckDB's.

Usage: .venv/bin/python bench/spark.py [--rows N] [--files F] [--runs R] [--master URL]
                                       [--workdir DIR] [--seed S] [--store DIR]
                                       [--queries NAME,...]

Writes F seeded synthetic Comext full_v2 monthly files (N rows in all, published order;
synthetic data, not official statistics) and measures, on one Spark session (`--master`,
default local[2]):

- ingest: `Store.ingest_on_spark` of the F files into an empty store (read on the executors
  by the source readers, rollups by Spark, one commit) against a bare Spark
  `read.csv(...).write.partitionBy("year").parquet(...)` of the same files (no checks, no
  rollups): the ratio, and the single-machine ingest of the same files in turn beside it;
- queries: profile, sectors, mirror, partners, products and series through the api on the
  Spark engine against the Spark SQL a Spark user would write over the snapshot's flow files
  (`HAND_SQL`, written for Spark, not translated; the files read as the engine reads its
  tables, on the engine's session settings: `hand_session`), the figures checked to agree
  (bench/query_cases.py), warm medians and their ratio (target <= 1.2), with the ratio of the
  CPU time of the local JVM (driver and executors) and of this process beside it (less
  stretched than wall time by other jobs on a loaded machine); the Spark session's start (JVM
  included), the first query of a new engine (profile: engine opened and query run) and the
  warm latency of each query on DuckDB beside Spark's.

`--store DIR` times the queries on an existing store (no files written, no ingest);
`--queries products,series` times only those; `--phases` adds, for each statement of the api
and of the hand SQL, the CPU time of making its DataFrame (parsing and resolving; the engine
reuses a kept plan), optimising, planning and executing it.

This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest_profile import WARMUPS, YEAR, Measure
from queries import RATIO_TARGET, interleaved_medians
from query_cases import (
    APART_PARTNERS,
    CONFIDENTIAL_PARTNERS,
    FIRST,
    INTRA_EU_SPECIALS,
    PREVIOUS,
    SECOND,
    TOP_PRODUCTS,
    UNALLOCATED,
    Rows,
    cases,
    figures_agree,
)

PAIR = (
    f"((reporter = '{FIRST}' AND partner = '{SECOND}') "
    f"OR (reporter = '{SECOND}' AND partner = '{FIRST}'))"
)

# The Spark SQL a user writes for each query's figures over a view `flows` of the flow files.
HAND_SQL: dict[str, tuple[str, ...]] = {
    "profile": (
        f"""SELECT reporter, flow, sum(value) AS value FROM flows
            WHERE year = {YEAR} AND {PAIR} GROUP BY reporter, flow ORDER BY reporter, flow""",
    ),
    "sectors": (
        f"""SELECT reporter, flow, year,
                   IF(instr(product_cpa, 'X') > 0, 'XX', substr(product_cpa, 1, 2)) AS division,
                   sum(value) AS value
            FROM flows
            WHERE year IN ({PREVIOUS}, {YEAR}) AND product_cpa IS NOT NULL AND {PAIR}
            GROUP BY reporter, flow, year, division""",
    ),
    "mirror": (
        f"""SELECT reporter, flow, substr(product, 1, 2) AS chapter, sum(value) AS value,
                   sum(IF(instr(coalesce(flags, ''), 'confidential') > 0, value, NULL))
                       AS confidential
            FROM flows WHERE year = {YEAR} AND {PAIR}
            GROUP BY GROUPING SETS ((reporter, flow), (reporter, flow, substr(product, 1, 2)))""",
        f"""SELECT reporter, flow, sum(value) AS total,
                   sum(IF(partner IN ({{unallocated}}), value, NULL)) AS unallocated
            FROM flows WHERE year = {YEAR} AND reporter IN ('{FIRST}', '{SECOND}')
            GROUP BY reporter, flow""",
    ),
    "partners": (
        f"""SELECT year, partner, line, sum(value) AS value,
                   sum(IF(partner IN ({{eu}}), value, NULL)) AS eu27,
                   sum(IF(partner NOT IN ({{eu}}, {{specials}}), value, NULL)) AS extra_eu27
            FROM (SELECT *, CASE WHEN partner IN ({{confidential}}) THEN 'confidential'
                                 WHEN partner IN ({{apart}}) THEN 'apart'
                                 ELSE 'partner' END AS line
                  FROM flows
                  WHERE year IN ({PREVIOUS}, {YEAR}) AND reporter = '{FIRST}'
                    AND flow = 'export')
            GROUP BY GROUPING SETS ((year, partner, line), (year))""",
    ),
    "products": (
        f"""SELECT reporter, year, code, value, total, value / total AS share, rank FROM (
              SELECT *, sum(value) OVER (PARTITION BY reporter, year) AS total,
                     row_number() OVER (PARTITION BY reporter, year, instr(code, 'X') > 0
                                        ORDER BY value DESC, code) AS rank
              FROM (SELECT reporter, year,
                           IF(instr(substr(product, 1, 6), 'X') > 0, product,
                              substr(product, 1, 6)) AS code,
                           sum(value) AS value
                    FROM flows
                    WHERE year IN ({PREVIOUS}, {YEAR})
                      AND ((reporter = '{FIRST}' AND partner = '{SECOND}' AND flow = 'export')
                        OR (reporter = '{SECOND}' AND partner = '{FIRST}' AND flow = 'import'))
                    GROUP BY reporter, year, code))
            WHERE rank <= {TOP_PRODUCTS} OR instr(code, 'X') > 0""",
    ),
    "series": (
        f"""SELECT reporter, flow, year, month, sum(value) AS value FROM flows
            WHERE month IS NOT NULL AND {PAIR}
            GROUP BY reporter, flow, year, month ORDER BY reporter, flow, year, month""",
    ),
}


def _quoted(codes: Any) -> str:
    return ", ".join(f"'{code}'" for code in sorted(codes))


def write_files(folder: Path, rows: int, files: int, seed: int) -> list[Path]:
    """Write `files` monthly full_v2 files of YEAR (rows split evenly), published order."""
    from bilateral.synthetic import write_full_v2

    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_full_v2(folder / f"full_v2_{YEAR}{month:02d}.dat", rows=rows // files,
                      seed=seed + month, period=f"{YEAR}{month:02d}", order="published")
        for month in range(1, files + 1)
    ]  # fmt: skip


def bare_spark(session: Any, files: list[Path], target: Path) -> float:
    """Return the seconds of a bare Spark CSV read and partitioned Parquet write of `files`."""
    start = time.perf_counter()
    frame = (
        session.read.option("header", True)
        .option("inferSchema", False)
        .csv([str(f) for f in files])
    )
    frame = frame.withColumn("year", frame["PERIOD"].substr(1, 4))
    frame.write.partitionBy("year").option("compression", "zstd").parquet(str(target))
    return time.perf_counter() - start


def measure_ingest(session: Any, files: list[Path], work: Path) -> list[Measure]:
    """Time the distributed ingest, the bare Spark conversion and the single-machine ingest."""
    import bilateral

    bare_spark(session, files[:1], work / "warm-bare")  # the JVM's first job, untimed
    bare = bare_spark(session, files, work / "bare")
    store = bilateral.open(work / "store-spark")
    start = time.perf_counter()
    reports = store.ingest_on_spark(files, session=session)
    spark_seconds = time.perf_counter() - start
    single = bilateral.open(work / "store-duckdb")
    start = time.perf_counter()
    for path in files:
        single.ingest(path)
    single_seconds = time.perf_counter() - start
    rows = sum(r.rows_stored for r in reports)
    return [
        Measure(f"bare Spark read+write (s) [{len(files)} files]", f"{bare:.1f}", "-", None),
        Measure("Spark ingest (s)", f"{spark_seconds:.1f}", "-", None),
        Measure("Spark ingest / bare Spark", f"{spark_seconds / bare:.2f}", "-", None),
        Measure("single-machine ingest in turn (s)", f"{single_seconds:.1f}", "-", None),
        Measure("rows stored", f"{rows:,}", "-", None),
    ]


def spark_clock(session: Any) -> Callable[[], float]:
    """Return the CPU seconds of this process and of the local Spark JVM (driver and executors
    in one process), read from /proc; only this process's where the JVM is not readable."""
    process = getattr(session.sparkContext._gateway, "proc", None)
    stat = Path(f"/proc/{process.pid}/stat") if process is not None else None
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def seconds() -> float:
        jvm = 0.0
        if stat is not None and stat.exists():
            fields = stat.read_text().rsplit(")", 1)[1].split()
            jvm = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        return jvm + time.process_time()

    return seconds


def spark_medians(
    calls: list[Callable[[], object]], runs: int, clock: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Return the median wall and JVM+Python CPU time of each call, timed in turn after
    WARMUPS runs of each (the load of other processes spreads over all calls alike)."""
    for _ in range(WARMUPS):
        for call in calls:
            call()
    walls: list[list[float]] = [[] for _ in calls]
    cpus: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for call, wall, cpu in zip(calls, walls, cpus, strict=True):
            start, used = time.perf_counter(), clock()
            call()
            wall.append(time.perf_counter() - start)
            cpu.append(clock() - used)
    return [statistics.median(w) for w in walls], [statistics.median(c) for c in cpus]


def hand_session(session: Any, store: Any, root: Path, eu: list[str]) -> tuple[Any, dict[str, str]]:
    """Return a session for the hand SQL, with its view `flows`, and the SQL's code lists.

    The hand SQL runs on the settings the engine gives its own session (`child_session`) and
    reads the snapshot's flow files as the engine reads every table (`table_frame`: the
    table's schema given, partition values from the folder names), so a ratio compares the
    statements, not two ways of reading the same files or two sets of settings.
    """
    from bilateral.engine.spark.scan import table_frame
    from bilateral.engine.spark.session import child_session

    user = child_session(session)
    files = store.snapshot_files("flows")
    table_frame(user, "flows", files, root).createOrReplaceTempView("flows")
    extra = {"unallocated": _quoted(UNALLOCATED), "eu": _quoted(eu),
             "specials": _quoted(INTRA_EU_SPECIALS), "apart": _quoted(APART_PARTNERS),
             "confidential": _quoted(CONFIDENTIAL_PARTNERS)}  # fmt: skip
    return user, extra


def measure_queries(
    session: Any, root: Path, runs: int, only: frozenset[str] | None = None
) -> list[Measure]:
    """Time the six queries: api on Spark against hand-written Spark SQL, and on DuckDB."""
    import bilateral
    from bilateral.reference import groups

    eu = sorted(groups.members("EU27_2020", YEAR))
    start = time.perf_counter()
    on_spark = bilateral.open(root, engine=session)
    first = on_spark.profile("IT", "BE", years=[YEAR])
    first_spark = time.perf_counter() - start
    start = time.perf_counter()
    on_duckdb = bilateral.open(root, engine="duckdb")
    on_duckdb.profile("IT", "BE", years=[YEAR])
    first_duckdb = time.perf_counter() - start
    assert first.rows
    user, extra = hand_session(session, on_spark, root, eu)
    lines = [
        Measure("first profile, Spark engine (s)", f"{first_spark:.2f}", "-", None),
        Measure("first profile, DuckDB engine (s)", f"{first_duckdb:.2f}", "-", None),
    ]
    clock = spark_clock(session)
    for case in cases(eu):
        if only is not None and case.name not in only:
            continue

        def hand(name: str = case.name) -> list[Rows]:
            return [
                [tuple(row) for row in user.sql(sql.format(**extra)).collect()]
                for sql in HAND_SQL[name]
            ]

        def api(call: Callable[[Any], object] = case.call, store: Any = on_spark) -> object:
            return call(store)

        def duck(call: Callable[[Any], object] = case.call) -> object:
            return call(on_duckdb)

        agree = figures_agree(case.api_figures(api()), case.sql_figures(hand()))
        (spark_api, spark_sql), (cpu_api, cpu_sql) = spark_medians([api, hand], runs, clock)
        (duckdb_api,), _cpu = interleaved_medians([duck], runs)
        ratio = spark_api / spark_sql
        lines += [
            Measure(f"warm {case.name} Spark (ms)", f"{spark_api * 1e3:.0f}", "-", None),
            Measure(f"warm {case.name} hand Spark SQL (ms)", f"{spark_sql * 1e3:.0f}", "-", None),
            Measure(f"{case.name} / hand Spark SQL", f"{ratio:.2f}", f"<= {RATIO_TARGET}",
                    ratio <= RATIO_TARGET),
            Measure(f"{case.name} / hand Spark SQL, JVM+Python CPU",
                    f"{cpu_api / cpu_sql:.2f}" if cpu_sql else "-", "-", None),
            Measure(f"{case.name} figures agree", "yes" if agree else "no", "yes", agree),
            Measure(f"warm {case.name} DuckDB (ms)", f"{duckdb_api * 1e3:.1f}", "-", None),
        ]  # fmt: skip
    return lines


def statement_phases(
    frame_of: Callable[[], Any], collect: Callable[[Any], object], clock: Callable[[], float]
) -> tuple[float, float, float, float]:
    """Return the CPU seconds of one statement's phases: the DataFrame made (parsed and
    resolved, or a kept plan reused), optimised, planned, and executed to its result."""
    start = clock()
    frame = frame_of()
    made = clock()
    execution = frame._jdf.queryExecution()
    execution.optimizedPlan()
    optimised = clock()
    execution.executedPlan()
    planned = clock()
    collect(frame)
    return made - start, optimised - made, planned - optimised, clock() - planned


def kept_frame(engine: Any, sql: str) -> Any:
    """Return the engine's DataFrame of `sql` on its own views, as `execute_sql` makes it."""
    engine._hold()
    return engine.plans.frame(sql)


def measure_phases(
    session: Any, root: Path, runs: int, only: frozenset[str] | None = None
) -> list[Measure]:
    """Time each statement's phases (made, optimised, planned, executed; JVM+Python CPU,
    medians of `runs` after WARMUPS) for the api on Spark and for the hand Spark SQL."""
    import bilateral
    from bilateral.engine.spark.engine import SparkEngine
    from bilateral.reference import groups

    eu = sorted(groups.members("EU27_2020", YEAR))
    store = bilateral.open(root, engine=session)
    seen: list[tuple[SparkEngine, str]] = []
    run_sql = SparkEngine.execute_sql

    def recorded(engine: SparkEngine, sql: str) -> Any:
        seen.append((engine, sql))
        return run_sql(engine, sql)

    user, extra = hand_session(session, store, root, eu)
    clock = spark_clock(session)
    lines: list[Measure] = []
    for case in cases(eu):
        if only is not None and case.name not in only:
            continue
        SparkEngine.execute_sql = recorded  # type: ignore[method-assign]
        try:
            case.call(store)
        finally:
            SparkEngine.execute_sql = run_sql  # type: ignore[method-assign]
        statements = [
            (f"api {index + 1}", lambda e=engine, q=sql: kept_frame(e, q),
             lambda frame: frame.toArrow())
            for index, (engine, sql) in enumerate(seen)
        ] + [
            (f"hand {index + 1}", lambda q=sql: user.sql(q.format(**extra)),
             lambda frame: frame.collect())
            for index, sql in enumerate(HAND_SQL[case.name])
        ]  # fmt: skip
        seen.clear()
        for label, frame_of, collect in statements:
            phases = [statement_phases(frame_of, collect, clock) for _ in range(WARMUPS + runs)]
            made, optimised, planned, executed = (
                statistics.median(phase) * 1e3 for phase in zip(*phases[WARMUPS:], strict=True)
            )
            lines.append(Measure(
                f"{case.name} {label}: made / optimised / planned / executed (ms CPU)",
                f"{made:.0f} / {optimised:.0f} / {planned:.0f} / {executed:.0f}", "-", None,
            ))  # fmt: skip
    return lines


def stored_rows(root: Path) -> int:
    """Return the flow rows of the store at `root` (the size the ratios are measured at: the
    api reads rollups, the hand SQL scans the flows, so the ratios change with it)."""
    import bilateral

    return sum(summary.rows for summary in bilateral.open(root).info().sources)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_200_000, help="rows in all (1.2M)")
    parser.add_argument("--files", type=int, default=12, help="monthly files (12)")
    parser.add_argument("--runs", type=int, default=5, help="timed warm runs of each query (5)")
    parser.add_argument("--master", default="local[2]", help="Spark master (local[2])")
    parser.add_argument("--seed", type=int, default=2024, help="generator seed")
    parser.add_argument("--workdir", type=Path, help="keep files here")
    parser.add_argument("--store", type=Path, help="time the queries on this store (no ingest)")
    parser.add_argument("--queries", help="time only these queries (comma-separated names)")
    parser.add_argument(
        "--phases",
        action="store_true",
        help="also time each statement's phases (made, optimised, planned, run)",
    )
    args = parser.parse_args(argv)
    only = None if args.queries is None else frozenset(args.queries.split(","))
    from bilateral.engine.spark.session import spark_session

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bilateral-bench-spark-"))
    loads = [os.getloadavg()]
    start = time.perf_counter()
    session = spark_session(args.master)
    started = Measure("Spark session start, JVM included (s)",
                      f"{time.perf_counter() - start:.1f}", "-", None)  # fmt: skip
    try:
        if args.store is None:
            files = write_files(workdir / "files", args.rows, args.files, args.seed)
            table = [started, *measure_ingest(session, files, workdir)]
            table += measure_queries(session, workdir / "store-spark", args.runs, only)
        else:
            table = [started, *measure_queries(session, args.store, args.runs, only)]
        if args.phases:
            table += measure_phases(session, args.store or workdir / "store-spark", args.runs, only)
        data = (
            f"{args.rows:,} synthetic full_v2 rows in {args.files} monthly files"
            if args.store is None
            else f"the store {args.store} ({stored_rows(args.store):,} flow rows)"
        )
        print(f"bilateral Spark benchmark on {args.master}: {data}; "
              f"medians of {args.runs} warm runs")  # fmt: skip
        width = max(len(line.name) for line in table)
        for line in table:
            ok = "-" if line.ok is None else ("ok" if line.ok else "NOT OK")
            print(f"{line.name:<{width}}  {line.value:>12}  {line.target:>8}  {ok}")
        loads.append(os.getloadavg())
        for when, load in zip(("start", "end"), loads, strict=True):
            averages = ", ".join(f"{x:.1f}" for x in load)
            print(f"load average (1, 5, 15 min) at the {when}: {averages} on "
                  f"{os.cpu_count()} cores")  # fmt: skip
    finally:
        session.stop()
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
