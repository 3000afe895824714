"""`write_monthly_demo_file`: the SYNTHETIC Italy <-> Belgium trade of the demo, month by month.

Each product's annual value in the demo's annual files is split over the twelve months with a
seasonal pattern (a dip in August, a spring slump in 2020) and some noise, so that the months of
a product sum exactly to its year. Every figure is invented: not official statistics.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.synthetic.catalogue import product_catalogue
from bilateral.synthetic.demo import DEMO_PRODUCTS, pair_rows
from bilateral.synthetic.layout import Block, append_rows, to_frame, write_header
from bilateral.synthetic.seeds import stable_seed

# The pairs whose months the demo holds: Italy and Belgium, each as reporter, both flows.
MONTHLY_PAIRS: Final[tuple[tuple[str, str], ...]] = (("BE", "IT"), ("IT", "BE"))
# fmt: off
_SEASON: Final = np.array([0.92, 0.98, 1.08, 1.00, 1.04, 1.05, 1.06, 0.62, 1.02, 1.08, 1.04, 0.86])
_YEAR_SHOCK: Final[Mapping[int, Mapping[int, float]]] = {
    2020: {3: 0.85, 4: 0.62, 5: 0.72, 6: 0.90},
}
# fmt: on
MONTHLY_FILE: Final = "full_v2_2017-2023_monthly_IT_BE.dat"


def _split(
    totals: npt.NDArray[np.int64], weights: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Split each row's total over the months by its weights, the months summing to the total."""
    shares = weights / weights.sum(axis=1, keepdims=True)
    months: npt.NDArray[np.int64] = np.floor(totals[:, None] * shares).astype(np.int64)
    rest = totals - months.sum(axis=1)
    months[np.arange(len(totals)), shares.argmax(axis=1)] += rest
    return months


def _month_blocks(year: int, block: Block, seed: int, key: tuple[str, str, int]) -> list[Block]:
    rng = np.random.default_rng(stable_seed(seed, "months", year, *key))
    season = _SEASON.copy()
    for month, factor in _YEAR_SHOCK.get(year, {}).items():
        season[month - 1] *= factor
    weights = season[None, :] * rng.lognormal(0.0, 0.15, (len(block.value), 12))
    values = _split(block.value, weights)
    kilograms = _split(block.kg, weights)
    blocks = []
    for month in range(12):
        traded = values[:, month] > 0
        blocks.append(
            Block(
                block.reporter[traded],
                block.partner[traded],
                block.product[traded],
                block.flow[traded],
                block.stat[traded],
                values[traded, month],
                kilograms[traded, month],
            )
        )
    return blocks


def write_monthly_demo_file(directory: Path, *, seed: int = 2021) -> Path:
    """Write the months of 2017-2023 of Italy's and Belgium's trade with each other.

    One file in the Comext full_v2 layout with PERIOD `YYYYMM`: the rows of the demo's annual
    files for these pairs (same seed), each product's value and mass split over the months.
    """
    catalogue = product_catalogue(DEMO_PRODUCTS)
    frames: list[pl.DataFrame] = []
    for reporter, partner in MONTHLY_PAIRS:
        for flow in (1, 2):
            key = (reporter, partner, flow)
            for year, block in pair_rows(reporter, partner, flow, seed, catalogue):
                for month, rows in enumerate(_month_blocks(year, block, seed, key), start=1):
                    frames.append(to_frame(rows, f"{year}{month:02d}", catalogue))
    frame = pl.concat(frames).sort(
        "PERIOD", "REPORTER", "PARTNER", "PRODUCT_NC", "FLOW", "STAT_PROCEDURE"
    )
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MONTHLY_FILE
    with path.open("wb") as handle:
        write_header(handle)
        append_rows(frame, handle)
    return path
