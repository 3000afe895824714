"""The fetch cache: one folder per request, holding the publisher's body and a sidecar.

A request's key is the SHA-256 of its URL, its sorted query parameters and its Accept header
(never a secret such as an API key). `<cache>/<key>/<name>` is the body and
`<cache>/<key>/fetched.json` says what it is; an entry counts only when both exist and the body
has the recorded size, so nothing half-written is ever served. A download in progress is
`<cache>/<key>/<name>.part`, which the next attempt resumes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlencode

from filelock import FileLock

SIDECAR: Final = "fetched.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Request:
    """One HTTP GET as the publisher sees it; its key names the cache entry."""

    url: str  # without query string
    params: tuple[tuple[str, str], ...] = ()  # query parameters, in any order
    accept: str | None = None  # Accept header, when it changes the answer

    def key(self) -> str:
        """Return the SHA-256 (hex) of the URL, the sorted parameters and the Accept header."""
        identity = json.dumps(
            {"url": self.url, "params": sorted(self.params), "accept": self.accept},
            sort_keys=True,
        )
        return hashlib.sha256(identity.encode()).hexdigest()

    def full_url(self) -> str:
        """Return the URL with its query string, parameters in the order given.

        >>> Request("https://x.org/get", (("period", "2020,2021"), ("flowCode", "M"))).full_url()
        'https://x.org/get?period=2020%2C2021&flowCode=M'
        """
        return f"{self.url}?{urlencode(self.params)}" if self.params else self.url


@dataclass(frozen=True)
class Fetched:
    """A publisher's body in the cache, and when and how it was obtained."""

    request: Request
    path: Path  # the cached body on disk
    from_cache: bool
    retrieved: str  # ISO 8601 UTC timestamp of the download
    last_modified: str | None  # the response's Last-Modified as an ISO date, if sent
    size: int


def safe_name(name: str) -> str:
    """Return `name` as a plain file name (no folders, no odd characters).

    >>> safe_name("comtrade/ITA BEL 2021.json")
    'comtrade_ITA_BEL_2021.json'
    """
    cleaned = _UNSAFE.sub("_", name).strip("._")
    return cleaned or "download"


class Cache:
    """The folder of cached bodies, addressed by request key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def entry(self, request: Request) -> Path:
        """Return the folder of `request`'s entry (which may not exist)."""
        return self.directory / request.key()

    def lock(self, request: Request) -> FileLock:
        """Return the lock of `request`'s entry: one process downloads it, others wait for it."""
        entry = self.entry(request)
        entry.mkdir(parents=True, exist_ok=True)
        return FileLock(str(entry / ".lock"), is_singleton=False)

    def part(self, request: Request, name: str) -> Path:
        """Return where a download of `request` in progress is written."""
        return self.entry(request) / (safe_name(name) + ".part")

    def lookup(self, request: Request) -> Fetched | None:
        """Return the complete cached answer to `request`, or None."""
        sidecar = self.entry(request) / SIDECAR
        try:
            meta: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
            body = self.entry(request) / str(meta["file"])
            size = int(meta["size"])
            if body.stat().st_size != size:
                return None
            return Fetched(
                request, body, True, str(meta["retrieved"]), meta.get("last_modified"), size
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def commit(
        self, request: Request, part: Path, retrieved: str, last_modified: str | None
    ) -> Fetched:
        """Move a complete download into the cache, then write its sidecar; return the entry."""
        body = part.with_name(part.name.removesuffix(".part"))
        part.replace(body)
        size = body.stat().st_size
        meta = {
            "url": request.url,
            "params": [list(pair) for pair in request.params],
            "accept": request.accept,
            "file": body.name,
            "size": size,
            "sha256": _sha256(body),
            "retrieved": retrieved,
            "last_modified": last_modified,
        }
        temporary = body.with_name(SIDECAR + ".tmp")
        temporary.write_text(json.dumps(meta, indent=2), encoding="utf-8")
        temporary.replace(body.with_name(SIDECAR))
        return Fetched(request, body, False, retrieved, last_modified, size)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
