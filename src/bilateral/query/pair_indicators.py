"""Trade indicators of a pair in a year, from the products and totals rollups.

Four slices of the HS chapter rollup feed them, each summed by source, flow and chapter: the
pair as the first territory reports it, the first territory's and the second's trade with every
partner, and the trade of every reporter in the store (the "world" of the store). The
first territory's exports by partner feed the concentration of its partners.

An indicator needs whole denominators: the world of the store only where it holds a world's
set of reporters (`query.coverage.MIN_WORLD_REPORTERS`), a territory's imports from all
partners only where they are its own declarations (not the reconciled rows of the exporters
that the store happens to hold) or the world is whole, and Grubel-Lloyd both flows of the
pair. Otherwise the indicator is withheld, with the reason as data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

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
from bilateral.query.compiled import compiled_sql
from bilateral.query.coverage import MIN_WORLD_REPORTERS
from bilateral.query.partner_kinds import partner_kind
from bilateral.query.selection import Selection
from bilateral.query.tables import table
from bilateral.query.totals import pair_rows
from bilateral.reference import Territory
from bilateral.results.basis import Withheld
from bilateral.results.notes import Note

if TYPE_CHECKING:
    import ibis
    from ibis import _
else:
    from bilateral.query.lazy_ibis import _, ibis

Slice = Literal["pair", "pair_mirror", "first_world", "second_world", "store_world"]
SLICES: Final[tuple[Slice, ...]] = (
    "pair", "pair_mirror", "first_world", "second_world", "store_world",
)  # fmt: skip

Amounts = dict[str, float]


@compiled_sql
def indicator_inputs_sql(
    first: Selection, second: Selection, world: Selection, year: int, *, dialect: str
) -> str:
    """Return the SQL of the pair's chapter slices, labelled, by source, flow and chapter.

    `reconciled` marks a slice summed from reconciled rows, `synthetic` one holding synthetic
    (demo) rows. The store's world is read apart (`world_inputs_sql`): it is the same for every
    pair.
    """
    pairs: dict[Slice, tuple[Selection, Selection]] = {
        "pair": (first, second), "pair_mirror": (second, first),
        "first_world": (first, world), "second_world": (second, world),
    }  # fmt: skip
    parts = [_chapter_slice(label, *sides, year)[1] for label, sides in pairs.items()]
    return str(ibis.to_sql(ibis.union(*parts), dialect=dialect))


@compiled_sql
def total_inputs_sql(
    first: Selection, second: Selection, world: Selection, year: int, *, dialect: str
) -> str:
    """Return the SQL of the pair's slices from published totals (product TOTAL), code TOTAL.

    For sources that publish totals only (a Comtrade TOTAL file): the slices whose sum an
    indicator needs (market share) can be read from them, the chapter structures cannot.
    """
    pairs: dict[Slice, tuple[Selection, Selection]] = {
        "pair": (first, second), "pair_mirror": (second, first),
        "first_world": (first, world), "second_world": (second, world),
    }  # fmt: skip
    totals = table("rollup_totals")
    published = totals.filter(totals.product_level == "TOTAL")
    parts = []
    for label, (reporting, other) in pairs.items():
        rows = pair_rows(published, reporting, other, [year])
        own = rows.filter(rows.side == "first")
        parts.append(
            own.group_by(["source", "flow"])
            .aggregate(
                code=ibis.literal("TOTAL"),
                value=_.value.sum().cast("float64"),
                reconciled=_.flags.fill_null("").contains("reconciled").any(),
                synthetic=_.flags.fill_null("").contains("synthetic").any(),
            )
            .mutate(slice=ibis.literal(label))
        )
    return str(ibis.to_sql(ibis.union(*parts), dialect=dialect))


# Indicators that need the structure by chapter: not computed from published totals.
CHAPTER_INDICATORS: Final = frozenset(
    {"grubel_lloyd", "hhi_products", "complementarity", "export_similarity", "top_rca"}
)


@compiled_sql
def world_inputs_sql(world: Selection, year: int, *, dialect: str) -> str:
    """Return the SQL of the store's world slice (every reporter's trade with every partner)
    by source, flow and chapter, and of the slice `world_reporters` (code null), which counts
    the world's reporters by source and flow; in the columns of `indicator_inputs_sql`."""
    own, summed = _chapter_slice("store_world", world, world, year)
    reporters = (
        own.group_by(["source", "flow"])
        .aggregate(
            code=ibis.null().cast("string"),
            value=_.reporter.nunique().cast("float64"),
            reconciled=ibis.literal(False),
            synthetic=ibis.literal(False),
        )
        .mutate(slice=ibis.literal("world_reporters"))
    )
    return str(ibis.to_sql(ibis.union(summed, reporters), dialect=dialect))


def _chapter_slice(
    label: Slice, reporting: Selection, other: Selection, year: int
) -> tuple[ibis.Table, ibis.Table]:
    """Return the chapter rows `reporting` declares with `other`, and their sums labelled."""
    products = table("rollup_products")
    chapters = products.filter(products.classification == "HS2")
    rows = pair_rows(chapters, reporting, other, [year], keys=["classification"])
    own = rows.filter(rows.side == "first")
    reconciled = _.flags.fill_null("").contains("reconciled").any()
    synthetic = _.flags.fill_null("").contains("synthetic").any()
    summed = (
        own.group_by(["source", "flow", "code"])
        .aggregate(value=_.value.sum().cast("float64"), reconciled=reconciled, synthetic=synthetic)
        .mutate(slice=ibis.literal(label))
    )
    return own, summed


@compiled_sql
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


@dataclass(frozen=True)
class Completeness:
    """Which slices of one source are whole: the store's world, and imports from all partners.

    `world_reporters` counts the reporters of the store's world (the fewer of its two flows);
    `reconciled` lists the slices summed from reconciled rows, whose imports are only those
    the store's exporters declare.
    """

    world_reporters: int
    reconciled: frozenset[tuple[str, str]]

    @property
    def world(self) -> bool:
        """Return whether the store's world holds a world's set of reporters."""
        return self.world_reporters >= MIN_WORLD_REPORTERS

    def whole(self, name: str, flow: str) -> bool:
        """Return whether slice `name`'s `flow` is whole (every partner, every reporter)."""
        if name == "store_world":
            return self.world
        reconstructed = flow == "import" and (name, flow) in self.reconciled
        return self.world or not reconstructed


def completeness_by_source(rows: Sequence[Mapping[str, Any]]) -> dict[str, Completeness]:
    """Return each source's `Completeness` from the executed slices."""
    counts: dict[str, list[int]] = defaultdict(list)
    reconciled: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        if row["slice"] == "world_reporters":
            counts[row["source"]].append(int(row["value"]))
        elif row["reconciled"]:
            reconciled[row["source"]].add((row["slice"], row["flow"]))
    sources = {str(row["source"]) for row in rows}
    return {
        source: Completeness(min(counts[source], default=0), frozenset(reconciled[source]))
        for source in sources
    }


Computed = tuple[str, float | None, str, Withheld | None]


# Each indicator's code, in the order `compute_indicators` lists them: its name and basis
# carry it (`Note`), for wordings in other languages.
INDICATOR_CODES: Final = (
    "grubel_lloyd",
    "hhi_products",
    "hhi_partners",
    "market_share",
    "trade_intensity",
    "complementarity",
    "export_similarity",
    "top_rca",
)


def compute_indicators(
    slices: Mapping[tuple[str, str], Amounts],
    partners: Mapping[str, Amounts],
    complete: Completeness | None = None,
    *,
    chapter_detail: bool = True,
) -> list[Computed]:
    """Return (name, value, basis, withheld) for each indicator, from one source's slices.

    Without `chapter_detail` (a source publishing totals only: its slices hold one code,
    TOTAL) the indicators that need chapters are withheld (`no_product_detail`).

    An indicator whose figures are missing is None; one whose figures contradict its formula
    (declared imports from one partner above those from all, say) is None with the reason;
    one whose denominator is not whole (`complete`) is withheld with the reason as data:
    `incomplete_world`, or `no_reverse_flow` for Grubel-Lloyd without both flows.
    """
    whole = complete or Completeness(MIN_WORLD_REPORTERS, frozenset())

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

    second_imports = whole.whole("second_world", "import")
    world = whole.world
    candidates: list[tuple[str, bool, Withheld | None, Callable[[], float | None], str]] = [
        ("Grubel-Lloyd intra-industry trade (HS chapters)", bool(pair_x or pair_m),
         None if pair_x and pair_m else "no_reverse_flow",
         lambda: grubel_lloyd_aggregate(pair_x, pair_m),
         "first territory's exports to and imports from the second, by chapter"),
        ("HHI of exported chapters", bool(pair_x), None, lambda: hhi(pair_x),
         "first territory's exports to the second"),
        ("HHI of export partners", bool(partners.get("export")), None,
         lambda: hhi(partners["export"]), "first territory's exports by partner"),
        ("Market share in the partner's imports", bool(mirror_m and second_m),
         None if second_imports else "incomplete_world",
         lambda: market_share(total(mirror_m.values()), total(second_m.values())),
         "second territory's declared imports from the first / from all partners"),
        ("Trade intensity", bool(pair_x and first_x and second_m and world_m),
         None if world and second_imports else "incomplete_world",
         lambda: trade_intensity(total(pair_x.values()), total(first_x.values()),
                                 total(second_m.values()), total(world_m.values())),
         "world = every reporter in the store"),
        ("Trade complementarity", bool(first_x and second_m),
         None if second_imports else "incomplete_world",
         lambda: complementarity(first_x, second_m),
         "first territory's export structure against the second's import structure"),
        ("Export similarity", bool(first_x and second_x), None,
         lambda: export_similarity(first_x, second_x),
         "the two territories' export structures, by chapter"),
        ("Highest revealed comparative advantage (chapter)", bool(first_x and world_x),
         None if world else "incomplete_world",
         top_rca, "first territory against every reporter in the store"),
    ]  # fmt: skip
    return [
        (Note(name, code), None, Note(basis, code), "no_product_detail")
        if not chapter_detail and code in CHAPTER_INDICATORS
        else _attempt(Note(name, code), present, withheld, compute, Note(basis, code))
        for code, (name, present, withheld, compute, basis) in zip(
            INDICATOR_CODES, candidates, strict=True
        )
    ]


def _attempt(
    name: str,
    present: bool,
    withheld: Withheld | None,
    compute: Callable[[], float | None],
    basis: str,
) -> Computed:
    if not present:
        return (name, None, f"{basis} (no figures in the store)", None)
    if withheld is not None:
        return (name, None, basis, withheld)
    try:
        return (name, compute(), basis, None)
    except InvalidArgumentError as error:
        return (name, None, f"{basis} (not computed: {error})", None)


def partners_by_flow(
    rows: Sequence[Mapping[str, Any]], source: str, reporter: Territory
) -> dict[str, Amounts]:
    """Return {flow: {partner: value}} of one source's rows, partner territories only.

    A published WORLD or group row, the reporter itself, unallocated partners and bunkers
    are no partners whose concentration counts (`query.partner_kinds`).
    """
    found: dict[str, Amounts] = defaultdict(dict)
    for row in rows:
        if row["source"] == source and partner_kind(row["partner"], reporter) == "country":
            found[row["flow"]][row["partner"]] = float(row["value"])
    return dict(found)
