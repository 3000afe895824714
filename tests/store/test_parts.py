"""The parts an ingest writes: the file's order kept when pairs come together, else sorted."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import bilateral
from bilateral.store.ingest_parts import ClusterOrder
from store.comext_files import row, write_full_v2


def _batch(keys: list[tuple[int, str, str]]) -> pa.RecordBatch:
    years, reporters, partners = zip(*keys, strict=True)
    return pa.record_batch(
        [pa.array(years, pa.int16()), pa.array(reporters), pa.array(partners)],
        names=["year", "reporter", "partner"],
    )


def test_pairs_together_in_any_code_order_hold() -> None:
    order = ClusterOrder()
    order.observe(_batch([(2021, "ZAF", "ITA"), (2021, "ZAF", "ITA"), (2021, "AFG", "BEL")]))
    order.observe(_batch([(2021, "AFG", "BEL"), (2021, "AFG", "ALB")]))  # continues a pair
    assert order.holds


def test_a_pair_that_comes_back_breaks_the_order() -> None:
    order = ClusterOrder()
    order.observe(_batch([(2021, "ZAF", "ITA"), (2021, "AFG", "BEL")]))
    order.observe(_batch([(2021, "ZAF", "ITA")]))  # seen before, in another batch
    assert not order.holds
    within = ClusterOrder()
    within.observe(_batch([(2021, "ZAF", "ITA"), (2021, "AFG", "BEL"), (2021, "ZAF", "ITA")]))
    assert not within.holds


def test_a_file_whose_pairs_come_together_keeps_its_order(tmp_path: Path) -> None:
    # Reporters in the order a publisher's numeric codes give, not in text order.
    pairs = [("SE", "US"), ("BE", "CN"), ("IT", "DE"), ("AT", "NL")]
    products = ("87032310", "29011000", "84713000")
    rows = [
        row(r, p, "export", 2021, 10 * i + k, product=c)
        for i, (r, p) in enumerate(pairs)
        for k, c in enumerate(products)
    ]
    store = bilateral.open(tmp_path / "store")
    store.ingest(write_full_v2(tmp_path / "published.dat", rows))
    [file] = store.snapshot_files("flows")
    table = pq.read_table(file, columns=["reporter", "value"])
    assert table.column("reporter").to_pylist() == [
        iso for iso in ("SWE", "BEL", "ITA", "AUT") for _ in products
    ]
    assert table.column("value").to_pylist() == [float(r["VALUE_EUR"]) for r in rows]
