"""Load the web app: N concurrent clients for S seconds on the pair page and the API profile.

Usage: .venv/bin/python bench/web_load.py [--clients 50] [--seconds 30] [--store DIR | --rows N]
                                          [--workdir DIR] [--pair ITA/BEL] [--years 2019-2021]
                                          [--endpoint 'pair page' | 'API profile'] [--alone 10]
                                          [--distinct-clients 5] [--distinct-alone 5]

Starts `bilateral serve` on 127.0.0.1 (only: the load never leaves this machine) over the demo
store (default), a store given by --store, or the synthetic benchmark store of --rows rows
(built like bench/queries.py builds it, in --workdir, reused when present; synthetic data, not
official statistics). Two scenarios:

- the same URLs: each endpoint timed alone first (--alone requests, one at a time, after 2
  untimed), then loaded: each client has its own keep-alive connection and requests, in turn,
  the pair page `/pair/{A}/{B}?years=...` and the API's `/api/v1/profile/{A}/{B}?years=...`
  until the time is up (all but the first are answered from what the server remembers);
- distinct pairs (`--distinct-clients 0` leaves it out): pair pages of the first territory with
  each of its partners, both ways round, each URL asked once (so never remembered): the first
  --distinct-alone one at a time, then --distinct-clients clients for the same time.

Prints requests, errors, throughput and p50/p95/p99 latency per endpoint, with the issue's
targets beside them, and the load average. Every answer's status is checked (200, else an
error by kind) and its body read whole.

The load generator runs on the same machine as the server: on a shared 2-core machine both
compete for the CPU, so latencies are upper bounds. So that it takes as little of that CPU as it
can, it is a plain asyncio HTTP/1.1 client (a request line, Host and Accept; the answer's head
parsed and its Content-Length or chunked body read), on uvloop when installed, instead of a
full HTTP client library. A benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from web_server import Served, serving

# The targets: pair page p95 on the 10M-row benchmark store, API profile p95.
TARGETS_MS = {"pair page": 300.0, "API profile": 100.0}
TARGET_NOTES = {"pair page": "on the 10M-row store", "API profile": ""}
TIMEOUT = 300.0  # seconds a request may take before it counts as an error
HEAD_LIMIT = 1 << 20  # bytes of an answer's status line and headers


class AnswerError(ValueError):
    """An answer that is not HTTP/1.1 as this client reads it."""


@dataclass
class Connection:
    """One keep-alive HTTP/1.1 connection to the server, opened on first use."""

    host: str
    port: int
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """GET `path`; return the answer's status and its body's length in bytes."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, limit=HEAD_LIMIT
            )
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n"
        self.writer.write(request.encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head[:-4].decode("latin-1").split("\r\n")
        version, _, rest = status_line.partition(" ")
        if not version.startswith("HTTP/1.") or not rest[:3].isdigit():
            raise AnswerError(f"not an HTTP/1.x status line: {status_line[:80]!r}")
        status = int(rest[:3])
        fields = {}
        for line in lines:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if "content-length" in fields:
            size = len(await self.reader.readexactly(int(fields["content-length"])))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            size = await self._chunked()
        elif status in (204, 304) or status < 200:
            size = 0
        else:  # the body runs to the end of the connection
            size = len(await self.reader.read())
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, size

    async def _chunked(self) -> int:
        assert self.reader is not None
        size = 0
        while True:
            length = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if length == 0:
                await self._trailer()
                return size
            size += len(await self.reader.readexactly(length + 2)) - 2

    async def _trailer(self) -> None:
        assert self.reader is not None
        while (await self.reader.readuntil(b"\r\n")) != b"\r\n":
            pass

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader, self.writer = None, None


@dataclass
class Endpoint:
    name: str
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())


async def timed_get(connection: Connection, endpoint: Endpoint, path: str) -> None:
    """Request `path` for `endpoint`: its latency if it answers 200, else an error by kind."""
    start = time.perf_counter()
    try:
        status, _ = await asyncio.wait_for(connection.get(path), TIMEOUT)
    except (TimeoutError, OSError, EOFError, asyncio.LimitOverrunError, ValueError) as error:
        endpoint.errors[type(error).__name__] += 1
        connection.close()
        return
    if status != 200:
        endpoint.errors[f"HTTP {status}"] += 1
    else:
        endpoint.latencies.append(time.perf_counter() - start)


async def client(url: str, endpoints: list[Endpoint], deadline: float, offset: int) -> None:
    """One user: request the endpoints in turn, on one keep-alive connection, until `deadline`."""
    connection = connection_to(url)
    turn = offset
    try:
        while time.monotonic() < deadline:
            endpoint = endpoints[turn % len(endpoints)]
            turn += 1
            await timed_get(connection, endpoint, endpoint.path)
    finally:
        connection.close()


async def distinct_client(
    url: str, endpoint: Endpoint, paths: Iterator[str], deadline: float
) -> None:
    """One user: request the next URL no one asked yet, until `deadline` or none is left."""
    connection = connection_to(url)
    try:
        for path in paths:
            if time.monotonic() >= deadline:
                break
            await timed_get(connection, endpoint, path)
    finally:
        connection.close()


def connection_to(url: str) -> Connection:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    return Connection(parts.hostname, parts.port)


async def load(url: str, endpoints: list[Endpoint], clients: int, seconds: float) -> float:
    """Run `clients` users for `seconds`; return the wall time the run took."""
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*(client(url, endpoints, deadline, i) for i in range(clients)))
    return time.monotonic() - start


async def load_distinct(
    url: str, endpoint: Endpoint, paths: list[str], clients: int, seconds: float
) -> float:
    """Run `clients` users asking each of `paths` once, for `seconds`; return the wall time."""
    start = time.monotonic()
    shared = iter(paths)
    deadline = start + seconds
    await asyncio.gather(
        *(distinct_client(url, endpoint, shared, deadline) for _ in range(clients))
    )
    return time.monotonic() - start


async def alone(url: str, endpoints: list[Endpoint], runs: int) -> dict[str, list[float]]:
    """Request each endpoint 2 times untimed (warming the server), then `runs` times alone.

    Stops with the endpoint's status if it is not 200. Returns each endpoint's latencies.
    """
    latencies: dict[str, list[float]] = {}
    connection = connection_to(url)
    for endpoint in endpoints:
        latencies[endpoint.name] = []
        for run in range(2 + runs):
            start = time.perf_counter()
            status, size = await connection.get(endpoint.path)
            if status != 200:
                raise SystemExit(f"{endpoint.name} {endpoint.path} answers {status} ({size} bytes)")
            if run >= 2:
                latencies[endpoint.name].append(time.perf_counter() - start)
    connection.close()
    return latencies


async def alone_distinct(url: str, endpoint: Endpoint, paths: list[str]) -> None:
    """Request each of `paths` once, one at a time, into `endpoint`'s latencies and errors."""
    connection = connection_to(url)
    for path in paths:
        await timed_get(connection, endpoint, path)
    connection.close()


def partner_pairs(url: str, pair: str, year: int) -> list[str]:
    """Return 'A/P' and 'P/A' for the first territory A and each partner P it has in `year`."""
    import httpx  # only here: the load itself uses the plain client above

    first = pair.split("/")[0]
    answer = httpx.get(f"{url}/api/v1/partners/{first}?year={year}&top=500", timeout=TIMEOUT)
    answer.raise_for_status()
    codes = [
        row["code"]
        for row in answer.json()["rows"]
        if row.get("line") == "partner" and row.get("partner_kind") == "country"
    ]
    return [f"{a}/{b}" for code in codes for a, b in ((first, code), (code, first))]


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def load_average() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def line(name: str, e: Endpoint, wall: float | None, target: float | None, note: str = "") -> str:
    ms = [v * 1000 for v in e.latencies]
    p50, p95, p99 = (percentile(ms, p) for p in (50, 95, 99))
    rate = f"{e.requests / wall:>7.1f}" if wall else f"{'':>7}"
    said = f"{name:<14} {e.requests:>8} {sum(e.errors.values()):>6} {rate} "
    said += f"{p50:>8.1f} {p95:>8.1f} {p99:>8.1f}"
    if target is not None:
        verdict = "met" if p95 < target else "NOT met"
        said += f"  p95 < {target:.0f} ms{note}: {verdict}"
    for kind, count in sorted(e.errors.items()):
        said += f"\n    {count} x {kind}"
    return said


HEADER = f"{'endpoint':<14} {'requests':>8} {'errors':>6} {'req/s':>7} "
HEADER += f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  target"


def report(
    endpoints: list[Endpoint],
    wall: float,
    store: str,
    clients: int,
    single: dict[str, list[float]],
    during: str,
) -> None:
    print(f"bilateral web load: {clients} clients for {wall:.1f} s on {store}, 127.0.0.1")
    print(f"(load generator and server share this machine's CPUs; {during})")
    print(HEADER)
    for e in endpoints:
        note = f" {TARGET_NOTES[e.name]}" if TARGET_NOTES[e.name] else ""
        print(line(e.name, e, wall, TARGETS_MS[e.name], note))
    runs = max(len(v) for v in single.values())
    print(f"one request at a time ({runs} requests each, after 2 untimed):")
    for e in endpoints:
        print(line(e.name, Endpoint(e.name, e.path, single[e.name]), None, TARGETS_MS[e.name]))
    print("path of each endpoint: " + "; ".join(f"{e.name} {e.path}" for e in endpoints))


def report_distinct(first: Endpoint, loaded: Endpoint, clients: int, wall: float) -> None:
    print("distinct pairs (each pair page asked once: built from the store, not remembered):")
    print(HEADER)
    print(line("one at a time", first, None, None))
    print(line(f"{clients} clients", loaded, wall, None) + f"  ({wall:.1f} s)")


@dataclass(frozen=True)
class Cpu:
    """The CPU time of the server and of this load generator at one moment."""

    server: float | None
    client: float

    @classmethod
    def now(cls, served: Served) -> Cpu:
        return cls(served.cpu_seconds(), time.process_time())

    def since(self, served: Served, requests: int) -> str:
        """Say the CPU time per request each side used since this moment."""
        later = Cpu.now(served)
        each = max(requests, 1) / 1000
        client = f"load generator {(later.client - self.client) / each:.2f}"
        if later.server is None or self.server is None:
            return f"CPU ms per request: {client} (the server's is not known here)"
        return f"CPU ms per request: server {(later.server - self.server) / each:.2f}, {client}"


def bench_store(workdir: Path, rows: int, seed: int) -> Path:
    """Return the synthetic benchmark store of `rows` rows, built as bench/queries.py does."""
    from queries import prepare_store

    store, lines = prepare_store(workdir, rows, seed, reingest=False)
    for measure in lines:
        print(f"{measure.name}: {measure.value}")
    return store


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run `coroutine` on uvloop when it is installed (a lighter client), else on asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", type=Path, help="a store to serve (default: the demo store)")
    source.add_argument("--rows", type=int, help="serve the synthetic benchmark store of N rows")
    parser.add_argument("--workdir", type=Path, help="with --rows: keep and reuse its files here")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pair", default="ITA/BEL", help="the pair, as A/B (default ITA/BEL)")
    parser.add_argument(
        "--years", help="years of the pair (default: 2019-2021, or 2024 with --rows)"
    )
    parser.add_argument(
        "--endpoint",
        action="append",
        choices=list(TARGETS_MS),
        help="load only this endpoint (repeatable; default: both)",
    )
    parser.add_argument(
        "--alone", type=int, default=10, help="requests of each endpoint timed alone first (10)"
    )
    parser.add_argument(
        "--distinct-clients",
        type=int,
        default=5,
        help="clients asking distinct pair pages (5; 0: no distinct-pairs scenario)",
    )
    parser.add_argument(
        "--distinct-alone", type=int, default=5, help="distinct pair pages timed alone first (5)"
    )
    args = parser.parse_args()
    args.endpoint = args.endpoint or list(TARGETS_MS)
    years = args.years or ("2024" if args.rows else "2019-2021")
    paths = {
        "pair page": f"/pair/{args.pair}?years={years}",
        "API profile": f"/api/v1/profile/{args.pair}?years={years}",
    }
    endpoints = [Endpoint(name, path) for name, path in paths.items() if name in args.endpoint]
    store = args.store
    with tempfile.TemporaryDirectory(prefix="bilateral-web-load-") as folder:
        if args.rows:
            store = bench_store(args.workdir or Path(folder), args.rows, args.seed)
        label = str(store) if store else "the demo store"
        if args.rows:
            label = f"the {args.rows:,}-row synthetic benchmark store"
        with serving(store) as served:
            print(f"before: {load_average()}")
            single = run(alone(served.url, endpoints, args.alone))
            cpu = Cpu.now(served)
            wall = run(load(served.url, endpoints, args.clients, args.seconds))
            used = cpu.since(served, sum(e.requests for e in endpoints))
            report(endpoints, wall, label, args.clients, single, f"after: {load_average()}")
            print(used)
            if args.distinct_clients > 0:
                year = int(years.split("-")[-1].split(",")[-1])
                pairs = partner_pairs(served.url, args.pair, year)
                asked = [f"/pair/{pair}?years={years}" for pair in pairs if pair != args.pair]
                first, loaded = Endpoint("alone", ""), Endpoint("loaded", "")
                run(alone_distinct(served.url, first, asked[: args.distinct_alone]))
                rest = asked[args.distinct_alone :]
                cpu = Cpu.now(served)
                wall = run(
                    load_distinct(served.url, loaded, rest, args.distinct_clients, args.seconds)
                )
                used = cpu.since(served, loaded.requests)
                report_distinct(first, loaded, args.distinct_clients, wall)
                print(used)
                print(f"{len(asked)} distinct pair pages of {args.pair.split('/')[0]} and its "
                      f"partners in {years}; after: {load_average()}")  # fmt: skip
            errors = served.exceptions()
        if errors:
            print(f"the server logged {len(errors)} exceptions:")
            for error, count in Counter(errors).most_common():
                print(f"    {count} x {error[:200]}")


if __name__ == "__main__":
    main()
