"""`write_demo_files`: seven SYNTHETIC annual full_v2 files with an Italy <-> Belgium story.

The totals are of a plausible size and shape (a dip in 2020, chemicals leading Italy-Belgium
trade) but every figure is invented by a seeded generator: not official statistics.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.synthetic.catalogue import partners, product_catalogue
from bilateral.synthetic.layout import Block, append_rows, concat_blocks, to_frame, write_header
from bilateral.synthetic.seeds import stable_seed

DEMO_YEARS: Final[tuple[int, ...]] = tuple(range(2017, 2024))
DEMO_REPORTERS: Final[tuple[str, ...]] = ("AT", "BE", "DE", "ES", "FR", "IT", "NL")

# Trade in bn EUR in 2017 (exports, imports) of the demo reporters, and a yearly index.
# fmt: off
_REPORTER_TOTALS: Final[Mapping[str, tuple[float, float]]] = {
    "AT": (150, 155), "BE": (380, 370), "DE": (1280, 1030), "ES": (280, 300),
    "FR": (470, 540), "IT": (450, 400), "NL": (650, 580),
}
YEAR_INDEX: Final[Mapping[int, float]] = {
    2017: 1.0, 2018: 1.04, 2019: 1.05, 2020: 0.93, 2021: 1.13, 2022: 1.32, 2023: 1.27,
}
# (reporter, partner, FLOW) -> bn EUR for 2017..2023, as each reporter declares it.
_IT_BE: Final[Mapping[tuple[str, str, int], tuple[float, ...]]] = {
    ("IT", "BE", 2): (15.4, 16.0, 16.3, 15.1, 17.6, 18.9, 18.5),
    ("IT", "BE", 1): (17.3, 18.0, 18.4, 17.2, 20.6, 23.4, 22.6),
    ("BE", "IT", 1): (15.5, 16.2, 16.4, 14.8, 18.0, 19.4, 19.1),
    ("BE", "IT", 2): (18.0, 19.4, 20.1, 19.2, 22.3, 23.9, 23.1),
}
_IT_BE_CHAPTER_BOOST: Final[Mapping[str, float]] = {
    "28": 3.0, "29": 3.0, "30": 4.0, "39": 2.5, "84": 1.6, "87": 1.6,
}
# fmt: on
DEMO_PRODUCTS: Final = 2000


def _pair_totals(
    reporter: str, partner: str, flow: int, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """Return a pair's yearly trade in EUR for DEMO_YEARS."""
    if (reporter, partner, flow) in _IT_BE:
        return np.array(_IT_BE[reporter, partner, flow]) * 1e9
    codes, weights = partners()
    others = np.array([code != reporter for code in codes])
    share = weights[codes.index(partner)] / weights[others].sum()
    base = _REPORTER_TOTALS[reporter][2 - flow] * 1e9 * share * rng.lognormal(0.0, 0.3)
    trend = np.cumprod(np.full(len(DEMO_YEARS), rng.normal(1.0, 0.02)))
    noise = rng.lognormal(0.0, 0.04, len(DEMO_YEARS))
    index = np.array([YEAR_INDEX[year] for year in DEMO_YEARS])
    return np.asarray(base * index * trend * noise, dtype=np.float64)


def _pair_weights(reporter: str, partner: str, catalogue: pl.DataFrame) -> npt.NDArray[np.float64]:
    """Return the products' trade weights for a pair: Italy-Belgium leans to chemicals."""
    weight = np.asarray(catalogue["weight"].to_numpy(), dtype=np.float64).copy()
    if {reporter, partner} == {"IT", "BE"}:
        chapters = catalogue["CHAPTER"].to_numpy()
        for chapter, boost in _IT_BE_CHAPTER_BOOST.items():
            weight[chapters == chapter] *= boost
    return weight


def _pair_products(
    reporter: str,
    partner: str,
    totals: npt.NDArray[np.float64],
    rng: np.random.Generator,
    catalogue: pl.DataFrame,
) -> npt.NDArray[np.int64]:
    """Choose the products a pair trades, with confidential ones for some large pairs."""
    weight = _pair_weights(reporter, partner, catalogue)
    showcase = {reporter, partner} == {"IT", "BE"}
    # About 12 products per bn EUR at the bottom, flattening at the top, to keep ~50k rows.
    count = 600 if showcase else int(np.clip(round(12 * (totals.mean() / 1e9) ** 0.85), 2, 220))
    chosen = rng.choice(len(weight), size=count, replace=False, p=weight / weight.sum())
    if count >= 20 and rng.random() < 0.5:
        chapter_of = catalogue["CHAPTER"].to_numpy()
        hidden = np.unique(chapter_of[chosen[: rng.integers(1, 3)]])
        secret = np.flatnonzero(catalogue["confidential"].to_numpy())
        chosen = np.concatenate([chosen, secret[np.isin(chapter_of[secret], hidden)]])
    return chosen.astype(np.int64)


def pair_rows(
    reporter: str, partner: str, flow: int, seed: int, catalogue: pl.DataFrame
) -> Iterator[tuple[int, Block]]:
    """Yield (year, rows) of one reporter, partner and flow for every demo year."""
    codes, _ = partners()
    rng = np.random.default_rng(stable_seed(seed, reporter, partner, flow))
    totals = _pair_totals(reporter, partner, flow, rng)
    product = _pair_products(reporter, partner, totals, rng, catalogue)
    weight = _pair_weights(reporter, partner, catalogue)[product]
    share = np.where(weight > 0, weight, weight.max() * 0.002) * rng.lognormal(0, 1.0, len(product))
    stat = rng.choice(np.array([1, 2, 3]), size=len(product), p=[0.95, 0.04, 0.01])
    price = catalogue["PRICE"].to_numpy()[product] * rng.lognormal(0.0, 0.6, len(product))
    keep_always = share >= np.quantile(share, 0.9)
    for year, total in zip(DEMO_YEARS, totals, strict=True):
        present = keep_always | (rng.random(len(product)) < 0.93)
        yearly = share * rng.lognormal(0.0, 0.25, len(product)) * present
        value = np.maximum(np.round(total * yearly / yearly.sum()), 1).astype(np.int64)[present]
        size = int(present.sum())
        yield (
            year,
            Block(
                np.full(size, codes.index(reporter)),
                np.full(size, codes.index(partner)),
                product[present],
                np.full(size, flow),
                stat[present],
                value,
                np.round(value / price[present]).astype(np.int64),
            ),
        )


def write_demo_files(directory: Path, *, seed: int = 2021) -> list[Path]:
    """Write synthetic annual full_v2 files `full_v2_{YEAR}52.dat` for 2017-2023.

    Reporters AT, BE, DE, ES, FR, IT and NL; every partner; both flows; products in 49 CN
    chapters; rows in the published order (reporter, partner, product, flow). Italy exports
    15-19 bn EUR a year to Belgium and imports 17-24 bn, with a dip in 2020, led by chemicals
    and pharmaceuticals, machinery, plastics and vehicles. The same seed gives the same bytes.
    """
    codes, _ = partners()
    catalogue = product_catalogue(DEMO_PRODUCTS)
    by_year: dict[int, list[Block]] = {year: [] for year in DEMO_YEARS}
    for reporter in DEMO_REPORTERS:
        for partner in codes:
            if partner == reporter:
                continue
            for flow in (1, 2):
                for year, block in pair_rows(reporter, partner, flow, seed, catalogue):
                    by_year[year].append(block)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for year, blocks in by_year.items():
        frame = to_frame(concat_blocks(blocks), f"{year}52", catalogue)
        frame = frame.sort("REPORTER", "PARTNER", "PRODUCT_NC", "FLOW", "STAT_PROCEDURE")
        path = directory / f"full_v2_{year}52.dat"
        with path.open("wb") as handle:
            write_header(handle)
            append_rows(frame, handle)
        paths.append(path)
    return paths
