"""A region's trade beside its country's: shares computed by hand from the rows written here."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api import Store
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError
from store.comext_files import row, write_full_v2

REGIONAL = """reporter_region,partner,flow,year,sector_scheme,sector,value,currency
ITD5,BE,export,2020,CPA21,20,150,EUR
ITH5,BE,export,2020,CPA21,28,50,EUR
ITH5,BE,import,2020,CPA21,21,90,EUR
ITH5,BE,export,2021,CPA21,20,260,EUR
ITH5,BE,import,2021,CPA21,21,80,EUR
ITC4,BE,export,2021,CPA21,20,999,EUR
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("regional")
    opened = bilateral.open(folder / "store")
    (folder / "regional.csv").write_text(REGIONAL, encoding="utf-8")
    opened.ingest(folder / "regional.csv")
    for year, exports, imports in ((2020, 1000, 600), (2021, 1300, 800)):
        rows = [row("IT", "BE", "export", year, exports), row("IT", "BE", "import", year, imports)]
        opened.ingest(write_full_v2(folder / f"full_v2_{year}52.dat", rows))
    return opened


def test_region_beside_country(store: Store) -> None:
    result = store.region_share("IT-45", "Belgio", "2020-2021")
    assert (result.region, result.country, result.partner) == ("ITH5", "ITA", "BEL")
    shares = [(r.year, r.region_exports, r.country_exports, r.exports_share, r.imports_share)
              for r in result.rows]  # fmt: skip
    assert shares == [
        (2020, 200.0, 1000.0, pytest.approx(0.2), pytest.approx(90 / 600)),
        (2021, 260.0, 1300.0, pytest.approx(0.2), pytest.approx(0.1)),
    ]
    assert [(r.regional_source, r.national_source) for r in result.rows] == [
        ("regional:tidy", "comext")
    ] * 2
    assert result.provenance is not None
    assert result.provenance.sources == ("comext", "regional:tidy")


def test_a_country_is_not_a_region(store: Store) -> None:
    with pytest.raises(InvalidArgumentError, match="region"):
        store.region_share("Italy", "BE")


def test_region_command(store: Store) -> None:
    result = CliRunner().invoke(
        app, ["region", "ITH5", "BE", "--years", "2021", "--store", str(store.root), "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("2021,regional:tidy,comext,260.0,1300.0,0.2")
