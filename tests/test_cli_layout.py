"""The command line at 80 columns and piped: no line too long, no cell cut, every figure shown.

Run on the demo store and on a store of real files from ../shared/data. A figure of the JSON
output is looked for in the table output in each form the tables print amounts, shares and
counts, computed here from the JSON value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from shared_files import COMTRADE_2022, DS_045409, shared

runner = CliRunner()
NARROW = {"COLUMNS": "80", "NO_COLOR": "1"}
PIPED = {"COLUMNS": "", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("layout") / "demo"
    result = runner.invoke(app, ["demo", "--store", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    return str(root)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("layout") / "real"
    files = [str(shared(DS_045409)), str(shared(COMTRADE_2022))]
    result = runner.invoke(app, ["ingest", *files, "--store", str(root), "-f", "json"])
    assert result.exit_code == 0, result.output
    return str(root)


def run(args: list[str], env: dict[str, str]) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def _numbers(value: Any, fields: tuple[str, ...]) -> Iterator[float]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in fields and isinstance(item, int | float) and not isinstance(item, bool):
                yield float(item)
            else:
                yield from _numbers(item, fields)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item, fields)


def _forms(value: float) -> set[str]:
    """The ways a table may print `value`: an amount in a unit, a change, a share, a count."""
    forms = {f"{value / divisor:,.2f}" for divisor in (1e9, 1e6, 1e3, 1.0)}
    forms |= {f"{value * 100:+.1f}%", f"{value:.1%}", f"{value:,.3f}"}
    if value == int(value):
        forms |= {f"{int(value):,}", str(int(value))}
    return forms


def assert_fits(text: str, width: int = 80) -> None:
    long = [line for line in text.splitlines() if len(line) > width]
    assert not long, f"lines longer than {width}: {long[:3]}"
    assert "…" not in text, "a cell was cut"


def assert_figures_shown(document: Any, table: str, fields: tuple[str, ...]) -> None:
    figures = list(_numbers(document, fields))
    assert figures, f"no figure among {fields} in the JSON output"
    missing = [value for value in figures if not any(f in table for f in _forms(value))]
    assert not missing, f"figures of the JSON output not in the table: {missing[:5]}"


AMOUNTS = ("exports", "imports", "total", "balance", "value")
DEMO_COMMANDS: list[tuple[list[str], tuple[str, ...]]] = [
    (["profile", "IT", "BE"], (*AMOUNTS, "exports_growth", "imports_growth")),
    (["mirror", "IT", "BE", "--years", "2020-2021"], ("exports_reported", "gap", "gap_share")),
    (["store", "history"], ("rows_stored", "rows_replaced", "flows_version")),
    (["store", "info"], ("rows", "reporters")),
    (["reference", "list"], ("rows",)),
    (["events", "list", "ITH5", "BE"], ()),
    (["sectors", "ITH5", "BEL", "--year", "2021"], ("value", "share", "growth")),
    (["partners", "ITH5", "--year", "2021", "--partner", "BE"], ("value", "share", "growth")),
    (["products", "IT", "BE", "--year", "2021", "--depth", "4"], ("value", "share", "growth")),
    (["series", "IT", "BE", "--years", "2019-2021"], ("value", "growth")),
    (["region", "ITH5", "BE"], ("region_exports", "country_exports", "exports_share")),
    (["indicators", "IT", "BE", "--year", "2021"], ("value",)),
]


@pytest.mark.parametrize(("args", "fields"), DEMO_COMMANDS, ids=lambda a: " ".join(a))
def test_demo_tables_fit_80_columns_and_show_every_figure(
    demo: str, args: list[str], fields: tuple[str, ...]
) -> None:
    table = run([*args, "--store", demo], NARROW)
    assert_fits(table)
    document = json.loads(run([*args, "--store", demo, "--format", "json"], NARROW))
    if fields:
        assert_figures_shown(document, table, fields)


def test_events_keep_every_title_and_participant_whole(demo: str) -> None:
    table = run(["events", "list", "ITH5", "BE", "--store", demo], NARROW)
    document = json.loads(run(["events", "list", "ITH5", "BE", "--store", demo, "-f", "json"], {}))
    flat = " ".join(table.split())
    for event in document["events"]:
        assert event["title"] in flat
        for participant in event["participants"]:
            assert " ".join(participant.split()) in flat


REAL_COMMANDS: list[tuple[list[str], tuple[str, ...]]] = [
    (["profile", "CHN", "DEU"], AMOUNTS),
    (["mirror", "CHN", "DEU"], ("exports_reported", "imports_reported", "gap", "gap_share")),
    (["series", "IT", "WORLD", "--frequency", "M"], ("value",)),
    (["products", "IT", "WORLD", "--year", "2024", "--depth", "8"], ("value", "share", "growth")),
    (["partners", "CHN", "--year", "2022", "--top", "5"], ("value", "share")),
    (["store", "history"], ("rows_stored", "flows_version")),
]


@pytest.mark.parametrize(("args", "fields"), REAL_COMMANDS, ids=lambda a: " ".join(a))
def test_real_tables_fit_80_columns_and_show_every_figure(
    real: str, args: list[str], fields: tuple[str, ...]
) -> None:
    table = run([*args, "--store", real], NARROW)
    assert_fits(table)
    document = json.loads(run([*args, "--store", real, "--format", "json"], NARROW))
    assert_figures_shown(document, table, fields)


def test_piped_output_is_not_wrapped(demo: str) -> None:
    piped = run(["store", "history", "--store", demo], PIPED)
    narrow = run(["store", "history", "--store", demo], NARROW)
    header = next(line for line in piped.splitlines() if line.startswith("version"))
    assert header.split() == [
        "version",
        *("at", "file", "source", "status", "rows", "replaced", "periods", "vintage"),
    ]
    assert max(len(line) for line in piped.splitlines()) > 80
    # At 80 columns the same table is split in blocks, each repeating the version.
    assert sum(line.startswith("version") for line in narrow.splitlines()) >= 2
    assert "\x1b[" not in piped
    events = run(["events", "list", "ITH5", "BE", "--store", demo], PIPED)
    titles = json.loads(run(["events", "list", "ITH5", "BE", "--store", demo, "-f", "json"], {}))
    for event in titles["events"]:
        assert any(event["title"] in line for line in events.splitlines())


@pytest.mark.parametrize("width", [40, 60, 100])
def test_other_widths(demo: str, width: int) -> None:
    for args, _ in DEMO_COMMANDS[:4]:
        assert_fits(run([*args, "--store", demo], {"COLUMNS": str(width)}), width)


def test_demo_again_says_the_store_is_there_and_hints_on_one_line(demo: str) -> None:
    result = runner.invoke(app, ["demo", "--store", demo], env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.output
    assert f"demo store {demo} is already there" in " ".join(result.stderr.split())
    assert "0 rows" not in result.stderr
    assert "Building" not in result.stderr
    assert "Checking the SYNTHETIC demo store" in " ".join(result.stderr.split())
    [hint] = [line for line in result.stderr.splitlines() if line.startswith("next:")]
    assert hint == f"next: bilateral sectors ITH5 BEL --year 2021 --store {demo}"


def test_as_of_says_which_version_it_shows(demo: str) -> None:
    table = run(["profile", "IT", "BE", "--as-of", "3", "--store", demo], NARROW)
    assert "as the store was at version 3" in table


@pytest.mark.parametrize(
    "args",
    [
        ["sectors", "IT", "BE", "--year", "2019"],
        ["region", "ITH5", "BE", "--years", "2019"],
        ["indicators", "IT", "BE", "--year", "2019"],
        ["series", "IT", "BE", "--years", "2019"],
        ["mirror", "IT", "BE", "--years", "2019"],
        ["partners", "IT", "--year", "2019"],
        ["products", "IT", "BE", "--year", "2019"],
        ["events", "list", "ITH5", "BE"],
        ["brief", "IT", "BE", "--year", "2019"],
        ["check", "-"],
    ],
    ids=" ".join,
)
def test_every_query_says_which_version_its_as_of_reads(demo: str, args: list[str]) -> None:
    claim = "In 2019 Italian exports to Belgium were 16.3 billion euros.\n"
    history = json.loads(run(["store", "history", "--store", demo, "-f", "json"], {}))
    latest = max(entry["flows_version"] for entry in history)
    version = latest if args[0] == "region" else 3  # the regional file is the last ingest
    for as_of, said in (
        (str(version), f"as the store was at version {version} (store history lists the versions)"),
        ("2100-01-01", f"as the store was at version {latest}, its state at 2100-01-01"),
    ):
        for output in ("table", "json"):
            if args[0] == "brief" and output == "json":
                continue
            form = [] if args[0] == "brief" else ["-f", output]
            result = runner.invoke(
                app, [*args, "--as-of", as_of, "--store", demo, *form], env=NARROW, input=claim
            )
            assert result.exit_code == 0, result.output
            assert said in " ".join(result.stderr.split())
            if output == "json":
                json.loads(result.stdout)  # the line goes to stderr, the JSON stays whole


def test_store_info_and_history_say_which_data_is_synthetic(demo: str, real: str) -> None:
    for args in (["store", "info"], ["store", "history"]):
        assert run([*args, "--store", demo], NARROW).startswith("SYNTHETIC DEMO DATA")
        assert "SYNTHETIC" not in run([*args, "--store", real], NARROW)
    sources = json.loads(run(["store", "info", "--store", demo, "-f", "json"], {}))["sources"]
    assert {s["source"]: s["synthetic"] for s in sources} == {
        "comext": True,
        "regional:tidy": True,
    }
    real_sources = json.loads(run(["store", "info", "--store", real, "-f", "json"], {}))
    assert not any(s["synthetic"] for s in real_sources["sources"])
    history = json.loads(run(["store", "history", "--store", real, "-f", "json"], {}))
    assert [entry["synthetic"] for entry in history] == [False, False]
