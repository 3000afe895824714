"""The pair page as of a vintage: every section, footnote and download reads that vintage."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bilateral.cli import app as cli
from bilateral.errors import InvalidArgumentError, VintageNotFoundError
from bilateral.render.common import records_json
from bilateral.render.profile import sectors_document
from bilateral.web.app import create_app
from web.pages.html_parts import parts
from web.vintages import TwoVintages, two_vintages


@pytest.fixture(scope="module")
def vintages(tmp_path_factory: pytest.TempPathFactory) -> TwoVintages:
    return two_vintages(tmp_path_factory.mktemp("page-vintages"))


@pytest.fixture(scope="module")
def client(vintages: TwoVintages) -> Iterator[TestClient]:
    with TestClient(create_app(vintages.store.root)) as served:
        yield served


def _headline(html: str) -> list[tuple[str, float]]:
    return [(name, float(value)) for name, value, _ in parts(html).figures if value]


def _expected(vintages: TwoVintages, as_of: int | str | None) -> list[tuple[str, float]]:
    profile = vintages.store.profile("ITA", "BEL", "2020-2021", as_of=as_of)
    return [
        (measure, float(getattr(row, measure)))
        for measure in ("exports", "imports", "total", "balance")
        for row in profile.rows
        if row.year == 2021
    ]


def test_the_headline_is_the_profile_as_of_the_vintage(
    client: TestClient, vintages: TwoVintages
) -> None:
    version = vintages.first_version
    past = client.get(f"/pair/ITA/BEL?years=2020-2021&as_of={version}")
    assert past.status_code == 200
    now = client.get("/pair/ITA/BEL?years=2020-2021")
    assert _headline(past.text) == _expected(vintages, version)
    assert _headline(now.text) == _expected(vintages, None)
    assert _headline(past.text) != _headline(now.text)
    assert f"as the store was at {version}" in past.text


def test_footnotes_and_downloads_carry_the_vintage(
    client: TestClient, vintages: TwoVintages
) -> None:
    version = vintages.first_version
    html = client.get(f"/pair/ITH5/BEL?years=2020-2021&as_of={version}").text
    assert f"<code>bilateral profile ITH5 BEL --years 2020-2021 --as-of {version}</code>" in html
    assert f"<code>bilateral mirror ITH5 BEL --years 2020-2021 --as-of {version}</code>" in html
    api = sorted({link for link in parts(html).links if link.startswith("/api/v1/")})
    assert api
    briefs = [link for link in api if "/brief/" in link]
    assert len(briefs) == 6  # html, pdf and md in two languages
    for link in api:
        assert parse_qs(urlsplit(link).query)["as_of"] == [str(version)], link
        if link not in briefs or "format=md" in link:  # PDFs are made by the brief's tests
            assert client.get(link).status_code == 200, link
    schemes = [link for link in parts(html).links if link.startswith("/pair/ITH5/BEL?")]
    assert schemes and all(f"as_of={version}" in link for link in schemes)


def test_a_name_in_the_url_keeps_the_vintage(client: TestClient) -> None:
    moved = client.get("/pair/Italy/Belgium?as_of=3", follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"] == "/pair/ITA/BEL?scheme=cpa&as_of=3"


@pytest.mark.parametrize(
    ("as_of", "status", "error"),
    [("yesterday", 400, InvalidArgumentError), ("1999-01-01", 404, VintageNotFoundError)],
)
def test_a_bad_vintage_is_a_page_with_the_clis_message(
    client: TestClient, vintages: TwoVintages, as_of: str, status: int, error: type
) -> None:
    shown = client.get(f"/pair/ITA/BEL?as_of={as_of}")
    assert shown.status_code == status
    with pytest.raises(error) as caught:
        vintages.store.profile("ITA", "BEL", as_of=as_of)
    assert str(caught.value) in " ".join(" ".join(parts(shown.text).text).split())


def test_every_footnote_command_runs_as_printed(client: TestClient, vintages: TwoVintages) -> None:
    version = vintages.first_version
    page = client.get(f"/pair/ITH5/BEL?years=2020-2021&as_of={version}").text
    commands = sorted(set(re.findall(r"<code>(bilateral [^<]*)</code>", page)))
    assert len(commands) >= 8
    store = str(vintages.store.root)
    for command in commands:
        assert command.endswith(f"--as-of {version}"), command
        arguments = [*shlex.split(command)[1:], "--store", store, "--format", "json"]
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code in (0, 1), (command, result.output)  # 1: a section without data
        if result.exit_code == 0:
            json.loads(result.stdout)
    sectors = next(c for c in commands if c.startswith("bilateral sectors"))
    shown = CliRunner().invoke(
        cli, [*shlex.split(sectors)[1:], "--store", store, "--format", "json"]
    )
    expected = vintages.store.sectors("ITH5", "BEL", 2021, language="en", as_of=version)
    assert json.loads(shown.stdout) == json.loads(records_json(sectors_document(expected)))
