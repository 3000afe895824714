"""A vintage says what kind of date it is: the publisher's release, the file's date, or given.

On the real files: DS-045409 carries Eurostat's LAST UPDATE and BACI its release in the file
name; a Comtrade CSV names no release, so its vintage is the file's date and says so.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from shared_files import BACI_SUBSET, COMTRADE_2022, DS_045409, shared
from sources.files import stored_flows


def file_date(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()


def test_each_real_file_says_what_its_vintage_is(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    with shared(DS_045409).open(encoding="utf-8", newline="") as handle:
        updated = {line["LAST UPDATE"] for line in csv.DictReader(handle)}
    assert updated == {"13/02/26 11:00:00"}
    sdmx = store.ingest(shared(DS_045409))
    assert (sdmx.vintage, sdmx.vintage_kind) == ("2026-02-13T11:00:00", "release")
    baci = store.ingest(shared(BACI_SUBSET))
    assert (baci.vintage, baci.vintage_kind) == ("V202301", "release")
    comtrade = store.ingest(shared(COMTRADE_2022))
    assert (comtrade.vintage, comtrade.vintage_kind) == (file_date(COMTRADE_2022), "file_date")
    flags = {row["source"]: set() for row in stored_flows(tmp_path / "store")}
    for row in stored_flows(tmp_path / "store"):
        flags[row["source"]].add("file_dated" in (row["flags"] or "").split(","))
    assert flags == {"comext_sdmx": {False}, "baci": {False}, "comtrade": {True}}
    profile = store.profile("CHN", "DEU", 2022)
    assert profile.provenance is not None
    assert profile.provenance.file_dates == (file_date(COMTRADE_2022),)
    release = store.profile("IT", "WORLD", 2024).provenance
    assert release is not None and release.file_dates == ()


def test_a_given_vintage_is_neither(tmp_path: Path) -> None:
    report = bilateral.open(tmp_path / "store").ingest(shared(COMTRADE_2022), vintage="2023-07-01")
    assert (report.vintage, report.vintage_kind) == ("2023-07-01", "given")
    assert not any("file_dated" in (r["flags"] or "") for r in stored_flows(tmp_path / "store"))


def test_the_table_calls_a_file_date_so(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["ingest", str(shared(COMTRADE_2022)), "--store", store])
    assert result.exit_code == 0, result.output
    assert f"file date {file_date(COMTRADE_2022)}" in " ".join(result.output.split())
    shown = runner.invoke(app, ["profile", "CHN", "DEU", "--store", store])
    assert shown.exit_code == 0, shown.output
    assert f"file date {file_date(COMTRADE_2022)}" in shown.output
    assert f"vintage {file_date(COMTRADE_2022)}" not in shown.output


def test_partners_store_info_history_and_claims_call_a_file_date_so(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    store.ingest(shared(COMTRADE_2022))
    store.ingest(shared(BACI_SUBSET))
    dated = file_date(COMTRADE_2022)
    partners = store.partners("DEU", 2022, "import", top=3).provenance
    assert partners is not None and partners.file_dates == (dated,)
    summaries = {s.source: s for s in store.info().sources}
    assert (summaries["comtrade"].vintages, summaries["comtrade"].file_dates) == (dated, (dated,))
    assert (summaries["baci"].vintages, summaries["baci"].file_dates) == ("V202301", ())
    kinds = {e.source: e.vintage_kind for e in store.history().entries}
    assert kinds == {"comtrade": "file_date", "baci": "release"}
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        for line in csv.DictReader(handle):
            if (line["reporterISO"], line["flowCode"], line["partnerISO"]) == ("DEU", "M", "CHN"):
                billions = round(float(line["primaryValue"]) / 1e9, 1)
    text = tmp_path / "claim.txt"
    text.write_text(
        f"In 2022 Germany imported goods worth ${billions} billion from China. "
        "China was Germany's largest supplier in 2022.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    root = str(tmp_path / "store")
    for args in (
        ["check", str(text)],
        ["partners", "DEU", "--year", "2022", "--top", "3"],
        ["store", "info"],
        ["store", "history"],
    ):
        shown = runner.invoke(app, [*args, "--store", root], env={"COLUMNS": "300"})
        assert shown.exit_code == 0, shown.output
        words = " ".join(shown.output.split())
        assert f"vintage {dated}" not in words, args
        assert f"{dated} (file date)" in words or f"file date {dated}" in words, args
    checked = store.check(text.read_text(encoding="utf-8"))
    assert [c.verdict for c in checked.checks] == ["supported", "supported"]
    assert all(e.file_dated for c in checked.checks for e in c.evidence)
