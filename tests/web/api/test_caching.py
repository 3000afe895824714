"""ETag and Last-Modified follow the store's version; as_of reads a vintage; a new ingest
shows without a restart."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from fastapi.testclient import TestClient

import bilateral
from bilateral.web.app import create_app


def test_if_none_match_answers_304(demo: TestClient, demo_root: Path) -> None:
    first = demo.get("/api/v1/profile/IT/BE")
    tag = first.headers["etag"]
    assert tag.startswith('W/"')
    again = demo.get("/api/v1/profile/IT/BE", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    other = demo.get("/api/v1/profile/IT/BE", headers={"If-None-Match": 'W/"older"'})
    assert other.status_code == 200
    last = max(
        datetime.fromisoformat(e.started_at) for e in bilateral.open(demo_root).history().entries
    )
    assert parsedate_to_datetime(first.headers["last-modified"]) == last


def test_as_of_reads_a_vintage(demo: TestClient, demo_root: Path) -> None:
    past = demo.get("/api/v1/profile/IT/BE?as_of=1")
    assert past.status_code == 200, past.text
    expected = bilateral.open(demo_root).profile("IT", "BE", as_of=1)
    assert past.json()["as_of_version"] == expected.as_of_version == 1
    assert past.json()["years"] == [2019]
    assert demo.get("/api/v1/profile/IT/BE").json()["years"] == [2019, 2020, 2021]
    bad = demo.get("/api/v1/profile/IT/BE?as_of=yesterday")
    assert bad.status_code == 422
    assert bad.json()["argument"] == "as_of"


def test_a_new_ingest_shows_without_a_restart(tmp_path: Path, demo_files: dict[int, Path]) -> None:
    root = tmp_path / "store"
    bilateral.open(root).ingest(demo_files[2019], synthetic=True)
    with TestClient(create_app(root)) as client:
        before = client.get("/api/v1/profile/IT/BE")
        assert before.json()["years"] == [2019]
        tag = before.headers["etag"]
        bilateral.open(root).ingest(demo_files[2020], synthetic=True)
        after = client.get("/api/v1/profile/IT/BE", headers={"If-None-Match": tag})
        assert after.status_code == 200
        assert after.json()["years"] == [2019, 2020]
        assert after.headers["etag"] != tag
        info = client.get("/api/v1/store/info").json()
        assert info["flows_version"] == 2


def test_a_remembered_pair_page_is_built_anew_after_an_ingest(
    tmp_path: Path, demo_files: dict[int, Path]
) -> None:
    root = tmp_path / "store"
    bilateral.open(root).ingest(demo_files[2019], synthetic=True)
    with TestClient(create_app(root)) as client:
        first = client.get("/pair/ITA/BEL?lang=en").text
        assert "Headline figures 2019" in first
        assert client.get("/pair/ITA/BEL?lang=en").text == first  # remembered: the same page
        bilateral.open(root).ingest(demo_files[2020], synthetic=True)
        after = client.get("/pair/ITA/BEL?lang=en").text
        assert "Headline figures 2020" in after
        assert "Headline figures 2019" not in after
