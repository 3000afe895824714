"""What every source module provides: a header test and a reader of canonical batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import pyarrow as pa

from bilateral.reference import Territory
from bilateral.reference import resolve as default_resolve
from bilateral.schema import (
    FLOW_SCHEMA,
    VALUATION_COLUMNS,
    ImportValuation,
    PartnerCoverage,
    ProductDetail,
    VintageKind,
)
from bilateral.sources.lazy import LazyRows

# The batches a reader yields carry the file's line number of each row beside the canonical
# columns, so that the store can name lines in its own checks (duplicates); it is not stored.
LINE_COLUMN = "_line"
_LINE_FIELD = pa.field(LINE_COLUMN, pa.int64(), nullable=False)
BATCH_SCHEMA = pa.schema(
    [field for field in FLOW_SCHEMA if field.name not in VALUATION_COLUMNS] + [_LINE_FIELD]
)
"""What every reader yields: the canonical columns but the valuation ones, and the line."""
VALUED_BATCH_SCHEMA = BATCH_SCHEMA.append(FLOW_SCHEMA.field("value_cif")).append(
    FLOW_SCHEMA.field("value_fob")
)
"""What a reader of a source with CIF and FOB values yields (Comtrade)."""


def with_valuation(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Return `batch` in VALUED_BATCH_SCHEMA, the valuation columns null if it lacks them."""
    if batch.schema.names == VALUED_BATCH_SCHEMA.names:
        return batch
    missing = pa.nulls(batch.num_rows, pa.float64())
    return pa.RecordBatch.from_arrays(
        [*batch.columns, missing, missing], schema=VALUED_BATCH_SCHEMA
    )


ReplaceScope = Literal["period", "key"]


@dataclass
class ReadOptions:
    """Choices the user makes about a file, not found in it, and the store's resolver.

    `resolve` names territories for formats that take free text or NUTS ids (regional files);
    the store passes its own, which knows the regions of every NUTS list it has loaded.
    """

    vintage: str | None = None
    synthetic: bool = False
    resolve: Callable[[str], Territory] = field(default=default_resolve)


@dataclass
class ReadStats:
    """Counts a reader keeps while it streams; final once the batches are exhausted."""

    rows_read: int = 0
    rows_quarantined: int = 0
    quarantine_notes: list[str] = field(default_factory=list)
    bytes_read: int = 0
    bytes_total: int = 0


@dataclass
class SourceRead:
    """A file being read: its canonical batches and what they replace in the store.

    `replace_scope` "period" means the file is complete for its source and periods (a bulk
    file): ingesting it replaces every stored row of that source and those periods. "key"
    means it is an extract: its rows replace the stored rows with the same key, nothing else.
    """

    source: str
    dataset: str
    path: Path
    batches: Iterator[pa.RecordBatch]
    stats: ReadStats
    replace_scope: ReplaceScope
    complete_products: bool
    # What the rows' vintage is: a "file_date" vintage flags every row `file_dated`.
    vintage_kind: VintageKind = "release"
    # The same rows as one polars query, where the reader has a fast path (bulk files).
    lazy: LazyRows | None = None


class SourceFormat(Protocol):
    """One published file format."""

    name: str
    description: str
    header: str
    # False for extracts (API slices): their rows sum the products asked for, not all trade.
    complete_products: bool
    # How the format values imports: CIF, FOB, both beside the value (value_cif, value_fob).
    import_valuation: ImportValuation
    # Whether its files hold every partner of a reporter's flow, or must be checked against
    # the reporter's WORLD row: ranks and shares among partners need every partner.
    partner_coverage: PartnerCoverage
    # The source id its rows carry (two formats may share one) and the finest product codes
    # it publishes: a trait, not a count, that orders sources a brief cannot tell apart by
    # their data (`bilateral.brief.choice`).
    source: str
    product_detail: ProductDetail

    def matches(self, header: str) -> bool:
        """Say whether a file whose first line is `header` is in this format."""
        ...

    def read(self, path: Path, data_path: Path, options: ReadOptions) -> SourceRead:
        """Read `data_path` (the plain file; `path` is what the user named, maybe an archive)."""
        ...
