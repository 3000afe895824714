"""Load the web app: N concurrent clients for S seconds on the pair page and the API profile.

Usage: .venv/bin/python bench/web_load.py [--clients 50] [--seconds 30] [--store DIR | --rows N]
                                          [--workdir DIR] [--pair ITA/BEL] [--years 2019-2021]
                                          [--endpoint 'pair page' | 'API profile'] [--alone 10]

Starts `bilateral serve` on 127.0.0.1 (only: the load never leaves this machine) over the demo
store (default), a store given by --store, or the synthetic benchmark store of --rows rows
(built like bench/queries.py builds it, in --workdir, reused when present; synthetic data, not
official statistics). It first times each endpoint alone (--alone requests, one at a time,
after 2 untimed), then loads them: each client has its own connection and requests, in turn,
the pair page `/pair/{A}/{B}?years=...` and the API's `/api/v1/profile/{A}/{B}?years=...` until
the time is up. Prints requests, errors, throughput and p50/p95/p99 latency per endpoint, with
the issue's targets beside them. The load generator runs on the same machine as the server: on
a shared 2-core machine both compete for the CPU, so latencies are upper bounds. A benchmark,
not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from web_server import serving

# The targets: pair page p95 on the 10M-row benchmark store, API profile p95.
TARGETS_MS = {"pair page": 300.0, "API profile": 100.0}
TARGET_NOTES = {"pair page": "on the 10M-row store", "API profile": ""}


@dataclass
class Endpoint:
    name: str
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())


async def client(url: str, endpoints: list[Endpoint], deadline: float, offset: int) -> None:
    """One user: request the endpoints in turn, on one keep-alive connection, until `deadline`."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        turn = offset
        while time.monotonic() < deadline:
            endpoint = endpoints[turn % len(endpoints)]
            turn += 1
            start = time.perf_counter()
            try:
                response = await http.get(endpoint.path)
                await response.aread()
            except httpx.HTTPError as error:
                endpoint.errors[type(error).__name__] += 1
                continue
            if response.status_code != 200:
                endpoint.errors[f"HTTP {response.status_code}"] += 1
            else:
                endpoint.latencies.append(time.perf_counter() - start)


async def load(url: str, endpoints: list[Endpoint], clients: int, seconds: float) -> float:
    """Run `clients` users for `seconds`; return the wall time the run took."""
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*(client(url, endpoints, deadline, i) for i in range(clients)))
    return time.monotonic() - start


def alone(url: str, endpoints: list[Endpoint], runs: int) -> dict[str, list[float]]:
    """Request each endpoint 2 times untimed (warming the server), then `runs` times alone.

    Stops with the endpoint's answer if it is not 200. Returns each endpoint's latencies.
    """
    latencies: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=120) as http:
        for endpoint in endpoints:
            latencies[endpoint.name] = []
            for run in range(2 + runs):
                start = time.perf_counter()
                response = http.get(endpoint.path)
                if response.status_code != 200:
                    raise SystemExit(
                        f"{endpoint.name} {endpoint.path} answers {response.status_code}:\n"
                        f"{response.text[:2000]}"
                    )
                if run >= 2:
                    latencies[endpoint.name].append(time.perf_counter() - start)
    return latencies


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def report(
    endpoints: list[Endpoint],
    wall: float,
    store: str,
    clients: int,
    single: dict[str, list[float]],
) -> None:
    print(f"bilateral web load: {clients} clients for {wall:.1f} s on {store}, 127.0.0.1")
    print("(load generator and server share this machine's CPUs; latencies are upper bounds)")
    header = f"{'endpoint':<12} {'requests':>8} {'errors':>6} {'req/s':>7} "
    header += f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  target"
    print(header)
    for e in endpoints:
        ms = [v * 1000 for v in e.latencies]
        p50, p95, p99 = (percentile(ms, p) for p in (50, 95, 99))
        target = TARGETS_MS[e.name]
        verdict = "met" if p95 < target else "NOT met"
        note = f" {TARGET_NOTES[e.name]}" if TARGET_NOTES[e.name] else ""
        errors = sum(e.errors.values())
        print(
            f"{e.name:<12} {e.requests:>8} {errors:>6} {e.requests / wall:>7.1f} "
            f"{p50:>8.1f} {p95:>8.1f} {p99:>8.1f}  p95 < {target:.0f} ms{note}: {verdict}"
        )
        for kind, count in sorted(e.errors.items()):
            print(f"    {count} x {kind}")
    runs = max(len(v) for v in single.values())
    print(f"one request at a time ({runs} requests each, after 2 untimed):")
    for e in endpoints:
        ms = [v * 1000 for v in single[e.name]]
        p50, p95 = percentile(ms, 50), percentile(ms, 95)
        target = TARGETS_MS[e.name]
        print(f"{e.name:<12} {len(ms):>8} {'':>6} {'':>7} {p50:>8.1f} {p95:>8.1f} {'':>8}  "
              f"p95 < {target:.0f} ms: {'met' if p95 < target else 'NOT met'}")  # fmt: skip
    print("path of each endpoint: " + "; ".join(f"{e.name} {e.path}" for e in endpoints))


def bench_store(workdir: Path, rows: int, seed: int) -> Path:
    """Return the synthetic benchmark store of `rows` rows, built as bench/queries.py does."""
    from queries import prepare_store

    store, lines = prepare_store(workdir, rows, seed, reingest=False)
    for line in lines:
        print(f"{line.name}: {line.value}")
    return store


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
        with serving(store) as served:
            single = alone(served.url, endpoints, args.alone)
            wall = asyncio.run(load(served.url, endpoints, args.clients, args.seconds))
            errors = served.exceptions()
        label = str(store) if store else "the demo store"
        if args.rows:
            label = f"the {args.rows:,}-row synthetic benchmark store"
        report(endpoints, wall, label, args.clients, single)
        if errors:
            print(f"the server logged {len(errors)} exceptions:")
            for error, count in Counter(errors).most_common():
                print(f"    {count} x {error[:200]}")


if __name__ == "__main__":
    main()
