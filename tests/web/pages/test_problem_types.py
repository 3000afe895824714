"""Every problem type the app can answer resolves: its URI is a page saying what it means."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from bilateral import errors
from bilateral.web.i18n import Texts
from bilateral.web.problems import KINDS, problem_types

PROBLEM = "application/problem+json"


@pytest.mark.parametrize("name", sorted(problem_types()))
@pytest.mark.parametrize("language", ["en", "it"])
def test_each_type_is_a_page_with_its_description(
    demo: TestClient, name: str, language: str
) -> None:
    answered = demo.get(f"/api/v1/problems/{name}", headers={"Accept-Language": language})
    assert answered.status_code == 200
    assert answered.headers["content-type"].startswith("text/html")
    texts = Texts(language)
    key = name.replace("-", "_")
    shown = html.unescape(answered.text)
    assert texts(f"problem_types.{key}.title") in shown
    assert texts(f"problem_types.{key}.description") in shown
    assert f"HTTP {problem_types()[name].status}" in shown


def test_every_error_class_has_a_type_with_a_page() -> None:
    classes = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.BilateralError)
    ]
    assert len(classes) > 10
    names = set(problem_types())
    for cls in classes:
        kind = next(kind for base, kind in KINDS if issubclass(cls, base))
        assert kind.name in names, cls


REQUESTS = [
    ("GET", "/api/v1/profile/Belgim/ITA", 404, "unknown-territory"),
    ("GET", "/api/v1/sectors/Congo/ITA?year=2021", 422, "ambiguous-territory"),
    ("GET", "/api/v1/profile/IT/BE?years=2021-2019x", 422, "invalid-argument"),
    ("GET", "/api/v1/sectors/IT/BE", 422, "invalid-argument"),
    ("GET", "/api/v1/profile/IT/BE?years=2015", 404, "no-data"),
    ("GET", "/api/v1/profile/IT/BE?as_of=99", 404, "vintage-not-found"),
    ("GET", "/api/v1/nothing-here", 404, "not-found"),
    ("DELETE", "/api/v1/store/info", 405, "method-not-allowed"),
    ("POST", "/api/v1/store/ingest", 403, "forbidden"),
    ("GET", "/api/v1/problems/no-such-type", 404, "not-found"),
]


@pytest.mark.parametrize(("method", "url", "status", "name"), REQUESTS)
def test_the_type_of_each_answer_resolves(
    demo: TestClient, method: str, url: str, status: int, name: str
) -> None:
    answered = demo.request(method, url)
    assert answered.status_code == status, answered.text
    assert answered.headers["content-type"] == PROBLEM
    kind = answered.json()["type"]
    assert kind == f"/api/v1/problems/{name}"
    page = demo.get(kind)
    assert page.status_code == 200
    assert problem_types()[name].title in html.unescape(page.text)
