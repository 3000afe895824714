"""Download reference tables from their publishers into a catalogue.

Downloads go to `<catalogue>/downloads/`: first to a `.part` file, which a later run resumes
with an HTTP range request (`bilateral.fetch.transfer`), then renamed once its size matches the
announced length. The
catalogue records the SHA-256 of what was read. A mirror (`--mirror URL` or
`$BILATERAL_MIRROR`) serves the publishers' files as `<mirror>/<host>/<path>`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Final
from urllib.parse import urlsplit

import httpx

from bilateral.errors import FetchError, InvalidArgumentError
from bilateral.fetch.transfer import Progress as Progress  # re-exported for the registry
from bilateral.fetch.transfer import TransientError, stream_to_part
from bilateral.reference.catalogue import Catalogue, ImportedTable, TableSpec

MIRROR_VARIABLE: Final = "BILATERAL_MIRROR"
_TIMEOUT: Final = httpx.Timeout(30.0, read=120.0)


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
    """Download `url` into `folder`, resuming a partial download, and return the file.

    One attempt: a failure leaves the `.part` file for the next run to resume.
    """
    target = folder / file_name(url)
    partial = target.with_name(target.name + ".part")
    try:
        stream_to_part(client, url, partial, progress=progress, name=target.name)
    except TransientError as error:
        raise FetchError(url, error.problem) from None
    partial.replace(target)
    return target


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
