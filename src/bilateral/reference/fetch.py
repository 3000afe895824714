"""Download reference tables from their publishers into a catalogue.

Downloads go to `<catalogue>/downloads/`: first to a `.part` file, which a later run resumes
with an HTTP range request, then renamed once its size matches the announced length. The
catalogue records the SHA-256 of what was read. A mirror (`--mirror URL` or
`$BILATERAL_MIRROR`) serves the publishers' files as `<mirror>/<host>/<path>`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import Final
from urllib.parse import urlsplit

import httpx

from bilateral.errors import FetchError, InvalidArgumentError
from bilateral.reference.catalogue import Catalogue, ImportedTable, TableSpec

MIRROR_VARIABLE: Final = "BILATERAL_MIRROR"
_CHUNK: Final = 1 << 16
_TIMEOUT: Final = httpx.Timeout(30.0, read=120.0)

Progress = Callable[[str, int, int | None], None]  # (file name, bytes so far, total or None)


def mirrored(url: str, mirror: str | None) -> str:
    """Return where `url` is fetched from: itself, or its copy under `mirror`.

    >>> mirrored("https://www.ecb.europa.eu/stats/a.zip", "http://127.0.0.1:8000/")
    'http://127.0.0.1:8000/www.ecb.europa.eu/stats/a.zip'
    """
    if not mirror:
        return url
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc}{parts.path}{query}"


def file_name(url: str) -> str:
    """Return the name a download of `url` is saved under: the last segment of its path."""
    name = PurePosixPath(urlsplit(url).path).name
    return name or "download"


def download(
    url: str, folder: Path, client: httpx.Client, progress: Progress | None = None
) -> Path:
    """Download `url` into `folder`, resuming a partial download, and return the file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(url)
    partial = target.with_name(target.name + ".part")
    have = partial.stat().st_size if partial.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 416:  # the part is already whole
                partial.replace(target)
                return target
            if response.status_code not in (200, 206):
                raise FetchError(url, f"the server answered HTTP {response.status_code}")
            if response.status_code == 200:
                have = 0
            expected = _expected_size(response, have)
            with partial.open("ab" if have else "wb") as out:
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
                    have += len(chunk)
                    if progress is not None:
                        progress(target.name, have, expected)
    except httpx.HTTPError as error:
        raise FetchError(url, f"{type(error).__name__}: {error}") from error
    if expected is not None and have != expected:
        raise FetchError(url, f"got {have} bytes of {expected}; run the fetch again to resume")
    partial.replace(target)
    return target


def _expected_size(response: httpx.Response, have: int) -> int | None:
    length = response.headers.get("Content-Length")
    return None if length is None else have + int(length)


def fetch_tables(
    catalogue: Catalogue,
    names: Sequence[str],
    *,
    mirror: str | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> list[ImportedTable]:
    """Download and load each named table (all fetchable ones when `names` is empty)."""
    if catalogue.directory is None:
        raise InvalidArgumentError("catalogue", None, "a folder to load reference tables in")
    specs = [catalogue.spec(name) for name in names] or [
        spec for spec in catalogue.specs.values() if spec.fetch_note is None
    ]
    for spec in specs:
        if spec.fetch_note is not None:
            raise InvalidArgumentError(
                "reference table", spec.name, f"a table that can be fetched: {spec.fetch_note}"
            )
    mirror = mirror if mirror is not None else os.environ.get(MIRROR_VARIABLE)
    own_client = client is None
    http = client or httpx.Client(timeout=_TIMEOUT, follow_redirects=True)
    try:
        return [_fetch_one(catalogue, spec, mirror, http, progress) for spec in specs]
    finally:
        if own_client:
            http.close()


def _fetch_one(
    catalogue: Catalogue,
    spec: TableSpec,
    mirror: str | None,
    client: httpx.Client,
    progress: Progress | None,
) -> ImportedTable:
    assert catalogue.directory is not None
    path = download(mirrored(spec.url, mirror), catalogue.directory / "downloads", client, progress)
    return catalogue.load(spec.name, path, url=spec.url, method="fetch")
