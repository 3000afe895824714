"""Finishing what an interrupted write left: run by every writer once it holds the lock.

A write that never reached its log entry (killed, out of disk, Ctrl-C) leaves commits past the
published versions, files no published commit references, its journal note and maybe its
staging folder. None of it is readable; all of it is removed here, before anything new is
written, so an aborted write leaves no version, no staging folder and no orphan file.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from bilateral.store.delta_log import data_files, referenced_files, truncate_after
from bilateral.store.layout import TableName, journal_path, table_path
from bilateral.store.parts import remove_abandoned_parts
from bilateral.store.pins import PINNED_TABLES, Pins
from bilateral.store.snapshots import published_pins


@dataclass
class Recovery:
    """What a recovery removed."""

    commits: dict[TableName, list[int]] = field(default_factory=dict)
    orphans: dict[TableName, list[str]] = field(default_factory=dict)
    staging: list[str] = field(default_factory=list)
    journals: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Say whether anything was left to clean."""
        return bool(self.commits or self.orphans or self.staging or self.journals)


def recover(root: Path) -> Recovery:
    """Remove every trace of writes that did not publish; the caller holds the write lock."""
    done = Recovery()
    pins = published_pins(root)
    for name in PINNED_TABLES:
        removed = truncate_after(table_path(root, name), pins[name])
        if removed:
            done.commits[name] = removed
    journals = sorted(journal_path(root).glob("*.json")) if journal_path(root).is_dir() else []
    if journals or done.commits:
        done.orphans = remove_orphans(root, pins)
    for note in journals:
        note.unlink(missing_ok=True)
        done.journals.append(note.name)
    done.staging = remove_abandoned_parts(root)
    return done


def orphan_files(root: Path, pins: Pins) -> dict[TableName, list[str]]:
    """Return, per table, the files in its folder that no commit up to its pin references."""
    found: dict[TableName, list[str]] = {}
    for name in PINNED_TABLES:
        folder = table_path(root, name)
        if not folder.is_dir():
            continue
        referenced = referenced_files(folder, pins[name])
        stray = sorted(set(data_files(folder)) - referenced)
        if stray:
            found[name] = stray
    return found


def remove_orphans(root: Path, pins: Pins) -> dict[TableName, list[str]]:
    """Delete the files no published commit references; return them per table."""
    found = orphan_files(root, pins)
    for name, files in found.items():
        folder = table_path(root, name)
        for relative in files:
            (folder / relative).unlink(missing_ok=True)
        _remove_empty_folders(folder)
    return found


def _remove_empty_folders(table: Path) -> None:
    for folder in sorted((p for p in table.rglob("*") if p.is_dir()), reverse=True):
        if folder.name != "_delta_log" and not any(folder.iterdir()):
            folder.rmdir()


def write_journal(root: Path, ident: str, what: str) -> Path:
    """Leave a note that a write is under way, so an interruption is cleaned up fully."""
    folder = journal_path(root)
    folder.mkdir(parents=True, exist_ok=True)
    note = folder / f"{ident}.json"
    note.write_text(
        json.dumps({"pid": os.getpid(), "what": what, "started": time.time()}), encoding="utf-8"
    )
    return note
