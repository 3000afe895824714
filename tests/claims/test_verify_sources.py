"""Claims on a pair that several sources cover: each figure is compared in its own currency.

The store holds the demo's synthetic Comext 2020 (EUR) and the real IMF Direction of Trade
workbook (Italy by partner, USD), with the ECB's real rates loaded. A claim in USD is
compared with the IMF's USD figure of Italy's declaration, not with Comext's converted to
USD; Belgium's declaration, which only Comext holds, is converted and says so. Expected
figures are read with openpyxl and the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

import bilateral
from bilateral.api import Store
from bilateral.synthetic import write_demo_files
from bilateral.synthetic.demo import DEMO_YEARS
from shared_files import SHARED_DATA, shared

DOTS = SHARED_DATA / "imf_dots" / "DOTS_99_Italy.xlsx"


def dots_exports_to_belgium(year: int) -> float:
    """Return Italy's exports to Belgium in `year` in USD, read from the workbook."""
    book = openpyxl.load_workbook(shared(DOTS), read_only=True)
    rows = list(book["Exports, FOB"].iter_rows(values_only=True))
    book.close()
    column = [int(str(cell)) for cell in rows[6][2:]].index(year) + 2
    belgium = next(row for row in rows[7:] if row[1] == "Belgium")
    return float(str(belgium[column])) * 1e6


def comext_exports(path: Path, reporter: str, partner: str, flow: str) -> float:
    with path.open(newline="") as handle:
        return sum(
            float(row["VALUE_EUR"])
            for row in csv.DictReader(handle)
            if (row["REPORTER"], row["PARTNER"], row["FLOW"]) == (reporter, partner, flow)
        )


@pytest.fixture(scope="module")
def store_and_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    folder = tmp_path_factory.mktemp("claim_sources")
    store = bilateral.open(folder / "store")
    demo_2020 = dict(zip(DEMO_YEARS, write_demo_files(folder / "files"), strict=True))[2020]
    store.ingest(demo_2020, synthetic=True)
    store.ingest(shared(DOTS))
    store.reference.import_dir(shared(SHARED_DATA / "ecb_fx"))
    return store, demo_2020


def test_usd_claim_is_compared_with_the_usd_source(store_and_file: tuple[Store, Path]) -> None:
    store, _ = store_and_file
    dollars = dots_exports_to_belgium(2020)
    claim = f"In 2020 Italian exports to Belgium were ${dollars / 1e9:.1f} billion."
    (check,) = store.check(claim).checks
    assert check.verdict == "supported"
    own = [e for e in check.evidence if e.view == "reporter-reported"]
    assert [(e.source, e.currency, e.conversion) for e in own] == [("imf_dots", "USD", None)]
    assert own[0].value == pytest.approx(dollars, rel=1e-12)
    assert "--currency" not in own[0].query
    (mirror,) = [e for e in check.evidence if e.view == "partner-reported (mirror)"]
    assert (mirror.source, mirror.currency) == ("comext", "USD")
    assert mirror.conversion is not None and "--currency USD" in mirror.query


def test_eur_claim_is_compared_with_the_eur_source(store_and_file: tuple[Store, Path]) -> None:
    store, demo_2020 = store_and_file
    euros = comext_exports(demo_2020, "IT", "BE", "2")
    claim = f"In 2020 Italian exports to Belgium were {euros / 1e9 - 0.2:.1f} billion euros."
    (check,) = store.check(claim).checks
    # The IMF's figure converted to EUR would have borne this out; it is not compared.
    assert check.verdict == "contradicted"
    assert {(e.source, e.currency, e.conversion) for e in check.evidence} == {
        ("comext", "EUR", None)
    }
    own = next(e for e in check.evidence if e.view == "reporter-reported")
    assert own.value == pytest.approx(euros)


def test_growth_claim_compares_each_source_with_itself(store_and_file: tuple[Store, Path]) -> None:
    store, _ = store_and_file
    growth = dots_exports_to_belgium(2020) / dots_exports_to_belgium(2019) - 1
    (check,) = store.check(f"In 2020 Italian exports to Belgium grew {growth:.1%}.").checks
    assert check.verdict == "supported"
    # Comext holds no 2019 here: only the IMF gives a growth, from its own two years.
    assert [(e.source, e.currency) for e in check.evidence] == [("imf_dots", "USD")]
    assert check.evidence[0].value == pytest.approx(growth)
