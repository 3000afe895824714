"""Read-only by default; with writes allowed, only a request carrying the token ingests."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from bilateral.web.app import create_app

TOKEN = "a-token-for-the-test"


def _upload(client: TestClient, path: Path, token: str | None) -> object:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    with path.open("rb") as handle:
        return client.post(
            "/api/v1/store/ingest", files={"file": (path.name, handle)}, headers=headers
        )


def test_a_read_only_server_refuses_writes(demo: TestClient, demo_files: dict[int, Path]) -> None:
    answered = _upload(demo, demo_files[2022], TOKEN)
    assert answered.status_code == 403  # type: ignore[attr-defined]
    assert "read-only" in answered.json()["detail"]  # type: ignore[attr-defined]
    assert answered.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]


def test_writes_need_the_token(
    tmp_path: Path, demo_root: Path, demo_files: dict[int, Path]
) -> None:
    root = shutil.copytree(demo_root, tmp_path / "store")
    app = create_app(root, allow_writes=True, token=TOKEN)
    with TestClient(app) as client:
        for token in (None, "wrong"):
            refused = _upload(client, demo_files[2022], token)
            assert refused.status_code == 401  # type: ignore[attr-defined]
            assert refused.headers["www-authenticate"] == "Bearer"  # type: ignore[attr-defined]
        assert client.get("/api/v1/profile/IT/BE?years=2022").status_code == 404
        done = _upload(client, demo_files[2022], TOKEN)
        assert done.status_code == 200, done.text  # type: ignore[attr-defined]
        [report] = done.json()  # type: ignore[attr-defined]
        assert (report["file"], report["status"]) == (demo_files[2022].name, "added")
        shown = client.get("/api/v1/profile/IT/BE?years=2022")
        assert shown.status_code == 200
        assert shown.json()["years"] == [2022]


def test_an_upload_larger_than_the_limit_is_refused(
    tmp_path: Path, demo_root: Path, demo_files: dict[int, Path]
) -> None:
    root = shutil.copytree(demo_root, tmp_path / "store")
    app = create_app(root, allow_writes=True, token=TOKEN, ingest_limit=1000)
    with TestClient(app) as client:
        before = client.get("/api/v1/store/info").json()["flows_version"]
        refused = _upload(client, demo_files[2022], TOKEN)
        assert refused.status_code == 413  # type: ignore[attr-defined]
        assert client.get("/api/v1/store/info").json()["flows_version"] == before


def test_an_upload_name_is_never_a_path(
    tmp_path: Path, demo_root: Path, demo_files: dict[int, Path]
) -> None:
    root = shutil.copytree(demo_root, tmp_path / "store")
    with TestClient(create_app(root, allow_writes=True, token=TOKEN)) as client:
        data = demo_files[2022].read_bytes()
        name = f"../../{demo_files[2022].name}"
        done = client.post(
            "/api/v1/store/ingest",
            files={"file": (name, data)},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert done.status_code == 200, done.text
        assert done.json()[0]["file"] == demo_files[2022].name
    assert not (tmp_path / demo_files[2022].name).exists()
