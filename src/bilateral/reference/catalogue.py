"""Imported reference tables: the publishers' large official files, read once into Parquet.

A catalogue is a folder (by default `<store>/reference/`) with one Parquet file per table and a
`manifest.json` that records each table's provenance: publisher, edition, the file it was read
from, its SHA-256 and size, where it came from and when. Each reference module declares the
tables it reads as `TableSpec`s; `bilateral.reference.registry` collects them.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock

from bilateral.errors import InvalidArgumentError, ReferenceNotLoadedError

MANIFEST: Final = "manifest.json"
Method = Literal["import", "fetch"]


@dataclass(frozen=True)
class TableSpec:
    """One official reference table: where it is published and how its file is read.

    `read` turns the publisher's file into an Arrow table and raises `SourceFormatError` (with
    line and field) on anything it cannot read; `edition` names the release the file holds
    (`"2021"`, `"V202301"`, the last date of a rates file). `file_patterns` are
    case-insensitive `fnmatch` patterns of the file names the table is imported from: the
    publisher's own name and the names copies are known by. `fetch_note` is set when `url` is
    not a file that `bilateral reference fetch` can download as it is (a page, or an archive
    of a whole release): it says how to get the file instead.
    """

    name: str
    title: str
    publisher: str
    url: str
    file_patterns: tuple[str, ...]
    read: Callable[[Path], pa.Table]
    edition: Callable[[Path], str]
    fetch_note: str | None = None

    def matches(self, path: Path) -> bool:
        """Return whether `path`'s file name is one this table is imported from."""
        name = path.name.casefold()
        return any(fnmatch.fnmatchcase(name, pattern.casefold()) for pattern in self.file_patterns)


@dataclass(frozen=True)
class ImportedTable:
    """The provenance of one loaded table, as `bilateral reference list` shows it."""

    name: str
    title: str
    publisher: str
    edition: str
    url: str
    file: str
    sha256: str
    bytes: int
    rows: int
    loaded_at: str
    method: Method
    synthetic: bool = False  # a made-up file (the demo's), not the publisher's


@dataclass(frozen=True)
class ImportReport:
    """What `import_dir` did with each file of a folder."""

    imported: tuple[ImportedTable, ...]
    superseded: tuple[Path, ...] = ()  # an older edition of a table imported from the same folder
    skipped: tuple[Path, ...] = ()  # files that are no known reference table
    notes: tuple[str, ...] = field(default=())


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of the file at `path`."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Catalogue:
    """The reference tables loaded into one folder; `directory=None` is an empty catalogue."""

    def __init__(self, directory: Path | None, specs: Sequence[TableSpec]) -> None:
        self.directory = directory
        self.specs = {spec.name: spec for spec in specs}
        self._cache: dict[str, tuple[float, pa.Table]] = {}

    def __repr__(self) -> str:
        return f"<bilateral.reference.Catalogue {self.directory}>"

    def spec(self, name: str) -> TableSpec:
        """Return the spec of table `name`, or raise listing the valid names."""
        try:
            return self.specs[name]
        except KeyError:
            raise InvalidArgumentError(
                "reference table", name, f"one of {', '.join(sorted(self.specs))}"
            ) from None

    def entries(self) -> tuple[ImportedTable, ...]:
        """Return the provenance of every loaded table, sorted by name."""
        manifest = self._read_manifest()
        return tuple(ImportedTable(**manifest[name]) for name in sorted(manifest))

    def has(self, name: str) -> bool:
        """Return whether table `name` is loaded."""
        return name in self._read_manifest()

    def table(self, name: str, needed_for: str = "this answer") -> pa.Table:
        """Return loaded table `name`; raise `ReferenceNotLoadedError` if it is not loaded."""
        self.spec(name)
        if self.directory is None or not self.has(name):
            raise ReferenceNotLoadedError(name, needed_for)
        path = self.directory / f"{name}.parquet"
        modified = path.stat().st_mtime
        cached = self._cache.get(name)
        if cached is None or cached[0] != modified:
            cached = (modified, pq.read_table(path, use_threads=False))
            self._cache[name] = cached
        return cached[1]

    def optional(self, name: str) -> pa.Table | None:
        """Return loaded table `name`, or None when it is not loaded."""
        return self.table(name) if self.directory is not None and self.has(name) else None

    def load(
        self,
        name: str,
        path: Path,
        *,
        url: str | None = None,
        method: Method = "import",
        synthetic: bool = False,
    ) -> ImportedTable:
        """Read `path` as table `name` and store it, replacing any earlier edition atomically.

        `synthetic` marks a made-up file in the publisher's layout (the demo's): its provenance
        says so wherever the table is cited.
        """
        directory = self._writable_directory()
        spec = self.spec(name)
        table = spec.read(path)
        entry = ImportedTable(
            name=spec.name,
            title=spec.title,
            publisher=spec.publisher,
            edition=spec.edition(path),
            url=url or spec.url,
            file=path.name,
            sha256=sha256_of(path),
            bytes=path.stat().st_size,
            rows=table.num_rows,
            loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
            method=method,
            synthetic=synthetic,
        )
        # Loaders in other processes take turns: the manifest is read, changed and written.
        with FileLock(str(directory / ".lock"), is_singleton=False):
            _atomic_write(directory / f"{name}.parquet", lambda tmp: pq.write_table(table, tmp))
            manifest = self._read_manifest()
            manifest[name] = asdict(entry)
            _atomic_write(
                directory / MANIFEST,
                lambda tmp: tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n"),
            )
        self._cache.pop(name, None)
        return entry

    def import_dir(self, folder: Path) -> ImportReport:
        """Load every known reference file under `folder` (recursively).

        Where several files hold the same table, the newest edition is loaded and the others
        are reported as superseded; files that no table is read from are reported as skipped.
        """
        if not folder.is_dir():
            raise InvalidArgumentError("folder", str(folder), "an existing folder")
        candidates: dict[str, list[tuple[str, Path]]] = {}
        skipped: list[Path] = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            specs = [spec for spec in self.specs.values() if spec.matches(path)]
            if not specs:
                skipped.append(path)
            for spec in specs:
                candidates.setdefault(spec.name, []).append((spec.edition(path), path))
        imported: list[ImportedTable] = []
        superseded: list[Path] = []
        for name in sorted(candidates):
            ranked = sorted(candidates[name], key=lambda item: (item[0], item[1].name))
            imported.append(self.load(name, ranked[-1][1]))
            superseded.extend(path for _, path in ranked[:-1])
        return ImportReport(tuple(imported), tuple(superseded), tuple(skipped))

    def _writable_directory(self) -> Path:
        if self.directory is None:
            raise InvalidArgumentError("catalogue", None, "a folder to load reference tables in")
        self.directory.mkdir(parents=True, exist_ok=True)
        return self.directory

    def _read_manifest(self) -> dict[str, dict[str, Any]]:
        if self.directory is None or not (self.directory / MANIFEST).is_file():
            return {}
        loaded: dict[str, dict[str, Any]] = json.loads(
            (self.directory / MANIFEST).read_text(encoding="utf-8")
        )
        return loaded


def _atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Write `target` through a temporary file in its folder, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        write(Path(temporary))
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def specs_by_name(specs: Iterable[TableSpec]) -> dict[str, TableSpec]:
    """Return `specs` keyed by name, refusing two specs with one name."""
    named: dict[str, TableSpec] = {}
    for spec in specs:
        if spec.name in named:
            raise RuntimeError(f"two reference tables are named {spec.name!r}")
        named[spec.name] = spec
    return named
