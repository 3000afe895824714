"""`write_full_v2`: one SYNTHETIC full_v2 file of any size, for benchmarks.

Row number -> shuffled key (`keys.permute`) -> reporter, partner, product, flow and STAT
(`KeySpace`), with values and weights drawn per key (`seeds.keyed_normal`), so every chunk is
computed on its own and the same arguments always give the same bytes. The published order
writes the same keys, sorted by their packed published-order position (`order`), so it holds
the same lines. The figures are invented, not official statistics.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.errors import InvalidArgumentError
from bilateral.synthetic.catalogue import product_catalogue
from bilateral.synthetic.keys import BENCH_PRODUCTS, KeySpace, key_space, locate, permute
from bilateral.synthetic.layout import Block, append_rows, check_period, to_frame, write_header
from bilateral.synthetic.order import published_order
from bilateral.synthetic.seeds import keyed_normal


def _decode(
    keys: npt.NDArray[np.uint64],
    space: KeySpace,
    seed: int,
    catalogue: pl.DataFrame,
) -> Block:
    """Turn permuted keys into rows: the key's slot, product and STAT, keyed value and weight."""
    segment, slot, rank = locate(keys, space)
    stat = space.procedures[segment]
    product = space.product_order[rank]
    drawn = np.exp(10.0 + 0.7 * np.log(space.scale[slot] * 100) + 2.0 * keyed_normal(keys, seed, 1))
    value = np.maximum(np.round(drawn), 1).astype(np.int64)
    price = catalogue["PRICE"].to_numpy()[product] * np.exp(0.6 * keyed_normal(keys, seed, 2))
    kg = np.round(value / price).astype(np.int64)
    return Block(
        space.reporter[slot], space.partner[slot], product, space.flow[slot], stat, value, kg
    )


def _shuffled_keys(
    space: KeySpace, rows: int, seed: int, chunk_rows: int
) -> Iterator[npt.NDArray[np.uint64]]:
    """Yield the keys of rows 0..rows-1, `chunk_rows` at a time: the seeded permutation."""
    for start in range(0, rows, chunk_rows):
        index = np.arange(start, min(rows, start + chunk_rows), dtype=np.uint64)
        yield permute(index, space.size, seed)


def _published_keys(
    space: KeySpace, catalogue: pl.DataFrame, rows: int, seed: int, chunk_rows: int
) -> Iterator[npt.NDArray[np.uint64]]:
    """Yield the same keys as `_shuffled_keys`, in the published order, `chunk_rows` at a time.

    Holds one 32-bit packed position per row (at most ~190 MB, the key space's size), sorted.
    """
    order = published_order(space, catalogue)
    packed = np.empty(rows, dtype=np.uint32)
    start = 0
    for keys in _shuffled_keys(space, rows, seed, chunk_rows):
        packed[start : start + len(keys)] = order.pack(keys)
        start += len(keys)
    packed.sort()
    for start in range(0, rows, chunk_rows):
        yield order.unpack(packed[start : start + chunk_rows])


def write_full_v2(
    path: Path,
    *,
    rows: int,
    seed: int,
    period: str = "202401",
    chunk_rows: int = 1_000_000,
    order: Literal["shuffled", "published"] = "shuffled",
) -> Path:
    """Write a synthetic full_v2 file of exactly `rows` data rows for one period.

    All 27 reporters, with unique keys; written in chunks of `chunk_rows`, so memory stays
    bounded whatever `rows` is. `order="shuffled"` writes the rows in a seeded pseudo-random
    order; `order="published"` writes the same lines sorted as Eurostat publishes full_v2
    files: by REPORTER, PARTNER, PRODUCT_NC, FLOW, then STAT_PROCEDURE, as text (it also holds
    4 bytes a row to sort, at most ~190 MB). The same arguments always give the same bytes.
    """
    check_period(period)
    if rows < 0:
        raise InvalidArgumentError("rows", rows, "0 or more")
    if chunk_rows < 1:
        raise InvalidArgumentError("chunk_rows", chunk_rows, "1 or more")
    if order not in ("shuffled", "published"):
        raise InvalidArgumentError("order", order, "'shuffled' or 'published'")
    catalogue = product_catalogue(BENCH_PRODUCTS)
    space = key_space(catalogue)
    if rows > space.size:
        raise InvalidArgumentError("rows", rows, f"at most {space.size:,} (distinct keys)")
    chunks = (
        _shuffled_keys(space, rows, seed, chunk_rows)
        if order == "shuffled"
        else _published_keys(space, catalogue, rows, seed, chunk_rows)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_header(handle)
        for keys in chunks:
            block = _decode(keys, space, seed, catalogue)
            append_rows(to_frame(block, period, catalogue), handle)
    return path
