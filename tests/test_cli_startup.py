"""Start-up of the command line: help and argument parsing load no data library.

A check on which modules are loaded, not a timing (bench/cli_startup.py times it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("duckdb", "ibis", "polars", "pyarrow", "deltalake", "numpy", "pandas", "httpx")
# Runs the command line in-process, then names the heavy libraries it loaded.
PROBE = """
import sys
sys.argv = ["bilateral", *sys.argv[1:]]
from bilateral.cli import main
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("LOADED:" + ",".join(heavy) + " EXIT:" + str(code), file=sys.stderr)
"""


def loaded_by(*args: str, heavy: tuple[str, ...] = HEAVY) -> tuple[list[str], str]:
    environment = {**os.environ, "PYTHONPATH": str(SOURCE), "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=heavy), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    last = done.stderr.strip().splitlines()[-1]
    loaded, code = last.removeprefix("LOADED:").split(" EXIT:")
    return [name for name in loaded.split(",") if name], code


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["sectors", "--help"],
        ["series", "--help"],
        ["store", "info", "--help"],
        ["fetch", "comext", "--help"],
        ["reference", "list", "--help"],
        ["check", "--help"],
        ["brief", "--help"],
        # A usage error is found by parsing alone.
        ["profile", "IT", "BE", "--years", "2021-2019"],
    ],
    ids=" ".join,
)
def test_help_and_parsing_load_no_data_library(args: list[str]) -> None:
    loaded, code = loaded_by(*args)
    assert loaded == []
    assert code in ("0", "2", "None")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["profile", "--help"], ["store", "info", "--help"], ["fetch", "istat", "--help"],
     ["events", "list", "--help"], ["reference", "--help"]],
    ids=" ".join,
)  # fmt: skip
def test_help_loads_no_argument_validator(args: list[str]) -> None:
    # typer checks an argument's value with pydantic; a help prints none, so needs none.
    loaded, code = loaded_by(*args, heavy=("pydantic",))
    assert (loaded, code) == ([], "0")


def test_parsing_an_argument_does_check_it() -> None:
    # The probe can see pydantic when it is loaded: a value to check (a year) loads it.
    loaded, code = loaded_by("profile", "IT", "BE", "--years", "2021-2019", heavy=("pydantic",))
    assert (loaded, code) == (["pydantic"], "2")


def test_importing_the_command_line_loads_no_data_library() -> None:
    probe = f"import sys, bilateral.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    environment = {**os.environ, "PYTHONPATH": str(SOURCE)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_command_does_load_its_engine(tmp_path: Path) -> None:
    # The probe can see a heavy library when one is loaded: a query on an empty store does.
    loaded, code = loaded_by("profile", "IT", "BE", "--store", str(tmp_path / "s"))
    assert "duckdb" in loaded or "pyarrow" in loaded
    assert code == "1"
