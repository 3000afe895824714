"""Clustering rows that come in another order: split into buckets of reporters, each sorted.

polars' streaming engine writes the rows into a few files per partition, one per bucket of
reporters (those whose codes begin with one character), on every core and in bounded memory
(no global sort); the files are left uncompressed, as they are read once. Buckets are then
sorted, in the order of their codes, by reporter, partner and product, one polars query per
group of about `SORT_ROWS` rows, into the partition's parts: every part is in cluster order
and holds a range of reporters, as a published file's part does, while memory holds a few
buckets at a time; a bucket with more than `SORT_ROWS` rows is read in ranges of pairs
(reporter and partner), each sorted apart. The parts are then checked and rolled up as a
published file's part is (`pair_chunks.py`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Final

import numpy as np
import polars as pl
import pyarrow.parquet as pq

from bilateral.errors import StoreError
from bilateral.store.part_constants import constant_columns_of
from bilateral.store.part_writer import partition_folder
from bilateral.store.parts import ROW_GROUP_ROWS, Part, list_parts, part_name
from bilateral.store.tables import PARTITIONS
from bilateral.store.text_note import text_schema_note

SORT_ROWS: Final = 1 << 21
# A bucket holds the reporters whose codes begin with one character: few enough buckets that
# the sink's open files hold little memory, and in the order of the codes, so that each part
# holds a range of reporters (a query's reporter falls in few row groups' bounds).
_BUCKET_CHARACTERS: Final = 1
SPLIT_ROW_GROUP_ROWS: Final = 1 << 15
SPLIT_COMPRESSION: Final = "uncompressed"
_BUCKET: Final = "bucket"
WORD_BITS: Final = 64
_ORDER: Final = ("reporter", "partner", "product")
# Text codes of few values, not sorted by, made enums too: gathered as numbers, not as text.
ENUM_CODES: Final = ("product_cpa",)
_PARTITIONS: Final = PARTITIONS["flows"]
# Faster than polars' default level and, on rows in cluster order, no larger.
_PART_COMPRESSION_LEVEL: Final = 1
# The split files' footer names the text columns of one value the sink left out.
_LEFT_OUT_NOTE: Final = "bilateral.split.left_out"


def _text(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String).fill_null("")


_PAIR: Final = ("reporter", "partner")


def by_reporter(folder: Path) -> pl.PartitionBy:
    """Return where a sink writes one file per bucket of reporters under `folder`."""
    bucket = pl.col("reporter").cast(pl.String).str.slice(0, _BUCKET_CHARACTERS)
    return pl.PartitionBy(
        folder, key={_BUCKET: bucket}, include_key=False, approximate_bytes_per_file=None
    )


def split_rows(
    rows: pl.LazyFrame, constants: Mapping[str, pl.Expr]
) -> tuple[pl.LazyFrame, dict[str, str]]:
    """Return the columns of `rows` a split sink writes, and the files' footer: the text
    columns of one value in the file (`constants`) are left out, their values and the
    columns' order noted in the footer, and put back when the buckets are sorted (`_ranges`);
    enums are kept as enums."""
    schema = rows.collect_schema()
    one_value = [name for name in schema if name in constants and schema[name] == pl.String]
    exprs = [constants[name].alias(name) for name in one_value]
    found = pl.select(exprs).row(0, named=True) if exprs else {}
    texts = {name: value for name, value in found.items() if isinstance(value, str)}
    kept = rows.drop(*texts)
    note = {"columns": list(schema), "constants": texts}
    metadata = text_schema_note(kept.collect_schema(), [])
    return kept, {**metadata, _LEFT_OUT_NOTE: json.dumps(note)}


def _left_out(file: Path, schema: pl.Schema) -> tuple[pl.Schema, dict[str, object]]:
    """Return the whole schema of the rows of a split `file` and the text columns of one value
    its sink left out (`split_rows`), with their values (none if it left none out)."""
    metadata = pq.read_metadata(file).metadata or {}
    note = metadata.get(_LEFT_OUT_NOTE.encode())
    if note is None:
        return schema, {}
    found = json.loads(note)
    whole = pl.Schema({name: schema.get(name, pl.String()) for name in found["columns"]})
    return whole, dict(found["constants"])


def split_parts(flows: Path, split: Path) -> None:
    """Move the flow parts under `flows` to `split`, one file per partition and bucket."""
    parts = list_parts(flows)
    for folder, files in groupby(parts, key=lambda part: part.file.parent):
        relative = folder.relative_to(flows)
        scan = pl.scan_parquet([part.file for part in files], hive_partitioning=False)
        scan.sink_parquet(
            by_reporter(split / relative),
            compression=SPLIT_COMPRESSION,
            row_group_size=SPLIT_ROW_GROUP_ROWS,
            mkdir=True,
        )
    shutil.rmtree(flows)


@dataclass(frozen=True)
class SortedPart:
    """The rows of one part just written, still in memory, and its partition's values."""

    partition: dict[str, str | None]
    rows: pl.DataFrame


def sort_split(split: Path, flows: Path) -> None:
    """Write the rows under `split` as parts under `flows`, each in cluster order."""
    for _ in sorted_parts(split, flows):
        pass


def sorted_parts(split: Path, flows: Path) -> Iterator[SortedPart]:
    """Write the rows under `split` as parts under `flows`, each in cluster order; yield each
    part's rows once written, so that the pass over them need not read them back.

    One polars query per group of buckets (or ranges of one bucket) of about `SORT_ROWS` rows
    reads them, sorts them by reporter, partner and product and sinks them into a part.
    """
    expected = sum(part.rows for part in list_parts(split))
    for partition, buckets in _buckets(split):
        target = flows / partition_folder(_PARTITIONS, dict(partition))
        ranges = [ranges for bucket in buckets for ranges in _ranges(bucket)]
        # A part holds about `SORT_ROWS` rows, so that memory stays bounded; a pair's rows
        # never span two parts.
        for group in _groups_of_rows(ranges):
            rows = _sorted(group)
            target.mkdir(parents=True, exist_ok=True)
            rows.lazy().sink_parquet(
                target / part_name(),
                compression="zstd",
                compression_level=_PART_COMPRESSION_LEVEL,
                row_group_size=ROW_GROUP_ROWS,
                metadata=text_schema_note(rows.schema),
            )
            yield SortedPart(partition, rows)
            del rows
    written = sum(part.rows for part in list_parts(flows))
    if written != expected:  # never drop rows
        raise StoreError(f"clustering kept {written} of {expected} rows")


@dataclass(frozen=True)
class _Range:
    """Rows of one bucket: the columns that vary, the others' one value, the file's schema."""

    varying: pl.LazyFrame
    rows: int
    constants: dict[str, object]
    schema: pl.Schema

    def whole(self) -> pl.LazyFrame:
        """Return the rows with every column."""
        return self.varying.with_columns(_literals(self)).select(list(self.schema))


def _literals(range_: _Range) -> list[pl.Expr]:
    return [pl.lit(v, range_.schema[k]).alias(k) for k, v in range_.constants.items()]


def _one_value_columns(range_: _Range) -> list[pl.Expr]:
    """Return the columns of one value of `range_` as literals, text as enums of that value
    (written as a dictionary of one value, not value by value; noted as text)."""
    return [
        pl.lit(value, pl.Enum([value])).alias(name)
        if range_.schema[name] == pl.String and isinstance(value, str)
        else pl.lit(value, range_.schema[name]).alias(name)
        for name, value in range_.constants.items()
    ]


def _groups_of_rows(ranges: list[_Range]) -> Iterator[list[_Range]]:
    """Yield consecutive ranges in groups of at most about `SORT_ROWS` rows."""
    group: list[_Range] = []
    held = 0
    for range_ in ranges:
        if group and held + range_.rows > SORT_ROWS:
            yield group
            group, held = [], 0
        group.append(range_)
        held += range_.rows
    if group:
        yield group


def _buckets(split: Path) -> Iterator[tuple[dict[str, str | None], list[list[Part]]]]:
    """Yield each partition's values and its buckets' files, in the order of their reporters."""
    folders: dict[Path, list[Part]] = {}
    for part in list_parts(split):
        folders.setdefault(part.file.parent, []).append(part)
    partitions: dict[Path, list[list[Part]]] = {}
    for folder, parts in sorted(folders.items()):
        partitions.setdefault(folder.parent, []).append(parts)
    for folder in sorted(partitions):
        buckets = sorted(partitions[folder], key=lambda parts: _first_reporter(parts[0].file))
        values = buckets[0][0].partition_values
        yield {name: values.get(name) for name in _PARTITIONS}, buckets


def _first_reporter(file: Path) -> tuple[bool, str]:
    """Return the first reporter of a file (from its statistics), nulls last."""
    metadata = pq.read_metadata(file)
    column = metadata.schema.names.index("reporter")
    found = [
        str(statistics.min)
        for group in range(metadata.num_row_groups)
        if (statistics := metadata.row_group(group).column(column).statistics) is not None
        and statistics.has_min_max
    ]
    return (False, min(found)) if found else (True, "")


def _sorted(group: list[_Range]) -> pl.DataFrame:
    """Return the rows of `group` sorted by reporter, partner and product, ties kept in order.

    Columns of one value in the whole group are put back after the sort, not sorted. The
    sorted columns, and the text codes of `ENUM_CODES`, are turned into enums of their values
    in order (written as text, see `text_note.py`): they sort as numbers, and are gathered and
    written as numbers.
    """
    first = group[0]
    same = all(r.constants == first.constants and r.schema == first.schema for r in group)
    frames = [r.varying for r in group] if same else [r.whole() for r in group]
    rows = pl.concat(frames).collect() if len(frames) > 1 else frames[0].collect()
    coded = [*_ORDER, *(name for name in ENUM_CODES if rows.schema.get(name) == pl.String)]
    rows = rows.with_columns(in_text_order(rows, name) for name in coded)
    rows = rows[sort_permutation(rows, _ORDER)]
    if same:
        rows = rows.with_columns(_one_value_columns(first))
    return rows.select(list(first.schema))


def in_text_order(rows: pl.DataFrame, name: str) -> pl.Expr:
    """Return column `name` of `rows` as an enum of its values in the order of their text."""
    kind = rows.schema[name]
    if isinstance(kind, pl.Enum):
        texts = kind.categories.sort()
        if texts.equals(kind.categories):
            return pl.col(name)
    else:
        texts = rows.get_column(name).cast(pl.String).unique().drop_nulls().sort()
    return pl.col(name).cast(pl.String).cast(pl.Enum(texts))


def sort_permutation(rows: pl.DataFrame, columns: Sequence[str]) -> pl.Series:
    """Return the stable order of `rows` by `columns`, enums of their values in text order
    (`in_text_order`), nulls first.

    Sorting numbers is many times faster than sorting text: the enums' positions are packed
    into as few 64-bit words as hold them (one, unless the values are very many), and the
    words sorted one after the other, least significant first, each sort stable; one word
    with room for the row positions below it is sorted with them (`_sorted_with_index`).
    """
    words: list[pl.Expr] = []
    packed: list[tuple[pl.Expr, int]] = []  # positions in the word being filled, their bits
    for name in columns:
        kind = rows.schema[name]
        assert isinstance(kind, pl.Enum)
        bits = (len(kind.categories) + 1).bit_length()
        if packed and sum(b for _, b in packed) + bits > WORD_BITS:
            words.append(packed_word(packed))
            packed = []
        packed.append((pl.col(name).to_physical().cast(pl.UInt64).add(1).fill_null(0), bits))
    words.append(packed_word(packed))
    index_bits = max(rows.height - 1, 0).bit_length()
    if len(words) == 1 and sum(b for _, b in packed) + index_bits <= WORD_BITS:
        return _sorted_with_index(rows.select(words[0]).to_series().to_numpy(), index_bits)
    order = pl.int_range(rows.height, eager=True, dtype=pl.UInt32)
    for word in reversed(words):
        stable = pl.arg_sort_by(word.gather(order), maintain_order=True)
        order = order.gather(rows.select(stable).to_series())
    return order


def _sorted_with_index(word: np.ndarray, index_bits: int) -> pl.Series:
    """Return the stable order of `word`: each row's position packed below its word, so that
    no two keys are equal and an unstable sort of the keys themselves (many times faster than
    a stable sort of positions) gives the positions in the order a stable sort would."""
    keys = (word << np.uint64(index_bits)) | np.arange(len(word), dtype=np.uint64)
    keys.sort()
    return pl.Series(keys & np.uint64((1 << index_bits) - 1), dtype=pl.UInt64).cast(pl.UInt32)


def packed_word(packed: list[tuple[pl.Expr, int]]) -> pl.Expr:
    """Return the numbers of `packed` (each with its width in bits) in one 64-bit word, the
    first in the highest bits: words order as the numbers do, one after the other."""
    shift = sum(bits for _, bits in packed)
    word = pl.lit(0, pl.UInt64)
    for number, bits in packed:
        shift -= bits
        word = word + number * pl.lit(1 << shift, pl.UInt64)
    return word


def _ranges(bucket: list[Part]) -> list[_Range]:
    """Return one bucket's rows in ranges of pairs of at most about `SORT_ROWS` rows each
    (one range if the bucket holds no more), each with its number of rows.

    Columns of one value in every file are read from the statistics only, not sorted.
    """
    files = [part.file for part in bucket]
    written = pl.Schema(pl.read_parquet_schema(files[0]))
    schema, left_out = _left_out(files[0], written)
    constant = {k: v for k, v in constant_columns_of(files).items() if k not in _ORDER}
    constant.update(left_out)
    varying = [name for name in written if name not in constant]
    scan = pl.scan_parquet(files, hive_partitioning=False).select(varying)
    total = sum(part.rows for part in bucket)
    if total <= SORT_ROWS:
        ranges = [(scan, total)]
    else:
        ranges = [
            (scan.join(pairs.lazy(), on=_PAIR, how="semi", nulls_equal=True), rows)
            for pairs, rows in _pair_ranges(scan)
        ]
    return [_Range(frame, rows, constant, schema) for frame, rows in ranges]


def _pair_ranges(scan: pl.LazyFrame) -> Iterator[tuple[pl.DataFrame, int]]:
    """Split the pairs of `scan`, in the order of their codes, into ranges of at most about
    `SORT_ROWS` rows each; yield each range's pairs and rows.

    The pairs are counted as the codes come (enums as numbers), and only the counts sorted
    as text: a range is read back by its pairs, not by comparing each row's codes as text.
    """
    counts = scan.group_by(*_PAIR).len().collect().sort(_text("reporter"), _text("partner"))
    ranges: list[list[int]] = []  # the first and last positions of each range's pairs
    held: list[int] = []
    for position, count in enumerate(counts.get_column("len")):
        if not ranges or held[-1] + count > SORT_ROWS:
            ranges.append([position, position])
            held.append(0)
        ranges[-1][1] = position
        held[-1] += count
    for (first, last), rows in zip(ranges, held, strict=True):
        yield counts.slice(first, last - first + 1).select(_PAIR), rows
