"""`bilateral reference fetch`: downloads from a local server replaying the publishers' files.

The server lays the real files of ../shared/data out as a mirror (`<host>/<path>` of each
table's official address); where a publisher serves a ZIP of the file (the ECB), the test zips
the real file. Checksums and row counts are compared with the same files read directly.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import FetchError, InvalidArgumentError
from bilateral.reference.catalogue import Catalogue, TableSpec
from bilateral.reference.registry import ALL_TABLE_SPECS
from replay_server import Replay, Route, replay_server

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FETCHABLE = [spec for spec in ALL_TABLE_SPECS if spec.fetch_note is None]


def shared_copy(spec: TableSpec) -> Path:
    """Return the real file that `spec` reads, from the shared data (newest name first)."""
    matches = sorted(path for path in SHARED_DATA.rglob("*") if spec.matches(path))
    if not matches:
        pytest.fail(f"no file in {SHARED_DATA} for table {spec.name}")
    return matches[-1]


def served_body(spec: TableSpec) -> bytes:
    """Return what the publisher serves at `spec.url`: the real file, zipped if the URL is."""
    path = shared_copy(spec)
    if urlsplit(spec.url).path.endswith(".zip") and path.suffix != ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, arcname="eurofxref-hist.csv")
        return buffer.getvalue()
    return path.read_bytes()


def route_of(spec: TableSpec) -> str:
    parts = urlsplit(spec.url)
    return f"/{parts.netloc}{parts.path}"


@pytest.fixture
def publishers() -> Iterator[Replay]:
    with replay_server() as replay:
        for spec in FETCHABLE:
            replay.routes[route_of(spec)] = Route(served_body(spec))
        yield replay


def test_every_table_is_fetchable_or_says_how_to_get_it() -> None:
    for spec in ALL_TABLE_SPECS:
        assert spec.url.startswith(("https://", "http://")), spec.name
        if spec.fetch_note is not None:
            assert "bilateral reference import" in spec.fetch_note, spec.name
    assert {"nuts2021", "hs2022", "ecb_daily", "hs2022_hs2017"} <= {s.name for s in FETCHABLE}


def test_fetch_all_through_the_cli(publishers: Replay, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = CliRunner().invoke(
        app, ["reference", "fetch", "--mirror", publishers.base_url, "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    entries = {e.name: e for e in bilateral.open(store).reference.catalogue.entries()}
    assert set(entries) == {spec.name for spec in FETCHABLE}
    for spec in FETCHABLE:
        body = served_body(spec)
        entry = entries[spec.name]
        assert entry.method == "fetch"
        assert entry.url == spec.url
        assert entry.sha256 == hashlib.sha256(body).hexdigest()
        assert entry.bytes == len(body)
        direct = Catalogue(tmp_path / "direct", ALL_TABLE_SPECS).load(spec.name, shared_copy(spec))
        assert entry.rows == direct.rows, spec.name
    assert publishers.requests and all(r[1] is None for r in publishers.requests)


def test_fetch_resumes_a_partial_download(publishers: Replay, tmp_path: Path) -> None:
    reference = bilateral.open(tmp_path / "store").reference
    spec = reference.catalogue.spec("ecb_daily")
    body = served_body(spec)
    downloads = tmp_path / "store" / "reference" / "downloads"
    downloads.mkdir(parents=True)
    (downloads / "eurofxref-hist.zip.part").write_bytes(body[:1000])
    (entry,) = reference.fetch(["ecb_daily"], mirror=publishers.base_url)
    assert publishers.requests == [(route_of(spec), "bytes=1000-")]
    assert entry.sha256 == hashlib.sha256(body).hexdigest()
    assert reference.rates().per_eur("USD", 2024) == pytest.approx(1.08238046875, abs=1e-9)


def test_a_cut_download_loads_nothing_and_can_be_fetched_again(
    publishers: Replay, tmp_path: Path
) -> None:
    reference = bilateral.open(tmp_path / "store").reference
    spec = reference.catalogue.spec("hs2022")
    body = served_body(spec)
    publishers.routes[route_of(spec)] = Route(body, truncate_to=5000)
    with pytest.raises(FetchError, match="5000 bytes"):
        reference.fetch(["hs2022"], mirror=publishers.base_url)
    assert not reference.catalogue.has("hs2022")
    publishers.routes[route_of(spec)] = Route(body)
    (entry,) = reference.fetch(["hs2022"], mirror=publishers.base_url)
    assert [path for path, _ in publishers.requests] == [route_of(spec)] * 2
    assert entry.sha256 == hashlib.sha256(body).hexdigest()


def test_refused_download_names_the_address(publishers: Replay, tmp_path: Path) -> None:
    reference = bilateral.open(tmp_path / "store").reference
    spec = reference.catalogue.spec("nuts2021")
    publishers.routes[route_of(spec)] = Route(b"", status=503)
    with pytest.raises(FetchError, match=r"NUTS_AT_2021\.csv: the server answered HTTP 503"):
        reference.fetch(["nuts2021"], mirror=publishers.base_url)
    assert not reference.catalogue.has("nuts2021")


def test_tables_that_cannot_be_fetched_say_how_to_get_them(tmp_path: Path) -> None:
    reference = bilateral.open(tmp_path / "store").reference
    with pytest.raises(InvalidArgumentError, match="reference import"):
        reference.fetch(["cn_changes"])
    with pytest.raises(InvalidArgumentError, match=r"one of .*nuts2021"):
        reference.fetch(["nuts2024"])
