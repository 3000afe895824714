"""Eurostat Comext bulk files (full_v2 .7z archives) from the dissemination files API.

The publisher's inventory (`files?format=csv&dir=comext&hierarchy=true&sizeFormat=NONE&
dateFormat=ISO`) lists every file with its path, size in bytes and last update; the update
date is the release the rows are stored as (their vintage), and the size is checked against
the download. Annual data is `full_v2_YYYY52.7z`, monthly `full_v2_YYYYMM.7z`; each archive's
own CRCs are verified (py7zr) before it enters the cache.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from bilateral.errors import InvalidArgumentError, UpstreamFormatError
from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Check, Fetcher

PRODUCTS_DIR: Final = "comext/COMEXT_DATA/PRODUCTS"
INVENTORY_MAX_AGE: Final = timedelta(hours=1)
FIRST_PERIOD: Final = "200201"
# Inventory columns: normalised header (lower case, letters and digits only) -> role.
_COLUMNS: Final = {
    "path": ("path", "filepath", "name", "filename"),
    "size": ("size", "sizebytes", "bytes"),
    "updated": ("lastmodified", "lastupdate", "modified", "updated", "date"),
}
_ARCHIVE = re.compile(r"^full_v2_(\d{4})(\d{2})\.7z$")


@dataclass(frozen=True)
class BulkFile:
    """One full_v2 archive as the inventory lists it."""

    name: str  # full_v2_202402.7z
    size: int
    released: str  # the publisher's last update, YYYY-MM-DD

    @property
    def period(self) -> str:
        """Return the archive's period: YYYYMM, or YYYY52 for a year."""
        return self.name.removeprefix("full_v2_").removesuffix(".7z")


def inventory_request(base: str) -> Request:
    """Return the request for the publisher's CSV inventory of the comext folder."""
    params = (
        ("format", "csv"),
        ("dir", "comext"),
        ("hierarchy", "true"),
        ("sizeFormat", "NONE"),
        ("dateFormat", "ISO"),
    )
    return Request(f"{base}/files", params)


def archive_request(base: str, name: str) -> Request:
    """Return the request for one archive of the PRODUCTS folder."""
    return Request(f"{base}/files", (("file", f"{PRODUCTS_DIR}/{name}"),))


def fetch_inventory(fetcher: Fetcher, base: str) -> tuple[Fetched, dict[str, BulkFile]]:
    """Return the inventory (re-read when older than an hour) and its full_v2 archives by period."""
    request = inventory_request(base)
    fresh_since = (datetime.now(UTC) - INVENTORY_MAX_AGE).isoformat(timespec="seconds")
    fetched = fetcher.get(request, name="comext_inventory.csv", refresh_before=fresh_since)
    return fetched, parse_inventory(fetched.path.read_bytes(), request.full_url())


def parse_inventory(body: bytes, url: str) -> dict[str, BulkFile]:
    """Return the full_v2 archives the inventory lists in the PRODUCTS folder, by period.

    Raises `UpstreamFormatError` naming the columns expected and seen when the answer is not
    a CSV with a path, a size and a last-update column (an HTML error page, a new layout).
    """
    text = _decoded(body, url)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    roles = _column_roles(header, url)
    files: dict[str, BulkFile] = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        entry = _bulk_file(row, roles, line, url)
        if entry is not None:
            files[entry.period] = entry
    return files


def _decoded(body: bytes, url: str) -> str:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UpstreamFormatError(url, "bytes that are not UTF-8 text", "a CSV inventory") from None
    if text.lstrip().startswith("<"):
        raise UpstreamFormatError(url, "an HTML or XML page", "a CSV inventory of files")
    return text


def _column_roles(header: list[str], url: str) -> dict[str, int]:
    normalised = [re.sub(r"[^a-z0-9]", "", name.lower()) for name in header]
    roles: dict[str, int] = {}
    for role, names in _COLUMNS.items():
        found = [i for i, name in enumerate(normalised) if name in names]
        if found:
            roles[role] = found[0]
    if len(roles) < len(_COLUMNS):
        wanted = "; ".join(f"{role} ({' or '.join(names)})" for role, names in _COLUMNS.items())
        raise UpstreamFormatError(
            url, f"an inventory with columns {header!r}", f"columns for {wanted}"
        )
    return roles


def _bulk_file(row: list[str], roles: dict[str, int], line: int, url: str) -> BulkFile | None:
    if len(row) <= max(roles.values()):
        raise UpstreamFormatError(url, f"line {line} with {len(row)} fields", "a field per column")
    path = row[roles["path"]].strip().strip("/")
    folder, _, name = path.rpartition("/")
    if not _ARCHIVE.match(name) or (folder and not folder.endswith(PRODUCTS_DIR)):
        return None
    size_text, updated = row[roles["size"]].strip(), row[roles["updated"]].strip()
    if not size_text.isdigit():
        raise UpstreamFormatError(
            url, f"line {line}: size {size_text!r} of {name}", "a size in bytes (sizeFormat=NONE)"
        )
    if not re.match(r"^\d{4}-\d{2}-\d{2}", updated):
        raise UpstreamFormatError(
            url, f"line {line}: last update {updated!r} of {name}", "an ISO date (dateFormat=ISO)"
        )
    return BulkFile(name, int(size_text), updated[:10])


def wanted_periods(years: Iterable[int], *, monthly: bool) -> list[str]:
    """Return the archive periods for `years`: YYYY52 each, or YYYY01..YYYY12.

    >>> wanted_periods([2020], monthly=False), wanted_periods([2021], monthly=True)[:2]
    (['202052'], ['202101', '202102'])
    """
    if monthly:
        return [f"{year}{month:02d}" for year in years for month in range(1, 13)]
    return [f"{year}52" for year in years]


def select_files(
    files: dict[str, BulkFile], years: list[int], *, monthly: bool
) -> tuple[list[BulkFile], list[str]]:
    """Return the inventory's archives for `years` and notes on months not yet listed.

    An annual file the inventory does not list, or a year without any monthly file, raises
    an error naming the nearest periods it does list.
    """
    if not monthly:
        missing = [year for year in years if f"{year}52" not in files]
        if missing:
            raise _not_listed(files, missing, monthly=False)
        return [files[f"{year}52"] for year in years], []
    chosen: list[BulkFile] = []
    notes: list[str] = []
    for year in years:
        periods = wanted_periods([year], monthly=True)
        listed = [files[period] for period in periods if period in files]
        if not listed:
            raise _not_listed(files, [year], monthly=True)
        absent = [_label(period) for period in periods if period not in files]
        if absent:
            notes.append(
                f"{year}: {', '.join(absent)} not in the Comext inventory (not published yet?); "
                f"fetched {', '.join(_label(entry.period) for entry in listed)}"
            )
        chosen.extend(listed)
    return chosen, notes


def _not_listed(files: dict[str, BulkFile], missing: list[int], *, monthly: bool) -> Exception:
    listed = sorted(period for period in files if period.endswith("52") != monthly)
    target = missing[0] * 12 + 6
    nearest = sorted(listed, key=lambda p: abs(_months_since_zero(p) - target))[:4]
    what = "months" if monthly else "annual files"
    if not listed:
        other = "annual files (drop --monthly)" if monthly else "monthly files (add --monthly)"
        expected = f"years the Comext inventory lists; it lists no {what}, only {other}"
    else:
        shown = ", ".join(_label(p) for p in sorted(nearest))
        span = f"{_label(listed[0])} to {_label(listed[-1])}"
        expected = f"years with {what} in the Comext inventory (nearest: {shown}; all: {span})"
    return InvalidArgumentError("years", ", ".join(str(year) for year in missing), expected)


def _months_since_zero(period: str) -> int:
    return int(period[:4]) * 12 + (0 if period.endswith("52") else int(period[4:]))


def _label(period: str) -> str:
    return period[:4] if period.endswith("52") else f"{period[:4]}-{period[4:]}"


def archive_check(url: str) -> Check:
    """Return the check that a downloaded archive is a whole 7z whose CRCs match."""

    def check(path: Path) -> None:
        import py7zr

        try:
            with py7zr.SevenZipFile(path, mode="r") as archive:
                names = archive.getnames()
                bad = archive.testzip()
        except Exception as error:  # py7zr raises many kinds (LZMAError, Bad7zFile, ...)
            raise UpstreamFormatError(
                url, f"a file that is not a readable 7z archive ({error})", "a .7z archive"
            ) from None
        if bad is not None:
            raise UpstreamFormatError(url, f"member {bad} failing its CRC", "matching checksums")
        if not any(name.endswith((".dat", ".csv")) for name in names):
            raise UpstreamFormatError(
                url, f"an archive holding {names!r}", "a full_YYYYMM.dat data file"
            )

    return check


def fetch_archive(fetcher: Fetcher, base: str, entry: BulkFile) -> Fetched:
    """Return the archive `entry` from the cache or the publisher, its size and CRCs checked."""
    request = archive_request(base, entry.name)
    return fetcher.get(
        request,
        name=entry.name,
        check=archive_check(request.full_url()),
        expected_size=entry.size,
        refresh_before=entry.released,
    )
