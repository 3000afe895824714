"""Fetch from the app: with --allow-writes and its token, the fetches of `bilateral fetch`.

The publisher is the local replay server serving the real Comext full_v2 sample of
../shared/data as Eurostat packs it; the server's environment names its address and the fetch
cache, as the command line's does, never a request.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app as cli
from bilateral.fetch.comext_bulk import archive_request, inventory_request
from bilateral.fetch.endpoints import COMEXT_VARIABLE
from bilateral.web.app import create_app
from fetch.conftest import BULK_SAMPLE, RELEASED, inventory, route_key, seven_zip
from replay_server import Replay, Route, replay_server
from shared_files import shared

TOKEN = "a-token-for-the-fetch-test"
FETCH = "/api/v1/store/fetch/comext?years=2024&monthly=true"


@pytest.fixture
def comext(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Replay]:
    """Serve the Comext inventory and the real 202402 sample archive; point the server at it."""
    archive = seven_zip("full_202402.dat", shared(BULK_SAMPLE).read_bytes())
    with replay_server() as publisher:
        base = publisher.base_url
        listing = {"full_v2_202312.7z": 42660193, "full_v2_202402.7z": len(archive)}
        publisher.routes[route_key(inventory_request(base))] = Route(inventory(listing))
        publisher.routes[route_key(archive_request(base, "full_v2_202402.7z"))] = Route(archive)
        monkeypatch.setenv(COMEXT_VARIABLE, base)
        monkeypatch.setenv("BILATERAL_CACHE", str(tmp_path / "cache"))
        yield publisher


def _sample_exports() -> float:
    with shared(BULK_SAMPLE).open(encoding="utf-8", newline="") as handle:
        return sum(float(row["VALUE_EUR"]) for row in csv.DictReader(handle))


def _bearer(token: str | None) -> dict[str, str]:
    return {} if token is None else {"Authorization": f"Bearer {token}"}


def test_fetch_stores_what_the_cli_fetch_stores(comext: Replay, tmp_path: Path) -> None:
    root = tmp_path / "served"
    with TestClient(create_app(root, allow_writes=True, token=TOKEN)) as client:
        assert client.get("/api/v1/profile/AT/AD?years=2024").status_code == 404
        done = client.post(FETCH, headers=_bearer(TOKEN))
        assert done.status_code == 200, done.text
        report = done.json()
        (entry,) = report["files"]
        assert (entry["status"], entry["rows_stored"], entry["vintage"]) == ("added", 13, RELEASED)
        assert any("not in the Comext inventory" in note for note in report["notes"])
        shown = client.get("/api/v1/profile/AT/AD?years=2024")  # no restart: a new version
        assert shown.status_code == 200, shown.text
        own = [row for row in shown.json()["rows"] if row["reported_by"] == "AUT"]
        assert sum(row["exports"] or 0 for row in own) == pytest.approx(_sample_exports())
    assert len(comext.log) == 2  # the inventory, then the archive

    by_cli = tmp_path / "by-cli"
    arguments = ["fetch", "comext", "--years", "2024", "--monthly", "--format", "json"]
    result = CliRunner().invoke(cli, [*arguments, "--store", str(by_cli)])
    assert result.exit_code == 0, result.output
    cli_report = json.loads(result.stdout)
    assert [f["rows_stored"] for f in cli_report["files"]] == [13]  # the cache gave the archive
    served, fetched = bilateral.open(root).info(), bilateral.open(by_cli).info()
    assert [(s.source, s.rows, s.years) for s in served.sources] == [
        (s.source, s.rows, s.years) for s in fetched.sources
    ]


def test_fetch_again_offline_reads_the_cache(comext: Replay, tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "s", allow_writes=True, token=TOKEN)) as client:
        assert client.post(FETCH, headers=_bearer(TOKEN)).status_code == 200
        again = client.post(f"{FETCH}&offline=true", headers=_bearer(TOKEN))
        assert again.status_code == 200, again.text
        (entry,) = again.json()["files"]
        assert entry["from_cache"] is True
        assert entry["status"] == "unchanged"
    assert len(comext.log) == 2


def test_a_read_only_server_refuses_to_fetch(comext: Replay, tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "s")) as client:
        refused = client.post(FETCH, headers=_bearer(TOKEN))
        assert refused.status_code == 403
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["type"] == "/api/v1/problems/forbidden"
        assert "--allow-writes" in refused.json()["detail"]
    assert comext.log == []


@pytest.mark.parametrize("token", [None, "wrong"])
def test_fetch_needs_the_token(comext: Replay, tmp_path: Path, token: str | None) -> None:
    with TestClient(create_app(tmp_path / "s", allow_writes=True, token=TOKEN)) as client:
        refused = client.post(FETCH, headers=_bearer(token))
        assert refused.status_code == 401
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["www-authenticate"] == "Bearer"
    assert comext.log == []


def test_a_years_error_is_the_clis(comext: Replay, tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "s", allow_writes=True, token=TOKEN)) as client:
        refused = client.post("/api/v1/store/fetch/comext?years=20x4", headers=_bearer(TOKEN))
        assert refused.status_code == 422
        assert refused.json()["argument"] == "years"


def test_no_fetch_takes_an_address_or_a_path(comext: Replay, tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "s", allow_writes=True, token=TOKEN)) as client:
        paths = client.get("/openapi.json").json()["paths"]
        fetches = [path for path in paths if path.startswith("/api/v1/store/fetch/")]
        assert len(fetches) == 5
        for path in fetches:
            names = {p["name"] for p in paths[path]["post"].get("parameters", [])}
            assert not names & {"base_url", "cache", "cache_dir", "store", "path", "url"}, path
        before = len(comext.log)
        elsewhere = f"{FETCH}&base_url=http://127.0.0.1:1/&cache=/tmp"
        assert client.post(elsewhere, headers=_bearer(TOKEN)).status_code == 200
        assert len(comext.log) > before  # the server's own address was asked, not the request's


SHARED_PARAMETERS = {
    "years": (True, "2021, 2020-2021 or 2019,2021."),
    "offline": (False, "Use the fetch cache only; never the network."),
}
TERRITORIES = {
    "comext": {},
    "comtrade": {"reporter": True, "partner": True},
    "comext-api": {"reporter": True, "partner": True},
    "istat": {"region": True, "partner": False},
    "imf": {"reporter": True, "partner": False},
}


@pytest.mark.parametrize("source", sorted(TERRITORIES))
def test_every_fetch_declares_the_shared_parameters_alike(tmp_path: Path, source: str) -> None:
    with TestClient(create_app(tmp_path / "s", allow_writes=True, token=TOKEN)) as client:
        paths = client.get("/openapi.json").json()["paths"]
        declared = {
            p["name"]: p for p in paths[f"/api/v1/store/fetch/{source}"]["post"]["parameters"]
        }
        for name, (required, description) in SHARED_PARAMETERS.items():
            assert (declared[name]["required"], declared[name]["description"]) == (
                required,
                description,
            )
        for name, required in TERRITORIES[source].items():
            assert declared[name]["required"] is required, name
        refused = client.post(f"/api/v1/store/fetch/{source}?years=2024&offline=true")
        assert refused.status_code == 401  # every fetch asks for the token
