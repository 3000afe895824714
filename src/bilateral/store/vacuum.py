"""Removing files nothing needs: orphans always; earlier vintages' files only when told.

By default every version stays readable (each is a vintage): only files that no published
commit references are removed. With a retention, files that a commit older than the retention
removed from a table are deleted too; the versions that needed them are no longer readable,
and `as_of` says so (the first readable version is kept in `_vacuumed.json`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bilateral.results.store_check import VacuumReport
from bilateral.store.delta_log import commit_versions, file_path, read_actions
from bilateral.store.layout import table_path, vacuumed_path
from bilateral.store.pins import PINNED_TABLES
from bilateral.store.recovery import orphan_files
from bilateral.store.snapshots import readable_from
from bilateral.store.writer import StoreWriter


def vacuum_store(root: Path, retention_days: float | None = None) -> VacuumReport:
    """Delete unreferenced files, and with `retention_days` the files of older vintages."""
    removed = freed = 0
    first: dict[str, int] = readable_from(root)
    with StoreWriter(root, "vacuum of the store") as writer:
        for name, files in orphan_files(root, writer.pins).items():
            for relative in files:
                removed, freed = _delete(table_path(root, name) / relative, removed, freed)
        if retention_days is not None:
            cutoff_ms = (time.time() - retention_days * 86400) * 1000
            for name in PINNED_TABLES:
                folder = table_path(root, name)
                files, since = _expired(folder, writer.pins[name], cutoff_ms)
                for relative in files:
                    removed, freed = _delete(folder / relative, removed, freed)
                if since:
                    first[name] = max(since, first.get(name, 0))
            vacuumed_path(root).write_text(json.dumps(first), encoding="utf-8")
    return VacuumReport(str(root), removed, freed, retention_days, first.get("flows") or None)


def _delete(path: Path, removed: int, freed: int) -> tuple[int, int]:
    if not path.exists():
        return removed, freed
    size = path.stat().st_size
    path.unlink()
    return removed + 1, freed + size


def _expired(folder: Path, pin: int, cutoff_ms: float) -> tuple[list[str], int]:
    """Return the files removed by commits older than the cutoff, and the first version
    that can still be read once they are gone (0: every version)."""
    current: set[str] = set()
    removed_at: dict[str, tuple[int, float]] = {}
    for version in (v for v in commit_versions(folder) if v <= pin):
        actions = read_actions(folder, version)
        stamp = next(
            (float(a["commitInfo"].get("timestamp", 0)) for a in actions if "commitInfo" in a), 0.0
        )
        for action in actions:
            if "add" in action:
                path = file_path(str(action["add"]["path"]))
                current.add(path)
                removed_at.pop(path, None)
            elif "remove" in action:
                path = file_path(str(action["remove"]["path"]))
                current.discard(path)
                removed_at[path] = (version, stamp)
    expired = [p for p, (_, stamp) in removed_at.items() if stamp < cutoff_ms and p not in current]
    first = max((removed_at[p][0] for p in expired), default=0)
    return sorted(expired), first
