"""A store with two vintages of the demo data, for the as_of tests of the API and the pages.

The first vintage holds the synthetic Comext years 2020 and 2021 and the regional file; the
second revises 2021 (every value of Italy's and Belgium's declarations 10% higher, the rest
as it was) and adds the events. `as_of` at the first vintage's last version reads the first.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import bilateral
from bilateral.api import Store
from bilateral.events import write_demo_events
from bilateral.synthetic import write_demo_files, write_regional_demo_file
from bilateral.synthetic.demo import DEMO_YEARS

REVISED_REPORTERS = ("IT", "BE")


@dataclass(frozen=True)
class TwoVintages:
    """The store, the last flows version of its first vintage, and when the revision began."""

    store: Store
    first_version: int
    between: str  # an ISO time after the first vintage, before the revision


def revised_copy(path: Path, target: Path) -> Path:
    """Write `path` with Italy's and Belgium's values 10% higher to `target`."""
    with path.open(newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    fields = list(rows[0])
    for row in rows:
        if row["REPORTER"] in REVISED_REPORTERS:
            for name in ("VALUE_EUR", "VALUE_NAC"):
                row[name] = str(round(int(row[name]) * 1.1))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def two_vintages(folder: Path) -> TwoVintages:
    """Return the store of two vintages made in `folder`."""
    store = bilateral.open(folder / "store")
    files = dict(zip(DEMO_YEARS, write_demo_files(folder), strict=True))
    for path in (files[2020], files[2021], write_regional_demo_file(folder)):
        store.ingest(path, vintage="first", synthetic=True)
    first_version = store.history().entries[-1].flows_version
    between = datetime.now(UTC).isoformat(timespec="milliseconds")
    time.sleep(1.1)  # the log's times may be kept to the second
    revised = revised_copy(files[2021], folder / "revised" / files[2021].name)
    report = store.ingest(revised, vintage="second", synthetic=True)
    assert report.status == "revised"
    store.import_events(write_demo_events(folder))
    return TwoVintages(store, first_version, between)
