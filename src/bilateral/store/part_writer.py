"""Writing a stream of batches as a table's Parquet parts, one per partition, as they come.

Each batch is split by its partition values and appended to that partition's open file, so
memory holds one batch at a time whatever the file's size, and rows keep their order. A text
column that comes as an Arrow dictionary (a polars enum, such as a column of one value) is
written as a Parquet dictionary as it is, not hashed row by row; the file's footer notes the
table's schema, so readers see text.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Final
from urllib.parse import quote

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bilateral.store.layout import TableName
from bilateral.store.parts import ROW_GROUP_ROWS
from bilateral.store.tables import PARTITIONS, SCHEMAS

_TEXT_DICTIONARY: Final = pa.dictionary(pa.int32(), pa.string())
_ARROW_SCHEMA: Final = b"ARROW:schema"


def _schema_note(schema: pa.Schema) -> dict[bytes, bytes]:
    """Return the footer note pyarrow writes for `schema` (the columns' Arrow types)."""
    empty = io.BytesIO()
    pq.write_table(schema.empty_table(), empty)
    return {_ARROW_SCHEMA: pq.read_metadata(io.BytesIO(empty.getvalue())).metadata[_ARROW_SCHEMA]}


def _file_schema(table: pa.Schema, given: pa.Schema) -> tuple[pa.Schema, list[str]]:
    """Return the schema a file of `table`'s rows is written in, its text columns that are
    dictionaries in `given` (the first rows') as dictionaries, and those columns' names."""
    encoded = [
        field.name
        for field in table
        if field.type == pa.string() and pa.types.is_dictionary(given.field(field.name).type)
    ]
    for name in encoded:
        index = table.get_field_index(name)
        table = table.set(index, table.field(index).with_type(_TEXT_DICTIONARY))
    return table, encoded


def partition_folder(partitions: Sequence[str], values: dict[str, object]) -> str:
    """Return the hive folder of partition values, escaped as Delta and DuckDB write them."""
    return "/".join(f"{name}={quote(str(values[name]), safe='')}" for name in partitions)


class PartWriter:
    """One open Parquet file per partition of table `name` under `folder`; `close` when done."""

    def __init__(
        self, folder: Path, name: TableName = "flows", dictionary: Sequence[str] | None = None
    ) -> None:
        """`dictionary`: the only columns to dictionary-encode (all when None); a column of
        one or a few values in a chunk costs more to encode so than it saves, unless it comes
        as a dictionary already (such columns are always written as dictionaries)."""
        self.folder = folder
        self.rows = 0
        self._dictionary: Final[bool | list[str]] = True if dictionary is None else list(dictionary)
        self._partitions: Final = PARTITIONS[name]
        self._schema: Final = pa.schema(
            [f for f in SCHEMAS[name] if f.name not in self._partitions]
        )
        self._schema_of_table: Final = SCHEMAS[name]
        self._writers: dict[tuple[object, ...], tuple[pq.ParquetWriter, pa.Schema]] = {}

    def write(self, batch: pa.RecordBatch) -> None:
        """Append `batch` (the table's columns, any extra ignored) to its partitions' files."""
        if batch.num_rows == 0:
            return
        table = pa.Table.from_batches([batch])
        single = self._single_key(table)
        if single is None:
            table = self._plain_partitions(table)
        keys = (
            [single]
            if single is not None
            else table.select(self._partitions).group_by(self._partitions).aggregate([]).to_pylist()
        )
        for key in keys:
            part = table
            if len(keys) > 1:
                masks = [pc.equal(table[name], key[name]) for name in self._partitions]
                part = table.filter(masks[0] if len(masks) == 1 else pc.and_(*masks))
            part = part.select(self._schema.names)
            writer, schema = self._writer(key, part.schema)
            writer.write_table(part.cast(schema), row_group_size=ROW_GROUP_ROWS)
            self.rows += part.num_rows

    def _single_key(self, table: pa.Table) -> dict[str, object] | None:
        """Return the partition values of `table` if all its rows share them (bounds only)."""
        key: dict[str, object] = {}
        for name in self._partitions:
            column = table.column(name)
            if column.null_count:
                return None
            if pa.types.is_dictionary(column.type):
                dictionaries = {tuple(chunk.dictionary.to_pylist()) for chunk in column.chunks}
                if len(dictionaries) != 1 or len(one := dictionaries.pop()) != 1:
                    return None
                key[name] = one[0]
                continue
            bounds = pc.min_max(column).as_py()
            if bounds["min"] != bounds["max"]:
                return None
            key[name] = bounds["min"]
        return key

    def _plain_partitions(self, table: pa.Table) -> pa.Table:
        """Return `table` with its partition columns that are dictionaries as plain values."""
        for name in self._partitions:
            index = table.schema.get_field_index(name)
            if pa.types.is_dictionary(table.schema.field(index).type):
                plain = table.column(index).cast(self._schema_of_table.field(name).type)
                table = table.set_column(index, name, plain)
        return table

    def _writer(
        self, key: dict[str, object], given: pa.Schema
    ) -> tuple[pq.ParquetWriter, pa.Schema]:
        """Return the open file of partition `key` and the schema its rows are written in: the
        table's, with the text columns that come as dictionaries in its first rows (`given`)
        as dictionaries."""
        values = tuple(key[name] for name in self._partitions)
        found = self._writers.get(values)
        if found is None:
            folder = self.folder / partition_folder(self._partitions, key)
            target = folder / f"part-{uuid.uuid4()}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            schema, encoded = _file_schema(self._schema, given)
            dictionary = self._dictionary
            if not isinstance(dictionary, bool):
                dictionary = [*dictionary, *encoded]
            # pyarrow would note the dictionaries as such; the note says text instead.
            writer = pq.ParquetWriter(
                target,
                schema.with_metadata(_schema_note(self._schema)),
                compression="zstd",
                use_dictionary=dictionary,
                store_schema=False,
            )
            found = self._writers[values] = (writer, schema)
        return found

    def close(self) -> None:
        """Finish every file (their footers are written here)."""
        for writer, _ in self._writers.values():
            writer.close()
        self._writers.clear()
