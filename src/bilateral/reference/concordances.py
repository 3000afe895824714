"""Convert trade values between product classifications along the official concordances.

A link table has one row per link `source_code -> target_code` (and, as published, its
`relationship`). Converting splits each source code's value among its targets: by the targets'
trade weights when they are given and positive for at least one target, else equally. A
converted total always equals the original total (to floating-point rounding): no value is
dropped, a target with zero weight gets a row of zero. The tables are read by
`concordance_files` and loaded through a `Catalogue`; `concordance_links` inverts and
summarises link tables and follows CN codes through Eurostat's yearly changes. This module
gathers the public names of all three.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.deferred import deferred
from bilateral.errors import BilateralError, InvalidArgumentError
from bilateral.reference.catalogue import Catalogue
from bilateral.reference.concordance_files import (
    CN_CHANGES_SCHEMA,
    LINK_SCHEMA,
    TABLE_SPECS,
    read_cn_changes,
    read_conversion_sheet,
)
from bilateral.reference.concordance_links import (
    LinkSummary,
    cn_chain,
    cn_links,
    invert,
    link_summary,
    links_frame,
    with_derived_relationship,
)

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
else:
    pl = deferred("polars")  # imported when a conversion runs

__all__ = [
    "CN_CHANGES_SCHEMA",
    "LINK_SCHEMA",
    "TABLE_SPECS",
    "Conversion",
    "LinkSummary",
    "Method",
    "OnUnmapped",
    "UnmappedCodesError",
    "cn_chain",
    "cn_links",
    "conversion_path",
    "convert",
    "convert_between",
    "invert",
    "link_summary",
    "read_cn_changes",
    "read_conversion_sheet",
    "with_derived_relationship",
]

# How a row's value was split: the `method` column of a conversion.
Method = Literal["one_to_one", "weights", "equal_split", "unmapped"]
OnUnmapped = Literal["raise", "keep"]
# (source scheme, target scheme) -> the table linking them.
EDGES: Final[dict[tuple[str, str], str]] = {
    ("HS2022", "HS2017"): "hs2022_hs2017",
    ("HS2017", "HS2012"): "hs2017_hs2012",
    ("HS2022", "SITC4"): "hs2022_sitc4",
    ("HS2017", "SITC4"): "hs2017_sitc4",
    ("HS2022", "BEC4"): "hs2022_bec4",
    ("HS2017", "BEC4"): "hs2017_bec4",
    ("HS2017", "HS1992"): "hs2017_hs1992",
    ("HS1992", "SITC4"): "hs1992_sitc4",
    ("HS1992", "BEC4"): "hs1992_bec4",
}
SCHEMES: Final = ("HS2022", "HS2017", "HS2012", "HS1992", "SITC4", "BEC4")
_ORDER: Final = "_input_row"  # keeps the rows of the result in the order of the input
_RESERVED: Final = (
    "source_product",
    "share",
    "ambiguous",
    "method",
    "target_code",
    "weight",
    _ORDER,
)
_METHOD_RANK: Final[dict[str, int]] = {"one_to_one": 0, "weights": 1, "equal_split": 2}


class UnmappedCodesError(BilateralError, LookupError):
    """Product codes that a concordance has no link for."""

    def __init__(self, codes: Iterable[str], table: str) -> None:
        self.codes = tuple(codes)
        self.table = table
        shown = ", ".join(self.codes[:20]) + (", ..." if len(self.codes) > 20 else "")
        super().__init__(
            f"{len(self.codes)} product codes have no link in {table}: {shown}; "
            "give codes of the table's source classification, or on_unmapped='keep' to carry "
            "them through unchanged"
        )


@dataclass(frozen=True)
class Conversion:
    """Converted values, one row per link used, and what could not be converted.

    `table` has the carried columns of the input, then `source_product` (the code converted),
    `product` (its target), `value`, `share` (of the source value), `ambiguous` (the source
    code had more than one target at some step) and `method`: `one_to_one`, `weights`,
    `equal_split` (the least certain step of a chain), or `unmapped` for a code carried
    through unchanged. `unmapped` lists those codes; `path` names the tables used.
    """

    table: pa.Table
    unmapped: tuple[str, ...]
    path: tuple[str, ...]

    def __repr__(self) -> str:
        path = " -> ".join(self.path) or "no table"
        return (
            f"<Conversion {self.table.num_rows:,} rows, total {self.total():,.2f}, "
            f"{len(self.unmapped)} codes unmapped, via {path}>"
        )

    def to_polars(self) -> pl.DataFrame:
        """Return the converted rows as a polars DataFrame."""
        return pl.DataFrame(pl.from_arrow(self.table))

    def to_pandas(self) -> pd.DataFrame:
        """Return the converted rows as a pandas DataFrame."""
        frame: pd.DataFrame = self.table.to_pandas()
        return frame

    def total(self) -> float:
        """Return the sum of the converted values."""
        return float(pc.sum(self.table["value"]).as_py() or 0.0)

    def totals(self) -> pa.Table:
        """Return the values summed by the carried columns and target product."""
        frame = self.to_polars()
        keys = [c for c in frame.columns if c not in ("product", "value", *_RESERVED)]
        return (
            frame.group_by([*keys, "product"], maintain_order=True)
            .agg(pl.col("value").sum(), pl.col("ambiguous").any())
            .to_arrow()
        )


def _values_frame(values: pa.Table) -> pl.DataFrame:
    missing = {"product", "value"} - set(values.column_names)
    reserved = set(_RESERVED) & set(values.column_names)
    if missing or reserved:
        raise InvalidArgumentError(
            "values columns",
            values.column_names,
            "`product`, `value` and any columns to carry through, none named "
            + ", ".join(_RESERVED),
        )
    frame = pl.DataFrame(pl.from_arrow(values)).with_columns(
        pl.col("product").cast(pl.String), pl.col("value").cast(pl.Float64)
    )
    bad = frame.filter(pl.col("product").is_null() | pl.col("value").is_null()).height
    bad += frame.filter(pl.col("value").is_nan()).height
    if bad:
        raise InvalidArgumentError("values", f"{bad} rows", "a product code and a number in each")
    return frame


def _weights_frame(weights: pa.Table | None, carried: list[str]) -> pl.DataFrame | None:
    if weights is None:
        return None
    extra = set(weights.column_names) - {"product", "weight", *carried}
    if "product" not in weights.column_names or "weight" not in weights.column_names or extra:
        raise InvalidArgumentError(
            "weights columns",
            weights.column_names,
            "product, weight, and optionally columns of the values (e.g. year)",
        )
    frame = pl.DataFrame(pl.from_arrow(weights)).with_columns(
        pl.col("product").cast(pl.String), pl.col("weight").cast(pl.Float64)
    )
    keys = [c for c in frame.columns if c != "weight"]
    weight = pl.col("weight")
    if frame.filter(weight.is_null() | weight.is_nan() | (weight < 0)).height:
        raise InvalidArgumentError("weights", "null, NaN or negative", "weights >= 0")
    if frame.select(keys).is_duplicated().any():
        raise InvalidArgumentError("weights", "repeated products", f"one weight per {keys}")
    return frame.rename({"product": "target_code"})


def _step(
    frame: pl.DataFrame,
    links: pl.DataFrame,
    weights: pl.DataFrame | None,
    on_unmapped: OnUnmapped,
    table: str,
) -> tuple[pl.DataFrame, list[str]]:
    """Convert the `product` of the mapped rows of `frame` one table further."""
    done = frame.filter(pl.col("method") == "unmapped")
    todo = frame.filter(pl.col("method") != "unmapped").with_row_index("_row")
    unmapped = sorted(set(todo["product"]) - set(links["source_code"]))
    if unmapped and on_unmapped == "raise":
        raise UnmappedCodesError(unmapped, table)
    kept = todo.filter(pl.col("product").is_in(unmapped)).with_columns(
        pl.lit("unmapped").alias("method")
    )
    targets = links.with_columns(pl.len().over("source_code").alias("_targets"))
    joined = todo.join(
        targets, left_on="product", right_on="source_code", how="inner", maintain_order="left"
    )
    if weights is not None:
        keys = [c for c in weights.columns if c != "weight"]
        joined = joined.join(weights, on=keys, how="left", maintain_order="left")
    else:
        joined = joined.with_columns(pl.lit(None, pl.Float64).alias("weight"))
    weight = pl.col("weight").fill_null(0.0)
    total = weight.sum().over("_row")
    several = pl.col("_targets") > 1
    by_weight = several & (total > 0)

    def split(column: str) -> pl.Expr:
        # Divide rather than multiply by 1/n, so that equal parts of n are exact where they can be.
        part = pl.col(column)
        return (
            pl.when(by_weight)
            # The weight's fraction first: it lies in [0, 1] and is 1.0 for a lone weight,
            # where part * weight would lose bits to underflow (a tiny weight) or overflow.
            .then(part * (weight / total))
            .when(several)
            .then(part / pl.col("_targets"))
            .otherwise(part)
        )

    step_method = (
        pl.when(by_weight)
        .then(pl.lit("weights"))
        .when(several)
        .then(pl.lit("equal_split"))
        .otherwise(pl.lit("one_to_one"))
    )
    rank = pl.col("method").replace_strict(_METHOD_RANK, return_dtype=pl.Int8)
    step_rank = step_method.replace_strict(_METHOD_RANK, return_dtype=pl.Int8)
    method = pl.when(step_rank > rank).then(step_method).otherwise(pl.col("method"))
    converted = joined.with_columns(
        split("value").alias("value"),
        split("share").alias("share"),
        (pl.col("ambiguous") | several).alias("ambiguous"),
        method.alias("method"),
        pl.col("target_code").alias("product"),
    ).select(frame.columns)
    parts = [converted, kept.select(frame.columns), done]
    return pl.concat(parts).sort(_ORDER, maintain_order=True), unmapped


def _start(values: pa.Table) -> pl.DataFrame:
    return (
        _values_frame(values)
        .with_row_index(_ORDER)
        .with_columns(
            pl.col("product").alias("source_product"),
            pl.lit(1.0).alias("share"),
            pl.lit(False).alias("ambiguous"),
            pl.lit("one_to_one").alias("method"),
        )
    )


def _finish(frame: pl.DataFrame, unmapped: list[str], path: tuple[str, ...]) -> Conversion:
    carried = [c for c in frame.columns if c not in ("product", "value", *_RESERVED)]
    order = [*carried, "source_product", "product", "value", "share", "ambiguous", "method"]
    return Conversion(frame.select(order).to_arrow(), tuple(sorted(set(unmapped))), path)


def convert(
    values: pa.Table,
    links: pa.Table,
    *,
    weights: pa.Table | None = None,
    on_unmapped: OnUnmapped = "raise",
) -> Conversion:
    """Split each product's value among the product's targets in `links`.

    Columns of `values` other than `product` and `value` (year, flow, reporter, ...) are
    carried through to every row the value is split into. `weights` (`product`, `weight`:
    trade values of the target codes, e.g. from the store) may also have some of those columns,
    and then weigh per year or flow. A code without a link raises `UnmappedCodesError`, or with
    `on_unmapped="keep"` is carried through unchanged and listed in `unmapped`.

    >>> values = pa.table({"product": ["A", "B"], "value": [10.0, 6.0]})
    >>> links = pa.table({"source_code": ["A", "B", "B"], "target_code": ["X", "X", "Y"]})
    >>> weights = pa.table({"product": ["X", "Y"], "weight": [1.0, 2.0]})
    >>> result = convert(values, links, weights=weights)
    >>> for row in result.table.to_pylist():
    ...     print(row["source_product"], row["product"], row["value"], row["method"])
    A X 10.0 one_to_one
    B X 2.0 weights
    B Y 4.0 weights
    >>> result.total()
    16.0
    """
    frame = _start(values)
    carried = [c for c in frame.columns if c not in ("product", "value", *_RESERVED)]
    converted, unmapped = _step(
        frame,
        links_frame(links, "links"),
        _weights_frame(weights, carried),
        on_unmapped,
        "the links",
    )
    return _finish(converted, unmapped, ("links",))


def conversion_path(source: str, target: str) -> tuple[tuple[str, bool], ...]:
    """Return the tables that lead from `source` to `target`, each with whether it is inverted.

    The shortest path through `EDGES` is taken, forward links before inverted ones.

    >>> conversion_path("HS2022", "HS2012")
    (('hs2022_hs2017', False), ('hs2017_hs2012', False))
    >>> conversion_path("HS2017", "HS2022")
    (('hs2022_hs2017', True),)
    """
    schemes = [_scheme(source, "source"), _scheme(target, "target")]
    previous: dict[str, tuple[str, str, bool]] = {}
    queue = deque([schemes[0]])
    while queue and schemes[1] not in previous:
        here = queue.popleft()
        for inverted in (False, True):
            for (start, end), table in EDGES.items():
                step = (end, start) if inverted else (start, end)
                if step[0] == here and step[1] not in previous and step[1] != schemes[0]:
                    previous[step[1]] = (here, table, inverted)
                    queue.append(step[1])
    path: list[tuple[str, bool]] = []
    scheme = schemes[1]
    while scheme != schemes[0]:
        here, table, inverted = previous[scheme]
        path.insert(0, (table, inverted))
        scheme = here
    return tuple(path)


def _loaded_path(source: str, target: str, catalogue: Catalogue) -> tuple[tuple[str, bool], ...]:
    """Return the shortest path whose tables are all loaded, else the shortest path.

    HS1992 reaches SITC4 through `hs1992_sitc4`, or through HS2017 (`hs2017_hs1992` read
    backwards, then `hs2017_sitc4`) where only those are loaded.
    """
    shortest = conversion_path(source, target)
    if all(catalogue.has(table) for table, _ in shortest):
        return shortest
    for path in _paths(_scheme(source, "source"), _scheme(target, "target"), len(shortest) + 2):
        if all(catalogue.has(table) for table, _ in path):
            return path
    return shortest


def _paths(source: str, target: str, longest: int) -> list[tuple[tuple[str, bool], ...]]:
    """Return every path of at most `longest` tables from `source` to `target`, shortest first."""
    found: list[tuple[tuple[str, bool], ...]] = []

    def walk(here: str, seen: tuple[str, ...], path: tuple[tuple[str, bool], ...]) -> None:
        if here == target:
            found.append(path)
            return
        if len(path) == longest:
            return
        for (start, end), table in EDGES.items():
            for inverted, (a, b) in ((False, (start, end)), (True, (end, start))):
                if a == here and b not in seen:
                    walk(b, (*seen, b), (*path, (table, inverted)))

    walk(source, (source,), ())
    return sorted(found, key=lambda path: (len(path), sum(inverted for _, inverted in path)))


def _scheme(name: str, argument: str) -> str:
    scheme = name.upper().replace(" ", "").replace("REV.", "").replace("REV", "")
    if scheme not in SCHEMES:
        raise InvalidArgumentError(argument, name, f"one of {', '.join(SCHEMES)}")
    return scheme


def convert_between(
    values: pa.Table,
    source: str,
    target: str,
    catalogue: Catalogue,
    *,
    weights: pa.Table | Mapping[str, pa.Table] | None = None,
    on_unmapped: OnUnmapped = "raise",
) -> Conversion:
    """Convert `values` from classification `source` to `target` through the loaded tables.

    Schemes are HS2022, HS2017, HS2012, SITC4 and BEC4; HS2022 to HS2012 goes through HS2017,
    and a table read backwards (HS2017 to HS2022) splits each code among the codes it came
    from. `weights` is either the target's weights or a mapping from each scheme a step
    converts to (e.g. `"HS2017"`) to its weights; a step without weights splits equally.
    """
    path = _loaded_path(source, target, catalogue)
    needed_for = f"converting {source} to {target}"
    tables = [catalogue.table(table, needed_for) for table, _ in path]
    frame = _start(values)
    carried = [c for c in frame.columns if c not in ("product", "value", *_RESERVED)]
    unmapped: list[str] = []
    for (table, inverted), links in zip(path, tables, strict=True):
        start, end = next(pair for pair, name in EDGES.items() if name == table)
        scheme = start if inverted else end
        step_weights = weights.get(scheme) if isinstance(weights, Mapping) else None
        if isinstance(weights, pa.Table) and scheme == _scheme(target, "target"):
            step_weights = weights
        frame, missing = _step(
            frame,
            links_frame(invert(links) if inverted else links, table),
            _weights_frame(step_weights, carried),
            on_unmapped,
            table + (" (read backwards)" if inverted else ""),
        )
        unmapped.extend(missing)
    return _finish(frame, unmapped, tuple(table for table, _ in path))
