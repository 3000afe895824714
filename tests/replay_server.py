"""A local HTTP server that replays files as a publisher would serve them, for download tests.

Routes map a path (`/www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip`, as a mirror lays
out a publisher's URL) to bytes; a route keyed by path and query (`/files?file=...`) is
preferred to one keyed by the path alone. Range requests are honoured, every request is
recorded (`requests`: path and Range; `log`: path, query and headers), and a route can be told
to cut its body short, to fail, to send extra headers or to answer slowly. `script` queues
answers that a path gives once each, in order, before its route.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes
    status: int = 200
    truncate_to: int | None = None  # announce the whole length, send only this many bytes
    headers: dict[str, str] = field(default_factory=dict)  # e.g. Retry-After, Last-Modified
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True)
class Recorded:
    """One request as the server received it."""

    path: str
    query: str
    headers: Message  # case-insensitive: headers["accept"] == headers["Accept"]

    @property
    def target(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path


@dataclass
class Replay:
    """The running server's routes and the requests it received."""

    base_url: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # path, Range header
    log: list[Recorded] = field(default_factory=list)
    scripts: dict[str, list[Route]] = field(default_factory=dict)

    def script(self, key: str, *answers: Route) -> None:
        """Answer `key` (path, or path?query) with `answers` in turn, then with its route."""
        self.scripts.setdefault(key, []).extend(answers)

    def answer(self, path: str, query: str) -> Route | None:
        for key in (f"{path}?{query}", path) if query else (path,):
            if self.scripts.get(key):
                return self.scripts[key].pop(0)
            if key in self.routes:
                return self.routes[key]
        return None


@contextmanager
def replay_server() -> Iterator[Replay]:
    """Run a replay server on a free local port for the duration of the block."""
    replay = Replay(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            replay.requests.append((parts.path, self.headers.get("Range")))
            replay.log.append(Recorded(parts.path, parts.query, self.headers))
            route = replay.answer(parts.path, parts.query)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.status != 200:
                self._send(route.status, route.body, route.headers)
                return
            body, status = route.body, 200
            start = _range_start(self.headers.get("Range"))
            if start is not None:
                if start >= len(body):
                    self._send(416, b"", {})
                    return
                body, status = body[start:], 206
            sent = body if route.truncate_to is None else body[: route.truncate_to]
            self._send(status, sent, route.headers, length=len(body))

        def _send(
            self, status: int, body: bytes, headers: dict[str, str], length: int | None = None
        ) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # the client may have given up (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    replay.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _range_start(header: str | None) -> int | None:
    if not header or not header.startswith("bytes="):
        return None
    return int(header.removeprefix("bytes=").split("-")[0])
