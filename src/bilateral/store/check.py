"""Verifying a store against its ingest log: logs, files, row counts, rollups, leftovers.

Nothing here writes. Each problem is a `Finding` naming its table and file; `repair.py` mends
what is found.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from bilateral.errors import StoreDamagedError
from bilateral.results.store_check import Finding, Problem, StoreCheck
from bilateral.store.delta_log import (
    DamagedLogError,
    commit_versions,
    data_files,
    has_log,
    read_actions,
    referenced_files,
)
from bilateral.store.layout import TABLES, TableName, journal_path, staging_path, table_path
from bilateral.store.part_sql import parquet_scan_sql, scratch_connection
from bilateral.store.pins import PINNED_TABLES, Pins
from bilateral.store.rollup_parts import ROLLUP_TABLES, compute_rollups
from bilateral.store.snapshots import log_entries, open_at, published_pins, table_files

_TOLERANCE = 1e-6


def check_store(root: Path) -> StoreCheck:
    """Return what is wrong with the store at `root` (nothing: `ok`)."""
    findings: list[Finding] = []
    broken = _check_logs(root, findings)
    if "ingest_log" in broken:
        return StoreCheck(str(root), len(TABLES), 0, 0, tuple(findings))
    try:
        pins = published_pins(root, log_entries(root))
    except StoreDamagedError as damage:
        findings.append(Finding(damage.table, "log-damaged", damage.problem, damage.file))
        return StoreCheck(str(root), len(TABLES), 0, 0, tuple(findings))
    files = rows = 0
    for name in PINNED_TABLES:
        if name in broken:
            continue
        if not _check_commits(root, name, pins[name], findings):
            broken.add(name)
            continue
        checked = _check_files(root, name, pins[name], findings)
        files, rows = files + checked[0], rows + checked[1]
        if checked[2]:
            broken.add(name)
    _check_leftovers(root, findings)
    if not broken & {"flows", *ROLLUP_TABLES}:
        _check_rollups(root, pins, findings)
    return StoreCheck(str(root), len(TABLES), files, rows, tuple(findings))


def _check_logs(root: Path, findings: list[Finding]) -> set[TableName]:
    broken: set[TableName] = set()
    for name in TABLES:
        folder = table_path(root, name)
        if not has_log(folder):
            findings.append(
                Finding(
                    name, "log-missing", "the table has no Delta log", str(folder / "_delta_log")
                )
            )
            broken.add(name)
            continue
        try:
            for version in commit_versions(folder):
                read_actions(folder, version)
        except DamagedLogError as bad:
            findings.append(Finding(name, "log-damaged", bad.problem, str(bad.file)))
            broken.add(name)
    return broken


def _check_commits(root: Path, name: TableName, pin: int, findings: list[Finding]) -> bool:
    """Check the commits up to the pin are all there; note those past it. False if damaged."""
    folder = table_path(root, name)
    versions = commit_versions(folder)
    missing = sorted(set(range(versions[0] if versions else 0, pin + 1)) - set(versions))
    if missing or not versions or versions[-1] < pin:
        gap = missing[0] if missing else pin
        findings.append(
            Finding(name, "log-damaged", f"the commit of version {gap} is missing",
                    str(folder / "_delta_log" / f"{gap:020d}.json"))
        )  # fmt: skip
        return False
    past = [v for v in versions if v > pin]
    if past:
        findings.append(
            Finding(name, "unpublished-commits",
                    f"versions {past[0]}..{past[-1]} were never published by the ingest log")
        )  # fmt: skip
    return True


def _check_files(
    root: Path, name: TableName, pin: int, findings: list[Finding]
) -> tuple[int, int, bool]:
    """Check every file of the published version; return (files, rows, damaged)."""
    folder = table_path(root, name)
    actions = pa.table(open_at(root, name, pin).get_add_actions(flatten=True)).to_pylist()
    files = rows = 0
    damaged = False
    for action in actions:
        relative = unquote(str(action["path"]))
        path = folder / relative
        files += 1
        problem = _file_problem(path, int(action["size_bytes"]), action.get("num_records"))
        if problem is None:
            rows += int(action.get("num_records") or pq.read_metadata(path).num_rows)
            continue
        damaged = True
        findings.append(Finding(name, problem[0], problem[1], str(path)))
    stray = sorted(set(data_files(folder)) - referenced_files(folder, pin))
    findings.extend(
        Finding(name, "orphan-file", "no published commit references the file", str(folder / f))
        for f in stray
    )
    return files, rows, damaged


def _file_problem(path: Path, size: int, records: int | None) -> tuple[Problem, str] | None:
    if not path.exists():
        return "file-missing", "the file is not on disk"
    actual = path.stat().st_size
    if actual != size:
        return "file-size", f"the file has {actual:,} bytes where its commit recorded {size:,}"
    try:
        count = pq.read_metadata(path).num_rows
    except (OSError, pa.ArrowException) as exc:
        return "file-unreadable", f"the file is not readable Parquet ({str(exc)[:120]})"
    if records is not None and count != records:
        return "row-count", f"the file holds {count:,} rows where its commit recorded {records:,}"
    return None


def _check_leftovers(root: Path, findings: list[Finding]) -> None:
    staging = staging_path(root)
    if staging.is_dir():
        for entry in sorted(p for p in staging.iterdir() if p.suffix != ".lock"):
            lock = FileLock(str(staging / f"{entry.name}.lock"), is_singleton=False)
            try:
                lock.acquire(timeout=0)
            except Timeout:
                continue  # an ingest writing its parts right now
            lock.release()
            findings.append(
                Finding("_staging", "staging-leftover", "parts of an ingest that died", str(entry))
            )
    journals = journal_path(root)
    if journals.is_dir():
        findings.extend(
            Finding("_journal", "interrupted-write", "a write that never published", str(note))
            for note in sorted(journals.glob("*.json"))
        )


def _check_rollups(root: Path, pins: Pins, findings: list[Finding]) -> None:
    """Compare each rollup table with the rollups recomputed from the published flows."""
    flows = table_files(open_at(root, "flows", pins["flows"]))
    connection = scratch_connection()
    try:
        if flows:
            connection.execute(f"CREATE VIEW flows AS {parquet_scan_sql('flows', flows)}")
            expected = compute_rollups(connection, "flows")
        else:
            expected = {}
        for name in ROLLUP_TABLES:
            stored = table_files(open_at(root, name, pins[name]))
            difference = _differences(connection, name, expected.get(name), stored)
            if difference:
                findings.append(Finding(name, "rollup-mismatch", difference))
    finally:
        connection.close()


def _differences(
    connection: duckdb.DuckDBPyConnection,
    name: TableName,
    expected: pa.Table | None,
    files: list[str],
) -> str:
    stored = connection.sql(parquet_scan_sql(name, files)).to_arrow_table() if files else None
    want = expected.num_rows if expected is not None else 0
    have = stored.num_rows if stored is not None else 0
    if want == 0 and have == 0:
        return ""
    if expected is None or stored is None or want != have:
        return f"{have:,} rows where the flows give {want:,}"
    connection.register("want_rows", expected)
    connection.register("have_rows", stored)
    measures = sorted({"value", "confidential_value", "quantity_kg"} & set(expected.schema.names))
    keys = [c for c in expected.schema.names if c not in measures]
    on = " AND ".join(f"w.{k} IS NOT DISTINCT FROM h.{k}" for k in keys)
    close = " AND ".join(
        f"(w.{m} IS NULL AND h.{m} IS NULL "
        f"OR abs(w.{m} - h.{m}) <= {_TOLERANCE} * greatest(1, abs(w.{m})))"
        for m in measures
    )
    [(matched,)] = connection.execute(
        f"SELECT count(*) FROM want_rows w JOIN have_rows h ON {on} WHERE {close}"
    ).fetchall()
    if matched == want:
        return ""
    return f"{want - matched:,} of {want:,} rows differ from the sums of the flows"
