"""Golden SQL: every query shape's compiled SQL, for DuckDB and Spark, against the text kept
in `duckdb/` and `pyspark/` beside this file, so that a change of the SQL is seen in review.

A changed SQL fails with the diff and the one command that rewrites every snapshot:

    BILATERAL_REWRITE_GOLDEN_SQL=1 python -m pytest tests/golden_sql

which writes each case's snapshot afresh and removes the snapshots of cases no longer listed.
The SQL also depends on the versions of ibis and sqlglot: `compilers.txt` names those that
wrote the snapshots, and a failure under other versions says so.

ibis keeps the columns a DuckDB `EXCLUDE` drops in a set, whose order changes from one
process to the next: the names of each `EXCLUDE` list are sorted before the comparison.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
from pathlib import Path

import ibis
import pytest

from bilateral.query.compiled import compiler_versions

from .cases import CASES, DIALECTS, Case

REWRITE_VARIABLE = "BILATERAL_REWRITE_GOLDEN_SQL"
REWRITE_COMMAND = f"{REWRITE_VARIABLE}=1 python -m pytest tests/golden_sql"
FOLDER = Path(__file__).parent
PACKAGE = FOLDER.parents[1] / "src" / "bilateral"
EXCLUDED = re.compile(r"EXCLUDE \(([^()]*)\)")
COMPILERS = FOLDER / "compilers.txt"


def rewriting() -> bool:
    return os.environ.get(REWRITE_VARIABLE, "").strip() not in ("", "0")


def snapshot(case: Case, dialect: str) -> str:
    """Return the snapshot text of `case` in `dialect`: the call, then its compiled SQL."""
    assert ibis.pyspark.name == "pyspark"  # the backend, whose options its compiler reads
    sql = EXCLUDED.sub(_sorted_names, case.compile(dialect))
    return case.header(dialect) + sql.rstrip("\n") + "\n"


def _sorted_names(found: re.Match[str]) -> str:
    names = sorted(name.strip() for name in found.group(1).split(","))
    return f"EXCLUDE ({', '.join(names)})"


def compilers() -> str:
    ibis_version, sqlglot_version = compiler_versions()
    return f"ibis-framework {ibis_version}\nsqlglot {sqlglot_version}\n"


def other_compilers() -> str:
    """Return a sentence naming the compilers that wrote the snapshots, if not this run's."""
    kept = COMPILERS.read_text(encoding="utf-8") if COMPILERS.exists() else "unknown versions"
    if kept == compilers():
        return ""
    written, running = (" and ".join(text.splitlines()) for text in (kept, compilers()))
    return f"The snapshots were compiled by {written}; this run uses {running}.\n"


def snapshot_path(case: Case, dialect: str) -> Path:
    return FOLDER / dialect / f"{case.name}.sql"


@pytest.mark.parametrize(
    ("dialect", "case"),
    [(dialect, case) for dialect in DIALECTS for case in CASES],
    ids=[f"{dialect}-{case.name}" for dialect in DIALECTS for case in CASES],
)
def test_compiled_sql_is_its_snapshot(dialect: str, case: Case) -> None:
    path = snapshot_path(case, dialect)
    fresh = snapshot(case, dialect)
    if rewriting():
        path.parent.mkdir(exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != fresh:
            path.write_text(fresh, encoding="utf-8")
        return
    shown = path.relative_to(FOLDER.parents[1]).as_posix()
    if not path.exists():
        pytest.fail(f"{shown} is missing; write it with:\n    {REWRITE_COMMAND}", pytrace=False)
    kept = path.read_text(encoding="utf-8")
    if kept != fresh:
        diff = difflib.unified_diff(
            kept.splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            fromfile=f"{shown} (kept)",
            tofile=f"{shown} (compiled now)",
        )
        pytest.fail(
            f"the compiled SQL of {case.name} ({dialect}) changed:\n{''.join(diff)}\n"
            f"{other_compilers()}"
            f"If the change is meant, rewrite every snapshot with:\n    {REWRITE_COMMAND}",
            pytrace=False,
        )


def compiled_builders() -> set[str]:
    """Return `module.function` of every builder marked `@compiled_sql` in the package."""
    found: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(marker, ast.Name) and marker.id == "compiled_sql"
                for marker in node.decorator_list
            ):
                found.add(f"{module}.{node.name}")
    return found


def test_every_compiled_builder_has_a_case() -> None:
    covered = {f"{case.builder.__module__}.{case.builder_name}" for case in CASES}
    builders = compiled_builders()
    assert len(builders) >= 15  # the scan finds the package's builders
    assert builders - covered == set(), "add cases for them in tests/golden_sql"
    assert covered - builders == set(), "these cases name no @compiled_sql builder"


def test_every_snapshot_is_a_listed_case() -> None:
    listed = {snapshot_path(case, dialect) for dialect in DIALECTS for case in CASES}
    kept = {path for dialect in DIALECTS for path in (FOLDER / dialect).glob("*")}
    if rewriting():
        for path in kept - listed:
            path.unlink()
        COMPILERS.write_text(compilers(), encoding="utf-8")
        return
    unlisted = sorted(path.relative_to(FOLDER).as_posix() for path in kept - listed)
    assert unlisted == [], f"snapshots of no case; remove them with:\n    {REWRITE_COMMAND}"
