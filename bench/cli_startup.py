"""Benchmark the command line's start-up: `bilateral --help` against a bare `python -c pass`.

Usage: .venv/bin/python bench/cli_startup.py [--runs R] [--store STORE]

Runs each command R times in turn (interleaved, so load from other processes falls on both
alike) and prints the median wall time of each, their difference (what `bilateral` itself costs)
and the help of a few sub-commands. Target: `bilateral --help` and every `--help` under 0.3 s.
Also prints which heavy libraries `--help` loaded (none expected). The script measures the
checkout's `src/`, installed or not. This is a benchmark, not a test: it prints, it does not
assert.

With `--store STORE` (the 10M-row store of bench/queries.py) it also times a cold
`bilateral profile IT BE --years 2024` on that store, start-up included: target under 1 s.
Every command runs with bytecode caching on (as an installed package has its `.pyc` files) and
after one untimed run (which writes them and the compiled SQL of `bilateral.query.compiled`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"
TARGET_SECONDS = 0.3
COLD_QUERY_TARGET = 1.0
HEAVY = ("duckdb", "ibis", "polars", "pyarrow", "deltalake", "numpy", "pandas", "httpx")
COMMANDS: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "bilateral --help": ["-m", "bilateral", "--help"],
    "bilateral sectors --help": ["-m", "bilateral", "sectors", "--help"],
    "bilateral store info --help": ["-m", "bilateral", "store", "info", "--help"],
    "bilateral fetch comext --help": ["-m", "bilateral", "fetch", "comext", "--help"],
}
LOADED = (
    "import sys; sys.argv = ['bilateral', '--help']\n"
    "from bilateral.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
)


def run(arguments: list[str]) -> tuple[float, float]:
    """Return the wall time and the CPU time (user + system) of one run."""
    environment = {**os.environ, "PYTHONPATH": str(SOURCE), "COLUMNS": "80"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc files, as an installed package
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *arguments], env=environment, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def heavy_modules_loaded() -> str:
    environment = {**os.environ, "PYTHONPATH": str(SOURCE)}
    done = subprocess.run(
        [sys.executable, "-c", LOADED], env=environment, check=True, capture_output=True, text=True
    )
    return done.stderr.strip() or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--store", type=Path, help="also time a cold profile on this store")
    options = parser.parse_args()
    runs = options.runs
    if options.store is not None:
        COMMANDS["bilateral profile (cold)"] = [
            "-m", "bilateral", "profile", "IT", "BE", "--years", "2024", "--store",
            str(options.store),
        ]  # fmt: skip
    for arguments in COMMANDS.values():
        run(arguments)  # warm the file cache
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, arguments in COMMANDS.items():
            wall, cpu = run(arguments)
            walls[name].append(wall)
            cpus[name].append(cpu)
    bare = statistics.median(walls["python -c pass"])
    print(f"{'command':<32} {'wall s':>7} {'minus bare':>11} {'ratio':>6} {'cpu s':>6}")
    for name in COMMANDS:
        wall = statistics.median(walls[name])
        cpu = statistics.median(cpus[name])
        print(f"{name:<32} {wall:7.3f} {wall - bare:11.3f} {wall / bare:6.1f} {cpu:6.3f}")
    slowest = max(statistics.median(walls[name]) for name in COMMANDS if "help" in name)
    verdict = "meets" if slowest <= TARGET_SECONDS else "misses"
    print(f"slowest --help {slowest:.3f} s wall: {verdict} the {TARGET_SECONDS} s target")
    if options.store is not None:
        cold = statistics.median(walls["bilateral profile (cold)"])
        verdict = "meets" if cold <= COLD_QUERY_TARGET else "misses"
        print(f"cold profile {cold:.3f} s wall: {verdict} the {COLD_QUERY_TARGET} s target")
    print("(on a loaded machine the wall times stretch; the CPU times less so)")
    print(f"heavy libraries loaded by --help: {heavy_modules_loaded()}")
    print(
        f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (cores: {os.cpu_count()})"
    )


if __name__ == "__main__":
    main()
