"""Tests for bilateral.cli: commands through typer's runner, and the script's exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bilateral.cli import app, store_commands
from bilateral.errors import UnknownTerritoryError
from bilateral.results import ProfileRow, field_names
from store.comext_files import row, write_full_v2

LINES = [
    row("IT", "BE", "export", 2020, 100),
    row("IT", "BE", "import", 2020, 40),
    row("IT", "BE", "export", 2021, 130),
    row("IT", "BE", "import", 2021, 50),
    row("BE", "IT", "import", 2021, 125),
]
SCRIPT = Path(sys.executable).with_name("bilateral")

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    data = write_full_v2(folder / "full_2020-2021.dat", LINES)
    args = ["ingest", str(data), "--store", str(folder / "store"), "--vintage", "2022-04-15"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in json.loads(result.stdout)] == ["added"]
    return folder / "store"


def test_ingest_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_commands, "console", Console(width=200))  # room for every column
    data = write_full_v2(tmp_path / "full_202052.dat", LINES[:2])
    result = runner.invoke(app, ["ingest", str(data), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "full_202052.dat" in result.stdout
    assert "added" in result.stdout


def test_ingest_json_reports_each_file(tmp_path: Path) -> None:
    data = write_full_v2(tmp_path / "f.dat", LINES[:2])
    args = [
        "ingest",
        str(data),
        "--store",
        str(tmp_path / "s"),
        "--vintage",
        "v1",
        "--format",
        "json",
    ]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    [report] = json.loads(first.stdout)
    assert (report["status"], report["rows_stored"], report["periods"]) == ("added", 2, "2020")
    again = runner.invoke(app, args)
    assert json.loads(again.stdout)[0]["status"] == "unchanged"


def test_profile_json(store: Path) -> None:
    result = runner.invoke(
        app, ["profile", "Italy", "BEL", "--store", str(store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["reporter"], payload["partner"], payload["years"]) == (
        "ITA",
        "BEL",
        [2020, 2021],
    )
    assert payload["as_of"] is None
    figures = [(r["year"], r["reported_by"], r["exports"], r["imports"], r["balance"])
               for r in payload["rows"]]  # fmt: skip
    assert figures == [
        (2020, "ITA", 100.0, 40.0, 60.0),
        (2021, "ITA", 130.0, 50.0, 80.0),
        (2021, "BEL", 125.0, None, None),
    ]
    assert payload["rows"][1]["exports_growth"] == pytest.approx(0.3)
    assert payload["rows"][1]["imports_growth"] == pytest.approx(0.25)
    assert any(note.startswith("mirror view") for note in payload["notes"])


def test_profile_json_years_and_as_of(store: Path) -> None:
    args = [
        "profile",
        "IT",
        "BE",
        "--years",
        "2021",
        "--as-of",
        "1",
        "--store",
        str(store),
        "-f",
        "json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert (payload["years"], payload["as_of"]) == ([2021], "1")
    assert [r["year"] for r in payload["rows"]] == [2021, 2021]


def test_profile_csv(store: Path) -> None:
    result = runner.invoke(app, ["profile", "IT", "BE", "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ",".join(field_names(ProfileRow))
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["year"], r["exports"], r["imports"]) for r in records] == [
        ("2020", "100.0", "40.0"), ("2021", "130.0", "50.0"), ("2021", "125.0", ""),
    ]  # fmt: skip


def test_profile_table(store: Path) -> None:
    result = runner.invoke(app, ["profile", "IT", "BE", "--store", str(store)])
    assert result.exit_code == 0, result.output
    for text in ("Italy", "Belgium", "2020", "2021", "annual"):
        assert text in result.stdout


def test_profile_unknown_territory_raises_the_user_error(store: Path) -> None:
    result = runner.invoke(app, ["profile", "Itly", "BE", "--store", str(store)])
    assert result.exit_code != 0
    assert isinstance(result.exception, UnknownTerritoryError)


def test_store_info(store: Path) -> None:
    result = runner.invoke(app, ["store", "info", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert (info["location"], info["flows_version"], info["files_ingested"]) == (str(store), 1, 1)
    assert [(s["source"], s["rows"], s["years"], s["reporters"]) for s in info["sources"]] == [
        ("comext", 5, "2020-2021", 2),
    ]
    table = runner.invoke(app, ["store", "info", "--store", str(store)])
    assert table.exit_code == 0
    assert "comext" in table.stdout
    assert "version 1" in table.stdout


def test_store_history(store: Path) -> None:
    result = runner.invoke(app, ["store", "history", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)
    assert (entry["flows_version"], entry["file_name"], entry["status"], entry["rows_stored"]) == (
        1, "full_2020-2021.dat", "added", 5,
    )  # fmt: skip
    csv_result = runner.invoke(app, ["store", "history", "--store", str(store), "-f", "csv"])
    assert csv_result.stdout.splitlines()[0].startswith("flows_version,started_at,file_name")


def test_store_from_environment(store: Path) -> None:
    result = runner.invoke(
        app, ["store", "info", "-f", "json"], env={"BILATERAL_STORE": str(store)}
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["location"] == str(store)


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["profile", "IT"]).exit_code == 2
    assert runner.invoke(app, ["profile", "IT", "BE", "--format", "xml"]).exit_code == 2


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def test_script_exit_codes(store: Path) -> None:
    assert SCRIPT.is_file(), f"no console script at {SCRIPT}"
    success = run_script("profile", "IT", "BE", "--store", str(store), "--format", "json")
    assert success.returncode == 0, success.stderr
    assert json.loads(success.stdout)["reporter"] == "ITA"

    user_error = run_script("profile", "Itly", "BE", "--store", str(store))
    assert user_error.returncode == 1, user_error.stderr
    message = " ".join(user_error.stderr.split())
    assert "did you mean" in message
    assert "Italy (ITA)" in message
    assert "Traceback" not in user_error.stderr
    assert user_error.stdout == ""

    usage_error = run_script("profile", "IT", "--store", str(store))
    assert usage_error.returncode == 2
    assert "Missing argument" in usage_error.stderr


def test_demo_script(tmp_path: Path) -> None:
    result = run_script("demo", "--store", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    for text in ("SYNTHETIC", "Italy", "Belgium"):
        assert text in result.stdout


def test_ingest_goes_on_after_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    good = write_full_v2(tmp_path / "good.dat", LINES[:2])
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,C\n1,2,3\n")
    root = tmp_path / "s"
    result = runner.invoke(app, ["ingest", str(bad), str(good), "--store", str(root)])
    assert result.exit_code == 1
    assert "bad.csv, line 1: the header matches no known format" in result.stderr
    assert "1 of 2 files not ingested" in result.stderr
    assert "good.dat" in result.stdout
    history = runner.invoke(app, ["store", "history", "--store", str(root), "--format", "json"])
    assert [entry["file_name"] for entry in json.loads(history.stdout)] == ["good.dat"]
