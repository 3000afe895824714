"""Source formats: detect a file's format from its header and read it as canonical batches."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from bilateral.errors import SourceFormatError, UnknownFormatError
from bilateral.sources.archive import data_file
from bilateral.sources.baci import Baci
from bilateral.sources.base import (
    BATCH_SCHEMA,
    LINE_COLUMN,
    VALUED_BATCH_SCHEMA,
    ReadOptions,
    ReadStats,
    SourceFormat,
    SourceRead,
    with_valuation,
)
from bilateral.sources.comext_bulk import ComextBulk
from bilateral.sources.comext_cpa import ComextCpa
from bilateral.sources.comext_sdmx import ComextSdmx
from bilateral.sources.comtrade import ComtradeCsv
from bilateral.sources.comtrade_json import ComtradeJson
from bilateral.sources.imf_dots import ImfDots
from bilateral.sources.imf_sdmx import ImfSdmx
from bilateral.sources.istat_coeweb import IstatCoeweb
from bilateral.sources.istat_sdmx import IstatSdmx
from bilateral.sources.regional_tidy import RegionalTidy
from bilateral.sources.text import read_header
from bilateral.sources.workbook import is_workbook, workbook_header

__all__ = [
    "BATCH_SCHEMA",
    "FORMATS",
    "LINE_COLUMN",
    "VALUED_BATCH_SCHEMA",
    "ReadOptions",
    "ReadStats",
    "SourceFormat",
    "SourceRead",
    "detect",
    "open_source",
    "with_valuation",
]

FORMATS: tuple[SourceFormat, ...] = (
    ComextBulk(),
    ComextSdmx(),
    RegionalTidy(),
    ComtradeCsv(),
    ComtradeJson(),
    Baci(),
    ComextCpa(),
    IstatSdmx(),
    IstatCoeweb(),
    ImfDots(),
    ImfSdmx(),
)


def detect(path: Path, header: str) -> SourceFormat:
    """Return the format whose header `header` is; name the closest one if none matches."""
    for candidate in FORMATS:
        if candidate.matches(header):
            return candidate
    similarity = {
        known.name: difflib.SequenceMatcher(None, known.header, header).ratio() for known in FORMATS
    }
    closest = max(FORMATS, key=lambda known: similarity[known.name])
    found = header.split(",")
    expected = closest.header.split(",")
    missing = [name for name in expected if name not in found]
    unexpected = [name for name in found if name not in expected]
    detail = ""
    # Name the differences only when the header is nearly a known one (a renamed column, say).
    if similarity[closest.name] >= 0.6 and (missing or unexpected):
        detail = f" (closest: {closest.name}; missing {missing}, unexpected {unexpected})"
    raise UnknownFormatError(
        path,
        "the header matches no known format" + detail,
        line=1,
        value=header[:200],
        expected="one of: " + "; ".join(f.description for f in FORMATS),
    )


@contextlib.contextmanager
def open_source(
    path: Path, options: ReadOptions | None = None, member: str | None = None
) -> Iterator[SourceRead]:
    """Detect `path`'s format (unpacking archives) and yield the reader of its rows.

    `member` names the data file to read from an archive that holds several (BACI's yearly
    files in one release archive).
    """
    if not path.exists():
        raise SourceFormatError(path, "no such file", value=str(path), expected="a data file")
    if not path.is_file():
        raise SourceFormatError(path, "not a file", value=str(path), expected="a data file")
    with data_file(path, member) as plain:
        try:
            header = workbook_header(plain) if is_workbook(plain) else read_header(plain)
        except SourceFormatError as error:
            error.path = path
            raise
        source_format = detect(path, header)
        read = source_format.read(path, plain, options or ReadOptions())
        read.stats.bytes_total = plain.stat().st_size
        if read.vintage_kind == "file_date":
            read.batches = flagged_file_dated(read.batches)
        yield read


def flagged_file_dated(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Add the flag `file_dated` to every row: its vintage is the file's date, not a release."""
    for batch in batches:
        index = batch.schema.get_field_index("flags")
        flags = batch.column(index)
        joined = pc.if_else(
            pc.or_kleene(pc.is_null(flags), pc.equal(flags, "")),
            pa.scalar("file_dated"),
            pc.binary_join_element_wise(flags, pa.scalar("file_dated"), ","),
        )
        yield batch.set_column(index, batch.schema.field(index), joined)
