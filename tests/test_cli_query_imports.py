"""Query commands load what they use only: no ingest, download, web, PDF or Spark library.

Each command runs in a new process on a small store, then names the libraries it loaded. With
its compiled SQL cached (every run after the first) a query loads neither ibis nor sqlglot;
even the first run, which compiles, loads no reader of source files (polars), no download
client, no web server and no Spark. A check on which modules are loaded, not a timing
(bench/cold_cli.py times the cold commands).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.query import compiled
from store.comext_files import row, write_full_v2

SOURCE = Path(__file__).resolve().parents[1] / "src"
# Loaded by a query command only by mistake, whether its SQL is cached or compiled.
NEVER = ("polars", "httpx", "py7zr", "pyspark", "fastapi", "starlette", "uvicorn", "weasyprint")
# The SQL compiler (ibis pulls pandas in): loaded only while compiling SQL not yet cached.
COMPILING = ("ibis", "sqlglot", "pandas")
QUERIES = [
    ["profile", "IT", "BE", "--years", "2020-2021"],
    ["profile", "IT", "BE", "--format", "json"],
    ["sectors", "IT", "BE", "--year", "2021"],
    ["mirror", "IT", "BE", "--years", "2021"],
    ["partners", "IT", "--year", "2021"],
    ["products", "IT", "BE", "--year", "2021"],
    ["series", "IT", "BE", "--years", "2020-2021"],
    ["indicators", "IT", "BE", "--year", "2021"],
]
BRIEF = ["brief", "IT", "BE", "--year", "2021"]
LINES = [
    row("IT", "BE", "export", 2020, 100),
    row("IT", "BE", "import", 2020, 40),
    row("IT", "BE", "export", 2021, 130),
    row("IT", "BE", "import", 2021, 50),
    row("IT", "FR", "export", 2021, 70),
    row("BE", "IT", "import", 2021, 125),
    row("BE", "IT", "export", 2021, 45),
]
# Runs the command line in-process, then names every library of interest it loaded.
PROBE = """
import json, sys
sys.argv = ["bilateral", *sys.argv[1:]]
from bilateral.cli import main
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
names = {names!r}
print(json.dumps({{"loaded": [m for m in names if m in sys.modules], "exit": code}}),
      file=sys.stderr)
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query-imports")
    data = write_full_v2(folder / "full_2020-2021.dat", LINES)
    result = CliRunner().invoke(app, ["ingest", str(data), "--store", str(folder / "store")])
    assert result.exit_code == 0, result.output
    return folder / "store"


@pytest.fixture(scope="module")
def sql_cache(tmp_path_factory: pytest.TempPathFactory, store: Path) -> Path:
    """A folder holding the compiled SQL of every query here, as after a first run of each."""
    folder = tmp_path_factory.mktemp("sql")
    compiled.forget_in_memory()  # SQL compiled earlier in this process is written again
    for args in [*QUERIES, BRIEF]:
        result = CliRunner().invoke(
            app, [*args, "--store", str(store)], env={"BILATERAL_SQL_CACHE": str(folder)}
        )
        assert result.exit_code == 0, result.output
    compiled.forget_in_memory()
    return folder


def loaded_by(args: list[str], sql_cache: Path) -> list[str]:
    """Run `bilateral ARGS` in a new process; return the libraries of interest it loaded."""
    environment = {**os.environ, "PYTHONPATH": str(SOURCE), "COLUMNS": "120",
                   "BILATERAL_SQL_CACHE": str(sql_cache)}  # fmt: skip
    names = ("duckdb", "pyarrow", *NEVER, *COMPILING)
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=names), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["exit"] in (0, None), done.stderr
    loaded: list[str] = report["loaded"]
    return loaded


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_a_query_whose_sql_is_cached_loads_no_compiler(
    args: list[str], store: Path, sql_cache: Path
) -> None:
    loaded = loaded_by([*args, "--store", str(store)], sql_cache)
    assert "duckdb" in loaded  # the probe sees a library the command does load
    assert [name for name in loaded if name in NEVER or name in COMPILING] == []


def test_a_first_run_without_cache_loads_the_compiler_only(store: Path, tmp_path: Path) -> None:
    loaded = loaded_by(["profile", "IT", "BE", "--store", str(store)], tmp_path / "empty")
    assert "ibis" in loaded  # nothing cached: the SQL is compiled
    assert [name for name in loaded if name in NEVER] == []


def test_an_html_brief_loads_no_pdf_writer_reader_or_compiler(
    store: Path, sql_cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.html"
    loaded = loaded_by([*BRIEF, "--out", str(out), "--store", str(store)], sql_cache)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "duckdb" in loaded
    assert [name for name in loaded if name in NEVER or name in COMPILING] == []


@pytest.mark.parametrize("args", [["store", "info"], ["store", "history"]], ids=" ".join)
def test_store_info_and_history_load_no_data_frame_library(
    args: list[str], store: Path, tmp_path: Path
) -> None:
    """They read the partitioned totals rollup and the log file by file: no pandas."""
    loaded = loaded_by([*args, "--store", str(store)], tmp_path / "empty")
    assert "pyarrow" in loaded  # the probe sees a library the command does load
    assert [name for name in loaded if name in NEVER or name in COMPILING] == []


def test_store_info_sums_the_partitioned_rollup_as_written(store: Path) -> None:
    result = CliRunner().invoke(app, ["store", "info", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    (comext,) = json.loads(result.stdout)["sources"]
    reporters = {line["REPORTER"] for line in LINES}
    years = sorted({int(line["PERIOD"][:4]) for line in LINES})
    assert (comext["source"], comext["rows"], comext["reporters"]) == (
        "comext",
        len(LINES),
        len(reporters),
    )
    assert comext["years"] == f"{years[0]}-{years[-1]}"
