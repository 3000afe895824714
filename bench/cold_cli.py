"""Benchmark cold commands: `bilateral profile` and an HTML brief, each in a new process.

Usage: .venv/bin/python bench/cold_cli.py (--store STORE | --workdir DIR) [--rows N] [--seed S]
                                          [--runs R] [--reporter A] [--partner B] [--year Y]

On the store STORE, or on the synthetic store of N rows that bench/queries.py builds (reused
from DIR when an earlier run left it there), times in new processes, R times each, interleaved:
  - `bilateral profile A B --years Y` with its compiled SQL cached (the usual case: every
    run after the first): target under 1 s;
  - the same command with an empty SQL cache (the first run on a machine, or after an
    upgrade: ibis and sqlglot are imported and the SQL compiled): no target, printed;
  - `bilateral brief A B --year Y --out FILE.html`, SQL cached: target under 3 s; and with an
    empty cache;
  - a bare `python -c "import duckdb, pyarrow"`, the floor a Python command on DuckDB pays.
Prints the median wall and CPU time (user + system of the child) of each, the CPU time as a
ratio to the floor, and which libraries the cached profile loaded that it must not
(tests/test_cli_query_imports.py checks that on every test run). On a loaded machine the wall
times stretch, the CPU times much less: the verdicts are given for both.
This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"
PROFILE_TARGET = 1.0
BRIEF_TARGET = 3.0
# Loaded by a query command only by mistake (the probe below lists those it finds).
UNWANTED = ("polars", "pandas", "ibis", "sqlglot", "httpx", "py7zr", "pyspark", "fastapi",
            "uvicorn", "jinja2", "weasyprint", "vl_convert")  # fmt: skip
PROBE = """
import sys
sys.argv = ["bilateral", *sys.argv[1:]]
from bilateral.cli import main
try:
    main()
except SystemExit:
    pass
print(",".join(m for m in {unwanted!r} if m in sys.modules), file=sys.stderr)
"""


@dataclass(frozen=True)
class Command:
    """One timed command: its arguments after `python`, and whether its SQL cache is kept."""

    name: str
    arguments: list[str]
    cached: bool = True
    target: float | None = None


def run(arguments: list[str], sql_cache: Path) -> tuple[float, float]:
    """Return the wall time and the CPU time (user + system) of one run in a new process."""
    environment = {**os.environ, "PYTHONPATH": str(SOURCE), "COLUMNS": "80",
                   "BILATERAL_SQL_CACHE": str(sql_cache)}  # fmt: skip
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc files, as an installed package
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *arguments], env=environment, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def unwanted_loaded(arguments: list[str], sql_cache: Path) -> str:
    """Return the unwanted libraries that `bilateral ARGUMENTS` loads (with this SQL cache)."""
    environment = {**os.environ, "PYTHONPATH": str(SOURCE), "BILATERAL_SQL_CACHE": str(sql_cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(unwanted=UNWANTED), *arguments],
        env=environment, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "none"


def commands(store: Path, args: argparse.Namespace, out: Path) -> list[Command]:
    """Return the commands to time on `store`."""
    pair = [args.reporter, args.partner]
    profile = ["-m", "bilateral", "profile", *pair, "--years", str(args.year), "--store",
               str(store)]  # fmt: skip
    brief = ["-m", "bilateral", "brief", *pair, "--year", str(args.year), "--out", str(out),
             "--store", str(store)]  # fmt: skip
    return [
        Command("python + import duckdb, pyarrow", ["-c", "import duckdb, pyarrow"]),
        Command("bilateral profile (SQL cached)", profile, target=PROFILE_TARGET),
        Command("bilateral profile (first run)", profile, cached=False),
        Command("bilateral brief HTML (SQL cached)", brief, target=BRIEF_TARGET),
        Command("bilateral brief HTML (first run)", brief, cached=False),
    ]


def measure(timed: list[Command], runs: int, folder: Path) -> dict[str, tuple[float, float]]:
    """Return each command's median wall and CPU time, the runs of all commands interleaved."""
    kept = folder / "sql-kept"
    for command in timed:
        run(command.arguments, kept)  # writes .pyc files and the kept cache; warms the OS cache
    walls: dict[str, list[float]] = {command.name: [] for command in timed}
    cpus: dict[str, list[float]] = {command.name: [] for command in timed}
    for number in range(runs):
        for index, command in enumerate(timed):
            cache = kept if command.cached else folder / f"sql-empty-{number}-{index}"
            wall, cpu = run(command.arguments, cache)
            walls[command.name].append(wall)
            cpus[command.name].append(cpu)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in walls}


def verdict(seconds: float, target: float) -> str:
    return "meets" if seconds <= target else "misses"


def store_for(args: argparse.Namespace) -> Path:
    """Return `--store`, or the bench/queries.py store of `--rows` rows in `--workdir`."""
    if args.store is not None:
        return Path(args.store)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from queries import prepare_store

    store, _ = prepare_store(args.workdir, args.rows, args.seed, reingest=False)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", type=Path, help="an existing store")
    where.add_argument("--workdir", type=Path, help="build (or reuse) the bench store here")
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the bench store")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the bench store")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (7)")
    parser.add_argument("--reporter", default="IT")
    parser.add_argument("--partner", default="BE")
    parser.add_argument("--year", type=int, default=2024, help="2024 on the bench store")
    args = parser.parse_args()
    store = store_for(args)
    with tempfile.TemporaryDirectory(prefix="bilateral-cold-") as name:
        folder = Path(name)
        timed = commands(store, args, folder / "brief.html")
        medians = measure(timed, args.runs, folder)
        loaded = unwanted_loaded(timed[1].arguments[2:], folder / "sql-kept")
    floor_cpu = medians[timed[0].name][1]
    print(f"cold commands on {store}: medians of {args.runs} runs, each in a new process")
    print(f"{'command':<36} {'wall s':>7} {'cpu s':>7} {'cpu / floor':>11}  target")
    for command in timed:
        wall, cpu = medians[command.name]
        target = "-" if command.target is None else f"< {command.target:.0f} s"
        print(f"{command.name:<36} {wall:7.3f} {cpu:7.3f} {cpu / floor_cpu:11.1f}  {target}")
    for command in timed:
        if command.target is not None:
            wall, cpu = medians[command.name]
            target = command.target
            print(f"{command.name}: {verdict(wall, target)} the {target:.0f} s target in wall "
                  f"time, {verdict(cpu, target)} it in CPU time")  # fmt: skip
    print(f"unwanted libraries loaded by the cached profile: {loaded or 'none'}")
    loads = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {loads} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
