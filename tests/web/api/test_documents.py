"""Every table endpoint's JSON document: what was asked, then provenance, notes and rows.

On the real store (UN Comtrade 2022, ../shared/data) the provenance names the file's source
and currency, read here with the csv module.
"""

from __future__ import annotations

import csv

import pytest
from fastapi.testclient import TestClient

from shared_files import COMTRADE_2022, shared

URLS = [  # (the URL, the source of its figures); the BACI subset has products, Comtrade not
    ("/api/v1/profile/CHN/DEU?years=2022", "comtrade"),
    ("/api/v1/partners/DEU?year=2022", "comtrade"),
    ("/api/v1/mirror/CHN/DEU?years=2022", "comtrade"),
    ("/api/v1/series/CHN/DEU?years=2022", "comtrade"),
    ("/api/v1/sectors/AFG/ZAF?year=2021&scheme=hs2", "baci"),
    ("/api/v1/products/AFG/ZAF?year=2021&depth=4", "baci"),
    ("/api/v1/indicators/AFG/ZAF?year=2021", "baci"),
]


def _published() -> tuple[set[str], set[str]]:
    """Return the classification and the period of the Comtrade file's lines (csv module)."""
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        lines = list(csv.DictReader(handle))
    return {line["reporterISO"] for line in lines}, {line["refYear"] for line in lines}


@pytest.mark.parametrize(("url", "source"), URLS)
def test_every_document_carries_its_provenance(real: TestClient, url: str, source: str) -> None:
    answered = real.get(url)
    assert answered.status_code == 200, answered.text
    document = answered.json()
    keys = list(document)
    assert keys.index("provenance") < keys.index("notes") < keys.index("rows")
    provenance = document["provenance"]
    assert provenance["sources"] == [source]
    assert provenance["currency"] == ("" if "indicators" in url else "USD")  # ratios: none
    assert document["rows"]
    if source == "comtrade":
        reporters, years = _published()
        assert provenance["period"] in years
        said = {row["reported_by"] for row in document["rows"] if "reported_by" in row}
        assert said <= reporters  # rows by reporter name only the file's reporters
