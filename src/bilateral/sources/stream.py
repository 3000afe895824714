"""Streaming a large CSV file in blocks, normalising each block while the next is parsed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

import pyarrow as pa
import pyarrow.csv as pacsv

from bilateral.sources.base import ReadStats
from bilateral.sources.text import diagnose_csv

BLOCK_SIZE: Final = 8 << 20

# (raw block, line number of its first row) -> the block in the canonical batch schema
Normalise = Callable[[pa.RecordBatch, int], pa.RecordBatch]


def stream_blocks(
    path: Path,
    data_path: Path,
    columns: Sequence[str],
    normalise: Normalise,
    stats: ReadStats,
) -> Iterator[pa.RecordBatch]:
    """Yield `data_path`'s blocks normalised, every column read as text.

    Normalising block n (pyarrow compute, which releases the GIL) overlaps parsing block n + 1.
    Every column is read, unused ones too, so that pyarrow checks each whole line; a line the
    parser rejects raises the `SourceFormatError` of that line, naming `path`.
    """
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(columns, pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    read_options = pacsv.ReadOptions(block_size=BLOCK_SIZE, use_threads=True)
    parse = pacsv.ParseOptions(ignore_empty_lines=False)
    with pa.OSFile(str(data_path)) as handle, ThreadPoolExecutor(max_workers=1) as pool:
        try:
            reader = pacsv.open_csv(
                handle, read_options=read_options, parse_options=parse, convert_options=convert
            )
            first_line = 2
            pending: Future[pa.RecordBatch] | None = None
            for raw in reader:
                if raw.num_rows == 0:
                    continue
                job = pool.submit(normalise, raw, first_line)
                first_line += raw.num_rows
                if pending is not None:
                    yield pending.result()
                pending = job
                stats.rows_read += raw.num_rows
                stats.bytes_read = handle.tell()
            if pending is not None:
                yield pending.result()
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            diagnosis = diagnose_csv(data_path, len(columns))
            diagnosis.path = path
            raise diagnosis from exc
