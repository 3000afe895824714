"""The check's outputs: table, JSON with one object per claim, annotated HTML; the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bilateral.api import Store
from bilateral.cli import app
from bilateral.render.claims import claims_html, claims_json, show_check

from .conftest import comtrade_value

BN = 1e9


@pytest.fixture(scope="module")
def text() -> str:
    exports = comtrade_value("CHN", "X", "ITA")
    return (
        f"In 2022 China's exports to Italy were ${exports / BN:.1f} billion <b>(record)</b>, "
        "while imports from Italy were 5 billion dollars. Trade with Congo was $3 billion."
    )


def test_json_has_one_object_per_claim(comtrade: Store, text: str) -> None:
    documents = json.loads(claims_json(comtrade.check(text)))
    assert [d["verdict"] for d in documents] == ["supported", "contradicted", "not checkable"]
    first = documents[0]
    assert set(first) == {"text", "figure", "claim", "verdict", "reason", "supported_by",
                          "valuation", "match", "release_vintage", "evidence",
                          "synthetic"}  # fmt: skip
    assert not any(d["synthetic"] for d in documents)  # the real Comtrade file
    assert (first["valuation"], first["match"]) == (None, "as written")  # exports: no imports
    assert first["claim"]["reporter_codes"] == ["CHN"]
    assert first["claim"]["flow"] == "export"
    assert first["evidence"][0]["value"] == pytest.approx(comtrade_value("CHN", "X", "ITA"))
    assert first["evidence"][0]["source"] == "comtrade"
    assert documents[2]["evidence"] == []


def test_html_marks_each_claim_with_its_verdict_and_escapes_the_text(
    comtrade: Store, text: str
) -> None:
    page = claims_html(comtrade.check(text))
    assert page.startswith("<!DOCTYPE html>")
    marks = re.findall(r'<mark class="([a-z-]+)" title="([^"]*)">([^<]*)</mark>', page)
    assert [(cls, figure) for cls, _, figure in marks] == [
        ("supported", text[text.index("$") : text.index(" <b>")]),
        ("contradicted", "5 billion dollars"),
        ("not-checkable", "$3 billion"),
    ]
    assert marks[2][1].startswith("not checkable: territory ambiguous")
    assert "&lt;b&gt;(record)&lt;/b&gt;" in page and "<b>(record)" not in page
    assert page.count('<li id="claim-') == 3
    assert "bilateral profile CHN ITA --years 2022" in page
    assert "<script" not in page and "http" not in page  # self-contained


def test_table_lists_every_claim(comtrade: Store, text: str) -> None:
    console = Console(record=True, width=200)
    show_check(console, comtrade.check(text), "table")
    printed = console.export_text()
    assert "supported" in printed and "contradicted" in printed and "not checkable" in printed
    assert "3 claims: 1 supported, 1 contradicted, 1 not checkable" in printed


def test_cli_checks_a_file_and_stdin(comtrade: Store, text: str, tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "release.txt"
    source.write_text(text, encoding="utf-8")
    shown = runner.invoke(app, ["check", str(source), "--store", str(comtrade.root),
                                "--format", "json"])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert [d["verdict"] for d in json.loads(shown.output)] == [
        "supported", "contradicted", "not checkable",
    ]  # fmt: skip
    piped = runner.invoke(app, ["check", "-", "--store", str(comtrade.root)], input=text)
    assert piped.exit_code == 0
    assert "1 supported, 1 contradicted, 1 not checkable" in piped.output
    page = tmp_path / "out" / "check.html"
    page.parent.mkdir()
    written = runner.invoke(app, ["check", str(source), "--store", str(comtrade.root),
                                  "--format", "html", "--out", str(page)])  # fmt: skip
    assert written.exit_code == 0
    assert '<mark class="contradicted"' in page.read_text(encoding="utf-8")


def test_cli_with_no_claims_and_bad_input(comtrade: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(app, ["check", "-", "--store", str(comtrade.root)],
                          input="Nothing to check here.")  # fmt: skip
    assert empty.exit_code == 0
    assert "No trade figures found" in empty.output
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.txt"), "--store",
                                  str(comtrade.root)])  # fmt: skip
    assert missing.exit_code != 0
    bad = runner.invoke(app, ["check", "-", "--format", "csv"], input="x")
    assert bad.exit_code == 2


def test_json_of_a_check_on_the_demo_store_marks_each_claim_synthetic(tmp_path: Path) -> None:
    import bilateral
    from bilateral.synthetic import write_demo_files

    store = bilateral.open(tmp_path / "store")
    store.ingest(write_demo_files(tmp_path)[4], synthetic=True)
    report = store.check("Italy's exports to Belgium were EUR 5 billion in 2021.")
    (document,) = json.loads(claims_json(report))
    assert document["synthetic"] is True
    assert report.records()[0]["synthetic"] is True
