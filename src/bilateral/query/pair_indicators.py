"""Trade indicators of a pair in a year, from the products and totals rollups.

Four slices of the HS chapter rollup feed them, each summed by source, flow and chapter: the
pair as the first territory reports it, the first territory's and the second's trade with every
partner, and the trade of every reporter in the store (the "world" of the store). The
first territory's exports by partner feed the concentration of its partners.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal

import ibis
from ibis import _

from bilateral.errors import InvalidArgumentError
from bilateral.indicators import (
    complementarity,
    export_similarity,
    grubel_lloyd_aggregate,
    hhi,
    market_share,
    rca_by_product,
    trade_intensity,
)
from bilateral.query.selection import Selection
from bilateral.query.tables import table
from bilateral.query.totals import pair_rows

Slice = Literal["pair", "pair_mirror", "first_world", "second_world", "store_world"]
SLICES: Final[tuple[Slice, ...]] = (
    "pair", "pair_mirror", "first_world", "second_world", "store_world",
)  # fmt: skip

Amounts = dict[str, float]


@functools.lru_cache(maxsize=64)
def indicator_inputs_sql(
    first: Selection, second: Selection, world: Selection, year: int, *, dialect: str
) -> str:
    """Return the SQL of the four chapter slices, labelled, by source, flow and chapter."""
    products = table("rollup_products")
    chapters = products.filter(products.classification == "HS2")
    pairs = {"pair": (first, second), "pair_mirror": (second, first),
             "first_world": (first, world), "second_world": (second, world),
             "store_world": (world, world)}  # fmt: skip
    parts = []
    for label, (reporting, other) in pairs.items():
        rows = pair_rows(chapters, reporting, other, [year], keys=["classification"])
        own = rows.filter(rows.side == "first")
        parts.append(
            own.group_by(["source", "flow", "code"])
            .aggregate(value=_.value.sum())
            .mutate(slice=ibis.literal(label))
        )
    return str(ibis.to_sql(ibis.union(*parts), dialect=dialect))


@functools.lru_cache(maxsize=64)
def partner_values_sql(first: Selection, world: Selection, year: int, *, dialect: str) -> str:
    """Return the SQL of the first territory's declared trade by partner in `year`."""
    totals = table("rollup_totals")
    rows = pair_rows(totals, first, world, [year], keys=["partner"])
    own = rows.filter(rows.side == "first")
    return str(
        ibis.to_sql(
            own.group_by(["source", "flow", "partner"]).aggregate(value=_.value.sum()),
            dialect=dialect,
        )
    )


def slices_by_source(
    rows: Sequence[Mapping[str, Any]],
) -> dict[str, dict[tuple[str, str], Amounts]]:
    """Return {source: {(slice, flow): {chapter: value}}} from the executed slices."""
    found: dict[str, dict[tuple[str, str], Amounts]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        if row["code"] is not None:
            found[row["source"]][row["slice"], row["flow"]][row["code"]] = float(row["value"])
    return {source: dict(slices) for source, slices in found.items()}


def compute_indicators(
    slices: Mapping[tuple[str, str], Amounts], partners: Mapping[str, Amounts]
) -> list[tuple[str, float | None, str]]:
    """Return (name, value, basis) for each indicator of the pair, from one source's slices.

    An indicator whose figures are missing is None; one whose figures contradict its formula
    (declared imports from one partner above those from all, say) is None with the reason.
    """

    def get(name: str, flow: str) -> Amounts:
        return dict(slices.get((name, flow), {}))

    pair_x, pair_m = get("pair", "export"), get("pair", "import")
    mirror_m = get("pair_mirror", "import")
    first_x, second_x = get("first_world", "export"), get("second_world", "export")
    second_m, world_x = get("second_world", "import"), get("store_world", "export")
    world_m = get("store_world", "import")
    total = sum

    def top_rca() -> float | None:
        values = rca_by_product(first_x, world_x).values()
        return max((value for value in values if value is not None), default=None)

    candidates: list[tuple[str, bool, Callable[[], float | None], str]] = [
        ("Grubel-Lloyd intra-industry trade (HS chapters)", bool(pair_x or pair_m),
         lambda: grubel_lloyd_aggregate(pair_x, pair_m),
         "first territory's exports to and imports from the second, by chapter"),
        ("HHI of exported chapters", bool(pair_x), lambda: hhi(pair_x),
         "first territory's exports to the second"),
        ("HHI of export partners", bool(partners.get("export")),
         lambda: hhi(partners["export"]), "first territory's exports by partner"),
        ("Market share in the partner's imports", bool(mirror_m and second_m),
         lambda: market_share(total(mirror_m.values()), total(second_m.values())),
         "second territory's declared imports from the first / from all partners"),
        ("Trade intensity", bool(pair_x and first_x and second_m and world_m),
         lambda: trade_intensity(total(pair_x.values()), total(first_x.values()),
                                 total(second_m.values()), total(world_m.values())),
         "world = every reporter in the store"),
        ("Trade complementarity", bool(first_x and second_m),
         lambda: complementarity(first_x, second_m),
         "first territory's export structure against the second's import structure"),
        ("Export similarity", bool(first_x and second_x),
         lambda: export_similarity(first_x, second_x),
         "the two territories' export structures, by chapter"),
        ("Highest revealed comparative advantage (chapter)", bool(first_x and world_x),
         top_rca, "first territory against every reporter in the store"),
    ]  # fmt: skip
    return [_attempt(name, present, compute, basis) for name, present, compute, basis in candidates]


def _attempt(
    name: str, present: bool, compute: Callable[[], float | None], basis: str
) -> tuple[str, float | None, str]:
    if not present:
        return (name, None, f"{basis} (no figures in the store)")
    try:
        return (name, compute(), basis)
    except InvalidArgumentError as error:
        return (name, None, f"{basis} (not computed: {error})")


def partners_by_flow(rows: Sequence[Mapping[str, Any]], source: str) -> dict[str, Amounts]:
    """Return {flow: {partner: value}} of one source's rows."""
    found: dict[str, Amounts] = defaultdict(dict)
    for row in rows:
        if row["source"] == source:
            found[row["flow"]][row["partner"]] = float(row["value"])
    return dict(found)
