"""Ingest reports count the rows actually added, replaced, unchanged and removed, on real files.

The expected counts are worked out here with the csv module from the files ingested.
"""

from __future__ import annotations

import csv
from pathlib import Path

import bilateral
from bilateral.results import IngestReport
from shared_files import BACI_SUBSET, COMTRADE_2022, shared


def counts(report: IngestReport) -> tuple[str, int, int, int, int]:
    return (
        report.status,
        report.rows_added,
        report.rows_replaced,
        report.rows_unchanged,
        report.rows_removed,
    )


def test_an_extract_restating_the_same_figures_replaces_nothing(tmp_path: Path) -> None:
    raw = shared(COMTRADE_2022).read_bytes()
    lines = raw.split(b"\r\n")
    data = [line for line in lines[1:] if line]
    store = bilateral.open(tmp_path / "store")
    assert counts(store.ingest(shared(COMTRADE_2022))) == ("added", len(data), 0, 0, 0)
    # The same lines but the last, and one line's value changed: a different file.
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:-1]
    value = header.index("primaryValue")
    body[0][value] = str(float(body[0][value]) + 1000.0)
    revised = tmp_path / "TradeData.csv"
    with revised.open("w", encoding="latin-1", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([header, *body])
    report = store.ingest(revised)
    assert counts(report) == ("revised", 0, 1, len(body) - 1, 0)


def test_a_complete_year_counts_the_rows_it_removes(tmp_path: Path) -> None:
    with shared(BACI_SUBSET).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    store = bilateral.open(tmp_path / "store")
    first = tmp_path / "first" / "BACI_HS92_Y2021_V202301.csv"
    first.parent.mkdir()
    with first.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    assert counts(store.ingest(first)) == ("added", len(body), 0, 0, 0)
    # A later release of the year: 10 lines fewer, 3 values revised, 2 new lines.
    kept = [list(row) for row in body[10:]]
    for row in kept[:3]:
        row[4] = str(float(row[4]) * 2)
    new = [["2021", "4", "24", "999999", "1.5", "NA"], ["2021", "4", "24", "999998", "2.5", "NA"]]
    second = tmp_path / "second" / "BACI_HS92_Y2021_V202401.csv"
    second.parent.mkdir()
    with second.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *kept, *new])
    report = store.ingest(second)
    assert counts(report) == ("revised", 2, 3, len(kept) - 3, 10)
