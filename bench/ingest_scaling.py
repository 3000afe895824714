"""Benchmark how ingest time and memory grow with the file: BACI at N and at 3N rows.

Usage: .venv/bin/python bench/ingest_scaling.py [--rows N] [--workdir DIR] [--seed S]

On two seeded synthetic BACI year files of N and 3N rows (10M and 30M by default), each
ingested into a fresh store in a fresh subprocess: the time of 3N over the time of N (target
<= 3.2: ingest is linear, with a little slack) and the peak RSS of 3N over that of N (target
<= 1.1: memory stays flat as the file grows). See bench/README.md. It prints, it does not
assert.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from ingest_baci import FILE_NAME
from ingest_baci import SCRIPT as BACI_SCRIPT
from ingest_profile import Measure, print_measures, run_child


def measure(workdir: Path, rows: int, seed: int) -> list[Measure]:
    """Generate (or reuse) both files, ingest each; return the table."""
    results = {}
    for count in (rows, 3 * rows):
        path = workdir / f"baci-{count}-seed{seed}" / FILE_NAME
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            run_child("generate", BACI_SCRIPT, path=str(path), rows=count, seed=seed)
        store = workdir / f"store-scaling-{count}"
        shutil.rmtree(store, ignore_errors=True)
        results[count] = run_child("ingest", BACI_SCRIPT, path=str(path), out=str(store))
        shutil.rmtree(store, ignore_errors=True)
    small, large = results[rows], results[3 * rows]
    time_ratio = large["seconds"] / small["seconds"]
    cpu_ratio = large["cpu_s"] / small["cpu_s"]
    memory_ratio = large["maxrss_mb"] / small["maxrss_mb"]
    return [
        Measure(f"ingest {rows:,} rows (s, peak MiB)",
                f"{small['seconds']:.1f}, {small['maxrss_mb']:.0f}", "-", None),
        Measure(f"ingest {3 * rows:,} rows (s, peak MiB)",
                f"{large['seconds']:.1f}, {large['maxrss_mb']:.0f}", "-", None),
        Measure("time 3N / time N", f"{time_ratio:.2f}", "<= 3.2", time_ratio <= 3.2),
        Measure("CPU s 3N / CPU s N (load stretches wall times unevenly)",
                f"{large['cpu_s']:.1f} / {small['cpu_s']:.1f} = {cpu_ratio:.2f}", "-", None),
        Measure("peak RSS 3N / peak RSS N", f"{memory_ratio:.2f}", "<= 1.1", memory_ratio <= 1.1),
        Measure("rows stored (3N)", f"{large['rows_stored']:,}", f"{3 * rows:,}",
                large["rows_stored"] == 3 * rows),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000, help="the smaller file (10M)")
    parser.add_argument("--seed", type=int, default=2024, help="generator seed")
    parser.add_argument("--workdir", type=Path, help="keep the data files here and reuse them")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        table = measure(workdir, args.rows, args.seed)
        print(f"bilateral ingest scaling: synthetic BACI HS92 files of {args.rows:,} and "
              f"{3 * args.rows:,} rows")  # fmt: skip
        print_measures(table)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
