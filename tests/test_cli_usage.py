"""Usage of the command line: bad arguments exit 2 naming the valid range; help and names."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from bilateral import __version__
from bilateral.cli import app, main

runner = CliRunner()

BAD_ARGUMENTS: list[tuple[list[str], str]] = [
    (["profile", "IT", "BE", "--years", "2021-2019"], "first year first"),
    (["profile", "IT", "BE", "--years", "1850"], "from 1900 to 2100"),
    (["profile", "IT", "BE", "--year", "20x1"], "from 1900 to 2100"),
    (["sectors", "IT", "BE", "--year", "1850"], "from 1900 to 2100"),
    (["sectors", "IT", "BE", "--year", "2021", "--top", "-3"], "greater than or equal to 1"),
    (["sectors", "IT", "BE", "--year", "2021", "--span", "0"], "greater than or equal to 1"),
    (["sectors", "IT", "BE", "--year", "2021", "--scheme", "hs5"], "cpa"),
    (["region", "ITH5", "BE", "--years", "2021-2019"], "first year first"),
    (["indicators", "IT", "BE", "--year", "3000"], "from 1900 to 2100"),
    (["series", "IT", "BE", "--ytd-through", "13"], "less than or equal to 12"),
    (["series", "IT", "BE", "--years", "1850-1860"], "from 1900 to 2100"),
    (["mirror", "IT", "BE", "--top-chapters", "0"], "greater than or equal to 1"),
    (["mirror", "IT", "BE", "--years", "2021-2019"], "first year first"),
    (["partners", "IT", "--year", "2021", "--top", "-3"], "greater than or equal to 1"),
    (["products", "IT", "BE", "--year", "2021", "--top", "0"], "greater than or equal to 1"),
    (["products", "IT", "BE", "--year", "2021", "--compare-year", "1850"], "from 1900 to 2100"),
    (["products", "IT", "BE", "--year", "2021", "--depth", "5"], "2"),
    (["brief", "IT", "BE", "--year", "1850"], "from 1900 to 2100"),
    (["events", "list", "IT", "BE", "--years", "2021-2019"], "first year first"),
    (["reference", "territory", "EU", "--year", "1850"], "from 1900 to 2100"),
    (["fetch", "comext", "--years", "2021-2019", "--offline"], "first year first"),
    (["fetch", "comtrade", "--reporter", "IT", "--partner", "BE", "--years", "1850"], "1900"),
    (["fetch", "comext-api", "--reporter", "IT", "--partner", "BE", "--years", "x"], "1900"),
    (["fetch", "istat", "--region", "ITH5", "--years", "2021-2019"], "first year first"),
    (["fetch", "imf", "--reporter", "IT", "--years", "1850"], "1900"),
    (["store", "vacuum", "--retain-days", "-1"], "greater than or equal to 0"),
    (["ingest", "x.dat", "--wait", "-1"], "greater than or equal to 0"),
    (["profile", "IT", "BE", "--format", "xml"], "table"),
]


@pytest.mark.parametrize(("args", "expected"), BAD_ARGUMENTS, ids=lambda a: " ".join(a))
def test_bad_arguments_are_usage_errors_naming_the_valid_range(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    result = runner.invoke(app, [*args, "--store", str(tmp_path / "s")])
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.split())
    assert expected in message
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists(), "a usage error must not create a store"


def test_an_argument_the_api_rejects_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # --charts without --out: two arguments that do not go together, found after parsing.
    args = ["brief", "IT", "BE", "--year", "2021", "--charts"]
    monkeypatch.setattr(sys, "argv", ["bilateral", *args, "--store", str(tmp_path / "s")])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    message = " ".join(capsys.readouterr().err.split())
    assert "usage error: invalid --charts True: expected --out PATH too" in message


@pytest.mark.parametrize("master", ["local4", "local[x]", "spark:/host", "yarn-cluster"])
def test_a_spark_master_spark_would_refuse_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    master: str,
) -> None:
    # Checked before the store is opened: no store, no Spark session, no Java.
    args = ["profile", "IT", "BE", "--spark-master", master, "--store", str(tmp_path / "s")]
    monkeypatch.setattr(sys, "argv", ["bilateral", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    message = " ".join(capsys.readouterr().err.split())
    assert f"usage error: invalid --spark-master '{master}': expected local, local[N]" in message
    assert "Traceback" not in message
    assert "internal error" not in message


def test_an_argument_the_api_rejects_is_named_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The API names it as_of; the user typed --as-of.
    args = ["profile", "IT", "BE", "--as-of", "soon", "--store", str(tmp_path / "s")]
    runner.invoke(app, ["demo", "--store", str(tmp_path / "s"), "-f", "json"])
    monkeypatch.setattr(sys, "argv", ["bilateral", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    message = " ".join(capsys.readouterr().err.split())
    assert "usage error: invalid --as-of 'soon': expected a store version number" in message


def test_an_error_message_keeps_its_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The console reads "[x]" as a style tag unless the message is escaped.
    runner.invoke(app, ["demo", "--store", str(tmp_path / "s"), "-f", "json"])
    args = ["profile", "IT[x]", "BE", "--store", str(tmp_path / "s")]
    monkeypatch.setattr(sys, "argv", ["bilateral", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    assert "error: unknown territory 'IT[x]'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "master", ["local", "local[4]", "local[*]", "local[2,3]", "yarn", "spark://h:7077", "sc://h:1"]
)
def test_the_spark_masters_spark_accepts_pass_the_check(master: str) -> None:
    from bilateral.engine.choice import checked_spark_master

    assert checked_spark_master(master) == master


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(typer.main.get_group(app))


def test_every_command_is_listed() -> None:
    assert len(COMMANDS) == 28
    assert ("store", "history") in COMMANDS


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_help_has_examples_and_no_bool_metavar(command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Examples:" in text
    examples = text.split("Examples:", 1)[1].split("Arguments:")[0].split("Options:")[0]
    shown = [line.strip() for line in examples.splitlines() if line.strip()]
    assert shown, "no example under Examples:"
    assert all(line.startswith(("bilateral ", "cat ")) for line in shown), shown
    assert any(line.startswith(f"bilateral {' '.join(command)}") for line in shown)
    assert "<bool>" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("group", ["store", "reference", "events", "fetch"])
def test_a_group_help_shows_examples_of_its_commands(group: str) -> None:
    result = runner.invoke(app, [group, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    examples = result.stdout.split("Examples:", 1)[1].split("Options:")[0]
    shown = [line.strip() for line in examples.splitlines() if line.strip()]
    assert len(shown) >= 2
    assert all(line.split()[:2] == ["bilateral", group] for line in shown), shown
    assert all(tuple(line.split()[1:3]) in COMMANDS for line in shown)


def test_top_level_help_says_where_the_store_is_and_points_at_the_demo() -> None:
    text = " ".join(runner.invoke(app, ["--help"]).stdout.split())
    assert "$BILATERAL_STORE" in text
    assert "--store DIR" in text
    assert "bilateral demo" in text
    assert "<bool>" not in text
    # Each command's one-line summary is whole, not cut with "...".
    commands = text.split("Commands:", 1)[1]
    assert "..." not in commands


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"bilateral {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


@pytest.mark.parametrize(
    "args",
    [
        ["sectors", "IT", "BE", "--years", "2021", "--lang", "it"],
        ["sectors", "IT", "BE", "--year", "2021", "--language", "it"],
        ["profile", "IT", "BE", "--year", "2021"],
        ["brief", "IT", "BE", "--years", "2021", "--language", "it"],
        ["brief", "IT", "BE", "--year", "2021", "--lang", "it"],
        ["partners", "IT", "--years", "2021"],
        ["events", "list", "IT", "BE", "--year", "2021"],
    ],
    ids=" ".join,
)
def test_year_and_language_options_are_accepted_both_ways(tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--store", str(tmp_path / "s")])
    # Parsed: what fails now is the empty store (1) or nothing (0), never usage (2).
    assert result.exit_code in (0, 1), result.output
    assert "No such option" not in result.output
