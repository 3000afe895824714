"""Converting product values between HS editions with the store's trade as weights.

The UNSD HS2022 -> HS2017 table is the real one (../shared/data); HS2022 620120 (men's
overcoats of cotton ...) became two HS2017 codes, 620111 and 620191. The store holds invented
trade in those two codes, so the expected split is computed by hand.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import bilateral
from bilateral.api import Store
from bilateral.errors import NoDataError, ReferenceNotLoadedError
from store.comext_files import row, write_full_v2

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
VALUES = pa.table({"product": ["620120", "010121"], "value": [1000.0, 40.0]})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("convert")
    opened = bilateral.open(folder / "store")
    rows = [
        row("IT", "BE", "export", 2021, 200, product="62011100", cpa="1413"),
        row("IT", "DE", "export", 2021, 100, product="62011100", cpa="1413"),
        row("IT", "DE", "export", 2021, 900, product="62011900", cpa="1413"),  # 620119: no weight
        row("FR", "BE", "import", 2021, 100, product="62019100", cpa="1413"),
        row("IT", "BE", "export", 2021, 50, product="62XXXXXX", cpa="XXXX"),  # confidential
    ]
    opened.ingest(write_full_v2(folder / "full_v2_202152.dat", rows))
    concordances = folder / "tables"
    concordances.mkdir()
    name = "UNSD_HS2022_to_HS2017_ConversionAndCorrelationTables.xlsx"
    (concordances / name).write_bytes((SHARED_DATA / "concordances" / name).read_bytes())
    opened.reference.import_dir(concordances)
    return opened


def converted(store: Store, **options: object) -> dict[str, float]:
    result = store.convert_products(VALUES, "HS2022", "HS2017", **options)  # type: ignore[arg-type]
    return dict(
        zip(result.table["product"].to_pylist(), result.table["value"].to_pylist(), strict=True)
    )


def test_split_by_the_stores_trade_in_the_target_codes(store: Store) -> None:
    # 620111 holds 200 + 100 (two CN8 lines), 620191 holds 100: a 3:1 split.
    assert converted(store, weights_year=2021) == {"620111": 750.0, "620191": 250.0, "010121": 40.0}


def test_equal_split_without_weights_and_totals_kept(store: Store) -> None:
    result = store.convert_products(VALUES, "HS2022", "HS2017")
    assert converted(store) == {"620111": 500.0, "620191": 500.0, "010121": 40.0}
    assert result.table["ambiguous"].to_pylist() == [True, True, False]
    assert sum(result.table["value"].to_pylist()) == 1040.0


def test_a_year_without_detail_is_an_error(store: Store) -> None:
    with pytest.raises(NoDataError, match="2015"):
        store.convert_products(VALUES, "HS2022", "HS2017", weights_year=2015)


def test_conversion_needs_the_table(tmp_path: Path) -> None:
    with pytest.raises(ReferenceNotLoadedError, match="hs2022_hs2017"):
        bilateral.open(tmp_path).convert_products(VALUES, "HS2022", "HS2017")
