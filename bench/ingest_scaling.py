"""Benchmark how ingest time and memory grow with the file: N rows against 3N rows.

Usage: .venv/bin/python bench/ingest_scaling.py [--rows N] [--source {comext,baci,both}]
           [--order {published,shuffled,both}] [--runs R] [--data DIR] [--workdir DIR] [--seed S]

For each source (a Comext full_v2 month, a BACI year file) and row order (as published,
shuffled), two seeded synthetic files of N and 3N rows (10M and 30M by default) are each
ingested into a fresh store in a fresh subprocess, `--runs` times, N and 3N in turn. It prints
the time of 3N over the time of N (target <= 3.2: ingest is linear, with a little slack), the
same for CPU seconds (what the machine's load stretches least), the peak RSS of 3N over that of
N (target <= 1.1: memory stays flat as the file grows), and where each ingest's memory grows:
the resident set is sampled every 10 ms and each rise of its high-water mark is credited to the
functions of `bilateral.store` the ingest was running. See bench/README.md. It prints, it
does not assert.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from ingest_baci import FILE_NAME as BACI_FILE_NAME
from ingest_baci import SCRIPT as BACI_SCRIPT
from ingest_profile import PERIOD, Measure, _peak_rss_mb, cpu_seconds, print_measures, run_child

SCRIPT = Path(__file__)
SOURCES = ("comext", "baci")
ORDERS = ("published", "shuffled")
SAMPLE_SECONDS = 0.01
STORE_PACKAGE = "bilateral/store/"
TOP_PHASES = 5


# --- the child: one ingest, with its resident set sampled by the function it is in ----------


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _store_phase(frame: FrameType | None) -> str:
    """Return the two innermost functions of bilateral.store on the stack, outer > inner."""
    names: list[str] = []
    while frame is not None and len(names) < 2:
        path = frame.f_code.co_filename.replace(os.sep, "/")
        if STORE_PACKAGE in path:
            module = path.rsplit("/", 1)[-1].removesuffix(".py")
            names.insert(0, f"{module}.{frame.f_code.co_name}")
        frame = frame.f_back
    return " > ".join(names) or "outside bilateral.store"


@contextmanager
def sampled_rss(growth: dict[str, float]) -> Iterator[None]:
    """Credit in `growth` each rise of the peak RSS (MiB) to the phase the main thread was in.

    The allocator seldom hands memory back, so the RSS seen in a phase says little about it;
    what each phase adds to the high-water mark says where memory grows.
    """
    main = threading.main_thread().ident
    stop = threading.Event()
    peak = _rss_mb()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(SAMPLE_SECONDS):
            rss = _rss_mb()
            if rss > peak:
                phase = _store_phase(sys._current_frames().get(main or 0))
                growth[phase] = growth.get(phase, 0.0) + rss - peak
                peak = rss

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield
    finally:
        stop.set()
        sampler.join()


def _child_ingest(args: argparse.Namespace) -> dict[str, Any]:
    import bilateral

    store = bilateral.open(args.out)
    growth: dict[str, float] = {}
    start_rss = _rss_mb()
    with sampled_rss(growth):
        start, cpu = time.perf_counter(), cpu_seconds()
        report = store.ingest(args.path, synthetic=True)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu_s": cpu, "rows_stored": report.rows_stored,
            "rss_before_mb": start_rss, "growth_mb": growth}  # fmt: skip


# --- the files --------------------------------------------------------------------------------


def data_file(data: Path, source: str, order: str, rows: int, seed: int) -> Path:
    """Return the seeded file of `rows` rows, generating it unless `data` holds it.

    The names are those `ingest_profile.py` and `ingest_baci.py` give their files, so a
    directory either of them left can be given as `--data`.
    """
    if source == "comext":
        path = data / f"data-{rows}-seed{seed}-{order}" / f"full_v2_{PERIOD}.dat"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            run_child("generate", path=str(path), rows=rows, seed=seed, order=order)
        return path
    published = data / f"baci-{rows}-seed{seed}" / BACI_FILE_NAME
    if not published.exists():
        published.parent.mkdir(parents=True, exist_ok=True)
        run_child("generate", BACI_SCRIPT, path=str(published), rows=rows, seed=seed)
    if order == "published":
        return published
    shuffled = data / f"baci-{rows}-seed{seed}-shuffled" / BACI_FILE_NAME
    if not shuffled.exists():
        shuffled.parent.mkdir(parents=True, exist_ok=True)
        run_child("shuffle", BACI_SCRIPT, path=str(published), out=str(shuffled), seed=seed)
    return shuffled


def ingest_once(workdir: Path, path: Path, rows: int) -> dict[str, Any]:
    """Ingest `path` into a fresh store in a fresh child; return its result and the load."""
    store = workdir / f"store-scaling-{rows}"
    shutil.rmtree(store, ignore_errors=True)
    result = run_child("ingest", SCRIPT, path=str(path), out=str(store))
    shutil.rmtree(store, ignore_errors=True)
    result["load"] = os.getloadavg()[0]
    print(f"ingested {path}: {result['seconds']:.1f} s, {result['cpu_s']:.1f} CPU s, "
          f"peak {result['maxrss_mb']:.0f} MiB, load {result['load']:.1f}", flush=True)  # fmt: skip
    return result


# --- the table ------------------------------------------------------------------------------


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _each(runs: list[dict[str, Any]], key: str, digits: int) -> str:
    return ", ".join(f"{run[key]:.{digits}f}" for run in runs)


def memory_growth(runs: list[dict[str, Any]]) -> str:
    """Return the RSS at the start and the phases that raised the peak most (MiB, median)."""
    phases = {phase for run in runs for phase in run["growth_mb"]}
    growth = {phase: statistics.median(run["growth_mb"].get(phase, 0.0) for run in runs)
              for phase in phases}  # fmt: skip
    top = sorted(growth.items(), key=lambda item: -item[1])[:TOP_PHASES]
    start = _median(runs, "rss_before_mb")
    return f"start {start:.0f}; " + "; ".join(f"+{mb:.0f} {phase}" for phase, mb in top)


def measure_pair(
    small: list[dict[str, Any]], large: list[dict[str, Any]], rows: int, label: str
) -> list[Measure]:
    """Return the table's lines for one source and order (medians over the runs)."""
    time_ratio = _median(large, "seconds") / _median(small, "seconds")
    cpu_ratio = _median(large, "cpu_s") / _median(small, "cpu_s")
    rss_ratio = _median(large, "maxrss_mb") / _median(small, "maxrss_mb")
    stored = all(run["rows_stored"] == 3 * rows for run in large) and all(
        run["rows_stored"] == rows for run in small
    )
    lines = []
    for count, runs in ((rows, small), (3 * rows, large)):
        lines += [
            Measure(f"{count:,} rows: wall s{label}", _each(runs, "seconds", 1), "-", None),
            Measure(f"{count:,} rows: CPU s{label}", _each(runs, "cpu_s", 1), "-", None),
            Measure(f"{count:,} rows: peak RSS MiB{label}", _each(runs, "maxrss_mb", 0), "-",
                    None),
            Measure(f"{count:,} rows: load average after{label}", _each(runs, "load", 1), "-",
                    None),
        ]  # fmt: skip
    return [
        *lines,
        Measure("wall 3N / N (medians)" + label, f"{time_ratio:.2f}", "<= 3.2", time_ratio <= 3.2),
        Measure("CPU s 3N / N (medians)" + label, f"{cpu_ratio:.2f}", "<= 3.2", cpu_ratio <= 3.2),
        Measure("peak RSS 3N / N (medians)" + label, f"{rss_ratio:.2f}", "<= 1.1",
                rss_ratio <= 1.1),
        Measure("rows stored = rows (every run)" + label, "yes" if stored else "no", "yes",
                stored),
    ]  # fmt: skip


def measure(
    args: argparse.Namespace, workdir: Path, data: Path
) -> tuple[list[Measure], list[tuple[str, str]]]:
    """Ingest every file asked for, N and 3N in turn; return the table and the RSS phases."""
    sources = SOURCES if args.source == "both" else (args.source,)
    orders = ORDERS if args.order == "both" else (args.order,)
    table: list[Measure] = []
    phases: list[tuple[str, str]] = []
    for source in sources:
        for order in orders:
            files = {count: data_file(data, source, order, count, args.seed)
                     for count in (args.rows, 3 * args.rows)}  # fmt: skip
            results: dict[int, list[dict[str, Any]]] = {count: [] for count in files}
            for _ in range(args.runs):
                for count, path in files.items():
                    results[count].append(ingest_once(workdir, path, count))
            label = f" ({source} {order})"
            table += measure_pair(results[args.rows], results[3 * args.rows], args.rows, label)
            for count, runs in results.items():
                phases.append((f"{count:,} rows{label}", memory_growth(runs)))
    return table, phases


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (the --child options are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000, help="the smaller file (10M)")
    parser.add_argument("--seed", type=int, default=2024, help="generator seed")
    parser.add_argument("--source", choices=[*SOURCES, "both"], default="both",
                        help="Comext full_v2, BACI, or both (both)")  # fmt: skip
    parser.add_argument("--order", choices=[*ORDERS, "both"], default="both",
                        help="row order of the files (both)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=1, help="ingests of each file (1)")
    parser.add_argument("--data", type=Path, help="keep the data files here and reuse them")
    parser.add_argument("--workdir", type=Path, help="where the stores are made (a temp dir)")
    parser.add_argument("--child", choices=["ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table, or one ingest when called with --child."""
    args = parse_args(argv)
    if args.child:
        print(json.dumps({**_child_ingest(args), "maxrss_mb": _peak_rss_mb()}))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data = args.data or workdir
    try:
        table, phases = measure(args, workdir, data)
        print(f"bilateral ingest scaling: synthetic files of {args.rows:,} and "
              f"{3 * args.rows:,} rows, {args.runs} run(s) each")  # fmt: skip
        print_measures(table)
        print("where the peak RSS grew (MiB), by the store functions running (outer > inner):")
        for name, peaks in phases:
            print(f"  {name}: {peaks}")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
