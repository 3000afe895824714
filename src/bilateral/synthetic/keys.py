"""The key space of the SYNTHETIC benchmark file, and a seeded permutation of it.

Every possible row key is a (reporter, partner, flow) slot times a product rank, for each
STAT_PROCEDURE; busy slots get more product ranks. A Feistel network with cycle-walking maps
row numbers to distinct keys in a shuffled order, so any number of rows can be written, in
chunks, with unique keys and without holding the whole file in memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.synthetic.catalogue import EU_REPORTERS, partners
from bilateral.synthetic.seeds import stable_seed


@dataclass(frozen=True)
class KeySpace:
    """Every possible row key: (reporter, partner, flow) slots times product ranks, per STAT."""

    reporter: npt.NDArray[np.int64]
    partner: npt.NDArray[np.int64]
    flow: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    scale: npt.NDArray[np.float64]
    product_order: npt.NDArray[np.int64]
    segments: tuple[tuple[int, int, int], ...]  # (first key, STAT_PROCEDURE, stride)

    @property
    def base_size(self) -> int:
        return int(self.starts[-1])

    @property
    def size(self) -> int:
        first, _, _ = self.segments[-1]
        return first + self.base_size // 16

    @property
    def procedures(self) -> npt.NDArray[np.int64]:
        """The STAT_PROCEDURE of each segment."""
        return np.array([procedure for _, procedure, _ in self.segments], dtype=np.int64)


BENCH_PRODUCTS: Final = 10_000  # the size of the benchmark product catalogue


def key_space(catalogue: pl.DataFrame) -> KeySpace:
    codes, weights = partners()
    share = weights / weights.sum()
    slots = [
        (codes.index(reporter), partner, flow)
        for reporter in EU_REPORTERS
        for partner in range(len(codes))
        if codes[partner] != reporter
        for flow in (1, 2)
    ]
    reporter, partner, flow = (
        np.array(column, dtype=np.int64) for column in zip(*slots, strict=True)
    )
    intensity = np.sqrt(share[reporter] * share[partner])
    counts = np.clip(np.round(BENCH_PRODUCTS * 150 * intensity), 8, BENCH_PRODUCTS)
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    base = int(starts[-1])
    segments = (
        (0, 1, 1),
        (base, 2, _coprime(base, 7919)),
        (base + base // 16, 9, _coprime(base, 104_729)),
    )
    return KeySpace(reporter, partner, flow, starts, intensity, _product_order(catalogue), segments)


def _coprime(modulus: int, start: int) -> int:
    """Return the first number from `start` on that shares no factor with `modulus`."""
    while math.gcd(modulus, start) != 1:
        start += 1
    return start


def _product_order(catalogue: pl.DataFrame) -> npt.NDArray[np.int64]:
    """Rank products by weight, with the confidential ones spread from rank 150 on."""
    confidential = catalogue["confidential"].to_numpy()
    regular = np.flatnonzero(~confidential)
    order = list(regular[np.argsort(-catalogue["weight"].to_numpy()[regular], kind="stable")])
    for position, index in enumerate(np.flatnonzero(confidential)):
        order.insert(150 + 211 * position, int(index))
    return np.array(order, dtype=np.int64)


def locate(
    keys: npt.NDArray[np.uint64], space: KeySpace
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Split keys into their STAT segment, (reporter, partner, flow) slot and product rank."""
    key = keys.astype(np.int64)
    first = np.array([start for start, _, _ in space.segments], dtype=np.int64)
    stride = np.array([step for _, _, step in space.segments], dtype=np.int64)
    segment = np.searchsorted(first, key, side="right") - 1
    base = ((key - first[segment]) * stride[segment]) % space.base_size
    slot = np.searchsorted(space.starts, base, side="right") - 1
    return segment, slot, base - space.starts[slot]


def compose(
    segment: npt.NDArray[np.int64],
    slot: npt.NDArray[np.int64],
    rank: npt.NDArray[np.int64],
    space: KeySpace,
) -> npt.NDArray[np.uint64]:
    """Return the keys of (segment, slot, rank) triples: the inverse of `locate`."""
    first = np.array([start for start, _, _ in space.segments], dtype=np.int64)
    inverse = np.array(
        [pow(step, -1, space.base_size) for _, _, step in space.segments], dtype=np.int64
    )
    base = space.starts[slot] + rank
    return (first[segment] + (base * inverse[segment]) % space.base_size).astype(np.uint64)


def _feistel(
    values: npt.NDArray[np.uint64], half_bits: int, keys: npt.NDArray[np.uint64]
) -> npt.NDArray[np.uint64]:
    mask = np.uint64((1 << half_bits) - 1)
    shift = np.uint64(half_bits)
    left, right = values >> shift, values & mask
    for key in keys:
        mixed = (right ^ key) * np.uint64(0x9E3779B97F4A7C15)
        left, right = right, left ^ ((mixed >> np.uint64(29)) & mask)
    return (left << shift) | right


def permute(index: npt.NDArray[np.uint64], domain: int, seed: int) -> npt.NDArray[np.uint64]:
    """Map distinct indices below `domain` to distinct pseudo-random keys below `domain`."""
    half_bits = max(1, ((domain - 1).bit_length() + 1) // 2)
    sequence = np.random.SeedSequence(stable_seed("feistel", seed))
    keys: npt.NDArray[np.uint64] = np.asarray(sequence.generate_state(4, np.uint64), np.uint64)
    out = _feistel(index, half_bits, keys)
    outside = out >= np.uint64(domain)
    while outside.any():  # cycle-walk back into the domain
        out[outside] = _feistel(out[outside], half_bits, keys)
        outside = out >= np.uint64(domain)
    return out
