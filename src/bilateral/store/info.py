"""What the store holds: sources, years, rows, vintages, size, and its ingest history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from deltalake.exceptions import DeltaError

from bilateral.results import History, HistoryEntry, SourceSummary, StoreInfo
from bilateral.store.log import ordered
from bilateral.store.snapshots import log_entries, open_at, read_table, snapshot


def store_info(root: Path) -> StoreInfo:
    """Summarise the current snapshot by source, from the totals rollup."""
    published = snapshot(root)
    try:
        totals = open_at(root, "rollup_totals", published.versions["rollup_totals"])
        totals_rows = read_table(totals)
    except (OSError, pa.ArrowException, DeltaError) as error:
        raise published.damaged_file(error) or error from None
    entries = log_entries(root)
    synthetic = {entry["source"] for entry in entries if _synthetic(entry.get("replay"))}
    sources = tuple(
        _summary(totals_rows.filter(pc.equal(totals_rows.column("source"), source)), synthetic)
        for source in sorted(pc.unique(totals_rows.column("source")), key=str)
    )
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    return StoreInfo(
        location=str(root),
        flows_version=published.versions["flows"],
        size_bytes=size,
        files_ingested=len(entries),
        sources=sources,
    )


def _summary(rows: pa.Table, synthetic: set[str]) -> SourceSummary:
    """Sum up one source's totals rows (compute kernels: a group_by would load pandas)."""
    first, last = (pc.min_max(rows.column("year"))[end].as_py() for end in ("min", "max"))
    low, high = (pc.min_max(rows.column("vintage"))[end].as_py() for end in ("min", "max"))
    return SourceSummary(
        source=rows.column("source")[0].as_py(),
        rows=int(pc.sum(rows.column("rows")).as_py()),
        years=str(first) if first == last else f"{first}-{last}",
        reporters=int(pc.count_distinct(rows.column("reporter")).as_py()),
        vintages=str(low) if low == high else f"{low}..{high}",
        file_dates=_file_dates(rows),
        synthetic=rows.column("source")[0].as_py() in synthetic,
    )


def _file_dates(rows: pa.Table) -> tuple[str, ...]:
    """Return the vintages of rows flagged `file_dated` (the file's date, not a release)."""
    # A null flag's match is null, which the filter drops (no fill_null: its scalar of the
    # column's dictionary type would load pandas).
    dated = rows.filter(pc.match_substring(rows.column("flags"), "file_dated"))
    return tuple(sorted(str(v) for v in pc.unique(dated.column("vintage")).to_pylist()))


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
            vintage_kind=_replayed(entry.get("replay")).get("vintage_kind"),
            synthetic=_synthetic(entry.get("replay")),
            **_period_span(entry.get("replay")),
        )
        for entry in ordered(log_entries(root))
    )
    return History(entries)


def _replayed(replay: str | None) -> dict[str, Any]:
    return json.loads(replay) if replay else {}


def _synthetic(replay: str | None) -> bool:
    """Say whether a log entry's file was ingested as SYNTHETIC demo data."""
    return bool(_replayed(replay).get("synthetic"))


def _period_span(replay: str | None) -> dict[str, Any]:
    """Return the count, first and last of the periods an entry's replay lists (as data)."""
    listed = _replayed(replay).get("periods")
    if not listed:
        return {}
    labels = sorted(f"{year}" if month is None else f"{year}-{month:02d}" for year, month in listed)
    return {"period_count": len(labels), "first_period": labels[0], "last_period": labels[-1]}
