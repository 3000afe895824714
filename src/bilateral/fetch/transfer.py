"""One HTTP GET streamed into a `.part` file, resuming what an earlier attempt left.

`stream_to_part` sends a Range request when the part holds bytes, checks the body's length
against Content-Length, and sorts failures in two: `TransientError` (connection, timeout,
cut body, HTTP 5xx and 429: worth another attempt, which resumes) and `FetchError` (any other
status, or a host name that does not resolve: retrying would get the same answer).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import FetchError

if TYPE_CHECKING:
    import httpx

Progress = Callable[[str, int, int | None], None]  # (name, bytes so far, total or None)


class TransientError(Exception):
    """A failure that another attempt may not meet; `retry_after` is the server's wish (s)."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        self.problem = problem
        self.retry_after = retry_after
        super().__init__(problem)


@dataclass(frozen=True)
class Transfer:
    """What a finished transfer brought: the part's size and the response's Last-Modified."""

    size: int
    last_modified: str | None


def stream_to_part(
    client: httpx.Client,
    url: str,
    partial: Path,
    *,
    headers: Mapping[str, str] | None = None,
    timeout: httpx.Timeout | float | None = None,
    progress: Progress | None = None,
    name: str = "",
) -> Transfer:
    """Download `url` into `partial`, resuming its bytes, and return the finished transfer.

    The part stays on disk after a transient failure so that the next attempt resumes it.
    """
    import httpx

    partial.parent.mkdir(parents=True, exist_ok=True)
    have = partial.stat().st_size if partial.exists() else 0
    sent = {"Accept-Encoding": "identity", **(headers or {})}  # lengths are of the bytes kept
    if have:
        sent["Range"] = f"bytes={have}-"
    extra = {} if timeout is None else {"timeout": timeout}
    try:
        with client.stream("GET", url, headers=sent, **extra) as response:  # type: ignore[arg-type]
            if response.status_code == 416 and have:  # the part is already whole
                return Transfer(have, iso_date(response.headers.get("Last-Modified")))
            _check_status(response, url)
            if response.status_code == 200:
                have = 0
            expected = _expected_size(response, have)
            have = _write_body(response, partial, have, expected, progress, name or partial.name)
            last_modified = iso_date(response.headers.get("Last-Modified"))
    except httpx.TransportError as error:
        unresolved = _name_error(error)
        if unresolved is not None:
            # Another attempt would ask the resolver the same question: fail at once.
            host = httpx.URL(url).host
            raise FetchError(
                url,
                f"the host name {host} does not resolve ({unresolved.strerror}): check the "
                "address (--base-url, or the publisher's) and the network; not retried",
            ) from None
        done = partial.stat().st_size if partial.exists() else 0
        raise TransientError(f"{type(error).__name__} after {done} bytes: {error}") from error
    if expected is not None and have != expected:
        raise TransientError(f"got {have} bytes of {expected}; run the fetch again to resume")
    return Transfer(have, last_modified)


def _name_error(error: BaseException) -> socket.gaierror | None:
    """Return the failed host name lookup behind a transport error, if that is what it was."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


_ERROR_BODY = 4000  # bytes of an error answer kept, to tell "no results" from a wrong address


def _check_status(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if status in (200, 206):
        return
    if status == 429 or status >= 500:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        raise TransientError(f"the server answered HTTP {status}", wait)
    body = response.read()[:_ERROR_BODY].decode("utf-8", errors="replace")
    raise FetchError(url, f"the server answered HTTP {status}", status=status, body=body)


def _write_body(
    response: httpx.Response,
    partial: Path,
    have: int,
    expected: int | None,
    progress: Progress | None,
    name: str,
) -> int:
    with partial.open("ab" if have else "wb") as out:
        for chunk in response.iter_bytes():  # as received: a cut body keeps what came
            out.write(chunk)
            have += len(chunk)
            if progress is not None:
                progress(name, have, expected)
    return have


def _expected_size(response: httpx.Response, have: int) -> int | None:
    length = response.headers.get("Content-Length")
    if length is None or not length.strip().isdigit():
        return None
    return have + int(length)


def retry_after_seconds(header: str | None, *, now: datetime | None = None) -> float | None:
    """Return the wait a Retry-After header asks for: seconds, or until an HTTP date.

    >>> retry_after_seconds("7"), retry_after_seconds(None), retry_after_seconds("soon")
    (7.0, None, None)
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT",
    ...                     now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC))
    10.0
    """
    if header is None:
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def iso_date(header: str | None) -> str | None:
    """Return an HTTP date header as an ISO date (YYYY-MM-DD), or None.

    >>> iso_date("Thu, 05 Jun 2025 10:11:12 GMT"), iso_date(None), iso_date("garbage")
    ('2025-06-05', None, None)
    """
    if not header:
        return None
    try:
        return parsedate_to_datetime(header).date().isoformat()
    except (TypeError, ValueError):
        return None
