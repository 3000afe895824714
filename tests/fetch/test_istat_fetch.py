"""`bilateral fetch istat`: the DSD first, the key in its order, SDMX-CSV into the store.

A local server plays ISTAT's SDMX service with fixtures written for these tests: the DSD of
dataflow 139_176 in both dimension orders (`fixtures/istat_dsd_139_176_{old,new}.xml`) and a
region's quarterly SDMX-CSV answer in each layout (`fixtures/istat_data_ITD5_*.csv`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, OfflineCacheMissError, UpstreamFormatError
from bilateral.fetch.istat import (
    NEW_ORDER,
    OLD_ORDER,
    data_request,
    dimension_order,
    istat_territory,
    series_key,
    structure_request,
)
from bilateral.reference import resolve
from bilateral.sources.istat_sdmx import coverage_note
from replay_server import Replay, Route, replay_server

FIXTURES = Path(__file__).parent / "fixtures"
DSD = {"old": FIXTURES / "istat_dsd_139_176_old.xml", "new": FIXTURES / "istat_dsd_139_176_new.xml"}
DATA = {
    "old": FIXTURES / "istat_data_ITD5_old_dsd.csv",
    "new": FIXTURES / "istat_data_ITD5_new_dsd.csv",
}
KEYS = {"old": "Q.0010.WORLD.ITD5.EV+IV", "new": "Q.ITD5.EV+IV.0010.WORLD"}
STRUCTURE_PATH = "/SDMXWS/rest/datastructure/IT1/DCSP_COEIMPEX1"
WANTED = {
    "frequency": "Q",
    "territory": "ITD5",
    "data_type": "EV+IV",
    "product": "0010",
    "partner": "WORLD",
}


def base(replay: Replay) -> str:
    return f"{replay.base_url}/SDMXWS/rest"


def serve(replay: Replay, layout: str) -> None:
    """Serve the DSD and the region's data of one layout, as ISTAT does."""
    replay.routes[STRUCTURE_PATH] = Route(DSD[layout].read_bytes())
    replay.routes[f"/SDMXWS/rest/data/139_176/{KEYS[layout]}"] = Route(
        DATA[layout].read_bytes(), headers={"Last-Modified": "Tue, 10 Jun 2025 08:00:00 GMT"}
    )


@pytest.fixture
def istat() -> Iterator[Replay]:
    with replay_server() as replay:
        serve(replay, "new")
        yield replay


# --- keys and requests ----------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["old", "new"])
def test_the_dsd_gives_the_dimension_order(layout: str) -> None:
    order = dimension_order(DSD[layout], "u")
    assert order == (OLD_ORDER if layout == "old" else NEW_ORDER)
    assert series_key(order, WANTED) == KEYS[layout]  # type: ignore[arg-type]


def test_requests_are_exact() -> None:
    structure = structure_request("http://127.0.0.1:9/SDMXWS/rest")
    assert structure.full_url() == "http://127.0.0.1:9/SDMXWS/rest/datastructure/IT1/DCSP_COEIMPEX1"
    assert structure.accept is None
    data = data_request("http://127.0.0.1:9/SDMXWS/rest", KEYS["new"], [2020, 2021])
    assert data.full_url() == (
        "http://127.0.0.1:9/SDMXWS/rest/data/139_176/Q.ITD5.EV+IV.0010.WORLD"
        "?startPeriod=2020-Q1&endPeriod=2021-Q4"
    )
    assert data.accept == "text/csv"
    assert data.key() != data_request("http://127.0.0.1:9/SDMXWS/rest", KEYS["old"], [2020]).key()


@pytest.mark.parametrize(
    ("region", "code"),
    [("ITH5", "ITD5"), ("Emilia-Romagna", "ITD5"), ("ITD5", "ITD5"), ("Bologna", "ITD55")],
)
def test_regions_get_istat_codes(region: str, code: str) -> None:
    assert istat_territory(resolve(region)) == code


def test_a_country_is_no_region() -> None:
    with pytest.raises(InvalidArgumentError, match="Italian region"):
        istat_territory(resolve("Belgium"))


@pytest.mark.parametrize(
    ("body", "seen"),
    [
        (b"<!DOCTYPE html><html><body>Moved</body></html>", "SDMX-ML"),
        (
            b'<?xml version="1.0"?><message:Structure xmlns:message="http://www.sdmx.org/'
            b'resources/sdmxml/schemas/v2_1/message"><message:Header><message:ID>x</message:ID>'
            b"<message:Test>false</message:Test><message:Prepared>2025-01-01T00:00:00"
            b'</message:Prepared><message:Sender id="IT1"/></message:Header>'
            b"<message:Structures/></message:Structure>",
            "without the DSD",
        ),
    ],
)
def test_a_body_that_is_no_dsd_is_a_changed_format(tmp_path: Path, body: bytes, seen: str) -> None:
    path = tmp_path / "dsd.xml"
    path.write_bytes(body)
    with pytest.raises(UpstreamFormatError, match=seen):
        dimension_order(path, "http://127.0.0.1/x")


def test_a_dsd_with_other_dimensions_is_a_changed_format(tmp_path: Path) -> None:
    path = tmp_path / "dsd.xml"
    text = DSD["new"].read_text(encoding="utf-8").replace('"PARTNER_COUNTRY"', '"COUNTERPART"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UpstreamFormatError, match="COUNTERPART"):
        dimension_order(path, "http://127.0.0.1/x")


# --- against a local replay of the service --------------------------------------------------


def expected_totals(layout: str) -> dict[tuple[str, int], float]:
    """Return exports and imports by year in euro, summed from the fixture with csv."""
    kind = "DATA_TYPE" if layout == "new" else "TIPO_DATO"
    totals: dict[tuple[str, int], Decimal] = {}
    with DATA[layout].open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = ("export" if row[kind] == "EV" else "import", int(row["TIME_PERIOD"][:4]))
            totals[key] = totals.get(key, Decimal(0)) + Decimal(row["OBS_VALUE"])
    return {key: float(value * 1_000_000) for key, value in totals.items()}


def stored_totals(root: Path) -> dict[tuple[str, int], float]:
    from deltalake import DeltaTable

    rows = DeltaTable(str(root / "flows")).to_pyarrow_table().to_pylist()
    assert {(r["source"], r["reporter"], r["partner"]) for r in rows} == {
        ("istat", "ITH5", "WORLD")
    }
    assert {r["vintage"] for r in rows} == {"2025-06-10"}
    totals: dict[tuple[str, int], float] = {}
    for row in rows:
        key = (row["flow"], row["year"])
        totals[key] = totals.get(key, 0.0) + row["value"]
    return totals


@pytest.mark.parametrize("layout", ["old", "new"])
def test_a_region_ends_in_the_store_whatever_the_dsd(layout: str, tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, layout)
        store = bilateral.open(tmp_path / "store")
        report = store.fetch_istat(
            "ITH5", "2020-2021", base_url=base(replay), cache_dir=tmp_path / "cache"
        )
        asked = [(r.path, r.query, r.headers.get("Accept")) for r in replay.log]
    assert asked[0][0] == STRUCTURE_PATH
    assert asked[1] == (
        f"/SDMXWS/rest/data/139_176/{KEYS[layout]}",
        "startPeriod=2020-Q1&endPeriod=2021-Q4",
        "text/csv",
    )
    assert [f.status for f in report.files] == ["added"]
    assert report.files[0].vintage == "2025-06-10"
    assert coverage_note() in report.notes
    stored = stored_totals(tmp_path / "store")
    expected = expected_totals(layout)
    assert stored.keys() == expected.keys()
    for key, value in expected.items():
        assert stored[key] == pytest.approx(value, rel=1e-12)


def test_a_partner_other_than_world_says_what_sdmx_has(istat: Replay, tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(InvalidArgumentError, match="WORLD: ISTAT's SDMX has no region x country"):
        store.fetch_istat("ITH5", 2021, partner="Belgium", base_url=base(istat))
    assert istat.log == []


def test_offline_with_a_warm_cache_asks_nothing(istat: Replay, tmp_path: Path) -> None:
    options = {"base_url": base(istat), "cache_dir": tmp_path / "cache"}
    bilateral.open(tmp_path / "first").fetch_istat("ITH5", "2020-2021", **options)  # type: ignore[arg-type]
    before = len(istat.log)
    report = bilateral.open(tmp_path / "second").fetch_istat(
        "ITH5",
        "2020-2021",
        offline=True,
        **options,  # type: ignore[arg-type]
    )
    assert len(istat.log) == before == 2
    assert [f.from_cache for f in report.files] == [True]
    assert report.rows_stored > 0
    with pytest.raises(OfflineCacheMissError):
        bilateral.open(tmp_path / "third").fetch_istat("ITH5", 2019, offline=True, **options)  # type: ignore[arg-type]


def test_an_html_answer_is_a_changed_format(istat: Replay, tmp_path: Path) -> None:
    istat.routes[f"/SDMXWS/rest/data/139_176/{KEYS['new']}"] = Route(
        b"<html><head><title>esploradati</title></head></html>"
    )
    with pytest.raises(UpstreamFormatError, match=r"HTML page.*139_176"):
        bilateral.open(tmp_path / "store").fetch_istat(
            "ITH5", 2021, base_url=base(istat), cache_dir=tmp_path / "cache"
        )


def test_no_results_is_no_data_for_that_slice(istat: Replay, tmp_path: Path) -> None:
    # ISTAT answers an empty query with HTTP 404 and an SDMX message saying so.
    istat.routes["/SDMXWS/rest/data/139_176/Q.ITD55.EV+IV.0010.WORLD"] = Route(
        b"<message:Error><common:Text>NoRecordsFound</common:Text></message:Error>", status=404
    )
    report = bilateral.open(tmp_path / "store").fetch_istat(
        "Bologna", 2021, base_url=base(istat), cache_dir=tmp_path / "cache"
    )
    assert [f.status for f in report.files] == ["no data"]
    assert any("no data for that slice" in note for note in report.notes)


def test_the_old_host_redirects(tmp_path: Path) -> None:
    with replay_server() as replay:
        serve(replay, "new")
        moved = {"Location": f"{base(replay)}/datastructure/IT1/DCSP_COEIMPEX1"}
        replay.routes["/old/rest/datastructure/IT1/DCSP_COEIMPEX1"] = Route(
            b"", status=301, headers=moved
        )
        replay.routes[f"/old/rest/data/139_176/{KEYS['new']}"] = Route(
            b"",
            status=302,
            headers={"Location": f"{base(replay)}/data/139_176/{KEYS['new']}"},
        )
        report = bilateral.open(tmp_path / "store").fetch_istat(
            "ITH5", 2021, base_url=f"{replay.base_url}/old/rest", cache_dir=tmp_path / "cache"
        )
    assert [f.status for f in report.files] == ["added"]


def test_the_cli_uses_the_environment_base_url(
    istat: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILATERAL_ISTAT_URL", base(istat))
    monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
    arguments = ["fetch", "istat", "--region", "ITH5", "--years", "2020-2021"]
    arguments += ["--store", str(tmp_path / "store"), "--format", "json"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert '"status": "added"' in result.output
    assert "no region x country x sector" in " ".join(result.output.split())
    refused = CliRunner().invoke(app, [*arguments, "--partner", "BE"])
    assert isinstance(refused.exception, InvalidArgumentError)  # main() maps it to exit 1
    assert "Coeweb" in str(refused.exception)


def test_an_sdmx_no_results_message_is_no_data(istat: Replay, tmp_path: Path) -> None:
    istat.routes[f"/SDMXWS/rest/data/139_176/{KEYS['new']}"] = Route(
        b'<?xml version="1.0" encoding="utf-8"?><message:Error xmlns:message="http://www.sdmx.org/'
        b'resources/sdmxml/schemas/v2_1/message"><message:ErrorMessage code="100"><common:Text '
        b'xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">'
        b"NoRecordsFound</common:Text></message:ErrorMessage></message:Error>"
    )
    report = bilateral.open(tmp_path / "store").fetch_istat(
        "ITH5", 2021, base_url=base(istat), cache_dir=tmp_path / "cache"
    )
    assert [f.status for f in report.files] == ["no data"]
    assert report.files[0].from_cache is False
