"""A local HTTP server that replays files as a publisher would serve them, for download tests.

Routes map a path (`/www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip`, as a mirror lays
out a publisher's URL) to bytes. Range requests are honoured, every request is recorded, and
a route can be told to cut its body short or to fail.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes
    status: int = 200
    truncate_to: int | None = None  # announce the whole length, send only this many bytes


@dataclass
class Replay:
    """The running server's routes and the requests it received."""

    base_url: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # path, Range header


@contextmanager
def replay_server() -> Iterator[Replay]:
    """Run a replay server on a free local port for the duration of the block."""
    replay = Replay(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            replay.requests.append((path, self.headers.get("Range")))
            route = replay.routes.get(path)
            if route is None:
                self.send_error(404)
                return
            if route.status != 200:
                self.send_error(route.status)
                return
            body, status = route.body, 200
            start = _range_start(self.headers.get("Range"))
            if start is not None:
                if start >= len(body):
                    self.send_response(416)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, status = body[start:], 206
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            sent = body if route.truncate_to is None else body[: route.truncate_to]
            self.wfile.write(sent)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
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
