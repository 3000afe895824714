"""Every example in every command's help runs on the demo store and exits 0.

Each example runs as written, with `$BILATERAL_STORE` set to a demo store, in a folder holding
the (synthetic) files the examples name (tests/cli_examples.py) and with a home folder of its
own for `~`. Examples that write run on a copy of the demo store. Left out, with the reason:
the fetch commands, which download from the publishers (tests/fetch runs each of them against
the replay server).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.synthetic import write_demo_files, write_demo_rates_file, write_monthly_demo_file
from cli_examples import argv_of, help_examples, write_example_files
from served import check_served, serve

runner = CliRunner()
SOURCE = Path(__file__).resolve().parents[1] / "src"
EXAMPLES = help_examples()
DOWNLOADS = {("fetch", "comext"), ("fetch", "comtrade"), ("fetch", "comext-api"),
             ("fetch", "istat"), ("fetch", "imf"), ("reference", "fetch")}  # fmt: skip
WRITES = {("ingest",), ("demo",), ("serve",), ("store", "check"), ("store", "vacuum"),
          ("events", "import"), ("reference", "import")}  # fmt: skip
# `bilateral demo --store /tmp/demo-store` writes under /tmp: run in the test's own folder.
OUTSIDE = "/tmp/demo-store"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo store, the folder the examples run in, and their home folder."""
    folder = tmp_path_factory.mktemp("examples")
    demo = folder / "demo"
    result = runner.invoke(app, ["demo", "--store", str(demo), "--format", "json"])
    assert result.exit_code == 0, result.output
    home = folder / "home"
    write_example_files(folder / "work", home)
    return {"demo": demo, "work": folder / "work", "home": home}


def test_the_examples_are_found() -> None:
    commands = {command for command, _ in EXAMPLES}
    assert len(commands) == 28
    assert len(EXAMPLES) >= 50


@pytest.mark.parametrize(
    ("command", "line"),
    [(command, line) for command, line in EXAMPLES if command not in DOWNLOADS],
    ids=[line for command, line in EXAMPLES if command not in DOWNLOADS],
)
def test_every_help_example_runs_on_the_demo_store(
    places: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    line: str,
) -> None:
    store = places["demo"]
    home = tmp_path / "home"
    shutil.copytree(places["home"], home)
    data = home / ".local" / "share"
    if command in WRITES:
        store = shutil.copytree(places["demo"], tmp_path / "store")
        # Demo stores already built, so that `demo` checks them rather than builds them again.
        shutil.copytree(places["demo"], data / "bilateral" / "demo-store")
        shutil.copytree(places["demo"], tmp_path / "demo-store")
    args, piped = argv_of(line.replace(OUTSIDE, str(tmp_path / "demo-store")), home)
    work = shutil.copytree(places["work"], tmp_path / "work")
    monkeypatch.chdir(work)
    environment = {
        "BILATERAL_STORE": str(store),
        "HOME": str(home),
        "XDG_DATA_HOME": str(data),
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }
    if command == ("serve",):
        # A server runs until stopped: as a process of its own, asked, then stopped.
        served = serve(
            [sys.executable, "-m", "bilateral", *args],
            work,
            {**os.environ, **environment, "PYTHONPATH": str(SOURCE)},
            ("/api/v1/store/info",),
        )
        check_served(served, line)
        return
    text = None if piped is None else (work / piped).read_text(encoding="utf-8")
    result = runner.invoke(app, args, env=environment, input=text)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout or result.stderr


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _json(args: list[str], store: Path) -> Any:
    result = runner.invoke(app, [*args, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_demo_months_sum_to_its_years(tmp_path: Path) -> None:
    months = _rows(write_monthly_demo_file(tmp_path))
    years = {path.name[8:12]: path for path in write_demo_files(tmp_path / "years")}
    by_year: dict[tuple[str, ...], int] = defaultdict(int)
    for row in months:
        key = (row["REPORTER"], row["PARTNER"], row["FLOW"], row["PRODUCT_NC"], row["PERIOD"][:4])
        by_year[key] += int(row["VALUE_EUR"])
    annual: dict[tuple[str, ...], int] = defaultdict(int)
    for year, path in years.items():
        for row in _rows(path):
            if {row["REPORTER"], row["PARTNER"]} == {"IT", "BE"}:
                key = (row["REPORTER"], row["PARTNER"], row["FLOW"], row["PRODUCT_NC"], year)
                annual[key] += int(row["VALUE_EUR"])
    assert by_year == annual
    assert {row["PERIOD"] for row in months} == {
        f"{year}{month:02d}" for year in range(2017, 2024) for month in range(1, 13)
    }


def test_the_demo_rates_average_their_months(tmp_path: Path) -> None:
    rows = _rows(write_demo_rates_file(tmp_path))
    for currency in ("USD", "GBP", "CHF", "JPY"):
        for year in range(2017, 2024):
            monthly = [
                float(r["OBS_VALUE"])
                for r in rows
                if r["CURRENCY"] == currency and r["TIME_PERIOD"].startswith(f"{year}-")
            ]
            [annual] = [
                float(r["OBS_VALUE"])
                for r in rows
                if r["CURRENCY"] == currency and r["TIME_PERIOD"] == str(year)
            ]
            assert len(monthly) == 12
            assert annual == pytest.approx(sum(monthly) / 12, rel=1e-5)


def test_the_demo_store_serves_months_and_synthetic_rates(
    places: dict[str, Path], tmp_path: Path
) -> None:
    demo = places["demo"]
    months = _rows(write_monthly_demo_file(tmp_path))
    wanted: dict[str, int] = defaultdict(int)
    for row in months:
        pair = (row["REPORTER"], row["PARTNER"], row["FLOW"], row["PERIOD"][:4])
        if pair == ("IT", "BE", "2", "2021"):
            wanted[f"2021-{row['PERIOD'][4:]}"] += int(row["VALUE_EUR"])
    series = _json(["series", "IT", "BE", "--frequency", "M", "--years", "2021"], demo)
    shown = {
        p["period"]: p["value"]
        for p in series["rows"]
        if p["view"] == "reported by Italy" and p["flow"] == "export"
    }
    assert shown == pytest.approx(dict(wanted))
    # USD: each year's EUR value at the year's synthetic average rate, marked synthetic.
    rates = _rows(write_demo_rates_file(tmp_path))
    usd = {r["TIME_PERIOD"]: float(r["OBS_VALUE"]) for r in rates if r["CURRENCY"] == "USD"}
    euros = _json(["profile", "IT", "BE", "--years", "2021"], demo)
    dollars = _json(["profile", "IT", "BE", "--years", "2021", "--currency", "USD"], demo)
    for eur, converted in zip(euros["rows"], dollars["rows"], strict=True):
        assert converted["exports"] == pytest.approx(eur["exports"] * usd["2021"], rel=1e-5)
    assert any("SYNTHETIC demo rates" in note for note in dollars["notes"])
    tables = {t["name"]: t for t in _json(["reference", "list"], demo)}
    assert tables["ecb_sdmx"]["synthetic"] is True
    assert tables["ecb_daily"]["status"] == "not loaded"


def test_indicators_and_check_say_the_demo_is_synthetic(places: dict[str, Path]) -> None:
    demo = str(places["demo"])
    assert _json(["indicators", "IT", "BE", "--year", "2021"], places["demo"])["synthetic"]
    table = runner.invoke(app, ["indicators", "IT", "BE", "--year", "2021", "--store", demo])
    assert table.stdout.startswith("SYNTHETIC DEMO DATA")
    claim = "In 2021 Italian exports to Belgium were 17.6 billion euros.\n"
    checked = runner.invoke(app, ["check", "-", "--store", demo], input=claim)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith("SYNTHETIC DEMO DATA")


def test_sectors_span_shows_the_cagr_column_or_says_why_not(places: dict[str, Path]) -> None:
    demo = str(places["demo"])
    args = ["sectors", "IT", "BE", "--scheme", "hs2", "--top", "3", "--span", "5", "--store"]
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    missing = runner.invoke(app, [*args, demo, "--year", "2021"], env=env)
    assert missing.exit_code == 0, missing.output
    assert "CAGR" in missing.stdout.splitlines()[2]  # the header of the first table
    assert "CAGR 2016-2021: not computed: no figure for 2016" in missing.stdout
    held = runner.invoke(app, [*args, demo, "--year", "2022"], env=env)
    assert "CAGR" in held.stdout.splitlines()[2]
    assert "CAGR 2017-2022: not computed" not in held.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["profile", "IT", "BE", "--years", "2021"],
        ["sectors", "ITH5", "BEL", "--year", "2021"],
        ["region", "ITH5", "BE", "--years", "2021"],
        ["indicators", "IT", "BE", "--year", "2021"],
        ["series", "IT", "BE", "--years", "2021"],
        ["mirror", "IT", "BE", "--years", "2021"],
        ["partners", "ITH5", "--year", "2021"],
        ["products", "IT", "BE", "--year", "2021"],
        ["store", "info"],
        ["store", "history"],
    ],
    ids=" ".join,
)
def test_every_table_on_the_demo_says_first_it_is_synthetic(
    places: dict[str, Path], args: list[str]
) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    result = runner.invoke(app, [*args, "--store", str(places["demo"])], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("SYNTHETIC DEMO DATA: these figures are made up")
