"""Benchmark ingest and profile on a synthetic Comext full_v2 file, as ratios to bare engines.

Usage: .venv/bin/python bench/ingest_profile.py [--rows N] [--workdir DIR] [--seed S] [--runs R]
                                                [--order {published,shuffled,both}]

Measured in one run, on seeded files (synthetic data, not official statistics) holding the
same rows in the published order (sorted by reporter, partner, product, flow, as Eurostat's
bulk files are) and shuffled; `--order` picks one of them or both (the default):
  1. for each order, `store.ingest(file)` time / bare `polars.scan_csv(...).sink_parquet(...)`
     time, each in a fresh subprocess (baseline first), into a fresh store;
  2. for each order, peak RSS of the ingest subprocess;
  3. warm `store.profile("IT", "BE", years=[2024])` latency / a hand-written DuckDB query
     computing the same figures from the snapshot's Parquet files (medians after warm-ups), on
     the published-order store (the shuffled one with `--order shuffled`);
  4. cold `bilateral profile IT BE --years 2024 --store DIR` wall time, on that store.
See bench/README.md. This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # benchmark the checkout, installed or not

PERIOD = "202401"
ORDERS = ("published", "shuffled")
YEAR = 2024
COUNTRIES = {"IT": "ITA", "BE": "BEL"}  # canonical codes are ISO alpha-3
WARMUPS = 2
CSV_TYPES = {"VALUE_EUR": "Int64", "VALUE_NAC": "Int64", "QUANTITY_KG": "Int64",
             "QUANTITY_SUPPL_UNIT": "Int64"}  # fmt: skip
PAIR_SQL = """
SELECT reporter, flow, sum(value) AS value
FROM read_parquet({files}, hive_partitioning = true)
WHERE year = {year}
  AND ((reporter = '{first}' AND partner = '{second}')
    OR (reporter = '{second}' AND partner = '{first}'))
GROUP BY reporter, flow
ORDER BY reporter, flow
"""


@dataclass(frozen=True)
class Measure:
    """One line of the result table."""

    name: str
    value: str
    target: str
    ok: bool | None  # None: information only, no target


# --- children: each measured step runs in its own fresh interpreter -------------------------


def _peak_rss_mb() -> float:
    """Return this process's peak resident set size in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def cpu_seconds() -> float:
    """Return this process's CPU time so far (user + system, all threads), in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_generate(args: argparse.Namespace) -> dict[str, Any]:
    from bilateral.synthetic import write_full_v2

    target = Path(args.path)
    partial = target.with_suffix(".partial")
    start = time.perf_counter()
    write_full_v2(partial, rows=args.rows, seed=args.seed, period=PERIOD, order=args.order)
    seconds = time.perf_counter() - start
    partial.rename(target)
    return {"seconds": seconds}


def _child_baseline(args: argparse.Namespace) -> dict[str, Any]:
    import polars as pl

    schema = {name: getattr(pl, kind) for name, kind in CSV_TYPES.items()}
    start, cpu = time.perf_counter(), cpu_seconds()
    lazy = pl.scan_csv(args.path, schema_overrides=schema, infer_schema=False)
    lazy.sink_parquet(args.out)
    return {"seconds": time.perf_counter() - start, "cpu_s": cpu_seconds() - cpu}


def _child_ingest(args: argparse.Namespace) -> dict[str, Any]:
    import bilateral

    store = bilateral.open(args.out)
    start, cpu = time.perf_counter(), cpu_seconds()
    report = store.ingest(args.path, synthetic=True)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_s": cpu_seconds() - cpu, "rows_read": report.rows_read,
            "rows_stored": report.rows_stored, "status": report.status}  # fmt: skip


CHILDREN: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "generate": _child_generate,
    "baseline": _child_baseline,
    "ingest": _child_ingest,
}


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def run_child(kind: str, script: Path | None = None, **options: str | int) -> dict[str, Any]:
    """Run one step of `script` (this one by default) in a fresh interpreter.

    Return the step's JSON result with `maxrss_mb`.
    """
    command = [sys.executable, str((script or Path(__file__)).resolve()), "--child", kind]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    done = subprocess.run(command, capture_output=True, text=True, env=_child_env(), check=False)
    if done.returncode != 0:
        raise RuntimeError(f"step {kind!r} failed (exit {done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- warm queries in this process ----------------------------------------------------------


def median_seconds(call: Callable[[], object], runs: int) -> float:
    """Return the median wall time of `call` over `runs` runs, after WARMUPS untimed runs."""
    for _ in range(WARMUPS):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pair_sql(files: list[str]) -> str:
    """Return the hand-written DuckDB query for both reporters' exports and imports."""
    quoted = ", ".join("'" + name.replace("'", "''") + "'" for name in files)
    return PAIR_SQL.format(files=f"[{quoted}]", year=YEAR, first=COUNTRIES["IT"],
                           second=COUNTRIES["BE"])  # fmt: skip


def profile_figures(profile: Any) -> dict[tuple[str, str], float]:
    """Return {(reporter, flow): value} from the profile's own and mirror views."""
    figures: dict[tuple[str, str], float] = {}
    for row in profile.rows:
        if row.year != YEAR:
            continue
        if row.reported_by == COUNTRIES["IT"]:
            figures[row.reported_by, "export"] = row.exports
            figures[row.reported_by, "import"] = row.imports
        else:  # the mirror view: Italy's exports are what Belgium declares as imports
            figures[row.reported_by, "import"] = row.exports
            figures[row.reported_by, "export"] = row.imports
    return figures


def figures_agree(left: dict[tuple[str, str], float], right: dict[tuple[str, str], float]) -> bool:
    """Say whether two sets of figures hold the same keys and values (to a euro)."""
    return left.keys() == right.keys() and all(
        abs((left[key] or 0.0) - right[key]) < 1.0 for key in left
    )


def warm_latencies(store_dir: Path, runs: int) -> tuple[float, float, bool]:
    """Return the median profile and DuckDB latencies and whether their figures agree."""
    import duckdb

    import bilateral

    store = bilateral.open(store_dir)
    sql = pair_sql(store.snapshot_files("flows"))
    connection = duckdb.connect()
    expected = {(r, f): v for r, f, v in connection.execute(sql).fetchall()}
    figures = profile_figures(store.profile("IT", "BE", years=[YEAR]))
    profile_time = median_seconds(lambda: store.profile("IT", "BE", years=[YEAR]), runs)
    duckdb_time = median_seconds(lambda: connection.execute(sql).fetchall(), runs)
    connection.close()
    return profile_time, duckdb_time, figures_agree(figures, expected)


def cli_seconds(store_dir: Path) -> float:
    """Return the wall time of a cold `bilateral profile` run in a new process."""
    script = Path(sys.executable).parent / "bilateral"
    launcher = [str(script)] if script.exists() else [
        sys.executable, "-c", "from bilateral.cli import main; main()"
    ]  # fmt: skip
    command = [*launcher, "profile", "IT", "BE", "--years", str(YEAR), "--store", str(store_dir)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=_child_env(), check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"`bilateral profile` failed (exit {done.returncode}):\n{done.stderr}")
    return seconds


# --- the run -------------------------------------------------------------------------------


def prepare_file(
    workdir: Path, rows: int, seed: int, order: str
) -> tuple[Path, dict[str, Any] | None]:
    """Return the seeded file, generating it unless an earlier run left it in `workdir`."""
    path = workdir / f"data-{rows}-seed{seed}-{order}" / f"full_v2_{PERIOD}.dat"
    if path.exists():
        return path, None
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, run_child("generate", path=str(path), rows=rows, seed=seed, order=order)


def measure_ingest(workdir: Path, rows: int, seed: int, order: str) -> tuple[list[Measure], Path]:
    """Generate (or reuse) one order's file, run baseline and ingest; return rows and store."""
    path, generated = prepare_file(workdir, rows, seed, order)
    store_dir = workdir / f"store-{order}"
    shutil.rmtree(store_dir, ignore_errors=True)
    baseline_out = workdir / f"baseline-{order}.parquet"
    baseline = run_child("baseline", path=str(path), out=str(baseline_out))
    ingest = run_child("ingest", path=str(path), out=str(store_dir))
    ratio = ingest["seconds"] / baseline["seconds"]
    label = f" ({order} order)"
    table = [
        Measure("generate file (s, peak MiB)" + label, _generated(generated), "-", None),
        Measure("bare polars csv->parquet (s)" + label, f"{baseline['seconds']:.2f}", "-", None),
        Measure("ingest (s)" + label, f"{ingest['seconds']:.2f}", "-", None),
        Measure("ingest / bare polars" + label, f"{ratio:.2f}", "<= 1.5", ratio <= 1.5),
        cpu_measure(ingest, baseline, label),
        Measure("ingest peak RSS (MiB)" + label, f"{ingest['maxrss_mb']:.0f}", "<= 1024",
                ingest["maxrss_mb"] <= 1024),
        Measure("rows stored / rows" + label, f"{ingest['rows_stored']:,} / {rows:,}", "all",
                ingest["rows_stored"] == rows),
        Measure("load average, 1 min (after ingest)" + label, f"{os.getloadavg()[0]:.1f}", "-",
                None),
    ]  # fmt: skip
    return table, store_dir


def cpu_measure(ingest: dict[str, Any], baseline: dict[str, Any], label: str) -> Measure:
    """Return the CPU seconds of ingest and baseline and their ratio (what load stretches less)."""
    ratio = ingest["cpu_s"] / baseline["cpu_s"]
    value = f"{ingest['cpu_s']:.1f} / {baseline['cpu_s']:.1f} = {ratio:.2f}"
    return Measure("ingest / bare polars CPU s" + label, value, "-", None)


def measure(
    workdir: Path, rows: int, seed: int, runs: int, orders: tuple[str, ...]
) -> tuple[list[Measure], str]:
    """Run every step; return the result table and the order of the store queried."""
    table: list[Measure] = []
    stores: dict[str, Path] = {}
    for order in orders:
        lines, stores[order] = measure_ingest(workdir, rows, seed, order)
        table += lines
    queried = "published" if "published" in stores else orders[0]
    profile_time, duckdb_time, agree = warm_latencies(stores[queried], runs)
    cli = cli_seconds(stores[queried])
    warm = profile_time / duckdb_time
    table += [
        Measure("warm profile (ms, median)", f"{profile_time * 1e3:.1f}", "-", None),
        Measure("warm DuckDB SQL (ms, median)", f"{duckdb_time * 1e3:.1f}", "-", None),
        Measure("warm profile / DuckDB SQL", f"{warm:.2f}", "<= 1.0", warm <= 1.0),
        Measure("profile figures = SQL figures", "yes" if agree else "no", "yes", agree),
        Measure("cold CLI profile (s)", f"{cli:.2f}", "-", None),
    ]
    return table, queried


def _generated(result: dict[str, Any] | None) -> str:
    if result is None:
        return "reused"
    return f"{result['seconds']:.1f}, {result['maxrss_mb']:.0f}"


def print_table(table: list[Measure], rows: int, queried: str) -> None:
    """Print the measures as a fixed-width table."""
    print(f"bilateral ingest/profile benchmark: {rows:,} synthetic full_v2 rows, period {PERIOD}")
    print(f"(warm and cold queries on the {queried}-order store)")
    print_measures(table)


def print_measures(table: list[Measure]) -> None:
    """Print the measures, one line each, with their targets."""
    width = max(len(line.name) for line in table)
    print(f"{'measure':<{width}}  {'value':>23}  {'target':>8}  ok")
    for line in table:
        ok = "-" if line.ok is None else ("ok" if line.ok else "NOT OK")
        print(f"{line.name:<{width}}  {line.value:>23}  {line.target:>8}  {ok}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (the --child options are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000, help="data rows (10M)")
    parser.add_argument("--seed", type=int, default=2024, help="generator seed")
    parser.add_argument("--runs", type=int, default=20, help="timed warm queries (20)")
    parser.add_argument("--workdir", type=Path, help="keep files here and reuse the data files")
    parser.add_argument(
        "--order", choices=[*ORDERS, "both"], default="both", help="file row order (both)"
    )
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark, or one child step when called with --child."""
    args = parse_args(argv)
    if args.child:
        result = CHILDREN[args.child](args)
        print(json.dumps({**result, "maxrss_mb": _peak_rss_mb()}))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        orders = ORDERS if args.order == "both" else (args.order,)
        table, queried = measure(workdir, args.rows, args.seed, args.runs, orders)
        print_table(table, args.rows, queried)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
