"""`bilateral fetch comtrade`: requests, slices, checks and ingest, replaying real API bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InvalidArgumentError, UpstreamFormatError
from bilateral.fetch import Fetcher
from bilateral.fetch.comtrade_api import ComtradeQuery, Slice, fetch_slices
from replay_server import Replay, Route

from .conftest import COMTRADE_DATA, COMTRADE_EMPTY, COMTRADE_PREVIEW, shared

DATA_PATH = "/data/v1/get/C/A/HS"
PREVIEW_PATH = "/public/v1/preview/C/A/HS"
LAST_MODIFIED = "Fri, 15 Nov 2024 09:30:00 GMT"


def body(path: Path) -> bytes:
    return shared(path).read_bytes()


def records(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(body(path))["data"]
    return data


def params(replay: Replay, index: int = -1) -> dict[str, str]:
    return dict(parse_qsl(replay.log[index].query))


def test_keyed_fetch_ingests_the_real_answer(
    publisher: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMTRADE_API_KEY", "k-123-secret")
    headers = {"Last-Modified": LAST_MODIFIED, "Content-Type": "application/json"}
    publisher.routes[DATA_PATH] = Route(body(COMTRADE_DATA), headers=headers)
    store = bilateral.open(tmp_path / "store")
    report = store.fetch_comtrade(
        "China", "Argentina", 2010, base_url=publisher.base_url, cache_dir=tmp_path / "cache"
    )
    sent = params(publisher)
    assert sent == {
        "reporterCode": "156",
        "partnerCode": "32",
        "period": "2010",
        "flowCode": "M,X",
        "cmdCode": "TOTAL",
        "motCode": "0",
        "partner2Code": "0",
        "customsCode": "C00",
        "includeDesc": "true",
        "maxRecords": "100000",
    }
    assert publisher.log[-1].headers["Ocp-Apim-Subscription-Key"] == "k-123-secret"
    (fetched,) = report.files
    assert fetched.vintage == "2024-11-15"
    assert fetched.ingest is not None and fetched.ingest.rows_stored == 4
    assert "vintage: the date of each response's Last-Modified header" in report.notes
    assert not any("preview" in note for note in report.notes)
    for path in (tmp_path / "cache").rglob("*"):
        assert b"k-123-secret" not in path.read_bytes() if path.is_file() else True
    chn_deu = [r for r in records(COMTRADE_DATA) if r["partnerCode"] == 276]
    exports = sum(r["primaryValue"] for r in chn_deu if r["flowCode"] == "X")
    profile = store.profile("CHN", "DEU", 2010, currency=None)
    own = [row for row in profile.rows if row.view == profile.views()[0]]
    assert own[0].exports == pytest.approx(exports)


def test_preview_without_key_says_so(
    publisher: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    publisher.routes[PREVIEW_PATH] = Route(body(COMTRADE_PREVIEW))
    store = bilateral.open(tmp_path / "store")
    report = store.fetch_comtrade(
        "USA", "Japan", 2023, base_url=publisher.base_url, cache_dir=tmp_path / "cache"
    )
    assert params(publisher)["reporterCode"] == "842"
    assert params(publisher)["partnerCode"] == "392"
    assert "Ocp-Apim-Subscription-Key" not in publisher.log[-1].headers
    assert any("public preview" in n and "500 records" in n for n in report.notes)
    assert "vintage: the retrieval date, as the API sent no Last-Modified date" in report.notes
    (fetched,) = report.files
    assert fetched.ingest is not None and fetched.ingest.rows_stored == 2


def test_italy_belgium_by_year_and_empty_answers(
    publisher: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    publisher.routes[PREVIEW_PATH] = Route(body(COMTRADE_EMPTY))
    arguments = ["fetch", "comtrade", "--reporter", "Italy", "--partner", "Belgium"]
    arguments += ["--years", "2020-2021", "--base-url", publisher.base_url]
    arguments += ["--store", str(tmp_path / "s"), "--cache", str(tmp_path / "c"), "-f", "json"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    sent = [dict(parse_qsl(r.query)) for r in publisher.log]
    assert [(s["reporterCode"], s["partnerCode"], s["period"]) for s in sent] == [
        ("380", "56", "2020"),
        ("380", "56", "2021"),
    ]
    document = json.loads(result.stdout)
    assert [f["status"] for f in document["files"]] == ["no data", "no data"]
    assert "no data for that request: ITA–BEL 2020 M+X" in document["notes"]
    assert bilateral.open(tmp_path / "s").info().sources == ()


def test_changed_format_is_an_upstream_format_error(
    publisher: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    store = bilateral.open(tmp_path / "store")
    cases = [
        (b"<!DOCTYPE html><html><title>Service Unavailable</title></html>", "an HTML or XML page"),
        (b'{"statusCode": 401, "message": "Access denied"}', r"without a data list \(keys: mes"),
        (b'{"count":0,"data":null,"error":"Too many reporters"}', "error 'Too many reporters'"),
    ]
    for answer, seen in cases:
        publisher.routes[PREVIEW_PATH] = Route(answer)
        with pytest.raises(UpstreamFormatError, match=seen + r".*expected a JSON object"):
            store.fetch_comtrade("IT", "BE", 2021, base_url=publisher.base_url, cache_dir=tmp_path)
    assert not list(tmp_path.glob("*/fetched.json"))


def test_rate_limit_through_the_api(
    publisher: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    publisher.routes[PREVIEW_PATH] = Route(body(COMTRADE_PREVIEW))
    publisher.script(PREVIEW_PATH, Route(b"{}", 429, headers={"Retry-After": "0"}))
    store = bilateral.open(tmp_path / "store")
    base = publisher.base_url
    report = store.fetch_comtrade("USA", "JPN", 2023, base_url=base, cache_dir=tmp_path)
    assert len(publisher.log) == 2 and report.rows_stored == 2


def test_a_full_answer_is_split_by_flow_then_flagged(publisher: Replay, tmp_path: Path) -> None:
    preview = records(COMTRADE_PREVIEW)
    full = {"count": 500, "data": [preview[0]] * 500, "error": ""}
    imports = {"count": 1, "data": [r for r in preview if r["flowCode"] == "M"], "error": ""}
    publisher.script(PREVIEW_PATH, Route(json.dumps(full).encode()))
    publisher.script(PREVIEW_PATH, Route(json.dumps(imports).encode()))
    publisher.script(PREVIEW_PATH, Route(json.dumps(full).encode()))
    query = ComtradeQuery("USA", "JPN", lambda year: "842", lambda year: "392", (2023,))
    with Fetcher(tmp_path) as fetcher:
        answers = fetch_slices(fetcher, publisher.base_url, query)
        again = fetch_slices(fetcher, publisher.base_url, query)
    flows = [dict(parse_qsl(r.query))["flowCode"] for r in publisher.log]
    assert flows == ["M,X", "M", "X"]
    assert [(a.slice.flows, a.records, a.cut_off) for a in answers] == [
        (("M",), 1, False),
        (("X",), 500, True),
    ]
    assert [a.fetched.from_cache for a in again] == [True, True] and len(publisher.log) == 3


def test_territories_without_a_comtrade_code_are_refused(tmp_path: Path) -> None:
    store = bilateral.open(tmp_path / "store")
    with pytest.raises(InvalidArgumentError, match="invalid frequency 'Q'"):
        store.fetch_comtrade("ITA", "BEL", 2021, frequency="Q")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="invalid products"):
        store.fetch_comtrade("ITA", "BEL", 2021, products="30x")
    with pytest.raises(InvalidArgumentError, match="invalid years None"):
        store.fetch_comtrade("ITA", "BEL", None)


def test_monthly_slices_split_by_flow_then_by_months() -> None:
    year = Slice(2021)
    assert year.periods("A") == "2021"
    assert year.periods("M").split(",")[:2] == ["202101", "202102"]
    (imports, _) = year.split("M")
    first, second = imports.split("M")
    assert first.flows == ("M",)
    assert first.periods("M") == "202101,202102,202103,202104,202105,202106"
    assert second.describe("M") == "2021-07..12 M"
    assert imports.split("A") == []
