"""Writing a stream of batches as a table's Parquet parts, one per partition, as they come.

Each batch is split by its partition values and appended to that partition's open file, so
memory holds one batch at a time whatever the file's size, and rows keep their order.
"""

from __future__ import annotations

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


def partition_folder(partitions: Sequence[str], values: dict[str, object]) -> str:
    """Return the hive folder of partition values, escaped as Delta and DuckDB write them."""
    return "/".join(f"{name}={quote(str(values[name]), safe='')}" for name in partitions)


class PartWriter:
    """One open Parquet file per partition of table `name` under `folder`; `close` when done."""

    def __init__(
        self, folder: Path, name: TableName = "flows", dictionary: Sequence[str] | None = None
    ) -> None:
        """`dictionary`: the only columns to dictionary-encode (all when None); a column of
        one or a few values in a chunk costs more to encode so than it saves."""
        self.folder = folder
        self.rows = 0
        self._dictionary: Final = True if dictionary is None else list(dictionary)
        self._partitions: Final = PARTITIONS[name]
        self._schema: Final = pa.schema(
            [f for f in SCHEMAS[name] if f.name not in self._partitions]
        )
        self._writers: dict[tuple[object, ...], pq.ParquetWriter] = {}

    def write(self, batch: pa.RecordBatch) -> None:
        """Append `batch` (the table's columns, any extra ignored) to its partitions' files."""
        if batch.num_rows == 0:
            return
        table = pa.Table.from_batches([batch])
        single = self._single_key(table)
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
            self._writer(key).write_table(
                part.select(self._schema.names).cast(self._schema), row_group_size=ROW_GROUP_ROWS
            )
            self.rows += part.num_rows

    def _single_key(self, table: pa.Table) -> dict[str, object] | None:
        """Return the partition values of `table` if all its rows share them (bounds only)."""
        key: dict[str, object] = {}
        for name in self._partitions:
            column = table.column(name)
            if column.null_count:
                return None
            bounds = pc.min_max(column).as_py()
            if bounds["min"] != bounds["max"]:
                return None
            key[name] = bounds["min"]
        return key

    def _writer(self, key: dict[str, object]) -> pq.ParquetWriter:
        values = tuple(key[name] for name in self._partitions)
        writer = self._writers.get(values)
        if writer is None:
            folder = self.folder / partition_folder(self._partitions, key)
            target = folder / f"part-{uuid.uuid4()}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(
                target, self._schema, compression="zstd", use_dictionary=self._dictionary
            )
            self._writers[values] = writer
        return writer

    def close(self) -> None:
        """Finish every file (their footers are written here)."""
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
