"""`Fetcher`: retries, resume, refusals, timeouts and the cache, against a local replay server."""

from __future__ import annotations

import hashlib
import json
import socket
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from bilateral.cli import main
from bilateral.errors import FetchError, OfflineCacheMissError
from bilateral.fetch import Fetcher, Request
from bilateral.fetch.client import MAX_WAIT
from replay_server import Replay, Route

from .conftest import route_key

BODY = bytes(range(256)) * 400  # 102,400 bytes


class Sleeps(list[float]):
    """A fake `sleep` that records the waits asked for."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fetcher(tmp_path: Path, sleeps: Sleeps | None = None, **options: object) -> Fetcher:
    return Fetcher(tmp_path / "cache", sleep=sleeps if sleeps is not None else Sleeps(), **options)  # type: ignore[arg-type]


def served(publisher: Replay, path: str = "/data/file.bin", **params: str) -> Request:
    request = Request(publisher.base_url + path, tuple(params.items()))
    publisher.routes[route_key(request)] = Route(BODY)
    return request


def test_429_waits_what_retry_after_says(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.script(route_key(request), Route(b"slow down", 429, headers={"Retry-After": "7"}))
    sleeps = Sleeps()
    with fetcher(tmp_path, sleeps) as client:
        fetched = client.get(request, name="file.bin")
    assert sleeps == [7.0]
    assert fetched.path.read_bytes() == BODY
    assert len(publisher.log) == 2


def test_retry_after_as_http_date_and_capped(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    publisher.script(
        route_key(request),
        Route(b"", 429, headers={"Retry-After": later}),
        Route(b"", 429, headers={"Retry-After": "86400"}),
    )
    sleeps = Sleeps()
    with fetcher(tmp_path, sleeps) as client:
        client.get(request, name="file.bin")
    assert 25 <= sleeps[0] <= 30
    assert sleeps[1] == MAX_WAIT


def test_server_error_is_retried_with_backoff(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.script(route_key(request), Route(b"", 500), Route(b"", 502))
    sleeps = Sleeps()
    with fetcher(tmp_path, sleeps, backoff=0.5) as client:
        fetched = client.get(request, name="file.bin")
    assert sleeps == [0.5, 1.0]
    assert fetched.size == len(BODY) and not fetched.from_cache


def test_persistent_server_error_gives_up(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.routes[route_key(request)] = Route(b"", 503)
    sleeps = Sleeps()
    with (
        fetcher(tmp_path, sleeps, retries=2) as client,
        pytest.raises(FetchError, match=r"HTTP 503 \(gave up after 3 attempts\)"),
    ):
        client.get(request, name="file.bin")
    assert sleeps == [1.0, 2.0]
    assert len(publisher.log) == 3


@pytest.mark.parametrize("status", [404, 403, 400])
def test_client_errors_are_not_retried(publisher: Replay, tmp_path: Path, status: int) -> None:
    request = served(publisher, year="2021")
    publisher.routes[route_key(request)] = Route(b"no", status)
    sleeps = Sleeps()
    with fetcher(tmp_path, sleeps) as client, pytest.raises(FetchError) as raised:
        client.get(request, name="file.bin")
    assert str(raised.value) == (
        f"cannot download {request.full_url()}: the server answered HTTP {status}"
    )
    assert len(publisher.log) == 1 and sleeps == []
    assert client.cache.lookup(request) is None


def test_truncated_body_is_resumed_with_range(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.script(route_key(request), Route(BODY, truncate_to=30_000))
    with fetcher(tmp_path) as client:
        fetched = client.get(request, name="file.bin")
    assert [r.headers.get("Range") for r in publisher.log] == [None, "bytes=30000-"]
    assert hashlib.sha256(fetched.path.read_bytes()).digest() == hashlib.sha256(BODY).digest()


def test_partial_download_is_never_served(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.script(route_key(request), Route(BODY, truncate_to=5_000))
    with fetcher(tmp_path, retries=0) as client, pytest.raises(FetchError, match="5000 bytes"):
        client.get(request, name="file.bin")
    with fetcher(tmp_path) as client:
        assert client.cache.lookup(request) is None
        assert client.cache.part(request, "file.bin").stat().st_size == 5_000
    with fetcher(tmp_path, offline=True) as offline, pytest.raises(OfflineCacheMissError):
        offline.get(request, name="file.bin")
    with fetcher(tmp_path) as client:
        fetched = client.get(request, name="file.bin")
    assert fetched.path.read_bytes() == BODY
    assert publisher.log[-1].headers.get("Range") == "bytes=5000-"


def test_slow_answer_times_out_then_is_retried(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.script(route_key(request), Route(BODY, delay=1.5))
    sleeps = Sleeps()
    with fetcher(tmp_path, sleeps, timeout=0.3) as client:
        fetched = client.get(request, name="file.bin")
    assert fetched.path.read_bytes() == BODY
    assert sleeps == [1.0] and len(publisher.log) == 2


def test_always_slow_answer_is_a_clear_error(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    publisher.routes[route_key(request)] = Route(BODY, delay=1.0)
    with (
        fetcher(tmp_path, retries=1, timeout=0.2) as client,
        pytest.raises(FetchError, match=r"ReadTimeout .*gave up after 2 attempts"),
    ):
        client.get(request, name="file.bin")
    assert client.cache.lookup(request) is None


def test_same_request_twice_is_one_download(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher, period="2021", reporterCode="380")
    reordered = Request(request.url, tuple(reversed(request.params)))
    with fetcher(tmp_path) as client:
        first = client.get(request, name="file.bin")
        second = client.get(request, name="file.bin")
        third = client.get(reordered, name="other-name.bin")
    assert (first.from_cache, second.from_cache, third.from_cache) == (False, True, True)
    assert second.path == first.path == third.path
    assert second.retrieved == first.retrieved
    assert len(publisher.log) == 1


def test_different_requests_never_share_an_entry(publisher: Replay, tmp_path: Path) -> None:
    requests = [
        served(publisher, period="2020", reporterCode="380"),
        served(publisher, period="2021", reporterCode="380"),
        served(publisher, period="2021", reporterCode="56"),
        served(publisher, "/other/file.bin", period="2021", reporterCode="56"),
    ]
    with_accept = Request(requests[0].url, requests[0].params, accept="application/json")
    publisher.routes[route_key(with_accept)] = Route(b"{}")
    requests.append(with_accept)
    with fetcher(tmp_path) as client:
        paths = {client.get(request, name="file.bin").path for request in requests}
    assert len({request.key() for request in requests}) == len(requests)
    assert len(paths) == len(requests) and len(publisher.log) == len(requests)
    assert publisher.log[-1].headers["Accept"] == "application/json"


def test_offline_uses_the_cache_only(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    with fetcher(tmp_path) as client:
        client.get(request, name="file.bin")
    publisher.log.clear()
    with fetcher(tmp_path, offline=True) as offline:
        assert offline.get(request, name="file.bin").from_cache
        cold = Request(request.url, (("period", "1999"),))
        with pytest.raises(OfflineCacheMissError, match=r"period=1999.*without --offline"):
            offline.get(cold, name="file.bin")
    assert publisher.log == []


def test_secret_headers_are_sent_but_never_kept(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher, period="2021")
    publisher.script(route_key(request), Route(b"", 404))
    secret = {"Ocp-Apim-Subscription-Key": "s3cr3t-key-value"}
    with fetcher(tmp_path, secret_headers=secret) as client:
        with pytest.raises(FetchError) as refused:
            client.get(request, name="file.bin")
        client.get(request, name="file.bin")
    assert "s3cr3t" not in str(refused.value)
    assert publisher.log[-1].headers["Ocp-Apim-Subscription-Key"] == "s3cr3t-key-value"
    assert request.key() == Request(request.url, request.params).key()
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert b"s3cr3t" not in path.read_bytes(), path


def test_refused_body_or_wrong_size_is_not_cached(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)

    def refuse(path: Path) -> None:
        raise FetchError(request.full_url(), "not the file expected")

    with fetcher(tmp_path) as client:
        with pytest.raises(FetchError, match="not the file expected"):
            client.get(request, name="file.bin", check=refuse)
        with pytest.raises(FetchError, match="inventory lists 12"):
            client.get(request, name="file.bin", expected_size=12)
        assert client.cache.lookup(request) is None
        assert not client.cache.part(request, "file.bin").exists()


def test_a_release_after_the_download_refreshes_it(publisher: Replay, tmp_path: Path) -> None:
    request = served(publisher)
    with fetcher(tmp_path) as client:
        first = client.get(request, name="file.bin")
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
        again = client.get(request, name="file.bin", refresh_before=tomorrow)
    sidecar = json.loads((first.path.parent / "fetched.json").read_text())
    assert not again.from_cache and len(publisher.log) == 2
    assert sidecar["sha256"] == hashlib.sha256(BODY).hexdigest()
    assert sidecar["url"] == request.url and sidecar["size"] == len(BODY)


def _no_such_name(*args: object, **kwargs: object) -> object:
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def test_a_host_name_that_does_not_resolve_fails_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _no_such_name)
    sleeps = Sleeps()
    request = Request("http://ec.europa.example/data/file.bin")
    with fetcher(tmp_path, sleeps) as client, pytest.raises(FetchError) as failed:
        client.get(request, name="file.bin")
    assert client.network_requests == 1
    assert sleeps == []
    message = str(failed.value)
    assert "the host name ec.europa.example does not resolve" in message
    assert "Name or service not known" in message
    assert "not retried" in message


def test_the_command_line_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _no_such_name)
    monkeypatch.setattr(
        sys,
        "argv",
        ["bilateral", "fetch", "comext", "--years", "2021", "--base-url",
         "http://bulk.example/comext", "--cache", str(tmp_path / "c"),
         "--store", str(tmp_path / "s")],
    )  # fmt: skip
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "the host name bulk.example does not resolve" in err
    assert "Traceback" not in err
