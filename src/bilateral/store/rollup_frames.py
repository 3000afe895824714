"""The rollups of a chunk of flows in polars: the same sums as `rollups.py`'s SQL, for ingest.

An ingest rolls up its file chunk by chunk (`pair_chunks.py`); `store check` and repairs
recompute the rollups with the SQL of `rollups.py` and compare. The two must agree: product
level, chapter and division, the flag sets merged as bits, a quantity sum that is null when
every quantity is, the confidential value as the value of rows whose flags name
`confidential` (or `confidential_partner`, as the SQL's `contains`).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import polars as pl
import polars.selectors as cs

from bilateral.errors import StoreError
from bilateral.store.layout import TableName
from bilateral.store.rollups import KNOWN_FLAGS
from bilateral.store.tables import ROLLUP_KEY, SCHEMAS

_DETAIL_KEY: Final = (*ROLLUP_KEY, "chapter", "division", "flags")
_LINK_KEY: Final = ("source", "year", "month", "product_scheme", "product", "product_cpa")
FLAG_SETS: Final = {
    bits: ",".join(flag for bit, flag in enumerate(KNOWN_FLAGS) if bits >> bit & 1) or None
    for bits in range(1 << len(KNOWN_FLAGS))
}


def _sums_or_null(name: str) -> list[pl.Expr]:
    """SQL's sum as two aggregations (`_null_when_none` makes it null when all values are)."""
    return [pl.col(name).sum(), pl.col(name).count().alias(f"_{name}_count")]


def _null_when_none(name: str) -> pl.Expr:
    count = pl.col(f"_{name}_count")
    return pl.when(count > 0).then(pl.col(name)).alias(name)


def product_level() -> pl.Expr:
    scheme = pl.col("product_scheme")
    return (
        pl.when(scheme == "TOTAL")
        .then(pl.lit("TOTAL"))
        .when(scheme.str.starts_with("CN"))
        .then(pl.lit("CN8"))
        .when(scheme.str.contains(r"^HS[0-9]{4}$"))
        .then(pl.lit("HS6"))  # a subheading of one HS revision (HS1992 ... HS2022)
        .otherwise(scheme)
    )


def flag_bits(flags: pl.Series) -> dict[str | None, int]:
    """Return the bits of each distinct flag set; a flag the store does not know fails."""
    bits: dict[str | None, int] = {}
    for text in flags.unique().to_list():
        parts = [part for part in (text or "").split(",") if part]
        unknown = [part for part in parts if part not in KNOWN_FLAGS]
        if unknown:
            raise StoreError(f"rows carry flags the store does not know: {text!r}")
        bits[text] = sum(1 << KNOWN_FLAGS.index(part) for part in set(parts))
    return bits


# Columns often constant in a chunk: grouping by them is left out and they are put back.
_MAYBE_CONSTANT: Final = (
    "source",
    "year",
    "flow",
    "month",
    "product_scheme",
    "product_cpa",
    "flags",
    "trade_type",
    "stat_procedure",
    "currency",
    "vintage",
)
PAIR_ID: Final = "_pair"
_RUN: Final = "_run"


def with_flag_bits(detail: pl.DataFrame) -> tuple[pl.DataFrame, list[int]]:
    """Return `detail` with each row's flag set as bits (`flag_bits`) and its confidential
    value, and the bits that occur: the OR of a group's flags is the max of each of them."""
    bits = flag_bits(detail["flags"])
    confidential = pl.col("flags").fill_null("").str.contains("confidential", literal=True)
    detail = detail.with_columns(
        flag_bits=pl.col("flags").replace_strict(bits, return_dtype=pl.Int32),
        confidential_value=pl.when(confidential).then(pl.col("value")).otherwise(0.0),
    )
    present = [
        1 << bit for bit in range(len(KNOWN_FLAGS)) if any(b >> bit & 1 for b in bits.values())
    ]
    return detail, present


def with_pair_ids(flows: pl.DataFrame) -> pl.DataFrame:
    """Number the runs of (reporter, partner) in `flows` (in cluster order: one run a pair)."""
    changes = (pl.col("reporter") != pl.col("reporter").shift()) | (
        pl.col("partner") != pl.col("partner").shift()
    )
    return flows.with_columns(changes.fill_null(True).cum_sum().alias(PAIR_ID))


def constant_columns(flows: pl.DataFrame) -> dict[str, object]:
    """Return the columns of `_MAYBE_CONSTANT` that hold one value (maybe null) in `flows`.

    (Bounds and null counts, cheaper than counting distinct values.)
    """
    names = [name for name in _MAYBE_CONSTANT if name in flows.columns]
    bounds = flows.select(
        *(pl.col(name).min().alias(f"{name}_min") for name in names),
        *(pl.col(name).max().alias(f"{name}_max") for name in names),
        *(pl.col(name).null_count().alias(f"{name}_nulls") for name in names),
    ).row(0, named=True)
    constant: dict[str, object] = {}
    for name in names:
        nulls = bounds[f"{name}_nulls"]
        if nulls == flows.height:
            constant[name] = None
        elif nulls == 0 and bounds[f"{name}_min"] == bounds[f"{name}_max"]:
            constant[name] = bounds[f"{name}_min"]
    return constant


def chunk_rollups(
    flows: pl.DataFrame, constant: dict[str, object] | None = None
) -> dict[TableName, pl.DataFrame]:
    """Return the rollups of `flows` (numbered by `with_pair_ids`) and their product links.

    `constant` is what `constant_columns(flows)` returns, if known.
    """
    constant = constant_columns(flows) if constant is None else constant
    if (runs := run_rollups(flows, constant)) is not None:
        return runs
    flows = flows.with_columns(cs.enum().cast(pl.String))
    # Rows come by pair and mostly by product: a run of one pair and chapter stands for both
    # in the grouping (runs of a group that comes back are summed again below).
    varying = [
        k for k in ("flow", "month", "product_level", "division", "flags") if k not in constant
    ]
    if "product_scheme" in constant:
        varying.remove("product_level")
    if "product_cpa" in constant:
        varying.remove("division")
    with_codes = flows.with_columns(product_level=product_level()).with_columns(
        chapter=pl.when(pl.col("product_level").is_in(["CN8", "HS6", "HS4", "HS2"])).then(
            pl.col("product").str.slice(0, 2)
        ),
        division=pl.when(pl.col("product_cpa").str.contains("X", literal=True))
        .then(pl.lit("XX"))
        .otherwise(pl.col("product_cpa").str.slice(0, 2)),
    )
    new_run = (pl.col(PAIR_ID) != pl.col(PAIR_ID).shift()) | (
        pl.col("chapter").ne_missing(pl.col("chapter").shift())
    )
    with_codes = with_codes.with_columns(new_run.fill_null(True).cum_sum().set_sorted().alias(_RUN))
    detail_keys = [_RUN, *varying]
    detail = (
        with_codes.group_by(detail_keys)
        .agg(
            pl.col("value").sum(),
            *_sums_or_null("quantity_kg"),
            pl.len().alias("rows"),
            pl.col("currency").min(),
            pl.col("vintage").max(),
            pl.col(PAIR_ID).first(),
            *(
                pl.col(name).first()
                for name in _DETAIL_KEY
                if name not in detail_keys and name not in constant
            ),
        )
        .with_columns(
            pl.lit(value, flows.schema[name]).alias(name)
            for name, value in constant.items()
            if name in _DETAIL_KEY
        )
        .with_columns(_null_when_none("quantity_kg"))
    )
    # One run per pair and chapter, and nothing else to group by: the detail is the HS2 rollup.
    sorted_within_pairs = (pl.col(PAIR_ID) != pl.col(PAIR_ID).shift()) | (
        pl.col("chapter") >= pl.col("chapter").shift()
    )
    runs_are_groups = (
        not varying
        and with_codes["chapter"].null_count() == 0
        and bool(with_codes.select(sorted_within_pairs.fill_null(True).all()).item())
    )
    detail, present = with_flag_bits(detail)
    measures = [
        pl.col("value").sum(),
        pl.col("confidential_value").sum(),
        *_sums_or_null("quantity_kg"),
        pl.col("rows").sum(),
        pl.col("currency").min(),
        *((pl.col("flag_bits") & bit).max().alias(f"_bit{bit}") for bit in present),
        pl.col("vintage").max(),
        *(
            pl.col(name).first()
            for name in ROLLUP_KEY
            if name not in ("flow", "month", "product_level")
        ),
    ]
    merged_bits = (
        pl.sum_horizontal(pl.col(f"_bit{bit}") for bit in present) if present else pl.lit(0)
    )
    total_keys = [PAIR_ID, *(k for k in ("flow", "month", "product_level") if k in varying)]
    constants = [
        pl.col(k).first() for k in ("flow", "month", "product_level") if k not in total_keys
    ]
    flag_text = merged_bits.replace_strict(FLAG_SETS, return_dtype=pl.String)
    totals = (
        detail.group_by(total_keys)
        .agg(*measures, *constants)
        .with_columns(_null_when_none("quantity_kg"), flags=flag_text)
    )
    products = pl.concat(
        [
            _group(detail, [*total_keys, code], measures, constants, regroup=not direct)
            .filter(pl.col(code).is_not_null())
            .with_columns(classification=pl.lit(name), code=pl.col(code))
            for code, name, direct in (
                ("chapter", "HS2", runs_are_groups),
                ("division", "CPA2", False),
            )
        ],
        how="diagonal_relaxed",
    ).with_columns(_null_when_none("quantity_kg"), flags=flag_text)
    return {
        "rollup_totals": in_columns(totals, "rollup_totals"),
        "rollup_products": in_columns(products, "rollup_products"),
        "product_links": in_columns(chunk_links(flows, constant), "product_links"),
    }


# Columns that must be constant in a chunk for `run_rollups`.
_RUN_CONSTANTS: Final = (
    "source",
    "year",
    "flow",
    "month",
    "product_scheme",
    "product_cpa",
    "flags",
    "currency",
    "vintage",
)
_CHAPTER_LEVELS: Final = ("CN8", "HS6", "HS4", "HS2")
_SCHEME: Final = {"product_scheme": pl.String}
_QUANTITY_COUNT: Final = "_quantity_kg_count"


def run_rollups(
    flows: pl.DataFrame, constant: dict[str, object]
) -> dict[TableName, pl.DataFrame] | None:
    """Return the rollups of `flows` where each of its pairs' chapters is one run of rows.

    That is an HS6 year (BACI): every column but the pair, product and measures is constant,
    with no CPA code, and products are sorted within each pair. Each run is then one HS2 row
    and each pair one total, summed over slices of sorted rows rather than hashed. None: the
    chunk is not of that shape (the general path rolls it up).
    """
    if any(name not in constant for name in _RUN_CONSTANTS) or constant["product_cpa"] is not None:
        return None
    scheme = pl.DataFrame({"product_scheme": [constant["product_scheme"]]}, schema=_SCHEME)
    level = scheme.select(product_level()).item()
    if level not in _CHAPTER_LEVELS:
        return None
    code, position = _chapters(flows["product"])
    if flows.height == 0 or code.null_count():
        return None
    pair = flows[PAIR_ID]
    new_pair = (pair != pair.shift()).fill_null(True)
    new_run = new_pair | (position != position.shift()).fill_null(True)
    starts = new_run.arg_true()
    # Each pair's chapters in order, one run each: a run's chapter follows the one before.
    runs_new_pair = new_pair.gather(starts)
    runs_position = position.gather(starts)
    if not (runs_new_pair | (runs_position > runs_position.shift()).fill_null(True)).all():
        return None
    pair_starts = runs_new_pair.arg_true()
    pairs = _as_enums(flows.select("reporter", "partner").gather(starts.gather(pair_starts)))
    chapters = pl.concat(
        [
            pairs.select(pl.all().gather(runs_new_pair.cum_sum() - 1)),
            pl.DataFrame(code.gather(starts).alias("code")),
            _run_sums(_row_measures(flows), starts.to_numpy(), flows.height),
        ],
        how="horizontal",
    )
    totals = pl.concat(
        [pairs, _run_sums(_summed_measures(chapters), pair_starts.to_numpy(), chapters.height)],
        how="horizontal",
    )
    flags = constant["flags"]
    assert flags is None or isinstance(flags, str)
    confidential = "confidential" in (flags or "")
    bits = flag_bits(pl.Series([flags], dtype=pl.String))[flags]
    shared = {
        **{name: _one_value(constant[name], flows.schema[name]) for name in _RUN_CONSTANTS},
        "product_level": _one_value(level, pl.String()),
        "confidential_value": pl.col("value") if confidential else pl.lit(0.0),
        "flags": _one_value(FLAG_SETS[bits], pl.String()),
    }
    return {
        "rollup_totals": in_columns(
            totals.with_columns(_null_when_none("quantity_kg"), **shared),
            "rollup_totals",
            enums=True,
        ),
        "rollup_products": in_columns(
            chapters.with_columns(
                _null_when_none("quantity_kg"),
                **shared,
                classification=_one_value("HS2", pl.String()),
            ),
            "rollup_products",
            enums=True,
        ),
        "product_links": _no_links(),
    }


def _chapters(product: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Return each row's chapter (the product's first two characters) and a number that
    orders chapters as their text does.

    A product given as an enum gives an enum of the chapters in text order, found once per
    product code and gathered as numbers (its position is the number); text gives text.
    """
    kind = product.dtype
    if not isinstance(kind, pl.Enum):
        code = product.str.head(2)
        return code, code
    of_each = kind.categories.str.head(2)
    names = of_each.unique().drop_nulls().sort()
    chapters = names.cast(pl.Enum(names))
    position = of_each.cast(chapters.dtype).to_physical().gather(product.to_physical())
    return chapters.gather(position), position


def _as_enums(codes: pl.DataFrame) -> pl.DataFrame:
    """Return the text columns of `codes` (a chunk's pairs, few) as enums of their values in
    text order: the rollup rows gather them as numbers, and the writer takes them as
    dictionaries rather than hashing each row's text."""
    return codes.with_columns(
        pl.col(name).cast(pl.Enum(codes[name].unique().drop_nulls().sort()))
        for name, kind in codes.schema.items()
        if kind == pl.String
    )


def _one_value(value: object, kind: pl.DataType) -> pl.Expr:
    """Return `value` as a column: text as an enum of that one value (written as a Parquet
    dictionary, not row by row, see `part_writer.py`)."""
    if isinstance(value, str):
        return pl.lit(value, pl.Enum([value]))
    return pl.lit(value, kind)


def _row_measures(flows: pl.DataFrame) -> dict[str, np.ndarray]:
    """Return the measures of flow rows summed over runs: value and quantity (a null as 0.0,
    which adds nothing to the non-negative figures stored) and the count of quantities."""
    return {**_floats(flows), _QUANTITY_COUNT: flows["quantity_kg"].is_not_null().to_numpy()}


def _summed_measures(rows: pl.DataFrame) -> dict[str, np.ndarray]:
    """Return the measures of rows summed already (chapters), to sum again over runs."""
    return {**_floats(rows), **{name: rows[name].to_numpy() for name in (_QUANTITY_COUNT, "rows")}}


def _floats(rows: pl.DataFrame) -> dict[str, np.ndarray]:
    return {name: rows[name].fill_null(0.0).to_numpy() for name in ("value", "quantity_kg")}


def _run_sums(measures: dict[str, np.ndarray], starts: np.ndarray, height: int) -> pl.DataFrame:
    """Sum each of `measures` over the runs of rows that begin at `starts`, in order, and
    count the rows of each run (unless `measures` has counts of rows to sum).

    Figures are added one by one from each run's first row to its last, as polars sums a
    group of sorted rows (so the same last bits as the general path): a run of one row is
    its figure, a longer one is summed from 0.0 (-0.0 becomes 0.0); all runs at once, their
    k-th rows added in the k-th step. Counts (integers or flags) are differences of running
    totals, exact in any order.
    """
    lengths = np.diff(starts, append=height)
    sums = {} if "rows" in measures else {"rows": lengths}
    longest = int(lengths.max())
    # The runs longest first: those with a k-th row are a prefix, summed as one slice. The
    # order among runs of one length does not matter; a radix sort of 16-bit keys is cheap.
    shorter = longest - lengths
    order = np.argsort(shorter.astype(np.uint16) if longest < 1 << 16 else shorter, kind="stable")
    # How many runs have more than k rows, for k = 1 .. longest - 1.
    longer = len(lengths) - np.cumsum(np.bincount(lengths, minlength=longest + 1))[1:longest]
    floats = {name: values for name, values in measures.items() if values.dtype.kind == "f"}
    ends = starts[1:] - 1
    for name, values in measures.items():
        if name not in floats:
            running = np.cumsum(values, dtype=np.int64)
            sums[name] = np.diff(running[ends], prepend=0, append=running[-1])
    rows = starts[order]  # each run's row added in the current step
    ordered = {name: values[rows] for name, values in floats.items()}  # their first figures
    for figures in ordered.values():
        figures[: longer[0] if len(longer) else 0] += 0.0
    for runs in longer:
        step = rows[:runs]
        step += 1
        for name, values in floats.items():
            ordered[name][:runs] += values[step]
    for name, figures in ordered.items():
        total = np.empty_like(figures)
        total[order] = figures
        sums[name] = total
    names = [*measures] if "rows" in measures else ["rows", *measures]
    return pl.DataFrame({name: sums[name] for name in names})


def _no_links() -> pl.DataFrame:
    empty = pl.from_arrow(SCHEMAS["product_links"].empty_table())
    assert isinstance(empty, pl.DataFrame)
    return empty


def chunk_links(flows: pl.DataFrame, constant: dict[str, object] | None = None) -> pl.DataFrame:
    """Return the CN8 -> CPA links of `flows` (as `rollups.links_sql`), to sum with `sum_links`.

    `constant` is what `constant_columns(flows)` returns, if known: those columns are left out
    of the grouping and put back.
    """
    constant = constant or {}
    keys = [name for name in _LINK_KEY if name not in constant]
    return (
        flows.filter(
            pl.col("product_scheme").str.starts_with("CN")
            & pl.col("product_cpa").is_not_null()
            & ~pl.col("product").str.contains("X", literal=True)
            & ~pl.col("product_cpa").str.contains("X", literal=True)
        )
        .group_by(keys)
        .agg(pl.col("value").sum(), pl.len().alias("rows"))
        .with_columns(
            pl.lit(value, flows.schema[name]).alias(name)
            for name, value in constant.items()
            if name in _LINK_KEY
        )
        .select(*_LINK_KEY, "value", "rows")
    )


def _group(
    detail: pl.DataFrame,
    keys: list[str],
    measures: list[pl.Expr],
    constants: list[pl.Expr],
    *,
    regroup: bool,
) -> pl.DataFrame:
    """Group the detail by `keys`; or, where each detail row is a group already, rename."""
    if regroup:
        return detail.group_by(keys).agg(*measures, *constants)
    return detail.with_columns(
        pl.col("quantity_kg").is_not_null().cast(pl.UInt32).alias("_quantity_kg_count"),
        *(pl.col("flag_bits").and_(bit).alias(f"_bit{bit}") for bit in _bits_of(measures)),
    )


def _bits_of(measures: list[pl.Expr]) -> list[int]:
    names = [measure.meta.output_name() for measure in measures]
    return [int(name[4:]) for name in names if name.startswith("_bit")]


def sum_links(links: list[pl.DataFrame]) -> pl.DataFrame:
    """Sum the product links of several chunks into one row per product."""
    rows = pl.concat(links)
    constant = constant_columns(rows)
    keys = [name for name in _LINK_KEY if name not in constant]
    summed = (
        rows.group_by(keys)
        .agg(pl.col("value").sum(), pl.col("rows").sum())
        .with_columns(
            pl.lit(value, rows.schema[name]).alias(name)
            for name, value in constant.items()
            if name in _LINK_KEY
        )
    )
    return in_columns(summed, "product_links")


def in_columns(frame: pl.DataFrame, name: TableName, *, enums: bool = False) -> pl.DataFrame:
    """Return `frame` in the columns and types of table `name`; with `enums`, text columns
    that are enums are kept as such."""
    empty = pl.from_arrow(SCHEMAS[name].empty_table())
    assert isinstance(empty, pl.DataFrame)
    return frame.select(
        pl.col(column)
        if enums and kind == pl.String and isinstance(frame.schema[column], pl.Enum)
        else pl.col(column).cast(kind)
        for column, kind in empty.schema.items()
    )
