"""`as_of` on the brief and the claim check: the API, the CLI and the check page.

The store holds two vintages of the demo data (`web.vintages`): the second raises Italy's
and Belgium's 2021 declarations by 10%. Expected figures are summed here with the csv module
from the files each vintage ingested.
"""

from __future__ import annotations

import csv
import json
import shlex
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app as cli
from bilateral.web.app import create_app
from store.comext_files import row, write_full_v2
from web.pages.html_parts import parts
from web.vintages import TwoVintages, two_vintages

FILE_2021 = "full_v2_202152.dat"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("brief-check-vintages")


@pytest.fixture(scope="module")
def vintages(folder: Path) -> TwoVintages:
    return two_vintages(folder)


@pytest.fixture(scope="module")
def client(vintages: TwoVintages) -> Iterator[TestClient]:
    with TestClient(create_app(vintages.store.root)) as served:
        yield served


def italy_exports_2021(path: Path) -> float:
    """Italy's declared exports to Belgium in 2021 (EUR), summed from a full_v2 file."""
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(
            float(row["VALUE_EUR"])
            for row in csv.DictReader(handle)
            if (row["REPORTER"], row["PARTNER"], row["FLOW"]) == ("IT", "BE", "2")
        )


def claim(value: float) -> str:
    return f"In 2021 Italian exports to Belgium were {value / 1e9:.1f} billion euros."


def test_the_brief_as_of_a_version_gives_that_vintages_figures(
    client: TestClient, vintages: TwoVintages, folder: Path
) -> None:
    version = vintages.first_version
    url = "/api/v1/brief/IT/BE?year=2021&format=json"
    past = client.get(f"{url}&as_of={version}")
    now = client.get(url)
    assert past.status_code == now.status_code == 200, past.text
    first = italy_exports_2021(folder / FILE_2021)
    revised = italy_exports_2021(folder / "revised" / FILE_2021)
    assert revised == pytest.approx(first * 1.1, rel=1e-3)
    assert past.json()["figures"]["headline.exports"]["value"] == pytest.approx(first)
    assert now.json()["figures"]["headline.exports"]["value"] == pytest.approx(revised)
    commands = [source["command"] for source in past.json()["sources"].values()]
    assert commands and all(c.endswith(f"--as-of {version}") for c in commands), commands
    assert f"as-of-{version}" in past.headers["content-disposition"]
    profile = next(s["command"] for s in past.json()["sources"].values() if "profile" in s["key"])
    shown = CliRunner().invoke(
        cli, [*shlex.split(profile)[1:], "--store", str(vintages.store.root), "--format", "json"]
    )
    rows = json.loads(shown.stdout)["rows"]
    own = next(r for r in rows if r["year"] == 2021 and r["reported_by"] == "ITA")
    assert own["exports"] == pytest.approx(first)  # the footnote's command gives the figure


def test_the_brief_as_of_a_date_is_the_brief_as_of_its_version(
    client: TestClient, vintages: TwoVintages
) -> None:
    url = "/api/v1/brief/IT/BE?year=2021&format=json"
    by_date = client.get(f"{url}&{urlencode({'as_of': vintages.between})}").json()
    by_version = client.get(f"{url}&as_of={vintages.first_version}").json()
    assert by_date["figures"] == by_version["figures"]


def test_the_cli_brief_takes_as_of(vintages: TwoVintages, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    arguments = ["brief", "IT", "BE", "--year", "2021", "--out", str(out)]
    store = ["--store", str(vintages.store.root)]
    done = CliRunner().invoke(cli, [*arguments, "--as-of", str(vintages.first_version), *store])
    assert done.exit_code == 0, done.output
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    assert figures["headline.exports"]["value"] == pytest.approx(
        italy_exports_2021(folder / FILE_2021)
    )


def test_a_bad_as_of_of_the_brief_is_the_clis_problem(client: TestClient) -> None:
    answered = client.get("/api/v1/brief/IT/BE?year=2021&format=json&as_of=yesterday")
    assert answered.status_code == 422
    assert answered.json()["argument"] == "as_of"
    late = client.get("/api/v1/brief/IT/BE?year=2021&format=json&as_of=1999-01-01")
    assert late.status_code == 404


def test_the_check_as_of_a_version_reads_that_vintage(
    client: TestClient, vintages: TwoVintages, folder: Path
) -> None:
    first = italy_exports_2021(folder / FILE_2021)
    revised = italy_exports_2021(folder / "revised" / FILE_2021)
    text = claim(first)
    version = vintages.first_version
    plain = {"content-type": "text/plain"}
    past = client.post(f"/api/v1/check?as_of={version}", content=text, headers=plain).json()
    now = client.post("/api/v1/check", content=text, headers=plain).json()
    (then,), (today,) = past, now  # one object per claim
    assert (then["verdict"], then["match"]) == ("supported", "as written")
    assert then["evidence"][0]["value"] == pytest.approx(first)
    assert then["evidence"][0]["query"].endswith(f"--as-of {version}")
    assert today["evidence"][0]["value"] == pytest.approx(revised)
    assert today["match"] != "as written"


def test_the_check_as_of_names_no_release_after_it(tmp_path: Path) -> None:
    """A figure within revisions of the vintage read is named as a release only if it came
    by then: here the release that gives it as written came after."""
    store = bilateral.open(tmp_path / "store")
    published = {"first": 536_730_000_000, "second": 536_800_000_000}
    for vintage, value in published.items():
        lines = [row("IT", "BE", "export", 2021, value), row("IT", "BE", "import", 2021, 9)]
        path = write_full_v2(tmp_path / vintage / "full_v2_202152.dat", lines)
        store.ingest(path, vintage=vintage)
    first_version = store.history().entries[0].flows_version
    text = "In 2021 Italian exports to Belgium were 536.8 billion euros."
    (now,) = store.check(text).checks
    assert (now.match, now.evidence[0].value) == ("as written", published["second"])
    (then,) = store.check(text, as_of=first_version).checks
    assert (then.verdict, then.match) == ("supported", "within revisions")
    assert then.evidence[0].value == published["first"]
    assert then.release_vintage is None
    assert then.reason.endswith("the store holds no vintage that gives it as written")
    assert store.check(text, as_of=first_version).as_of == str(first_version)


def test_the_cli_check_takes_as_of(vintages: TwoVintages, folder: Path, tmp_path: Path) -> None:
    first = italy_exports_2021(folder / FILE_2021)
    release = tmp_path / "release.txt"
    release.write_text(claim(first), encoding="utf-8")
    arguments = ["check", str(release), "--format", "json", "--store", str(vintages.store.root)]
    done = CliRunner().invoke(cli, [*arguments, "--as-of", str(vintages.first_version)])
    assert done.exit_code == 0, done.output
    (checked,) = json.loads(done.stdout)
    assert checked["verdict"] == "supported"
    assert checked["evidence"][0]["value"] == pytest.approx(first)


def test_the_check_page_takes_as_of(
    client: TestClient, vintages: TwoVintages, folder: Path
) -> None:
    first = italy_exports_2021(folder / FILE_2021)
    version = str(vintages.first_version)
    shown = client.post("/check", data={"text": claim(first), "as_of": version})
    assert shown.status_code == 200
    words = " ".join(" ".join(parts(shown.text).text).split())
    assert f"Checked against the store as it was at {version}." in words
    assert f"--as-of {version}" in shown.text
    assert 'value="' + version + '"' in shown.text  # the form keeps what was asked
    wrong = client.post("/check", data={"text": claim(first), "as_of": "yesterday"})
    assert wrong.status_code == 400


def test_the_docs_say_brief_and_check_take_as_of(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in (("/api/v1/brief/{reporter}/{partner}", "get"), ("/api/v1/check", "post")):
        names = {parameter["name"] for parameter in paths[path][method]["parameters"]}
        assert "as_of" in names, path
