"""The engine seam: every query runs through the one pipeline on any `Engine`, chosen by name,
factory, `$BILATERAL_ENGINE` or `--engine`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.api.pipeline import Ask, Pipeline, Query
from bilateral.cli import app
from bilateral.engine import Engine, EngineFactory, engine_factory
from bilateral.errors import InvalidArgumentError
from bilateral.events import write_demo_events
from bilateral.store import Snapshot
from bilateral.synthetic import write_demo_files, write_regional_demo_file
from bilateral.synthetic.demo import DEMO_YEARS

runner = CliRunner()


class RecordingEngine:
    """An engine that offers the contract and nothing else, recording every call it gets.

    It runs the SQL on whatever engine `inner` opens, so the api can reach no other attribute:
    a query that needs more than the contract fails here.
    """

    __slots__ = ("calls", "inner")

    def __init__(self, snapshot: Snapshot, inner: EngineFactory, calls: list[str]) -> None:
        self.inner = inner(snapshot)
        self.calls = calls
        calls.append("open")

    @property
    def dialect(self) -> str:
        return self.inner.dialect

    def register(self, name: str, table: pa.Table) -> None:
        self.calls.append(f"register {name}")
        self.inner.register(name, table)

    def execute(self, expression: ibis.Table) -> pa.Table:
        self.calls.append("execute")
        return self.inner.execute(expression)

    def execute_sql(self, sql: str) -> pa.Table:
        self.calls.append("execute_sql")
        return self.inner.execute_sql(sql)

    def execute_rows(self, sql: str) -> list[dict[str, Any]]:
        self.calls.append("execute_sql")
        return self.inner.execute_rows(sql)

    def close(self) -> None:
        self.calls.append("close")
        self.inner.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder with a store of the demo's Comext files 2020-2021, regions and events."""
    folder = tmp_path_factory.mktemp("engines")
    store = bilateral.open(folder / "store")
    files = dict(zip(DEMO_YEARS, write_demo_files(folder / "files"), strict=True))
    for year in (2020, 2021):
        store.ingest(files[year], synthetic=True)
    store.ingest(write_regional_demo_file(folder / "files"), synthetic=True)
    store.import_events(write_demo_events(folder / "files"))
    return folder


# Each public query with its arguments, and the queries of the pipeline it runs.
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any], set[str]]] = [
    ("profile", ("IT", "BE"), {}, {"profile"}),
    ("profile", ("IT", "BE", 2020), {"as_of": 1}, {"profile"}),
    ("sectors", ("IT", "BE", 2021), {}, {"sectors"}),
    ("sectors", ("IT", "BE", 2021), {"scheme": "hs4", "top": 3}, {"sectors"}),
    ("indicators", ("IT", "BE", 2021), {}, {"indicators"}),
    ("region_share", ("ITH5", "BE", 2021), {}, {"profile"}),
    ("series", ("IT", "BE"), {"ytd_through": 9}, {"series"}),
    ("mirror", ("IT", "BE", 2021), {}, {"mirror"}),
    ("partners", ("IT", 2021), {"partner": "BE"}, {"partners"}),
    ("products", ("IT", "BE", 2021), {"depth": 4}, {"products"}),
    ("events", ("BE", "ITH5"), {}, {"events"}),
    ("cn_cpa_links", (2021,), {}, {"cn_cpa_links"}),
    ("check", ("In 2021 Italian exports to Belgium were 17.6 billion euros.",), {}, {"profile"}),
]


@pytest.mark.parametrize(("method", "args", "kwargs", "queries"), CALLS)
def test_every_query_runs_through_the_pipeline_on_any_engine(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    queries: set[str],
) -> None:
    default = getattr(bilateral.open(folder / "store"), method)(*args, **kwargs)
    calls: list[str] = []
    duckdb = engine_factory("duckdb")
    store = bilateral.open(
        folder / "store", engine=lambda snapshot: RecordingEngine(snapshot, duckdb, calls)
    )
    ran: list[str] = []
    run = Pipeline.run

    def recorded(self: Pipeline, query: Query[Any, Any], ask: Ask, options: Any) -> Any:
        ran.append(query.name)
        return run(self, query, ask, options)

    monkeypatch.setattr(Pipeline, "run", recorded)
    result = getattr(store, method)(*args, **kwargs)
    assert result == default  # the same figures, notes and provenance on either engine
    assert set(ran) == queries
    assert calls[0] == "open" and "execute_sql" in calls
    counted = Counter(calls)
    if "as_of" in kwargs:  # an engine opened for a past snapshot is closed after its query
        assert counted["open"] == counted["close"] == 1


def test_a_new_snapshot_closes_the_engine_of_the_last(folder: Path, tmp_path: Path) -> None:
    calls: list[str] = []
    duckdb = engine_factory("duckdb")
    store = bilateral.open(
        tmp_path, engine=lambda snapshot: RecordingEngine(snapshot, duckdb, calls)
    )
    store.ingest(write_demo_files(tmp_path / "files")[4], synthetic=True)
    first = store.profile("IT", "BE")
    store.profile("IT", "BE")
    assert Counter(calls)["open"] == 1  # the same snapshot keeps its engine
    store.ingest(write_regional_demo_file(tmp_path / "files"), synthetic=True)
    assert store.profile("IT", "BE") == first
    assert Counter(calls)["open"] == 2
    assert Counter(calls)["close"] == 1


def test_a_bad_currency_gives_the_engine_no_rates(folder: Path) -> None:
    calls: list[str] = []
    duckdb = engine_factory("duckdb")
    store = bilateral.open(
        folder / "store", engine=lambda snapshot: RecordingEngine(snapshot, duckdb, calls)
    )
    with pytest.raises(bilateral.BilateralError):
        store.profile("IT", "BE", currency="XYZ")
    assert not [call for call in calls if call.startswith("register")]
    with pytest.raises(InvalidArgumentError, match="currency"):
        store.profile("IT", "BE", currency="euros")


def test_the_duckdb_engine_keeps_the_contract(folder: Path) -> None:
    store = bilateral.open(folder / "store")
    engine = engine_factory("duckdb")(store._pipeline.current())
    try:
        assert isinstance(engine, Engine)
        assert engine.dialect == "duckdb"
        assert engine.execute_sql("SELECT count(*) AS n FROM events").column("n")[0].as_py() == 4
    finally:
        engine.close()


def test_snapshot_says_which_sources_it_holds(folder: Path) -> None:
    store = bilateral.open(folder / "store")
    held = {summary.source for summary in store.info().sources}
    assert store._pipeline.current().sources() == held
    assert len(held) == 2 and "comext" in held
    assert store._pipeline.current().sources("events") == frozenset()


@pytest.mark.parametrize(
    ("engine", "expected"),
    [
        ("sqlite", "invalid engine 'sqlite': expected one of duckdb, spark"),
        (3, "invalid engine 3: expected an engine name (one of duckdb, spark), a SparkSession or"),
    ],
)
def test_open_names_the_valid_engines(tmp_path: Path, engine: Any, expected: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        bilateral.open(tmp_path, engine=engine)
    assert str(caught.value).startswith(expected)
    assert caught.value.name == "engine"
    assert not tmp_path.joinpath("_ingest_log").exists()  # nothing created for a bad argument


def test_engine_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILATERAL_ENGINE", "sqlite")
    with pytest.raises(InvalidArgumentError, match=r"invalid \$BILATERAL_ENGINE 'sqlite': exp"):
        bilateral.open(tmp_path)
    monkeypatch.setenv("BILATERAL_ENGINE", " DuckDB ")
    store = bilateral.open(tmp_path)
    store.ingest(write_demo_files(tmp_path / "files")[4], synthetic=True)
    assert store.profile("IT", "BE").rows
    monkeypatch.setenv("BILATERAL_ENGINE", "sqlite")
    assert bilateral.open(tmp_path, engine="duckdb").profile("IT", "BE").rows  # the argument wins


# Every query command with its arguments.
COMMANDS = [
    ["profile", "IT", "BE", "-f", "json"],
    ["sectors", "IT", "BE", "--year", "2021", "-f", "json"],
    ["region", "ITH5", "BE", "-f", "json"],
    ["indicators", "IT", "BE", "--year", "2021", "-f", "json"],
    ["series", "IT", "BE", "-f", "json"],
    ["mirror", "IT", "BE", "-f", "json"],
    ["partners", "IT", "--year", "2021", "-f", "json"],
    ["products", "IT", "BE", "--year", "2021", "-f", "json"],
    ["brief", "IT", "BE", "--year", "2021"],
    ["check", "-", "-f", "json"],
    ["events", "list", "BE", "ITH5", "-f", "json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_every_query_command_takes_an_engine(folder: Path, command: list[str]) -> None:
    store = ["--store", str(folder / "store")]
    text = "In 2021 Italian exports to Belgium were 17.6 billion euros."
    default = runner.invoke(app, [*command, *store], input=text)
    assert default.exit_code == 0, default.output
    chosen = runner.invoke(app, [*command, *store, "--engine", "duckdb"], input=text)
    assert chosen.exit_code == 0, chosen.output
    assert chosen.stdout == default.stdout
    wrong_master = [*command, *store, "--engine", "duckdb", "--spark-master", "local[2]"]
    mixed = runner.invoke(app, wrong_master, input=text)
    assert mixed.exit_code == 1
    assert "invalid --spark-master 'local[2]': expected no --engine, or --engine spark" in str(
        mixed.exception
    )
    environment = {"BILATERAL_ENGINE": "nope"}
    wrong = runner.invoke(app, [*command, *store], input=text, env=environment)
    assert wrong.exit_code == 1
    assert "$BILATERAL_ENGINE 'nope': expected one of duckdb, spark" in str(wrong.exception)
