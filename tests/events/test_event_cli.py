"""Tests for `bilateral events import` and `bilateral events list`, end to end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.errors import SourceFormatError, StoreNotFoundError
from events.conftest import FIXTURES

runner = CliRunner()


def test_import_then_list(tmp_path: Path) -> None:
    root = str(tmp_path / "s")
    imported = runner.invoke(
        app, ["events", "import", str(FIXTURES / "events.yaml"), "--store", root]
    )
    assert imported.exit_code == 0, imported.output
    assert "events.yaml: 4 of 4 events added, 0 already stored" in imported.stdout

    table = runner.invoke(
        app,
        ["events", "list", "Belgio", "Emilia-Romagna", "--store", root],
        env={"COLUMNS": "200"},
    )
    assert table.exit_code == 0, table.output
    for text in ("relations timeline BEL – ITH5", "2023-03-11", "Anna Rossi", "Memorandum"):
        assert text in table.stdout

    listed = runner.invoke(
        app,
        ["events", "list", "ITH5", "BE", "--years", "2023", "--store", root, "--format", "json"],
    )
    document = json.loads(listed.stdout)
    assert document["territories"] == ["ITH5", "BEL"]
    (event,) = document["events"]
    assert (event["date"], event["kind"], event["territory_b"]) == ("2023-03-11", "meeting", "BEL")
    assert event["themes"] == "trade; investment"

    as_csv = runner.invoke(
        app, ["events", "list", "ITH5", "BEL", "--store", root, "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [row["date"] for row in rows] == ["2021-06-15", "2023-03-11"]
    assert rows[0]["participants"] == "Marie Dubois (Minister); Luca Bianchi"


def test_second_import_is_unchanged_and_json_report(tmp_path: Path) -> None:
    root = str(tmp_path / "s")
    runner.invoke(app, ["events", "import", str(FIXTURES / "events.csv"), "--store", root])
    again = runner.invoke(
        app,
        ["events", "import", str(FIXTURES / "events.csv"), "--store", root, "--format", "json"],
    )
    (record,) = json.loads(again.stdout)
    assert (record["status"], record["added"], record["file"]) == ("unchanged", 0, "events.csv")


def test_empty_timeline_and_bad_file(tmp_path: Path) -> None:
    root = str(tmp_path / "s")
    # Listing never makes a store: a path that holds none is an error naming it.
    missing = runner.invoke(app, ["events", "list", "IT", "BE", "--store", root])
    assert missing.exit_code == 1
    assert isinstance(missing.exception, StoreNotFoundError)
    assert not (tmp_path / "s").exists()

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,type,title,territory_a,territory_b\n2023-03-11,meting,A meeting,ITH5,BEL\n"
    )
    failed = runner.invoke(app, ["events", "import", str(bad), "--store", root])
    assert failed.exit_code == 1
    assert isinstance(failed.exception, SourceFormatError)
    assert str(failed.exception).startswith("bad.csv, line 2, field type: unknown event type")
    empty = runner.invoke(app, ["events", "list", "IT", "BE", "--store", root])
    assert empty.exit_code == 0
    assert "no events stored between ITA – BEL" in empty.stdout
    history = runner.invoke(app, ["store", "history", "--store", root, "--format", "json"])
    assert json.loads(history.stdout) == []
