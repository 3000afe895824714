"""The published row order of real full_v2 files, for the SYNTHETIC benchmark keys.

Eurostat's bulk files come sorted by REPORTER, then PARTNER, then PRODUCT_NC, then FLOW, then
STAT_PROCEDURE, as plain text. `PublishedOrder.pack` turns a key of the benchmark key space
into its position in that order, packed into one 32-bit integer, and `unpack` turns it back:
sorting the packed integers sorts the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.synthetic.catalogue import partners
from bilateral.synthetic.keys import KeySpace, compose, locate


def _positions(labels: list[tuple[str, ...]]) -> tuple[int, npt.NDArray[np.int64]]:
    """Return the number of distinct labels and each label's position in their text order."""
    position = {label: index for index, label in enumerate(sorted(set(labels)))}
    return len(position), np.array([position[label] for label in labels], dtype=np.int64)


@dataclass(frozen=True)
class PublishedOrder:
    """Positions, in text order, of a key space's reporter-partner pairs, products, flows, STAT.

    The packed position of a key is
    `((pair * products + product) * flows + flow) * segments + segment`, each a text-order
    position, so that integer order is the published row order.
    """

    space: KeySpace
    pair_of_slot: npt.NDArray[np.int64]
    flow_of_slot: npt.NDArray[np.int64]
    slot_at: npt.NDArray[np.int64]  # [pair, flow] -> slot, -1 where the space has none
    product_position: npt.NDArray[np.int64]  # catalogue index -> PRODUCT_NC text position
    product_at: npt.NDArray[np.int64]  # PRODUCT_NC text position -> catalogue index
    rank_of: npt.NDArray[np.int64]  # catalogue index -> rank in space.product_order
    segment_position: npt.NDArray[np.int64]  # segment -> STAT_PROCEDURE text position
    segment_at: npt.NDArray[np.int64]

    def pack(self, keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
        """Return the packed published-order position of each key."""
        segment, slot, rank = locate(keys, self.space)
        product = self.space.product_order[rank]
        flows, segments = self.slot_at.shape[1], len(self.segment_at)
        packed: npt.NDArray[np.int64] = self.pair_of_slot[slot] * len(self.product_at)
        packed = (packed + self.product_position[product]) * flows + self.flow_of_slot[slot]
        packed = packed * segments + self.segment_position[segment]
        return packed.astype(np.uint32)

    def unpack(self, packed: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
        """Return the keys at packed published-order positions: the inverse of `pack`."""
        flows, segments = self.slot_at.shape[1], len(self.segment_at)
        rest, segment = np.divmod(packed.astype(np.int64), segments)
        rest, flow = np.divmod(rest, flows)
        pair, product = np.divmod(rest, len(self.product_at))
        rank = self.rank_of[self.product_at[product]]
        return compose(self.segment_at[segment], self.slot_at[pair, flow], rank, self.space)


def published_order(space: KeySpace, catalogue: pl.DataFrame) -> PublishedOrder:
    """Return the published order of `space`, whose products are rows of `catalogue`."""
    codes, _ = partners()
    pairs, pair_of_slot = _positions(
        [(codes[r], codes[p]) for r, p in zip(space.reporter, space.partner, strict=True)]
    )
    flows, flow_of_slot = _positions([(str(flow),) for flow in space.flow])
    slot_at = np.full((pairs, flows), -1, dtype=np.int64)
    slot_at[pair_of_slot, flow_of_slot] = np.arange(len(pair_of_slot))
    product_at = np.argsort(catalogue["PRODUCT_NC"].to_numpy().astype(str), kind="stable")
    product_position = np.empty_like(product_at)
    product_position[product_at] = np.arange(len(product_at))
    rank_of = np.empty_like(space.product_order)
    rank_of[space.product_order] = np.arange(len(space.product_order))
    segments, segment_position = _positions([(str(stat),) for stat in space.procedures])
    segment_at = np.argsort(segment_position)
    if pairs * len(product_at) * flows * segments > 2**32:
        raise ValueError("the key space is too large for 32-bit published-order positions")
    return PublishedOrder(
        space,
        pair_of_slot,
        flow_of_slot,
        slot_at,
        product_position.astype(np.int64),
        product_at.astype(np.int64),
        rank_of,
        segment_position,
        segment_at.astype(np.int64),
    )
