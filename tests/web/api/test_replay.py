"""A GET asked again on the same store version is answered with the bytes it got the first time,
without the store; a new ingest, another language or another query is answered anew."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

import bilateral
from bilateral.web.app import create_app
from bilateral.web.state import ServedStore, publication_stamp

URLS = [
    "/api/v1/profile/ITA/BEL?years=2019-2021",
    "/api/v1/sectors/ITA/BEL?year=2021&top=6&format=csv",
    "/api/v1/profile/Italy/Narnia",  # a problem: unknown territory
    "/pair/ITA/BEL?years=2019-2021",
    "/pair/ITA/BEL?years=2019-2021&lang=it",  # sets the language cookie
    "/pair/Italy/BEL?years=2021",  # a redirect to the codes' URL
]


class NoStore:
    """Stands for the store once an answer is remembered: any use of it fails the test."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the store was used ({name}) for an answer asked before")


def sent(client: TestClient, url: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """GET `url` as a first visit (no cookie a previous answer left); return what came."""
    client.cookies.clear()
    response = client.get(url)
    return response.status_code, response.headers.multi_items(), response.content


def test_an_answer_asked_again_is_the_same_bytes_without_the_store(demo_root: Path) -> None:
    fresh = TestClient(create_app(demo_root), follow_redirects=False)
    replaying = TestClient(create_app(demo_root), follow_redirects=False)
    first = {url: sent(replaying, url) for url in URLS}
    assert {url: answer[0] for url, answer in first.items()} == dict(
        zip(URLS, [200, 200, 404, 200, 200, 307], strict=True)
    )
    state: ServedStore = replaying.app.state.served  # type: ignore[attr-defined]
    state.store = NoStore()  # type: ignore[assignment]
    for url in URLS:
        again = sent(replaying, url)
        assert again == first[url] == sent(fresh, url), url


def test_a_replayed_answer_is_not_held_up_by_a_running_query(demo_root: Path) -> None:
    client = TestClient(create_app(demo_root))
    url = "/api/v1/profile/ITA/BEL?years=2021"
    expected = client.get(url).content
    state: ServedStore = client.app.state.served  # type: ignore[attr-defined]
    with state.lock, ThreadPoolExecutor(1) as pool:  # as a long query holds it
        replayed = pool.submit(client.get, url).result(timeout=30)
    assert replayed.content == expected


def test_a_replayed_answer_answers_if_none_match_as_the_endpoint(demo_root: Path) -> None:
    url = "/api/v1/profile/ITA/BEL?years=2020"
    fresh = TestClient(create_app(demo_root))
    tag = fresh.get(url).headers["etag"]
    by_endpoint = fresh.get(url, headers={"If-None-Match": tag})
    replaying = TestClient(create_app(demo_root))
    replaying.get(url)
    replayed = replaying.get(url, headers={"If-None-Match": f'"other", {tag}'})
    assert replayed.status_code == by_endpoint.status_code == 304
    assert replayed.content == b""
    assert sorted(replayed.headers.multi_items()) == sorted(by_endpoint.headers.multi_items())
    assert replaying.get(url, headers={"If-None-Match": 'W/"older"'}).status_code == 200


def test_each_language_and_query_has_its_own_answer(demo_root: Path) -> None:
    client = TestClient(create_app(demo_root))
    url = "/pair/ITA/BEL?years=2019-2021"
    english = client.get(url, headers={"Accept-Language": "en"})
    italian = client.get(url, headers={"Accept-Language": "it-IT,it;q=0.9"})
    assert english.headers["content-language"] == "en"
    assert italian.headers["content-language"] == "it"
    assert "lang" not in client.cookies
    assert client.get(url, headers={"Cookie": "lang=it"}).text == italian.text
    assert client.get(url, headers={"Cookie": "lang=en"}).text == english.text
    assert client.get(url, headers={"Accept-Language": "en"}).text == english.text
    one_year = client.get("/api/v1/profile/ITA/BEL?years=2021").json()
    assert one_year["years"] == [2021]
    every_year = client.get("/api/v1/profile/ITA/BEL?years=2019-2021").json()
    assert every_year["years"] == [2019, 2020, 2021]


def settle(root: Path) -> None:
    """Date what publishing touches a minute back, as in a store last changed long ago."""
    for path in (root / "ingest_log" / "_delta_log", root / "reference" / "manifest.json"):
        if path.exists():
            past = path.stat().st_mtime - 60
            os.utime(path, (past, past))


def test_a_settled_store_keeps_its_version_until_an_ingest(
    tmp_path: Path, demo_files: dict[int, Path]
) -> None:
    root = tmp_path / "store"
    bilateral.open(root).ingest(demo_files[2019], synthetic=True)
    settle(root)
    with TestClient(create_app(root)) as client:
        state: ServedStore = client.app.state.served  # type: ignore[attr-defined]
        url = "/api/v1/profile/IT/BE"
        before = client.get(url)
        assert before.json()["years"] == [2019]
        known = state.known_version()
        assert known is not None  # read once, then checked by a stat
        assert before.headers["etag"] == f'W/"{known.tag}"'
        page = client.get("/pair/ITA/BEL?lang=en").text
        assert "Headline figures 2019" in page
        stamp = publication_stamp(root)
        bilateral.open(root).ingest(demo_files[2020], synthetic=True)
        assert publication_stamp(root) != stamp
        assert state.known_version() is None
        after = client.get(url, headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200
        assert after.json()["years"] == [2019, 2020]
        assert after.headers["etag"] != before.headers["etag"]
        assert "Headline figures 2020" in client.get("/pair/ITA/BEL?lang=en").text


def test_a_question_asked_by_many_at_once_is_asked_once(demo_root: Path) -> None:
    state = create_app(demo_root).state.served
    version = state.version()
    asked = []
    started = threading.Event()

    def question(store: Any) -> int:
        asked.append(1)
        started.wait(5)
        return 42

    with ThreadPoolExecutor(8) as pool:
        answers = [
            pool.submit(state.remembered, version, "the question", question) for _ in range(8)
        ]
        started.set()
        assert [answer.result(timeout=30) for answer in answers] == [42] * 8
    assert len(asked) == 1
