"""`bilateral fetch comext`: the inventory, the archives' checks, the store, through the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import py7zr
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, UpstreamFormatError
from bilateral.fetch import Fetcher
from bilateral.fetch.comext_bulk import (
    archive_check,
    archive_request,
    inventory_request,
    parse_inventory,
    select_files,
)
from replay_server import Replay, Route

from .conftest import BULK_SAMPLE, INVENTORY_FIXTURE, RELEASED, route_key, seven_zip, shared


def sample_rows() -> list[dict[str, str]]:
    with shared(BULK_SAMPLE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_inventory_lists_the_full_v2_archives() -> None:
    files = parse_inventory(INVENTORY_FIXTURE.read_bytes(), "inventory")
    assert sorted(files) == ["202252", "202311", "202312", "202352", "202401", "202402"]
    assert files["202402"].size == 42093544
    assert files["202402"].released == "2024-04-16"
    assert files["202352"].name == "full_v2_202352.7z"


def test_inventory_in_another_layout_names_the_columns() -> None:
    with pytest.raises(UpstreamFormatError, match=r"columns \['NAME', 'BYTES'\].*expected columns"):
        parse_inventory(b"NAME,BYTES\nfull_v2_202402.7z,12\n", "inventory")
    with pytest.raises(UpstreamFormatError, match="an HTML or XML page, expected a CSV"):
        parse_inventory(b"<!DOCTYPE html><html><body>Maintenance</body></html>", "inventory")
    with pytest.raises(UpstreamFormatError, match=r"size '42 MB'.*sizeFormat=NONE"):
        parse_inventory(b"PATH,SIZE,LAST_MODIFIED\nfull_v2_202402.7z,42 MB,2024-04-16\n", "x")


def test_years_not_listed_name_the_nearest() -> None:
    files = parse_inventory(INVENTORY_FIXTURE.read_bytes(), "inventory")
    with pytest.raises(InvalidArgumentError, match=r"'2019'.*nearest: 2022, 2023; all: 2022"):
        select_files(files, [2019], monthly=False)
    with pytest.raises(InvalidArgumentError, match=r"nearest: 2023-11, 2023-12, 2024-01, 2024-02"):
        select_files(files, [2025], monthly=True)
    chosen, notes = select_files(files, [2024], monthly=True)
    assert [entry.name for entry in chosen] == ["full_v2_202401.7z", "full_v2_202402.7z"]
    assert notes == [
        "2024: 2024-03, 2024-04, 2024-05, 2024-06, 2024-07, 2024-08, 2024-09, 2024-10, 2024-11, "
        "2024-12 not in the Comext inventory (not published yet?); fetched 2024-01, 2024-02"
    ]


def test_archive_urls_are_the_publishers() -> None:
    base = "https://ec.europa.eu/eurostat/api/dissemination"
    assert archive_request(base, "full_v2_202452.7z").full_url() == (
        f"{base}/files?file=comext%2FCOMEXT_DATA%2FPRODUCTS%2Ffull_v2_202452.7z"
    )
    assert inventory_request(base).full_url() == (
        f"{base}/files?format=csv&dir=comext&hierarchy=true&sizeFormat=NONE&dateFormat=ISO"
    )


def test_a_corrupt_archive_never_enters_the_cache(
    comext: Replay, bulk_archive: bytes, tmp_path: Path
) -> None:
    damaged = bytearray(bulk_archive)
    damaged[40] ^= 0xFF  # inside the packed stream: the CRC no longer matches
    request = archive_request(comext.base_url, "full_v2_202402.7z")
    comext.routes[route_key(request)] = Route(bytes(damaged))
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(UpstreamFormatError, match=r"full_v2_202402\.7z"):
        store.fetch_comext(2024, monthly=True, base_url=comext.base_url, cache_dir=tmp_path / "c")
    with Fetcher(tmp_path / "c") as fetcher:
        assert fetcher.cache.lookup(request) is None
    assert store.info().sources == ()


def test_archive_check_accepts_the_real_archive(bulk_archive: bytes, tmp_path: Path) -> None:
    path = tmp_path / "full_v2_202402.7z"
    path.write_bytes(bulk_archive)
    archive_check("url")(path)
    path.write_bytes(seven_zip("readme.pdf", b"%PDF"))
    with pytest.raises(UpstreamFormatError, match=r"full_YYYYMM\.dat"):
        archive_check("url")(path)
    with py7zr.SevenZipFile(tmp_path / "full_v2_202402.7z") as archive:
        assert archive.getnames() == ["readme.pdf"]


def test_fetch_through_the_cli_stores_the_rows(comext: Replay, tmp_path: Path) -> None:
    rows = sample_rows()
    store, cache = tmp_path / "store", tmp_path / "cache"
    arguments = ["fetch", "comext", "--years", "2024", "--monthly"]
    arguments += ["--store", str(store), "--cache", str(cache)]
    environment = {"BILATERAL_COMEXT_URL": comext.base_url}
    result = CliRunner().invoke(app, [*arguments, "--format", "json"], env=environment)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    (entry,) = document["files"]
    assert entry["url"].endswith("PRODUCTS%2Ffull_v2_202402.7z")
    assert (entry["status"], entry["rows_stored"], entry["vintage"]) == ("added", 13, RELEASED)
    assert any(
        "2024-01" in note and "not in the Comext inventory" in note for note in document["notes"]
    )

    info = bilateral.open(store).info()
    (comext_source,) = info.sources
    assert comext_source.rows == len(rows) == 13
    assert comext_source.vintages == RELEASED
    assert len(comext.log) == 2  # the inventory, then the archive

    again = CliRunner().invoke(app, [*arguments, "--offline"], env=environment)
    assert again.exit_code == 0, again.output
    assert "cache" in again.output and "already in the store" in again.output
    assert len(comext.log) == 2


def test_fetched_values_match_the_published_file(comext: Replay, tmp_path: Path) -> None:
    rows = sample_rows()
    store = bilateral.open(tmp_path / "store")
    report = store.fetch_comext(
        "2024", monthly=True, base_url=comext.base_url, cache_dir=tmp_path / "cache"
    )
    (fetched,) = report.files
    assert fetched.vintage == RELEASED and not fetched.from_cache
    assert fetched.ingest is not None and fetched.ingest.rows_stored == 13
    assert report.rows_stored == 13
    expected = sum(float(row["VALUE_EUR"]) for row in rows)
    profile = store.profile("AT", "AD", 2024)
    own = [row for row in profile.rows if row.view == profile.views()[0]]
    exports = sum(row.exports for row in own if row.exports is not None)
    assert exports == pytest.approx(expected)


def test_offline_cold_cache_is_a_clear_error(comext: Replay, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["fetch", "comext", "--years", "2024", "--offline", "--store", str(tmp_path / "s")],
        env={"BILATERAL_COMEXT_URL": comext.base_url, "BILATERAL_CACHE": str(tmp_path / "c")},
    )
    assert result.exit_code != 0
    assert "without --offline" in str(result.exception) + result.output
    assert comext.log == []


def test_an_inventory_without_annual_files_says_so() -> None:
    files = parse_inventory(INVENTORY_FIXTURE.read_bytes(), "inventory")
    monthly_only = {period: entry for period, entry in files.items() if not period.endswith("52")}
    with pytest.raises(InvalidArgumentError, match=r"lists no annual files.*add --monthly"):
        select_files(monthly_only, [2024], monthly=False)
