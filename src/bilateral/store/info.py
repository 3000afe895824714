"""What the store holds: sources, years, rows, vintages, size, and its ingest history."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from deltalake.exceptions import DeltaError

from bilateral.results import History, HistoryEntry, SourceSummary, StoreInfo
from bilateral.store.log import read_log
from bilateral.store.snapshots import open_at, read_table, snapshot


def store_info(root: Path) -> StoreInfo:
    """Summarise the current snapshot by source, from the totals rollup."""
    published = snapshot(root)
    try:
        totals = open_at(root, "rollup_totals", published.versions["rollup_totals"])
        totals_rows = read_table(totals)
    except (OSError, pa.ArrowException, DeltaError) as error:
        raise published.damaged_file(error) or error from None
    by_source = totals_rows.group_by("source").aggregate(
        [
            ("rows", "sum"),
            ("year", "min"),
            ("year", "max"),
            ("reporter", "count_distinct"),
            ("vintage", "min"),
            ("vintage", "max"),
        ]
    )
    columns = ["source", "rows_sum", "year_min", "year_max", "reporter_count_distinct"]
    listed = by_source.select([*columns, "vintage_min", "vintage_max"]).to_pylist()
    rows = sorted((tuple(row.values()) for row in listed), key=lambda row: str(row[0]))
    sources = tuple(
        SourceSummary(
            source=source,
            rows=int(count),
            years=str(first) if first == last else f"{first}-{last}",
            reporters=int(reporters),
            vintages=str(low) if low == high else f"{low}..{high}",
        )
        for source, count, first, last, reporters, low, high in rows
    )
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    return StoreInfo(
        location=str(root),
        flows_version=published.versions["flows"],
        size_bytes=size,
        files_ingested=read_log(root).num_rows,
        sources=sources,
    )


def store_history(root: Path) -> History:
    """Return the ingests recorded in the log, oldest first."""
    entries = tuple(
        HistoryEntry(
            flows_version=int(entry["flows_version"]),
            started_at=entry["started_at"].isoformat(timespec="seconds"),
            file_name=entry["file_name"],
            source=entry["source"],
            status=entry["status"],
            rows_stored=int(entry["rows_stored"]),
            rows_replaced=int(entry["rows_replaced"]),
            periods=entry["periods"],
            vintage=entry["vintage"],
        )
        for entry in read_log(root).to_pylist()
    )
    return History(entries)
