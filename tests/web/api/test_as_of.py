"""`as_of` on every query of the API: each answer is the Python API's as of that vintage."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from bilateral.api import Store
from bilateral.errors import BilateralError
from bilateral.render.common import records_json
from bilateral.render.events import events_document
from bilateral.render.indicators import indicators_document
from bilateral.render.mirror import mirror_document
from bilateral.render.partners import partners_document
from bilateral.render.products import products_document
from bilateral.render.profile import profile_document, sectors_document
from bilateral.render.regional import region_share_document
from bilateral.render.series import series_document
from bilateral.web.app import create_app
from web.vintages import TwoVintages, two_vintages

Ask = Callable[[Store, Any], Any]

# (URL without as_of, the same question of the Python API as of a vintage, its JSON document)
CASES: list[tuple[str, Ask, Callable[[Any], Any]]] = [
    (
        "/api/v1/profile/IT/BE?years=2020-2021",
        lambda s, v: s.profile("IT", "BE", "2020-2021", as_of=v),
        profile_document,
    ),
    (
        "/api/v1/sectors/IT/BE?year=2021&top=5",
        lambda s, v: s.sectors("IT", "BE", 2021, top=5, as_of=v),
        sectors_document,
    ),
    (
        "/api/v1/partners/IT?year=2021&partner=BE&top=5",
        lambda s, v: s.partners("IT", 2021, "export", top=5, partner="BE", as_of=v),
        partners_document,
    ),
    (
        "/api/v1/products/IT/BE?year=2021&depth=4&compare_year=2020&top=5",
        lambda s, v: s.products("IT", "BE", 2021, depth=4, compare_year=2020, top=5, as_of=v),
        products_document,
    ),
    (
        "/api/v1/mirror/IT/BE?years=2021&top_chapters=3",
        lambda s, v: s.mirror("IT", "BE", "2021", top_chapters=3, as_of=v),
        mirror_document,
    ),
    (
        "/api/v1/series/IT/BE?flow=export",
        lambda s, v: s.series("IT", "BE", flow="export", as_of=v),
        series_document,
    ),
    (
        "/api/v1/region/ITH5/BE?years=2021",
        lambda s, v: s.region_share("ITH5", "BE", "2021", as_of=v),
        region_share_document,
    ),
    (
        "/api/v1/indicators/IT/BE?year=2021",
        lambda s, v: s.indicators("IT", "BE", 2021, as_of=v),
        indicators_document,
    ),
    (
        "/api/v1/events/ITH5/BE",
        lambda s, v: s.events("ITH5", "BE", as_of=v),
        events_document,
    ),
]


@pytest.fixture(scope="module")
def vintages(tmp_path_factory: pytest.TempPathFactory) -> TwoVintages:
    return two_vintages(tmp_path_factory.mktemp("two-vintages"))


@pytest.fixture(scope="module")
def client(vintages: TwoVintages) -> Iterator[TestClient]:
    with TestClient(create_app(vintages.store.root)) as served:
        yield served


def _with(url: str, as_of: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'as_of': as_of})}"


def _document(answer: Callable[[], Any], document: Callable[[Any], Any]) -> Any:
    return json.loads(records_json(document(answer())))


@pytest.mark.parametrize(("url", "ask", "document"), CASES, ids=[c[0] for c in CASES])
def test_as_of_a_version_is_the_python_apis_answer(
    client: TestClient, vintages: TwoVintages, url: str, ask: Ask, document: Callable[[Any], Any]
) -> None:
    store, version = vintages.store, vintages.first_version
    past = client.get(_with(url, str(version)))
    assert past.status_code == 200, past.text
    expected = _document(lambda: ask(store, version), document)
    assert past.json() == expected
    now = client.get(url)
    assert now.status_code == 200, now.text
    assert now.json() == _document(lambda: ask(store, None), document)
    assert past.json() != now.json()  # the revision (or the events) changed the answer


@pytest.mark.parametrize(("url", "ask", "document"), CASES[:3], ids=[c[0] for c in CASES[:3]])
def test_as_of_a_date_reads_the_vintage_of_that_moment(
    client: TestClient, vintages: TwoVintages, url: str, ask: Ask, document: Callable[[Any], Any]
) -> None:
    past = client.get(_with(url, vintages.between))
    assert past.status_code == 200, past.text
    assert past.json() == _document(lambda: ask(vintages.store, vintages.between), document)
    version = _document(lambda: ask(vintages.store, vintages.first_version), document)
    said = {"as_of", "as_of_version"}  # the profile says what it was asked
    assert {k: v for k, v in past.json().items() if k not in said} == {
        k: v for k, v in version.items() if k not in said
    }


def _error(call: Callable[[], Any]) -> BilateralError:
    with pytest.raises(BilateralError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(("url", "ask", "document"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize(
    ("as_of", "status", "kind"),
    [("yesterday", 422, "invalid-argument"), ("1999-01-01", 404, "vintage-not-found")],
)
def test_a_bad_as_of_is_a_problem_with_the_clis_message(
    client: TestClient,
    vintages: TwoVintages,
    url: str,
    ask: Ask,
    document: Callable[[Any], Any],
    as_of: str,
    status: int,
    kind: str,
) -> None:
    answered = client.get(_with(url, as_of))
    assert answered.status_code == status
    assert answered.headers["content-type"] == "application/problem+json"
    problem = answered.json()
    assert problem["type"].endswith(f"/{kind}")
    assert problem["detail"] == str(_error(lambda: ask(vintages.store, as_of)))


def test_the_docs_say_every_query_takes_as_of(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for url, _, _ in CASES:
        path = next(p for p in paths if url.startswith(p.split("{")[0]) and "get" in paths[p])
        names = {parameter["name"] for parameter in paths[path]["get"]["parameters"]}
        assert "as_of" in names, path
