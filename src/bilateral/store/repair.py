"""Mending what `store check` finds, without losing an ingest whose file is still on disk.

- Leftovers of interrupted writes (unpublished commits, orphan files, staging folders,
  journals) are removed, as every writer does.
- A table that lost its Delta log, or has a damaged commit, is created anew and filled again.
- Flows partitions with a missing or damaged file are emptied and filled again.
- Filling again means ingesting, in their original order, the logged files whose rows were in
  what was emptied (and every later file that revised the same periods) that are still at
  their logged path with the same checksum. A file that is gone is logged `removed`, so that
  ingesting it again later is not taken for a repeat, and the repair says so.
- Rollups that are damaged or differ from the flows are recomputed from the flows.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote
from uuid import uuid4

from bilateral.results.store_check import Finding, StoreCheck
from bilateral.store.check import check_store
from bilateral.store.commit import StoredFile, stored_files
from bilateral.store.creation import create_table
from bilateral.store.layout import TableName, table_path
from bilateral.store.lock import write_lock
from bilateral.store.log import REMOVED, ordered
from bilateral.store.part_sql import parquet_scan_sql
from bilateral.store.parts import move_into, parts_folder, remove_action, scratch
from bilateral.store.recovery import remove_orphans
from bilateral.store.rollup_parts import ROLLUP_TABLES, write_rollup_parts
from bilateral.store.snapshots import log_entries, table_files
from bilateral.store.writer import StoreWriter, pin_latest

Restore = Callable[[dict[str, Any]], str | None]
"""Ingest a logged file again from its log entry; return None, or why it cannot be done."""

_DAMAGED_FILE = ("file-missing", "file-size", "file-unreadable", "row-count")
_DAMAGED_LOG = ("log-missing", "log-damaged")


def repair_store(root: Path, restore_flows: Restore, restore_events: Restore) -> StoreCheck:
    """Bring the store back to a consistent state; return the check made afterwards."""
    found = check_store(root)
    done: list[str] = []
    with write_lock(root):
        rebuilt = _recreate_tables(root, found.findings, done)
        with StoreWriter(root, "repair of the store") as writer:
            done.extend(_recovered(writer))
            if any(f.problem == "orphan-file" for f in found.findings):
                swept = remove_orphans(root, writer.pins)
                done.extend(f"deleted {len(v)} orphan file(s) of {k}" for k, v in swept.items())
            damaged = _damaged_partitions(found.findings)
            removed = _empty_partitions(writer, damaged) if damaged else 0
            if removed or rebuilt:
                writer.publish(_repair_entry("emptied damaged tables and partitions"))
        if damaged:
            done.append(f"emptied the flows partitions {', '.join(sorted(map(_label, damaged)))}")
        entries = _live_entries(root)
        flows = [e for e in entries if e["source"] != "events"]
        replay = flows if "flows" in rebuilt else _touching(flows, damaged)
        done.extend(_replay(root, replay, restore_flows))
        if "events" in rebuilt or any(f.table == "events" for f in found.findings):
            done.extend(_replay(root, [e for e in entries if e["source"] == "events"],
                                restore_events))  # fmt: skip
        if replay or damaged or _rollups_wrong(found.findings, rebuilt):
            _recompute_rollups(root)
            done.append("recomputed the rollups from the flows")
    after = check_store(root)
    return StoreCheck(
        after.location, after.tables, after.files_checked, after.rows_checked, after.findings,
        tuple(done),
    )  # fmt: skip


def _recreate_tables(root: Path, findings: tuple[Finding, ...], done: list[str]) -> set[str]:
    tables = {cast(TableName, f.table) for f in findings if f.problem in _DAMAGED_LOG}
    for name in sorted(tables):
        shutil.rmtree(table_path(root, name), ignore_errors=True)
        create_table(root, name)
        if name == "ingest_log":
            # Publish the other tables as they are before anything reads the empty log.
            pin_latest(root, _repair_entry("created the ingest log anew; its history is lost"))
        what = "its history is lost" if name == "ingest_log" else "to be filled again"
        done.append(f"created the {name} table anew ({what})")
    return set(tables)


def _recovered(writer: StoreWriter) -> list[str]:
    done = writer.recovery
    lines = [f"removed {len(v)} unpublished commit(s) of {k}" for k, v in done.commits.items()]
    lines += [f"deleted {len(v)} orphan file(s) of {k}" for k, v in done.orphans.items()]
    if done.staging:
        lines.append(f"deleted {len(done.staging)} staging folder(s) of ingests that died")
    if done.journals:
        lines.append(f"cleaned up {len(done.journals)} interrupted write(s)")
    return lines


def _damaged_partitions(findings: tuple[Finding, ...]) -> set[tuple[str, int]]:
    damaged: set[tuple[str, int]] = set()
    for finding in findings:
        if finding.table != "flows" or finding.problem not in _DAMAGED_FILE or not finding.file:
            continue
        values = dict(part.split("=", 1) for part in Path(finding.file).parts if "=" in part)
        damaged.add((unquote(values["source"]), int(values["year"])))
    return damaged


def _label(partition: tuple[str, int]) -> str:
    return f"{partition[0]} {partition[1]}"


def _empty_partitions(writer: StoreWriter, damaged: set[tuple[str, int]]) -> int:
    """Remove every file of the damaged partitions from the flows, in one commit."""
    files: list[StoredFile] = [
        f
        for f in stored_files(writer.table("flows"), "flows")
        if (str(f.partition_values["source"]), int(str(f.partition_values["year"]))) in damaged
    ]
    removes = [remove_action(f.relative, f.size, f.partition_values) for f in files]
    writer.commit("flows", [], removes)
    return len(removes)


def _live_entries(root: Path) -> list[dict[str, Any]]:
    """Return the log entries whose rows the store should hold, in commit order."""
    live: dict[str, dict[str, Any]] = {}
    for entry in ordered(log_entries(root)):
        if entry["status"] == REMOVED:
            live.pop(str(entry["sha256"]), None)
        elif entry["status"] in ("added", "revised"):
            live[str(entry["sha256"])] = entry
    return ordered(list(live.values()))


def _periods(entry: dict[str, Any]) -> set[tuple[int, int | None]] | None:
    """Return the entry's periods, or None when the log did not record them (all, then)."""
    replay = json.loads(entry["replay"]) if entry.get("replay") else {}
    periods = replay.get("periods")
    return None if periods is None else {(int(y), m) for y, m in periods}


def _touching(entries: list[dict[str, Any]], damaged: set[tuple[str, int]]) -> list[dict[str, Any]]:
    """Return the entries with rows in the damaged partitions, and the later ones they revise."""
    chosen: list[dict[str, Any]] = []
    for entry in entries:
        periods = _periods(entry)
        years = None if periods is None else {year for year, _ in periods}
        hits_damage = any(
            source == entry["source"] and (years is None or year in years)
            for source, year in damaged
        )
        revises_chosen = any(
            c["source"] == entry["source"] and _overlap(_periods(c), periods) for c in chosen
        )
        if hits_damage or revises_chosen:
            chosen.append(entry)
    return chosen


def _overlap(
    first: set[tuple[int, int | None]] | None, second: set[tuple[int, int | None]] | None
) -> bool:
    return first is None or second is None or bool(first & second)


def _replay(root: Path, entries: list[dict[str, Any]], restore: Restore) -> list[str]:
    done: list[str] = []
    for entry in entries:
        why_not = restore(entry)
        if why_not is None:
            done.append(f"ingested {entry['file_name']} again")
            continue
        with StoreWriter(root, f"repair: {entry['file_name']} removed") as writer:
            writer.publish({**entry, "status": REMOVED, "rows_stored": 0, "rows_replaced": 0,
                            "quarantine_notes": why_not})  # fmt: skip
        done.append(
            f"could not restore the rows of {entry['file_name']} ({why_not}); ingest the file "
            "again to restore them"
        )
    return done


def _rollups_wrong(findings: tuple[Finding, ...], rebuilt: set[str]) -> bool:
    return bool(rebuilt & {*ROLLUP_TABLES, "flows"}) or any(
        f.table in ROLLUP_TABLES and f.problem in (*_DAMAGED_FILE, "rollup-mismatch")
        for f in findings
    )


def _recompute_rollups(root: Path) -> None:
    """Replace every rollup table's rows by those the published flows give."""
    with StoreWriter(root, "repair: rollups") as writer, parts_folder(root) as folder:
        files = table_files(writer.table("flows"))
        connection = scratch(folder, ordered=False)
        try:
            if files:
                connection.execute(f"CREATE VIEW flows AS {parquet_scan_sql('flows', files)}")
                parts = write_rollup_parts(connection, "flows", folder / "rollups")
            else:
                parts = {name: [] for name in ROLLUP_TABLES}
        finally:
            connection.close()
        for name in ROLLUP_TABLES:
            stale = stored_files(writer.table(name), name)
            removes = [remove_action(f.relative, f.size, f.partition_values) for f in stale]
            writer.commit(name, move_into(parts[name], table_path(root, name)), removes)
        writer.publish(_repair_entry("recomputed the rollups from the flows"))


def _repair_entry(what: str) -> dict[str, Any]:
    return {
        "ingest_id": uuid4().hex,
        "file_name": "",
        "source": "",
        "dataset": "",
        "status": "repaired",
        "quarantine_notes": what,
        "periods": "",
        "vintage": "",
        "started_at": datetime.now(UTC),
        "rows_read": 0,
        "rows_stored": 0,
        "rows_quarantined": 0,
        "rows_replaced": 0,
    }
