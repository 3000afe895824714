"""The Spark engine: chosen by name, session, master or `$BILATERAL_ENGINE`; it keeps the
contract, leaves the user's session as it was, names damaged files and says what it lacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.engine import Engine, engine_factory, spark_engine
from bilateral.engine.spark import SparkEngine
from bilateral.engine.spark import engine as spark_module
from bilateral.engine.spark import session as session_module
from bilateral.errors import EngineUnavailableError, StoreDamagedError
from bilateral.store import snapshot

runner = CliRunner()


def flow_rows(files: list[str]) -> int:
    """Return the rows of a table's Parquet files, read from their footers."""
    return sum(pq.read_metadata(file).num_rows for file in files)


def test_the_spark_engine_keeps_the_contract(demo_root: Path, spark: SparkSession) -> None:
    current = snapshot(demo_root)
    engine = engine_factory(spark)(current)
    try:
        assert isinstance(engine, Engine) and isinstance(engine, SparkEngine)
        assert engine.dialect == "pyspark"
        assert engine.session.sparkContext is spark.sparkContext  # a child of the user's session
        counted = engine.execute_sql("SELECT count(*) AS n FROM flows").column("n")[0].as_py()
        assert counted == flow_rows(current.files["flows"]) > 0
        years = engine.execute_sql(
            "SELECT DISTINCT year FROM flows WHERE source = 'comext' ORDER BY year"
        )
        assert years.column("year").to_pylist() == [2019, 2020, 2021]
        assert str(years.schema.field("year").type) == "int16"  # the table's own types
    finally:
        engine.close()
    assert not engine.session.catalog.tableExists("flows")  # its views are dropped


def test_on_a_local_master_the_engine_tunes_its_own_session_only(
    demo_root: Path, spark: SparkSession
) -> None:
    adaptive = "spark.sql.adaptive.enabled"
    before = spark.conf.get(adaptive)
    engine = SparkEngine(snapshot(demo_root), spark)
    try:
        assert engine.session.conf.get(adaptive) == "false"
        # the shuffle partitions the context was given are kept, never Spark's 200
        assert engine.session.conf.get("spark.sql.shuffle.partitions") == "2"
    finally:
        engine.close()
    assert spark.conf.get(adaptive) == before == "true"


def test_the_users_own_views_are_left_alone(demo_root: Path, spark: SparkSession) -> None:
    spark.sql("SELECT 'mine' AS owner").createOrReplaceTempView("flows")
    try:
        store = bilateral.open(demo_root, engine=spark)
        assert store.profile("IT", "BE", 2021).rows
        assert spark.sql("SELECT owner FROM flows").collect()[0].owner == "mine"
    finally:
        spark.catalog.dropTempView("flows")


def test_engines_sharing_one_session_read_their_own_snapshot(
    demo_root: Path, spark: SparkSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Spark Connect sessions make no child sessions: engines then take turns on the one session.
    monkeypatch.setattr(spark_module, "child_session", lambda session: session)
    past, now = snapshot(demo_root, 1), snapshot(demo_root)
    older, newer = SparkEngine(past, spark), SparkEngine(now, spark)
    count = "SELECT count(*) AS n FROM flows"
    try:
        for _ in range(2):
            assert older.execute_sql(count).column("n")[0].as_py() == flow_rows(past.files["flows"])
            assert newer.execute_sql(count).column("n")[0].as_py() == flow_rows(now.files["flows"])
    finally:
        older.close()
        newer.close()
    assert flow_rows(past.files["flows"]) < flow_rows(now.files["flows"])


def test_spark_by_name_and_from_the_environment(
    demo_root: Path, spark: SparkSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = bilateral.open(demo_root).profile("IT", "BE", 2021)
    assert bilateral.open(demo_root, engine="spark").profile("IT", "BE", 2021) == expected
    monkeypatch.setenv("BILATERAL_ENGINE", "Spark")
    assert bilateral.open(demo_root).profile("IT", "BE", 2021) == expected
    chosen = spark_engine(master="local[2]")  # the running session has that master
    assert bilateral.open(demo_root, engine=chosen).profile("IT", "BE", 2021) == expected


@pytest.mark.parametrize(
    "options",
    [
        ["--engine", "spark"],
        ["--spark-master", "local[2]"],
        ["--engine", "spark", "--spark-master", "local[2]"],
    ],
    ids=["engine", "master", "both"],
)
def test_query_commands_run_on_spark(
    demo_root: Path, spark: SparkSession, options: list[str]
) -> None:
    command = ["profile", "IT", "BE", "--years", "2021", "-f", "json", "--store", str(demo_root)]
    default = runner.invoke(app, command)
    assert default.exit_code == 0, default.output
    on_spark = runner.invoke(app, [*command, *options])
    assert on_spark.exit_code == 0, on_spark.output
    assert json.loads(on_spark.stdout) == json.loads(default.stdout)


def test_a_damaged_file_is_named_on_spark(
    demo_root: Path, spark: SparkSession, tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(demo_root, copy)
    damaged = snapshot(copy).files["rollup_totals"][0]
    Path(damaged).write_bytes(b"not a parquet file")
    with pytest.raises(StoreDamagedError) as caught:
        bilateral.open(copy, engine=spark).profile("IT", "BE", 2021)
    assert "rollup_totals" in str(caught.value) and damaged in str(caught.value)


def test_without_pyspark_the_error_says_what_to_install(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m.startswith("bilateral.engine.spark")]:
        monkeypatch.delitem(sys.modules, name)
    for name in [m for m in sys.modules if m.split(".")[0] == "pyspark"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    with pytest.raises(EngineUnavailableError) as caught:
        bilateral.open(demo_root, engine="spark").profile("IT", "BE", 2021)
    assert str(caught.value) == (
        "the spark engine cannot start: the package 'pyspark' is not installed; "
        "pip install 'bilateral[spark]' (pyspark)"
    )


def test_without_java_the_error_says_what_to_install(demo_root: Path) -> None:
    environment = {
        **os.environ,
        "JAVA_HOME": "/nonexistent",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = ["profile", "IT", "BE", "--store", str(demo_root), "--spark-master", "local[1]"]
    done = subprocess.run(
        [sys.executable, "-c", "from bilateral.cli import main; main()", *command],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    message = " ".join(done.stderr.split())
    assert (
        "error: the spark engine cannot start: Spark's Java process for master 'local[1]'"
        in message
    )
    assert "Spark needs a Java 17 or later runtime" in message


def test_a_local_spark_answer_comes_without_java_log_lines(demo_root: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SPARK_")}
    environment["PYTHONPATH"] = os.pathsep.join(sys.path)
    command = ["profile", "IT", "BE", "--years", "2021", "--store", str(demo_root)]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bilateral.cli import main; main()",
            *command,
            "--spark-master",
            "local[1]",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Italy" in done.stdout
    # The Java runtime itself names the incubator module Spark adds; nothing else is said.
    said = [line for line in done.stderr.splitlines() if line.strip()]
    assert [line for line in said if "incubator modules" not in line] == []


def test_local_logging_keeps_what_the_user_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SPARK_SUBMIT_OPTS", "SPARK_LOCAL_IP", "SPARK_CONF_DIR", "SPARK_HOME"):
        monkeypatch.delenv(name, raising=False)
    session_module.quiet_local_start()
    options = os.environ["SPARK_SUBMIT_OPTS"]
    assert options.startswith("-Dlog4j2.configurationFile=file:")
    assert Path(options.split("file:", 1)[1]).read_text(encoding="utf-8").count("level = error")
    assert os.environ["SPARK_LOCAL_IP"] == "127.0.0.1"

    monkeypatch.setenv("SPARK_SUBMIT_OPTS", "-Dmine=1")
    monkeypatch.setenv("SPARK_LOCAL_IP", "10.0.0.5")
    session_module.quiet_local_start()
    assert (os.environ["SPARK_SUBMIT_OPTS"], os.environ["SPARK_LOCAL_IP"]) == (
        "-Dmine=1",
        "10.0.0.5",
    )

    monkeypatch.delenv("SPARK_SUBMIT_OPTS")
    (tmp_path / "log4j2.properties").write_text("rootLogger.level = info\n", encoding="utf-8")
    monkeypatch.setenv("SPARK_CONF_DIR", str(tmp_path))
    session_module.quiet_local_start()
    assert "SPARK_SUBMIT_OPTS" not in os.environ
