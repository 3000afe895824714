"""A Delta table's log read and mended as files: commits, checkpoints, the files they reference.

The store publishes a table version only through its ingest log, so commits past the version
the log pins belong to a write that never finished. They are removed as files (never undone by
a new commit, which time travel could still read), together with any checkpoint past the pin.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, unquote

import pyarrow.parquet as pq

LOG_FOLDER: Final = "_delta_log"
_COMMIT = re.compile(r"^(\d{20})\.json$")
_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint(\.\d+\.\d+)?\.parquet$")
_LAST_CHECKPOINT: Final = "_last_checkpoint"


class DamagedLogError(Exception):
    """A commit file of the log that cannot be read; `file` is its path."""

    def __init__(self, file: Path, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")


def log_folder(table: Path) -> Path:
    """Return the `_delta_log` folder of the table folder `table`."""
    return table / LOG_FOLDER


def has_log(table: Path) -> bool:
    """Say whether `table` holds a Delta log with at least its first commit or a checkpoint."""
    folder = log_folder(table)
    if not folder.is_dir():
        return False
    return any(_COMMIT.match(p.name) or _CHECKPOINT.match(p.name) for p in folder.iterdir())


def commit_versions(table: Path) -> list[int]:
    """Return the versions whose commit files are in the log, in order."""
    folder = log_folder(table)
    if not folder.is_dir():
        return []
    found = (_COMMIT.match(p.name) for p in folder.iterdir())
    return sorted(int(match.group(1)) for match in found if match)


def commit_file(table: Path, version: int) -> Path:
    """Return the commit file of `version`."""
    return log_folder(table) / f"{version:020d}.json"


def read_actions(table: Path, version: int) -> list[dict[str, Any]]:
    """Return the actions of one commit; raise `DamagedLogError` when the file is not a commit."""
    path = commit_file(table, version)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DamagedLogError(path, f"cannot be read ({exc})") from None
    actions: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            action = json.loads(line)
        except json.JSONDecodeError:
            raise DamagedLogError(path, f"line {number} is not JSON") from None
        if not isinstance(action, dict):
            raise DamagedLogError(path, f"line {number} is not a Delta action")
        actions.append(action)
    if not actions:
        raise DamagedLogError(path, "is empty")
    return actions


def file_path(delta_path: str) -> str:
    """Return the file's path relative to the table folder from its URL-encoded log path."""
    return unquote(delta_path)


def delta_path(relative: str) -> str:
    """Return the log's URL-encoded form of a path relative to the table folder."""
    return quote(relative, safe="/=")


def referenced_files(table: Path, up_to: int) -> set[str]:
    """Return every data file (relative path) added by a commit up to version `up_to`.

    Files removed by a later commit are still referenced: earlier versions read them.
    """
    versions = [v for v in commit_versions(table) if v <= up_to]
    referenced = (
        _checkpoint_files(table, versions[0] - 1) if versions and versions[0] > 0 else set()
    )
    for version in versions:
        for action in read_actions(table, version):
            added = action.get("add")
            if isinstance(added, dict) and "path" in added:
                referenced.add(file_path(str(added["path"])))
    return referenced


def _checkpoint_files(table: Path, version: int) -> set[str]:
    """Return the files a checkpoint at `version` lists (the log before it was cleaned)."""
    parts = sorted(log_folder(table).glob(f"{version:020d}.checkpoint*.parquet"))
    files: set[str] = set()
    for part in parts:
        adds = pq.read_table(part, columns=["add"], use_threads=False).column("add").to_pylist()
        files.update(file_path(str(a["path"])) for a in adds if a and a.get("path"))
    return files


def data_files(table: Path) -> Iterator[str]:
    """Yield every file under the table folder but its log, as a relative path."""
    for path in table.rglob("*"):
        if path.is_file() and LOG_FOLDER not in path.relative_to(table).parts:
            yield path.relative_to(table).as_posix()


def truncate_after(table: Path, version: int) -> list[int]:
    """Delete the commits and checkpoints past `version`, newest first; return their versions.

    Deleting from the newest keeps the log a whole prefix at every moment, so a process killed
    while truncating leaves a readable table that the next truncation finishes.
    """
    folder = log_folder(table)
    if not folder.is_dir():
        return []
    removed = [v for v in commit_versions(table) if v > version]
    _fix_last_checkpoint(folder, version)
    for path in folder.iterdir():
        match = _CHECKPOINT.match(path.name)
        if match and int(match.group(1)) > version:
            path.unlink(missing_ok=True)
    for past in sorted(removed, reverse=True):
        commit_file(table, past).unlink(missing_ok=True)
    for leftover in folder.glob("_commit_*.json.tmp"):
        leftover.unlink(missing_ok=True)
    return removed


def _fix_last_checkpoint(folder: Path, version: int) -> None:
    hint = folder / _LAST_CHECKPOINT
    if not hint.exists():
        return
    try:
        pointed = int(json.loads(hint.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        pointed = version + 1  # unreadable: drop the hint, readers list the folder instead
    if pointed > version:
        hint.unlink(missing_ok=True)
