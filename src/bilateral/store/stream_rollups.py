"""The rollups of a file grouped in the same streaming pass that writes its flow parts.

Beside the flows' sink, polars groups the rows by pair, flow, month, product scheme, chapter,
division and flag set (the grouping of `rollups.detail_sql`, with the scheme in place of the
product level it gives), a table much smaller than the file; a file in another order is
grouped so, with its CN8 -> CPA links, part by part as its rows are sorted into parts
(`grouped_sorted`). (A third consumer of the scan would make polars buffer the file: the
links of a published file are grouped by one more streaming query over each written part,
which reads only the columns that vary.) The rollups are then summed from the grouping as
`rollups.py`'s SQL sums its grouping (which `store check` recomputes them with): the flag sets
merged as bits, a quantity sum that is null when every quantity is, the confidential value as
the value of rows whose flags name `confidential`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import polars as pl
import polars.selectors as cs

from bilateral.schema import FLOW_KEY
from bilateral.store.layout import TableName
from bilateral.store.pair_chunks import CHUNK_ROWS, ChunkedPass, pair_seams, partition_columns
from bilateral.store.part_constants import constant_columns_of
from bilateral.store.part_writer import partition_folder
from bilateral.store.parts import ROW_GROUP_ROWS, Part, list_parts, part_name
from bilateral.store.reporter_split import WORD_BITS, SortedPart, in_text_order, packed_word
from bilateral.store.rollup_frames import (
    FLAG_SETS,
    in_columns,
    product_level,
    sum_links,
    with_flag_bits,
)
from bilateral.store.tables import PARTITIONS, ROLLUP_KEY

_DETAIL_KEY: Final = ("source", "reporter", "partner", "flow", "year", "month", "product_scheme")
_LINK_KEY: Final = ("source", "year", "month", "product_scheme", "product", "product_cpa")
_QUANTITIES: Final = "_quantity_count"
_PAIR: Final = ("reporter", "partner")
_TEXT_CODES: Final = ("product", "product_cpa")  # codes whose text the rollups look into
_CONFIDENTIAL_DIVISION: Final = 100  # a CPA code with hidden digits (division "XX")
# Rollup rows in the flows' cluster order, so that a pair's rows share few row groups.
_ORDER: Final[dict[TableName, list[str]]] = {
    "rollup_totals": ["year", "reporter", "partner"],
    "rollup_products": ["year", "reporter", "partner"],
    "product_links": ["year", "month", "product"],
}


@dataclass(frozen=True)
class StreamedRollups:
    """The detail grouping of a file's rows, collected in its streaming pass."""

    detail: pl.DataFrame
    constants: tuple[str, ...] = ()  # columns of one value in every row
    links: pl.DataFrame | None = None  # the CN8 -> CPA links, if grouped with the detail

    @classmethod
    def of(
        cls,
        grouping: pl.DataFrame,
        constants: Mapping[str, pl.Expr],
        links: pl.DataFrame | None = None,
    ) -> StreamedRollups:
        """Return the grouping of `detail_query` with its keys as text, constants put back."""
        codes = {
            "chapter": _two_digits(pl.col("chapter")),
            "division": pl.when(pl.col("division") == _CONFIDENTIAL_DIVISION)
            .then(pl.lit("XX"))
            .otherwise(_two_digits(pl.col("division"))),
        }
        keys = grouping.with_columns(cs.enum().cast(pl.String), **codes, **constants)
        return cls(keys, (*constants,), links)

    def described(self, flows: list[Part]) -> ChunkedPass:
        """Return what the pass over the `flows` parts (in cluster order) finds: the rows,
        periods and vintages the grouping holds, and whether a key repeats.

        Only the key columns that vary are read: each pair's keys are hashed apart
        (`pair_chunks.pass_over_chunks` does the same for other files).
        """
        found = self.summary()
        found.repeats = any(_may_repeat_in_file(part, self.constants) for part in flows)
        return found

    def summary(self) -> ChunkedPass:
        """Return the rows, periods and vintages the grouping holds (no repeated key)."""
        found = ChunkedPass(rows=int(self.detail["rows"].sum()))
        found.periods.update(self.detail.select("year", "month").unique().iter_rows())
        found.vintages.update(self.detail["vintage"].unique().to_list())
        return found


def _may_repeat(chunk: pl.DataFrame, constants: Collection[str]) -> bool:
    """Say whether two rows of `chunk` (whole pairs) might share a key: equal hashes (the
    exact pass tells). Columns of one value in the file (`constants`) are left out.

    (Hashing the pair's two codes with the rest costs less than numbering the pairs.)
    """
    key = [name for name in FLOW_KEY if name not in constants]
    return bool(chunk.select(key).hash_rows().n_unique() < chunk.height)


def _may_repeat_in_file(part: Part, constants: Collection[str]) -> bool:
    """Say whether two rows of the `part` (in cluster order) might share a key (`_may_repeat`),
    read slice by slice in chunks of whole pairs. Only the key columns that vary are read:
    those of one value in the part (by its statistics), in the file or in its partition are
    left out."""
    scan = pl.scan_parquet(part.file, hive_partitioning=False)
    one_value = [name for name in constant_columns_of([part.file]) if name not in _PAIR]
    skip = (*constants, *one_value, *PARTITIONS["flows"])
    names = [name for name in FLOW_KEY if name not in skip]
    scan = scan.select(names)
    carry: pl.DataFrame | None = None
    for offset in range(0, part.rows, CHUNK_ROWS):
        rows = scan.slice(offset, CHUNK_ROWS).collect()
        if carry is not None:
            rows = pl.concat([carry, rows])
        # The last pair may go on in the next slice: it is checked with it.
        last = rows.row(-1, named=True)
        other = pl.any_horizontal(pl.col(name).ne_missing(last[name]) for name in _PAIR)
        before = rows.select(pl.arg_where(other).last()).item()
        ends = 0 if before is None else before + 1
        whole, carry = rows.head(ends), rows.slice(ends)
        if whole.height and _may_repeat(whole, skip):
            return True
    return carry is not None and carry.height > 0 and _may_repeat(carry, skip)


def detail_query(
    rows: pl.LazyFrame, constants: Mapping[str, pl.Expr], codes: Mapping[str, pl.Expr] | None = None
) -> pl.LazyFrame:
    """Return the detail grouping of the flows in `rows`; columns of one value (`constants`)
    are left out, to be put back (`StreamedRollups.of`).

    Chapter and division are grouped as numbers (cheaper keys than text): every row's product
    and CPA code begin with two digits, or the fast path leaves the file to the exact reader;
    a confidential CPA code's division is `_CONFIDENTIAL_DIVISION`. They are taken from the
    text of the codes unless given (`codes`, as `_chapter` and `_division` make them).
    """
    per_row = {"currency": pl.col("currency").min(), "vintage": pl.col("vintage").max()}
    if codes is None:
        codes = {
            "chapter": _chapter(pl.col("product")),
            "division": _division(pl.col("product_cpa")),
        }
    return rows.group_by(
        *(name for name in _DETAIL_KEY if name not in constants),
        *(code.alias(name) for name, code in codes.items()),
        flags="flags",
    ).agg(
        pl.col("value").sum(),
        pl.col("quantity_kg").sum(),
        pl.col("quantity_kg").count().alias(_QUANTITIES),
        pl.len().alias("rows"),
        *(sum_.alias(name) for name, sum_ in per_row.items() if name not in constants),
    )


def _chapter(product: pl.Expr) -> pl.Expr:
    return _first_two_digits(product)


def _division(cpa: pl.Expr) -> pl.Expr:
    return (
        pl.when(cpa.str.contains("X", literal=True))
        .then(pl.lit(_CONFIDENTIAL_DIVISION, pl.UInt8))
        .otherwise(_first_two_digits(cpa))
    )


def _by_code(rows: pl.DataFrame, name: str, of_code: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """Return `of_code` of each row's code in column `name` of `rows`, an enum: computed once
    per value of the enum and gathered by each row's position (a null code gives null)."""
    kind = rows.schema[name]
    assert isinstance(kind, pl.Enum)
    per_value = pl.select(of_code(pl.lit(kind.categories))).to_series()
    return per_value.gather(rows.get_column(name).to_physical()).alias(name)


def _first_two_digits(code: pl.Expr) -> pl.Expr:
    return code.str.slice(0, 2).cast(pl.UInt8, strict=False)


def _two_digits(number: pl.Expr) -> pl.Expr:
    return number.cast(pl.String).str.zfill(2)


def grouped_sorted(
    parts: Iterable[SortedPart], constants: Mapping[str, pl.Expr]
) -> tuple[StreamedRollups, ChunkedPass]:
    """Return the detail grouping and the links of the rows of the sorted parts as they are
    written (`reporter_split.sorted_parts`, rows still in memory), and what the pass over them
    finds (`StreamedRollups.described`).

    The rows are grouped as they are, coded columns as the enums of their part
    (`reporter_split.in_text_order`): each row's chapter and division are found once per
    product and CPA code (`_by_code`), the links grouped by the codes' enums; only the
    groupings are cast to text.
    """
    groupings: list[pl.DataFrame] = []
    links: list[pl.DataFrame] = []
    repeats = False
    for part in parts:
        partition = partition_columns(part.partition)
        coded = part.rows.with_columns(
            in_text_order(part.rows, name) for name in _TEXT_CODES if name in part.rows.columns
        )
        codes = {
            "chapter": _by_code(coded, "product", _chapter),
            "division": _by_code(coded, "product_cpa", _division),
        }
        rows = coded.lazy().with_columns(**partition)
        fixed = {**constants, **partition}
        grouping, linked = pl.collect_all(
            [
                detail_query(rows.with_columns(**codes), constants, {c: pl.col(c) for c in codes}),
                _coded_links_query(rows, fixed),
            ],
            engine="streaming",
        )
        groupings.append(grouping.with_columns(cs.enum().cast(pl.String)))
        links.append(linked)
        repeats = repeats or _may_repeat_in(part, (*constants,))
    streamed = StreamedRollups.of(pl.concat(groupings), constants, sum_links(links))
    found = streamed.summary()
    found.repeats = repeats
    return streamed, found


def _coded_links_query(rows: pl.LazyFrame, fixed: Mapping[str, pl.Expr]) -> pl.LazyFrame:
    """Return `links_query` of `rows` whose product and CPA codes are enums: grouped by the
    enums first (whether a row is linked depends on its group's keys only), the groups' codes
    (and any other enum, such as a scheme of one value in the part) then cast to text and
    chosen as `links_query` chooses rows."""
    keys = [name for name in _LINK_KEY if name not in fixed]
    grouped = rows.group_by(keys).agg(pl.col("value").sum(), pl.len().alias("rows"))
    return (
        grouped.with_columns(cs.enum().cast(pl.String), **fixed)
        .filter(_linked())
        .select(*_LINK_KEY, "value", "rows")
    )


def _may_repeat_in(part: SortedPart, constants: tuple[str, ...]) -> bool:
    """Say whether two rows of a sorted part share a key; the part's partition values are
    left out (one value in the part).

    Its key columns that vary are enums of the part or small numbers: each row's key is
    packed into one 64-bit word (`_packed_keys`; equal keys, and only they, give equal
    words), and the words sorted and compared, which is exact. Keys that do not fit in a word
    are hashed chunk by chunk (`_may_repeat`), coded columns as they are (equal codes, equal
    numbers).
    """
    skip = (*constants, *PARTITIONS["flows"])
    names = [n for n in FLOW_KEY if n in part.rows.columns and n not in skip]
    keys = part.rows.select(names)
    words = _packed_keys(keys)
    if words is not None:
        words.sort()
        return bool((words[1:] == words[:-1]).any())
    keys = keys.rechunk()
    return any(_may_repeat(keys.slice(offset, length), skip) for offset, length in pair_seams(keys))


def _packed_keys(keys: pl.DataFrame) -> np.ndarray | None:
    """Return each row of `keys` packed into one 64-bit word: an enum as its position, a
    number as its distance from the column's least, each plus one (null as zero) in as many
    bits as the column's values need; None if a column is of another kind or they need more
    than a word."""
    packed: list[tuple[pl.Expr, int]] = []
    for name, kind in keys.schema.items():
        column = pl.col(name)
        if isinstance(kind, pl.Enum):
            number, span = column.to_physical().cast(pl.UInt64), len(kind.categories)
        elif kind.is_integer():
            bounds = keys.select(column.min().alias("least"), column.max().alias("most"))
            least, most = bounds.row(0)
            if least is None:
                number, span = pl.lit(None, pl.UInt64), 0
            else:
                number, span = (column.cast(pl.Int64) - least).cast(pl.UInt64), most - least + 1
        else:
            return None
        packed.append(((number + 1).fill_null(0), (span + 1).bit_length()))
    if sum(bits for _, bits in packed) > WORD_BITS:
        return None
    if not packed:  # no key column varies: every row has the same key
        return np.zeros(keys.height, dtype=np.uint64)
    words: np.ndarray = keys.select(packed_word(packed)).to_series().to_numpy(writable=True)
    return words


def write_streamed_rollups(
    streamed: StreamedRollups, flows: list[Part], folder: Path
) -> dict[TableName, list[Part]]:
    """Sum the rollups from the grouping, group the links of the `flows` parts (unless the
    grouping holds them), and write them as parts under `folder/<table>`."""
    links = _links(flows) if streamed.links is None else streamed.links
    rollups = {**summed_rollups(streamed), "product_links": links}
    parts: dict[TableName, list[Part]] = {}
    for name, frame in rollups.items():
        for (source,), rows in (
            frame.sort(_ORDER[name]).partition_by("source", as_dict=True).items()
        ):
            target = folder / name / partition_folder(["source"], {"source": source})
            target.mkdir(parents=True, exist_ok=True)
            rows.drop("source").write_parquet(
                target / part_name(), compression="zstd", row_group_size=ROW_GROUP_ROWS
            )
        parts[name] = list_parts(folder / name)
    return parts


def _links(flows: list[Part]) -> pl.DataFrame:
    """Return the CN8 -> CPA links of the rows of the `flows` parts (as `rollups.links_sql`),
    grouped part by part (one streaming query each: memory holds one part's groups)."""
    links = []
    for part in flows:
        scan = pl.scan_parquet(part.file, hive_partitioning=False)
        schema = scan.collect_schema()
        fixed = {
            **{
                name: pl.lit(value, schema[name])
                for name, value in constant_columns_of([part.file]).items()
                if name in _LINK_KEY
            },
            **partition_columns(part.partition_values),
        }
        links.append(links_query(scan, fixed).collect(engine="streaming"))
    return sum_links(links)


def links_query(rows: pl.LazyFrame, fixed: Mapping[str, pl.Expr]) -> pl.LazyFrame:
    """Return the query of the CN8 -> CPA links of `rows` (as `rollups.links_sql`), to sum
    with `rollup_frames.sum_links`; columns of one value (`fixed`, literals) are not grouped
    by (text keys cost most of the grouping) but put back."""
    return (
        rows.with_columns(**fixed)
        .filter(_linked())
        .group_by(name for name in _LINK_KEY if name not in fixed)
        .agg(pl.col("value").sum(), pl.len().alias("rows"))
        .with_columns(**fixed)
        .select(*_LINK_KEY, "value", "rows")
    )


def _linked() -> pl.Expr:
    """Say whether a row's codes make a CN8 -> CPA link (as `rollups.links_sql`)."""
    cpa = pl.col("product_cpa")
    return (
        pl.col("product_scheme").str.starts_with("CN")
        & cpa.is_not_null()
        & ~pl.col("product").str.contains("X", literal=True)
        & ~cpa.str.contains("X", literal=True)
    )


def summed_rollups(streamed: StreamedRollups) -> dict[TableName, pl.DataFrame]:
    """Return the rollups summed from the grouping, as `rollups.py`'s SQL sums them.

    Columns of one value in the file are not grouped by nor summed (text keys cost most of
    the sums) but put back.
    """
    level = product_level()
    detail = streamed.detail.with_columns(
        product_level=level,
        chapter=pl.when(level.is_in(["CN8", "HS6", "HS4", "HS2"])).then("chapter"),
    )
    detail, present = with_flag_bits(detail)
    fixed = _one_values(detail, streamed.constants)
    keys = [name for name in ROLLUP_KEY if name not in fixed]
    per_file = {"currency": pl.col("currency").min(), "vintage": pl.col("vintage").max()}
    measures = [
        pl.col("value").sum(),
        pl.col("confidential_value").sum(),
        pl.col("quantity_kg").sum(),
        pl.col(_QUANTITIES).sum(),
        pl.col("rows").sum(),
        *((pl.col("flag_bits") & bit).max().alias(f"_bit{bit}") for bit in present),
        *(sum_.alias(name) for name, sum_ in per_file.items() if name not in fixed),
    ]
    merged = pl.sum_horizontal(pl.col(f"_bit{bit}") for bit in present) if present else pl.lit(0)
    finish = {
        "quantity_kg": pl.when(pl.col(_QUANTITIES) > 0).then("quantity_kg"),
        "flags": merged.replace_strict(FLAG_SETS, return_dtype=pl.String),
        **fixed,
    }
    # Lazy: polars' query engine sums the groups in fewer steps than its eager `group_by`.
    rows = detail.lazy()
    totals, products = pl.collect_all(
        [
            rows.group_by(keys).agg(measures).with_columns(**finish),
            pl.concat(
                [
                    rows.filter(pl.col(code).is_not_null())
                    .group_by(*keys, code)
                    .agg(measures)
                    .with_columns(classification=pl.lit(classification), code=pl.col(code))
                    for code, classification in (("chapter", "HS2"), ("division", "CPA2"))
                ],
                how="diagonal_relaxed",
            ).with_columns(**finish),
        ]
    )
    return {
        "rollup_totals": in_columns(totals, "rollup_totals"),
        "rollup_products": in_columns(products, "rollup_products"),
    }


def _one_values(detail: pl.DataFrame, constants: Collection[str]) -> dict[str, pl.Expr]:
    """Return the rollups' keys and per-file columns that hold one value in every row of
    `detail` (the file's `constants`, and the product level of a file of one scheme), as
    literals."""
    names = [
        name
        for name in (*ROLLUP_KEY, "currency", "vintage")
        if name in constants or (name == "product_level" and "product_scheme" in constants)
    ]
    if detail.height == 0:
        return {}
    first = detail.select(names).row(0, named=True)
    return {name: pl.lit(first[name], detail.schema[name]) for name in names}
