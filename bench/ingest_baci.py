"""Benchmark ingest of a synthetic CEPII BACI year file, as a ratio to a bare polars conversion.

Usage: .venv/bin/python bench/ingest_baci.py [--rows N] [--workdir DIR] [--seed S]
                                             [--order {published,shuffled,both}]

On a seeded file in the BACI HS92 V202301 layout (synthetic data, not CEPII's), named as CEPII
names a year file (`BACI_HS92_Y2021_V202301.csv`, so ingest treats it as the complete year):
  1. `store.ingest(file)` time / bare `polars.scan_csv(...).sink_parquet(...)` time, each in a
     fresh subprocess (baseline first), into a fresh store;
  2. peak RSS of the ingest subprocess;
  3. rows stored against rows written, and the stored export total against the file's total
     summed by the baseline (thousand USD -> USD).
See bench/README.md. This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest_profile import (
    Measure,
    _peak_rss_mb,
    cpu_measure,
    cpu_seconds,
    print_measures,
    run_child,
)

FILE_NAME = "BACI_HS92_Y2021_V202301.csv"
SCRIPT = Path(__file__)
CSV_TYPES = {"k": "String", "q": "String", "v": "Float64"}


def _child_generate(args: argparse.Namespace) -> dict[str, Any]:
    from bilateral.synthetic.baci import write_baci

    target = Path(args.path)
    partial = target.with_name(target.name + ".partial")
    start = time.perf_counter()
    write_baci(partial, rows=args.rows, seed=args.seed)
    seconds = time.perf_counter() - start
    partial.rename(target)
    return {"seconds": seconds}


def _child_shuffle(args: argparse.Namespace) -> dict[str, Any]:
    """Write the published-order file's lines in a seeded random order (the same lines)."""
    import polars as pl

    target = Path(args.out)
    partial = target.with_name(target.name + ".partial")
    start = time.perf_counter()
    schema = {name: getattr(pl, kind) for name, kind in CSV_TYPES.items()}
    lines = pl.read_csv(args.path, schema_overrides=schema, infer_schema_length=0)
    lines.sample(fraction=1.0, shuffle=True, seed=args.seed).write_csv(partial)
    partial.rename(target)
    return {"seconds": time.perf_counter() - start}


def _child_baseline(args: argparse.Namespace) -> dict[str, Any]:
    import polars as pl

    schema = {name: getattr(pl, kind) for name, kind in CSV_TYPES.items()}
    start, cpu = time.perf_counter(), cpu_seconds()
    pl.scan_csv(args.path, schema_overrides=schema).sink_parquet(args.out)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    total = pl.scan_parquet(args.out).select(pl.col("v").sum()).collect().item()
    return {"seconds": seconds, "cpu_s": cpu, "total_usd": total * 1000}


def _child_ingest(args: argparse.Namespace) -> dict[str, Any]:
    import duckdb

    import bilateral

    store = bilateral.open(args.out)
    start, cpu = time.perf_counter(), cpu_seconds()
    report = store.ingest(args.path, synthetic=True)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    files = store.snapshot_files("flows")
    connection = duckdb.connect()
    [(total,)] = connection.execute(
        f"SELECT sum(value) FROM read_parquet({files!r}) WHERE flow = 'export'"
    ).fetchall()
    return {"seconds": seconds, "cpu_s": cpu, "rows_stored": report.rows_stored, "total_usd": total}


CHILDREN: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "generate": _child_generate,
    "shuffle": _child_shuffle,
    "baseline": _child_baseline,
    "ingest": _child_ingest,
}


def measure(workdir: Path, rows: int, seed: int, orders: tuple[str, ...]) -> list[Measure]:
    """Generate (or reuse) the files; run the baseline and the ingest per order."""
    published = workdir / f"baci-{rows}-seed{seed}" / FILE_NAME
    generated = "reused"
    if not published.exists():
        published.parent.mkdir(parents=True, exist_ok=True)
        result = run_child("generate", SCRIPT, path=str(published), rows=rows, seed=seed)
        generated = f"{result['seconds']:.1f}, {result['maxrss_mb']:.0f}"
    table = [Measure("generate file (s, peak MiB)", generated, "-", None)]
    for order in orders:
        path = published
        if order == "shuffled":
            path = workdir / f"baci-{rows}-seed{seed}-shuffled" / FILE_NAME
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                run_child("shuffle", SCRIPT, path=str(published), out=str(path), seed=seed)
        table += _measure_order(workdir, path, rows, f" ({order} order)")
    return table


def _measure_order(workdir: Path, path: Path, rows: int, label: str) -> list[Measure]:
    store_dir = workdir / "store-baci"
    shutil.rmtree(store_dir, ignore_errors=True)
    baseline = run_child(
        "baseline", SCRIPT, path=str(path), out=str(workdir / "baseline-baci.parquet")
    )
    ingest = run_child("ingest", SCRIPT, path=str(path), out=str(store_dir))
    ratio = ingest["seconds"] / baseline["seconds"]
    same_total = abs(ingest["total_usd"] - baseline["total_usd"]) <= 1e-6 * baseline["total_usd"]
    return [
        Measure("bare polars csv->parquet (s)" + label, f"{baseline['seconds']:.2f}", "-", None),
        Measure("ingest (s)" + label, f"{ingest['seconds']:.2f}", "-", None),
        Measure("ingest / bare polars" + label, f"{ratio:.2f}", "<= 1.5", ratio <= 1.5),
        cpu_measure(ingest, baseline, label),
        Measure("ingest peak RSS (MiB)" + label, f"{ingest['maxrss_mb']:.0f}", "<= 1024",
                ingest["maxrss_mb"] <= 1024),
        Measure("rows stored / rows" + label, f"{ingest['rows_stored']:,} / {rows:,}", "all",
                ingest["rows_stored"] == rows),
        Measure("stored total = file total (USD)" + label, "yes" if same_total else "no", "yes",
                same_total),
    ]  # fmt: skip


def print_table(table: list[Measure], rows: int) -> None:
    """Print the measures as a fixed-width table."""
    print(f"bilateral BACI ingest benchmark: {rows:,} synthetic BACI HS92 rows, year 2021")
    print_measures(table)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (the --child options are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000, help="data rows (10M)")
    parser.add_argument("--seed", type=int, default=2024, help="generator seed")
    parser.add_argument("--workdir", type=Path, help="keep files here and reuse the data file")
    parser.add_argument(
        "--order", choices=("published", "shuffled", "both"), default="both",
        help="row order of the file: as CEPII publishes it, shuffled, or both",
    )  # fmt: skip
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
        orders = ("published", "shuffled") if args.order == "both" else (args.order,)
        table = measure(workdir, args.rows, args.seed, orders)
        print_table(table, args.rows)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
