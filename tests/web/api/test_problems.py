"""Bad requests answer application/problem+json with the CLI's message, never a 5xx."""

from __future__ import annotations

from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


def _problem(client: TestClient, url: str, status: int) -> dict[str, object]:
    answered = client.get(url)
    assert answered.status_code == status, answered.text
    assert answered.headers["content-type"] == PROBLEM
    body: dict[str, object] = answered.json()
    assert body["status"] == status
    assert str(body["type"]).startswith("/api/v1/problems/")
    return body


def test_an_unknown_territory_comes_with_suggestions(demo: TestClient) -> None:
    body = _problem(demo, "/api/v1/profile/Belgim/ITA", 404)
    assert body["title"] == "Unknown territory"
    assert body["query"] == "Belgim"
    assert "Belgium (BEL)" in body["suggestions"]  # type: ignore[operator]
    assert str(body["detail"]).startswith("unknown territory 'Belgim'; did you mean Belgium")


def test_an_ambiguous_territory_comes_with_its_candidates(demo: TestClient) -> None:
    body = _problem(demo, "/api/v1/sectors/Congo/ITA?year=2021", 422)
    assert body["candidates"] == [
        "Congo, The Democratic Republic of the (COD)",
        "Congo (COG)",
    ]
    assert "is ambiguous" in str(body["detail"])


def test_bad_years_name_the_valid_range(demo: TestClient) -> None:
    body = _problem(demo, "/api/v1/profile/IT/BE?years=2021-2019x", 422)
    assert body["argument"] == "years"
    assert body["value"] == "2021-2019x"
    assert "1900 to 2100" in str(body["expected"])
    year = _problem(demo, "/api/v1/sectors/IT/BE?year=20210", 422)
    assert year["detail"] == "invalid year 20210: expected a year from 1900 to 2100"
    typed = _problem(demo, "/api/v1/sectors/IT/BE?year=last", 422)
    assert typed["argument"] == "year"
    missing = _problem(demo, "/api/v1/sectors/IT/BE", 422)
    assert missing["argument"] == "year"


def test_no_data_says_what_the_store_holds(demo: TestClient) -> None:
    body = _problem(demo, "/api/v1/profile/IT/BE?years=2015", 404)
    assert body["title"] == "No data"
    assert body["reason"] == "years_not_held"
    assert "2019-2021" in str(body["detail"])


def test_an_argument_the_api_refuses(demo: TestClient) -> None:
    body = _problem(demo, "/api/v1/sectors/IT/BE?year=2021&top=0", 422)
    assert body["argument"] == "top"
    assert body["detail"] == "invalid top 0: expected a number of sectors >= 1"
    same = _problem(demo, "/api/v1/profile/IT/IT", 422)
    assert same["argument"] == "partner"
    scheme = _problem(demo, "/api/v1/sectors/IT/BE?year=2021&scheme=cpc", 422)
    assert scheme["argument"] == "scheme"


def test_an_unknown_currency_lists_those_with_rates(demo: TestClient) -> None:
    body = _problem(demo, "/api/v1/profile/IT/BE?currency=XYZ", 404)
    assert body["currency"] == "XYZ"
    assert "USD" in str(body["available"])


def test_an_unknown_path_and_a_wrong_method(demo: TestClient) -> None:
    _problem(demo, "/api/v1/nowhere", 404)
    wrong = demo.delete("/api/v1/store/info")
    assert wrong.status_code == 405
    assert wrong.headers["content-type"] == PROBLEM


def test_a_text_to_check_larger_than_the_limit_is_refused(demo: TestClient) -> None:
    limit = demo.app.state.served.check_limit  # type: ignore[attr-defined]
    big = b"x" * (limit + 20_000)
    answered = demo.post("/api/v1/check", content=big, headers={"content-type": "text/plain"})
    assert answered.status_code == 413
    assert answered.headers["content-type"] == PROBLEM
    uploaded = demo.post("/api/v1/check", files={"file": ("big.txt", big)})
    assert uploaded.status_code == 413


def test_a_text_that_is_not_utf8_is_refused(demo: TestClient) -> None:
    answered = demo.post("/api/v1/check", files={"file": ("l1.txt", "Città €".encode("cp1252"))})
    assert answered.status_code == 422
    assert answered.json()["expected"] == "a UTF-8 text"
    empty = demo.post("/api/v1/check", data={"other": "x"})
    assert empty.status_code == 422
    assert empty.json()["argument"] == "text"
    other = demo.post("/api/v1/check", content=b"{}", headers={"content-type": "image/png"})
    assert other.status_code == 422
    assert other.json()["argument"] == "Content-Type"
