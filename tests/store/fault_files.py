"""Files, expected figures and observations shared by the fault-injection tests.

The expected figures are summed here from the rows written to the files (the test's own
oracle, not the store's code); the observed ones are read from the Parquet files of the
store's published snapshot with pyarrow, and through `profile`, which reads the rollups.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow.dataset as ds

import bilateral
from bilateral.api import Store
from store.comext_files import CPA_OF, Row, row, write_full_v2

CHILD = Path(__file__).with_name("fault_child.py")
PRODUCTS = [p for p in CPA_OF if "X" not in p]
Figures = dict[tuple[str, str, str, int], float]


def rows_of(years: Iterable[int], seed: int) -> list[Row]:
    """Return a year's worth of annual lines for a few pairs and products (invented values)."""
    lines = []
    for year in years:
        for r, reporter in enumerate(("IT", "DE", "BE")):
            for p, partner in enumerate(("BE", "FR", "ES", "IT")):
                if partner == reporter:
                    continue
                for k, product in enumerate(PRODUCTS):
                    for f, flow in enumerate(("export", "import")):
                        value = 1000 + seed * 7 + year % 100 * 3 + r * 101 + p * 37 + k * 11 + f
                        lines.append(row(reporter, partner, flow, year, value, product=product))
    return lines


FILES: Mapping[str, list[Row]] = {
    "A": rows_of((2020, 2021), seed=1),  # the store before each trial
    "B": rows_of((2021, 2022), seed=2),  # revises 2021, adds 2022
    "C": rows_of((2023,), seed=3),  # another year
}


def write_files(folder: Path) -> dict[str, Path]:
    """Write the three files as Comext full_v2 files in `folder`."""
    return {
        name: write_full_v2(folder / f"full_v2_{name}_2052.dat", lines)
        for name, lines in FILES.items()
    }


def expected(*names: str) -> Figures:
    """Return the figures after ingesting `names` in order: each file replaces its years."""
    by_year: dict[int, list[Row]] = {}
    for name in names:
        lines = FILES[name]
        years = {int(line["PERIOD"][:4]) for line in lines}
        for year in years:
            by_year[year] = [line for line in lines if int(line["PERIOD"][:4]) == year]
    sums: Figures = defaultdict(float)
    flows = {"1": "import", "2": "export"}
    for year, lines in by_year.items():
        for line in lines:
            key = (line["REPORTER"], line["PARTNER"], flows[line["FLOW"]], year)
            sums[key] += float(line["VALUE_EUR"])
    return dict(sums)


ISO3 = {"IT": "ITA", "DE": "DEU", "BE": "BEL", "FR": "FRA", "ES": "ESP"}


def observed(root: Path) -> Figures:
    """Return the figures a new reader of the store sees, summed from the flows' files."""
    store = bilateral.open(root)
    files = store.snapshot_files("flows")
    if not files:
        return {}
    table = ds.dataset(
        files, format="parquet", partitioning="hive", partition_base_dir=str(root / "flows")
    ).to_table(columns=["reporter", "partner", "flow", "year", "value"])
    grouped = table.group_by(["reporter", "partner", "flow", "year"]).aggregate([("value", "sum")])
    back = {v: k for k, v in ISO3.items()}
    return {
        (back[r["reporter"]], back[r["partner"]], r["flow"], int(r["year"])): r["value_sum"]
        for r in grouped.to_pylist()
    }


def profile_exports(root: Path, years: Iterable[int]) -> dict[int, float]:
    """Return Italy's exports to Belgium by year as `profile` gives them (from the rollups)."""
    result = bilateral.open(root).profile("IT", "BE", years=list(years))
    return {r.year: r.exports for r in result.rows if r.reported_by == "ITA"}


def same(first: Figures, second: Figures) -> bool:
    """Say whether two sets of figures are equal to the cent."""
    return first.keys() == second.keys() and all(
        abs(first[key] - second[key]) < 0.005 for key in first
    )


def run_child(root: Path, file: Path, mode: str, step: str, timeout: float = 120) -> int:
    """Run one writer process to its end (or its death); return its exit code."""
    done = subprocess.run(
        [sys.executable, str(CHILD), str(root), str(file), mode, step],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return done.returncode


def start_child(root: Path, file: Path, mode: str, step: str) -> subprocess.Popen[str]:
    """Start one writer process and return it."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(root), str(file), mode, step],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reached(root: Path, child: subprocess.Popen[str], timeout: float = 60) -> bool:
    """Wait until a `hold` writer reached its step (or died); say whether it reached it."""
    marker = root.parent / f"reached-{child.pid}"
    deadline = time.monotonic() + timeout
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return marker.exists()


def leftovers(root: Path) -> list[str]:
    """Return what interrupted writes left: staging folders, journals, unpublished commits."""
    found = (
        [f"_staging/{p.name}" for p in (root / "_staging").glob("*")]
        if (root / "_staging").exists()
        else []
    )
    found += (
        [f"_journal/{p.name}" for p in (root / "_journal").glob("*")]
        if (root / "_journal").exists()
        else []
    )
    check = Store.for_repair(root).verify()
    found += [f"{f.table}: {f.problem}" for f in check.findings]
    return found


def copy_store(source: Path, target: Path) -> Path:
    """Copy a store folder (a fresh starting point for one trial)."""
    shutil.copytree(source, target)
    return target
