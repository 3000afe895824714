"""Release archives: a CEPII BACI `.zip` holds one file per year beside its code lists.

The archives are built here from the real BACI subset and the real Comext sample in
../shared/data; the expected figures are summed with the csv module.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import py7zr
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import ArchiveError
from bilateral.sources.archive import data_file, data_members
from sources.conftest import SHARED_DATA
from sources.files import csv_rows, stored_flows

BACI = SHARED_DATA / "cepii_baci"
SUBSET = BACI / "BACI_HS92_Y2021_V202301_subset_AFG_all_ZAF_ch01-49.csv"
COUNTRIES = BACI / "country_codes_V202301.csv"
COMEXT = SHARED_DATA / "eurostat_comext" / "comext_full_v2_sample_AT-AD_202402_13rows.csv"
# A second year, written in the BACI layout: Afghanistan -> Angola, 2020, two products.
YEAR_2020 = (
    '"t","i","j","k","v","q"\n2020,4,24,382390,40.5,"        10.000"\n2020,4,24,090411,2.25,NA\n'
)


@pytest.fixture
def release(tmp_path: Path) -> Path:
    """Return a BACI-style release archive: two year files, the country table and a readme."""
    path = tmp_path / "BACI_HS92_V202301.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(SUBSET, SUBSET.name)
        archive.writestr("BACI_HS92_Y2020_V202301.csv", YEAR_2020)
        archive.write(COUNTRIES, COUNTRIES.name)
        archive.writestr("Readme.txt", "BACI release notes\n")
    return path


def test_data_members_leave_out_code_lists_and_readme(release: Path) -> None:
    members = data_members(release)
    assert [m.name for m in members] == ["BACI_HS92_Y2020_V202301.csv", SUBSET.name]
    assert members[1].size == SUBSET.stat().st_size


def test_an_archive_of_several_files_needs_a_member(release: Path) -> None:
    with pytest.raises(ArchiveError, match="holds 2 data files") as caught, data_file(release):
        pass
    assert SUBSET.name in str(caught.value)
    with (
        pytest.raises(ArchiveError, match="no data file 'BACI_HS92_Y1999"),
        data_file(release, "BACI_HS92_Y1999_V202301.csv"),
    ):
        pass


def test_a_member_is_unpacked_byte_for_byte(release: Path) -> None:
    with data_file(release, SUBSET.name) as plain:
        assert plain.read_bytes() == SUBSET.read_bytes()


def test_a_corrupt_zip_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "BACI_HS92_V202301.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ArchiveError, match="zip archive cannot be read"):
        data_members(broken)


def test_ingest_takes_every_year_of_a_release(release: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(
        app, ["ingest", str(release), "--store", str(store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert f"BACI_HS92_V202301.zip/{SUBSET.name}" in result.output
    assert "BACI_HS92_V202301.zip/BACI_HS92_Y2020_V202301.csv" in result.output

    flows = stored_flows(store)
    by_year: dict[int, float] = {}
    for row in flows:
        if row["flow"] == "export":  # each BACI line is stored once per side
            by_year[row["year"]] = by_year.get(row["year"], 0.0) + row["value"]
    expected_2021 = sum(float(row["v"]) for row in csv_rows(SUBSET)) * 1000
    assert by_year[2021] == pytest.approx(expected_2021, rel=1e-9)
    assert by_year[2020] == pytest.approx((40.5 + 2.25) * 1000, rel=1e-12)

    again = CliRunner().invoke(
        app, ["ingest", str(release), "--store", str(store), "--format", "json"]
    )
    assert again.exit_code == 0, again.output
    assert again.output.count('"unchanged"') == 2


def test_a_single_member_7z_is_read_as_before(tmp_path: Path) -> None:
    archive = tmp_path / "full_v2_202402.7z"
    with py7zr.SevenZipFile(archive, "w") as packed:
        packed.write(COMEXT, "full_202402.dat")
    store = bilateral.open(tmp_path / "store")
    assert store.archive_members(archive) == ["full_202402.dat"]
    report = store.ingest(archive)
    assert report.file == "full_v2_202402.7z"
    assert report.rows_read == len(csv_rows(COMEXT))
