"""Answers replayed: a GET asked before on the same store version gets the bytes it got then.

The API's answers and the pair pages are functions of the store's version and of the request
(path, query, and the headers that choose a language or carry a token): the same request on
the same version is answered with the same bytes. `ReplayedAnswers` keeps the last answers
made, whole (status, headers, body), and sends one again without routing, validating,
querying, rendering or serialising anything; the store's version is checked by a stat
(`ServedStore.known_version`), so a new ingest shows at once. A request whose If-None-Match
names the kept answer's ETag is answered 304, as the endpoint would.

Only the paths of `REPLAYED_PREFIXES` are replayed: a response under them must depend on
nothing but the store's version, the path, the query and the `KEY_HEADERS`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilateral.web.api.respond import names_tag
from bilateral.web.state import ServedStore

REPLAYED_PREFIXES: Final = ("/api/v1/", "/pair/")
# The request headers an answer under those paths may depend on: the language (the header,
# the cookie a choice left), a write token, what is accepted, the host asked.
KEY_HEADERS: Final = (b"accept-language", b"cookie", b"authorization", b"accept", b"host")
REPLAYED_STATUSES: Final = frozenset({200, 307, 404, 422})
ANSWERS_KEPT: Final = 256
LARGEST_ANSWER: Final = 2_000_000  # bytes of a body; larger answers are made anew each time
BYTES_KEPT: Final = 64_000_000
# What a 304 leaves out of the 200 it stands for (RFC 9110 15.4.5: validators, cache headers).
NOT_IN_304: Final = frozenset({b"content-type", b"content-length", b"content-disposition"})

Key = tuple[bytes, ...]


@dataclass(frozen=True)
class Kept:
    """One answer as it was sent, and the store version it was made on."""

    tag: str
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str | None  # its ETag's opaque value, quotes included


class ReplayedAnswers:
    """Keep whole answers to GET requests and send them again (ASGI middleware)."""

    def __init__(self, app: ASGIApp, served: ServedStore) -> None:
        self.app = app
        self.served = served
        self.kept: OrderedDict[Key, Kept] = OrderedDict()
        self.kept_bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(REPLAYED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        version = self.served.known_version()
        if version is None:  # published since last asked: read the log, off the event loop
            version = await run_in_threadpool(self.served.version)
        key = (scope["path"].encode(), scope["query_string"], *keyed_headers(scope))
        kept = self.kept.get(key)
        if kept is not None and kept.tag == version.tag:
            self.kept.move_to_end(key)
            asked = [value for name, value in scope["headers"] if name == b"if-none-match"]
            await self._send(kept, b",".join(asked) if asked else None, send)
            return
        await self._make(scope, receive, send, key, version.tag)

    async def _send(self, kept: Kept, asked: bytes | None, send: Send) -> None:
        if (
            asked is not None
            and kept.etag is not None
            and names_tag(asked.decode("latin-1"), kept.etag)
        ):
            headers = [(n, v) for n, v in kept.headers if n.lower() not in NOT_IN_304]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": kept.status, "headers": kept.headers})
        await send({"type": "http.response.body", "body": kept.body})

    async def _make(self, scope: Scope, receive: Receive, send: Send, key: Key, tag: str) -> None:
        """Let the app answer; keep the answer if it may be replayed."""
        start: Message | None = None
        parts: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and size <= LARGEST_ANSWER:
                parts.append(message.get("body", b""))
                size += len(parts[-1])
            await send(message)

        await self.app(scope, receive, keeping)
        if start is None or start["status"] not in REPLAYED_STATUSES or size > LARGEST_ANSWER:
            return
        headers = [(bytes(name), bytes(value)) for name, value in start.get("headers", [])]
        etag = next((v.decode("latin-1") for n, v in headers if n.lower() == b"etag"), None)
        self._keep(key, Kept(tag, start["status"], headers, b"".join(parts), etag))

    def _keep(self, key: Key, kept: Kept) -> None:
        previous = self.kept.pop(key, None)
        if previous is not None:
            self.kept_bytes -= len(previous.body)
        self.kept[key] = kept
        self.kept_bytes += len(kept.body)
        while len(self.kept) > ANSWERS_KEPT or self.kept_bytes > BYTES_KEPT:
            _, dropped = self.kept.popitem(last=False)
            self.kept_bytes -= len(dropped.body)


def keyed_headers(scope: Scope) -> list[bytes]:
    """Return the values of the request's `KEY_HEADERS` (each one's lines joined)."""
    found: dict[bytes, list[bytes]] = {}
    for name, value in scope["headers"]:
        if name in KEY_HEADERS:
            found.setdefault(name, []).append(value)
    return [b"\n".join(found.get(name, ())) for name in KEY_HEADERS]
