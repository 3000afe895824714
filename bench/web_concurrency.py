"""Latency of the app's queries under concurrency: one warm store behind a lock, against a
store (engine, connection) per thread.

    PYTHONPATH=src python bench/web_concurrency.py --store DIR [--threads 8] [--requests 200]

Prints p50/p95 per arrangement and their ratio. The app uses the lock (`web/state.py`).
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import bilateral
from bilateral.api import Store
from bilateral.web.state import ServedStore

QUESTIONS: list[Callable[[Store], object]] = [
    lambda s: s.profile("IT", "BE", "2019-2021"),
    lambda s: s.sectors("IT", "BE", 2021, top=6),
    lambda s: s.partners("IT", 2021, "export", top=10),
    lambda s: s.mirror("IT", "BE", "2021"),
]


def _timed(ask: Callable[[Callable[[Store], object]], object], n: int, threads: int) -> list[float]:
    def one(i: int) -> float:
        start = time.perf_counter()
        ask(QUESTIONS[i % len(QUESTIONS)])
        return time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, range(n)))


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(seconds, n=20)
    return statistics.median(seconds) * 1000, cuts[18] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    served = ServedStore(args.store, bilateral.open(args.store))
    for question in QUESTIONS:
        served.ask(question)  # warm
    locked = _timed(served.ask, args.requests, args.threads)

    own = threading.local()

    def per_thread(question: Callable[[Store], object]) -> object:
        if not hasattr(own, "store"):
            own.store = bilateral.open(args.store)
        return question(own.store)

    _timed(per_thread, args.threads * len(QUESTIONS), args.threads)  # warm every thread's
    separate = _timed(per_thread, args.requests, args.threads)
    lock_p50, lock_p95 = _percentiles(locked)
    own_p50, own_p95 = _percentiles(separate)
    print(f"{args.threads} threads, {args.requests} queries each way")
    print(f"one store, a lock:     p50 {lock_p50:7.1f} ms  p95 {lock_p95:7.1f} ms")
    print(f"a store per thread:    p50 {own_p50:7.1f} ms  p95 {own_p95:7.1f} ms")
    print(f"ratio lock/per-thread: p50 {lock_p50 / own_p50:.2f}  p95 {lock_p95 / own_p95:.2f}")


if __name__ == "__main__":
    main()
