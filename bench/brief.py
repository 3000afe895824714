"""Benchmark the briefing: its wall time as a ratio to the `profile()` call it builds on.

Usage: .venv/bin/python bench/brief.py STORE [--reporter IT] [--partner BE] [--year 2024]
                                             [--lang en] [--runs R]

On an existing store (the 10M-row store that bench/ingest_profile.py leaves in
`--workdir DIR` as DIR/store-published, or the demo store of `bilateral demo`), measures the
median warm wall time (after 2 untimed runs) of `store.profile(A, B, years=[YEAR])` and of a
whole brief: gathering its figures (`store.brief`, about a dozen queries), then rendering it
as Markdown, as HTML (with the chart drawn as SVG by vl-convert) and as PDF (WeasyPrint); each
render includes its self-check. Prints each as a ratio to the profile. See bench/README.md.
This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # benchmark the checkout, installed or not

import bilateral  # noqa: E402
from bilateral.brief.writers import BriefFormat  # noqa: E402

WARMUPS = 2


def median_seconds(call: Callable[[], object], runs: int) -> float:
    """Return the median wall time of `call` over `runs` runs, after WARMUPS untimed ones."""
    for _ in range(WARMUPS):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path, help="store folder (e.g. DIR/store-published)")
    parser.add_argument("--reporter", default="IT")
    parser.add_argument("--partner", default="BE")
    parser.add_argument("--year", type=int, default=2024, help="2024 on the bench store")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store = bilateral.open(args.store)
    pair = (args.reporter, args.partner)

    def profile() -> object:
        return store.profile(*pair, years=[args.year])

    def gather() -> object:
        return store.brief(*pair, year=args.year, lang=args.lang)

    def rendered(form: BriefFormat) -> Callable[[], object]:
        return lambda: store.brief(*pair, year=args.year, lang=args.lang).render(form)

    base = median_seconds(profile, args.runs)
    lines = [("profile (warm)", base)]
    lines.append(("brief figures (store.brief)", median_seconds(gather, args.runs)))
    forms: list[tuple[BriefFormat, str]] = [("md", "Markdown"), ("html", "HTML"), ("pdf", "PDF")]
    for form, label in forms:
        seconds = median_seconds(rendered(form), args.runs)
        lines.append((f"brief {label} (figures + render + self-check)", seconds))
    info = store.info()
    held = "; ".join(f"{s.source} {s.years} ({s.rows:,} rows)" for s in info.sources)
    print(f"bilateral brief benchmark: {args.reporter}-{args.partner} {args.year}, {args.lang}")
    print(f"store {args.store}: {held}")
    print(f"median of {args.runs} warm runs each, after {WARMUPS} untimed runs")
    width = max(len(name) for name, _ in lines) + 2
    print(f"{'measure':<{width}}  {'seconds':>9}  {'/ profile':>9}")
    for name, seconds in lines:
        print(f"{name:<{width}}  {seconds:>9.3f}  {seconds / base:>9.1f}")


if __name__ == "__main__":
    main()
