"""Looking after the store: verify it, repair it, vacuum it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bilateral.api.base import StoreBase
from bilateral.errors import BilateralError
from bilateral.results.store_check import StoreCheck, VacuumReport


class MaintenanceQueries(StoreBase):
    """`store check` (`verify`), `store check --repair` (`repair`) and `store vacuum`."""

    def verify(self) -> StoreCheck:
        """Verify every table against the ingest log: logs, files, sizes, row counts, rollups.

        Nothing is changed; each finding names its table and file and what `repair` does.
        """
        from bilateral.store.check import check_store

        return check_store(self.root)

    def repair(self) -> StoreCheck:
        """Mend what `verify` finds; return the check made afterwards, with what was done.

        Damaged flows are filled again from the logged files still on disk (same checksum);
        a file that is gone is logged `removed` and named, so that it can be ingested again.
        """
        from bilateral.store.repair import repair_store

        return repair_store(self.root, self._restore_flows, self._restore_events)

    def vacuum(self, retention_days: float | None = None) -> VacuumReport:
        """Delete files no version needs; with `retention_days`, also older vintages' files."""
        from bilateral.store.vacuum import vacuum_store

        return vacuum_store(self.root, retention_days)

    def _restore_flows(self, entry: dict[str, Any]) -> str | None:
        from bilateral.sources import ReadOptions
        from bilateral.store.ingest import WriteOptions, ingest_file

        replay = json.loads(entry["replay"]) if entry.get("replay") else {}
        path = Path(str(entry["file_path"]))
        member = replay.get("member")
        if member is None and "/" in str(entry["file_name"]):
            member = str(entry["file_name"]).split("/", 1)[1]
        why_not = _unavailable(path, member, str(entry["sha256"]))
        if why_not is not None:
            return why_not
        options = ReadOptions(
            vintage=replay.get("vintage"),
            synthetic=bool(replay.get("synthetic")),
            resolve=self.resolve,
        )
        try:
            ingest_file(self.root, path, options, None, member, WriteOptions(again=True))
        except BilateralError as error:
            return f"ingesting it again failed: {error}"
        return None

    def _restore_events(self, entry: dict[str, Any]) -> str | None:
        path = Path(str(entry["file_path"]))
        why_not = _unavailable(path, None, str(entry["sha256"]))
        if why_not is not None:
            return why_not
        import_events = getattr(self, "import_events")  # noqa: B009 (a sibling mixin's)
        try:
            import_events(path, again=True)
        except BilateralError as error:
            return f"importing it again failed: {error}"
        return None


def _unavailable(path: Path, member: str | None, sha256: str) -> str | None:
    """Say why a logged file cannot be read again, or None when it is there unchanged."""
    from bilateral.store.ingest import file_identity

    if not path.is_file():
        return f"it is no longer at {path}"
    try:
        identity = file_identity(path, member)
    except (OSError, BilateralError) as error:
        return f"it cannot be read at {path}: {error}"
    if identity != sha256:
        return f"the file at {path} has changed since it was ingested"
    return None
