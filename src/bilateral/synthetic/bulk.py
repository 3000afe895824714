"""`write_full_v2`: one SYNTHETIC full_v2 file of any size, for benchmarks.

Row number -> shuffled key (`keys.permute`) -> reporter, partner, product, flow and STAT
(`KeySpace`), with values and weights drawn per key (`seeds.keyed_normal`), so every chunk is
computed on its own and the same arguments always give the same bytes. The figures are
invented, not official statistics.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.errors import InvalidArgumentError
from bilateral.synthetic.catalogue import product_catalogue
from bilateral.synthetic.keys import BENCH_PRODUCTS, KeySpace, key_space, permute
from bilateral.synthetic.layout import Block, append_rows, check_period, to_frame, write_header
from bilateral.synthetic.seeds import keyed_normal


def _decode(
    keys: npt.NDArray[np.uint64],
    space: KeySpace,
    seed: int,
    catalogue: pl.DataFrame,
) -> Block:
    """Turn permuted keys into rows: the key's slot, product and STAT, keyed value and weight."""
    key = keys.astype(np.int64)
    stat = np.ones_like(key)
    base = key.copy()
    for first, procedure, stride in space.segments[1:]:
        inside = key >= first
        stat[inside] = procedure
        base[inside] = ((key[inside] - first) * stride) % space.base_size
    slot = np.searchsorted(space.starts, base, side="right") - 1
    product = space.product_order[base - space.starts[slot]]
    drawn = np.exp(10.0 + 0.7 * np.log(space.scale[slot] * 100) + 2.0 * keyed_normal(keys, seed, 1))
    value = np.maximum(np.round(drawn), 1).astype(np.int64)
    price = catalogue["PRICE"].to_numpy()[product] * np.exp(0.6 * keyed_normal(keys, seed, 2))
    kg = np.round(value / price).astype(np.int64)
    return Block(
        space.reporter[slot], space.partner[slot], product, space.flow[slot], stat, value, kg
    )


def write_full_v2(
    path: Path, *, rows: int, seed: int, period: str = "202401", chunk_rows: int = 1_000_000
) -> Path:
    """Write a synthetic full_v2 file of exactly `rows` data rows for one period.

    All 27 reporters, shuffled (not in the published sort order), with unique keys; written in
    chunks of `chunk_rows`, so memory stays bounded whatever `rows` is. The same arguments
    always give the same bytes.
    """
    check_period(period)
    if rows < 0:
        raise InvalidArgumentError("rows", rows, "0 or more")
    if chunk_rows < 1:
        raise InvalidArgumentError("chunk_rows", chunk_rows, "1 or more")
    catalogue = product_catalogue(BENCH_PRODUCTS)
    space = key_space(catalogue)
    if rows > space.size:
        raise InvalidArgumentError("rows", rows, f"at most {space.size:,} (distinct keys)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_header(handle)
        for start in range(0, rows, chunk_rows):
            index = np.arange(start, min(rows, start + chunk_rows), dtype=np.uint64)
            block = _decode(permute(index, space.size, seed), space, seed, catalogue)
            append_rows(to_frame(block, period, catalogue), handle)
    return path
