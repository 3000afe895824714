"""The fetcher: cached, resumable, retrying downloads from the publishers.

`Fetcher.get` answers a `Request` from the cache when it can; otherwise it downloads to a
`.part` file, retrying transient failures with exponential backoff (HTTP 429 waits what its
Retry-After asks, within `MAX_WAIT`), and moves the body into the cache only once it is whole
and has passed the caller's check. Secret headers (API keys) are sent but never written to
the cache, its key, logs or messages.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Final

import platformdirs

from bilateral.errors import FetchError, OfflineCacheMissError
from bilateral.fetch.cache import Cache, Fetched, Request
from bilateral.fetch.transfer import Progress, Transfer, TransientError, stream_to_part

if TYPE_CHECKING:
    import httpx

CACHE_VARIABLE: Final = "BILATERAL_CACHE"
MAX_WAIT: Final = 300.0  # seconds; no Retry-After or backoff makes a fetch sleep longer

Check = Callable[[Path], None]  # raises when a downloaded body is not what was expected

__all__ = ["CACHE_VARIABLE", "MAX_WAIT", "Check", "Fetcher", "Progress", "default_cache_dir"]


def default_cache_dir() -> Path:
    """Return the fetch cache folder: `$BILATERAL_CACHE` or the user cache dir's `fetch`."""
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("bilateral")) / "fetch"


def _still_valid(cached: Fetched, expected_size: int | None, refresh_before: str | None) -> bool:
    if expected_size is not None and cached.size != expected_size:
        return False
    return refresh_before is None or cached.retrieved >= refresh_before


class Fetcher:
    """Download publishers' answers into a cache, retrying and resuming; one per session."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        offline: bool = False,
        client: httpx.Client | None = None,
        retries: int = 4,
        backoff: float = 1.0,
        timeout: float = 60.0,
        progress: Progress | None = None,
        sleep: Callable[[float], None] = time.sleep,
        secret_headers: Mapping[str, str] | None = None,
    ) -> None:
        import httpx  # loaded when a download may happen, not with the store's API

        self.cache = Cache(cache_dir)
        self.offline = offline
        self.retries = retries
        self.backoff = backoff
        self.timeout = httpx.Timeout(timeout)
        self.progress = progress
        self._sleep = sleep
        self._secret_headers = dict(secret_headers or {})
        self._own_client = client is None
        self._client = client or httpx.Client(follow_redirects=True, timeout=self.timeout)
        self.network_requests = 0

    def get(
        self,
        request: Request,
        *,
        name: str,
        check: Check | None = None,
        expected_size: int | None = None,
        refresh_before: str | None = None,
    ) -> Fetched:
        """Return the answer to `request`, from the cache or downloaded into it.

        `name` is the file name the body is kept under (and shown in progress). `check`, if
        given, is called on the whole body before it enters the cache and raises to refuse it;
        `expected_size` is the size the publisher's inventory announces. A cached answer
        retrieved before `refresh_before` (an ISO date or time, e.g. the publisher's release
        date), or of another size than expected, is downloaded again unless offline.
        """
        with self.cache.lock(request):
            cached = self.cache.lookup(request)
            if cached is not None and (
                self.offline or _still_valid(cached, expected_size, refresh_before)
            ):
                return cached
            if self.offline:
                raise OfflineCacheMissError(request.full_url())
            part = self.cache.part(request, name)
            transfer = self._download(request, part, name)
            retrieved = datetime.now(UTC).isoformat(timespec="seconds")
            try:
                if expected_size is not None and transfer.size != expected_size:
                    raise FetchError(
                        request.full_url(),
                        f"got {transfer.size} bytes but the publisher's inventory lists "
                        f"{expected_size}; the file may have changed since, run the fetch again",
                    )
                if check is not None:
                    check(part)
            except Exception:
                part.unlink(missing_ok=True)
                raise
            return self.cache.commit(request, part, retrieved, transfer.last_modified)

    def _download(self, request: Request, part: Path, name: str) -> Transfer:
        headers = dict(self._secret_headers)
        if request.accept is not None:
            headers["Accept"] = request.accept
        url = request.full_url()
        for attempt in range(self.retries + 1):
            self.network_requests += 1
            try:
                return stream_to_part(
                    self._client,
                    url,
                    part,
                    headers=headers,
                    timeout=self.timeout,
                    progress=self.progress,
                    name=name,
                )
            except TransientError as error:
                if attempt == self.retries:
                    tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                    raise FetchError(url, f"{error.problem} (gave up after {tries})") from None
                self._sleep(self._wait(attempt, error.retry_after))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        """Return the seconds to wait before attempt `attempt + 2`."""
        if retry_after is not None:
            return float(min(retry_after, MAX_WAIT))
        return float(min(self.backoff * 2**attempt, MAX_WAIT))

    def close(self) -> None:
        """Close the HTTP client if the fetcher made it."""
        if self._own_client:
            self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
