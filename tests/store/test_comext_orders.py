"""A Comext file in another order than the published one stores the same rows and rollups.

Its rows are split into buckets of reporters and sorted into parts (`reporter_split.py`); the
rollups are then grouped by streaming queries over those parts' rows as they are written
(`stream_rollups.grouped_sorted`).
Both orders of one synthetic file (invented figures, not official statistics) must store the
same tables, pass `store check`, and give chapter and CPA division totals equal to sums of the
file's lines computed here with the csv module.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

import bilateral
from bilateral.store import ingest_parts, reporter_split
from bilateral.store.check import check_store
from bilateral.store.reporter_split import SortedPart
from bilateral.synthetic.bulk import write_full_v2

TABLES = ("flows", "rollup_totals", "rollup_products", "product_links")
FLOWS = {"1": "import", "2": "export"}
ROWS = 30_000


def _table(root: Path, name: str) -> pl.DataFrame:
    frame = pl.from_arrow(DeltaTable(str(root / name)).to_pyarrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.sort(frame.columns, nulls_last=True)


def _ingest(path: Path, root: Path) -> None:
    report = bilateral.open(root).ingest(path, synthetic=True)
    assert report.status == "added"
    assert report.rows_stored == ROWS
    assert check_store(root).ok, check_store(root).findings


def _totals_in_file(path: Path) -> dict[tuple[str, str, str], float]:
    """Sum VALUE_EUR by (classification, code, flow) over the file's lines."""
    totals: dict[tuple[str, str, str], float] = defaultdict(float)
    with path.open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            flow, value = FLOWS[line["FLOW"]], float(line["VALUE_EUR"])
            totals["HS2", line["PRODUCT_NC"][:2], flow] += value
            cpa = line["PRODUCT_CPA21"]
            if cpa:
                totals["CPA2", "XX" if "X" in cpa else cpa[:2], flow] += value
    return totals


def test_shuffled_comext_file_stores_what_the_published_order_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reporter_split, "SORT_ROWS", 4_000)  # several sorted parts
    grouped: list[int] = []
    grouped_sorted = ingest_parts.grouped_sorted

    def counted(parts: Iterator[SortedPart], constants: Mapping[str, pl.Expr]) -> object:
        listed = list(parts)
        grouped.append(len(listed))
        return grouped_sorted(iter(listed), constants)

    monkeypatch.setattr(ingest_parts, "grouped_sorted", counted)
    files = {
        order: write_full_v2(
            tmp_path / order / "full_v2_202401.dat",
            rows=ROWS,
            seed=11,
            order=order,  # type: ignore[arg-type]
        )
        for order in ("published", "shuffled")
    }
    _ingest(files["published"], tmp_path / "store-published")
    assert grouped == []  # grouped while the published file streamed in
    _ingest(files["shuffled"], tmp_path / "store-shuffled")
    assert len(grouped) == 1 and grouped[0] > 1  # the sorted parts, grouped after the sort
    for part in (tmp_path / "store-shuffled" / "flows").rglob("*.parquet"):
        # Codes sorted or gathered as enums, and text of one value written as an enum of it,
        # are noted as text in the parts.
        schema = pq.read_schema(part)
        texts = ("reporter", "partner", "product", "product_cpa", "product_scheme", "vintage")
        for code in texts:
            assert pa.types.is_large_string(schema.field(code).type), (part, code)
    for name in TABLES:
        published = _table(tmp_path / "store-published", name)
        assert published.height > 0, name
        assert published.equals(_table(tmp_path / "store-shuffled", name)), name
    products = _table(tmp_path / "store-shuffled", "rollup_products")
    stored = {
        (classification, code, flow): value
        for classification, code, flow, value in products.group_by("classification", "code", "flow")
        .agg(pl.col("value").sum())
        .iter_rows()
    }
    expected = _totals_in_file(files["shuffled"])
    assert stored.keys() == expected.keys()
    for key, value in expected.items():
        assert stored[key] == pytest.approx(value, rel=1e-12), key
