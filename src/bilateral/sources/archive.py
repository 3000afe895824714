"""Unpacking the archives publishers ship data in: Eurostat's `.7z`, CEPII's `.zip`.

A Comext bulk archive holds one data file. A BACI release archive holds one CSV per year
beside its code lists and readme; each year file is a data member of its own, ingested as its
own commit and known in the ingest log by the archive's name, the member's name and the
member's CRC and size (read from the archive's directory, so nothing is hashed twice).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bilateral.errors import ArchiveError

ARCHIVE_SUFFIXES = (".7z", ".zip")
_DATA_SUFFIXES = (".dat", ".csv", ".txt", ".tsv")
# Files that travel with the data in a release archive but are not flows.
_AUXILIARY = re.compile(r"^(readme|country_codes|product_codes)", re.IGNORECASE)


@dataclass(frozen=True)
class Member:
    """One data file inside an archive, as the archive's directory describes it."""

    name: str
    size: int
    crc: int | None

    def identity(self, archive: Path) -> str:
        """Return a hex digest naming this member's content, for the ingest log."""
        text = f"{archive.name}:{self.name}:{self.size}:{self.crc}"
        return hashlib.sha256(text.encode()).hexdigest()


def is_archive(path: Path) -> bool:
    """Say whether `path` is an archive `bilateral` unpacks (by its suffix)."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def data_members(path: Path) -> list[Member]:
    """Return the data files inside the archive `path`, by name, leaving code lists and readmes."""
    try:
        members = _zip_members(path) if path.suffix.lower() == ".zip" else _7z_members(path)
    except ArchiveError:
        raise
    except Exception as exc:  # zipfile, py7zr and the codecs below them raise many types
        raise _unreadable(path, exc) from None
    return sorted(members, key=lambda member: member.name)


@contextlib.contextmanager
def data_file(path: Path, member: str | None = None) -> Iterator[Path]:
    """Yield the plain data file behind `path`, unpacking an archive into a temporary folder.

    `member` names the data file to take from an archive that holds several; without it the
    archive must hold exactly one.
    """
    if not is_archive(path):
        if member is not None:
            raise ArchiveError(
                path,
                f"not an archive, so it has no member {member!r}",
                expected="a .7z or .zip archive",
            )
        yield path
        return
    chosen = choose_member(path, member)
    with tempfile.TemporaryDirectory(prefix="bilateral-unpack-") as folder:
        yield _extract(path, chosen.name, Path(folder))


def choose_member(path: Path, member: str | None) -> Member:
    """Return the member `member` of the archive, or its only data file when `member` is None."""
    members = data_members(path)
    names = ", ".join(m.name for m in members) or "none"
    if member is None:
        if len(members) != 1:
            raise ArchiveError(
                path,
                f"the archive holds {len(members)} data files ({names})",
                expected="exactly one data file, or one of them named as the member to read",
            )
        return members[0]
    for candidate in members:
        if member in (candidate.name, PurePosixPath(candidate.name).name):
            return candidate
    raise ArchiveError(path, f"the archive has no data file {member!r}", expected=names)


def _zip_members(path: Path) -> list[Member]:
    with zipfile.ZipFile(path) as archive:
        return [
            Member(info.filename, info.file_size, info.CRC)
            for info in archive.infolist()
            if not info.is_dir() and _is_data(info.filename)
        ]


def _7z_members(path: Path) -> list[Member]:
    import py7zr  # loaded for 7z archives only

    with py7zr.SevenZipFile(path, mode="r") as archive:
        return [
            Member(info.filename, int(info.uncompressed), info.crc32)
            for info in archive.list()
            if not info.is_directory and _is_data(info.filename)
        ]


def _is_data(name: str) -> bool:
    base = PurePosixPath(name).name
    return base.lower().endswith(_DATA_SUFFIXES) and not _AUXILIARY.match(base)


def _extract(path: Path, name: str, folder: Path) -> Path:
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                archive.extract(name, folder)
        else:
            import py7zr

            with py7zr.SevenZipFile(path, mode="r") as archive:
                archive.extract(path=folder, targets=[name])
    except Exception as exc:  # a corrupt stream surfaces only when it is decompressed
        raise _unreadable(path, exc) from None
    extracted = folder / name
    if not extracted.is_file():
        raise ArchiveError(path, f"{name} could not be unpacked", expected="a complete archive")
    return extracted


def _unreadable(path: Path, exc: Exception) -> ArchiveError:
    kind = path.suffix.lower().lstrip(".")
    return ArchiveError(
        path,
        f"the {kind} archive cannot be read ({type(exc).__name__}: {exc})",
        expected=f"a complete .{kind} archive as published",
    )
