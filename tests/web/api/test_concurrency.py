"""Requests served at the same time, from many threads, answer as they do one by one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

URLS = [
    "/api/v1/profile/IT/BE?years=2019-2021",
    "/api/v1/sectors/ITH5/BEL?year=2021&top=6",
    "/api/v1/partners/ITH5?year=2021&partner=BE",
    "/api/v1/mirror/IT/BE?years=2021",
    "/api/v1/series/IT/BE?years=2019-2021",
    "/api/v1/products/IT/BE?year=2021&depth=4",
]


def test_concurrent_requests_answer_as_sequential_ones(demo: TestClient) -> None:
    alone = {url: demo.get(url).json() for url in URLS}
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda url: (url, demo.get(url)), URLS * 8))
    assert len(together) == 48
    for url, answered in together:
        assert answered.status_code == 200, answered.text
        assert answered.json() == alone[url]
