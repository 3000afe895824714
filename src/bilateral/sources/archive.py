"""Unpacking the archives publishers ship data in (Eurostat's `.7z`)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import py7zr

from bilateral.errors import ArchiveError

ARCHIVE_SUFFIXES = (".7z",)
_DATA_SUFFIXES = (".dat", ".csv", ".txt", ".tsv")


@contextlib.contextmanager
def data_file(path: Path) -> Iterator[Path]:
    """Yield the plain data file behind `path`, unpacking an archive into a temporary folder."""
    if path.suffix.lower() not in ARCHIVE_SUFFIXES:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="bilateral-unpack-") as folder:
        yield _unpack_7z(path, Path(folder))


def _unpack_7z(path: Path, folder: Path) -> Path:
    try:
        with py7zr.SevenZipFile(path, mode="r") as archive:
            names = [name for name in archive.getnames() if name.lower().endswith(_DATA_SUFFIXES)]
            if len(names) != 1:
                raise ArchiveError(
                    path,
                    f"the archive holds {len(names)} data files ({', '.join(names) or 'none'})",
                    expected="exactly one .dat or .csv file",
                )
            archive.extract(path=folder, targets=names)
    except ArchiveError:
        raise
    except Exception as exc:  # py7zr and the codecs below it raise many unrelated types
        raise ArchiveError(
            path,
            f"the 7z archive cannot be read ({type(exc).__name__}: {exc})",
            expected="a complete .7z archive as published",
        ) from None
    extracted = folder / str(names[0])
    if not extracted.is_file():
        raise ArchiveError(path, f"{names[0]} could not be unpacked", expected="a complete archive")
    return extracted
