"""Benchmark the briefing: its wall time as a ratio to the `profile()` call it builds on.

Usage: .venv/bin/python bench/brief.py STORE [--reporter IT] [--partner BE] [--year 2024]
                                             [--lang en] [--runs R] [--cold C]

On an existing store (the 10M-row store that bench/ingest_profile.py leaves in
`--workdir DIR` as DIR/store-published, or the demo store of `bilateral demo`), measures the
median warm wall time (after 2 untimed runs) of `store.profile(A, B, years=[YEAR])` and of a
whole brief: gathering its figures (`store.brief`, about a dozen queries), then rendering it
as Markdown, as HTML (with the chart drawn as SVG by vl-convert) and as PDF (WeasyPrint); each
render includes its self-check. Prints each as a ratio to the profile. With `--cold C`, also
the median of C cold HTML briefs (`bilateral brief ... --out FILE.html` in a new process,
start-up included, after one untimed run that writes the `.pyc` files and the compiled SQL):
target under 3 s. See bench/README.md.
This is a benchmark, not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # benchmark the checkout, installed or not

import bilateral  # noqa: E402
from bilateral.brief.writers import BriefFormat  # noqa: E402

WARMUPS = 2
COLD_TARGET = 3.0


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
    parser.add_argument("--cold", type=int, default=0, help="cold HTML briefs to time (0)")
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
    if args.cold:
        wall, cpu = cold_brief(args)
        verdict = "meets" if wall <= COLD_TARGET else "misses"
        print(f"cold HTML brief (new process, median of {args.cold}): {wall:.3f} s wall, "
              f"{cpu:.3f} s CPU: {verdict} the {COLD_TARGET} s target")  # fmt: skip
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


def cold_brief(args: argparse.Namespace) -> tuple[float, float]:
    """Return the median wall and CPU time of `bilateral brief ... --out FILE.html` in a new
    process, after one untimed run."""
    from cli_startup import run

    with tempfile.TemporaryDirectory() as folder:
        command = [
            "-m", "bilateral", "brief", args.reporter, args.partner, "--year", str(args.year),
            "--lang", args.lang, "--out", str(Path(folder) / "brief.html"), "--store",
            str(args.store),
        ]  # fmt: skip
        run(command)
        times = [run(command) for _ in range(args.cold)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


if __name__ == "__main__":
    main()
