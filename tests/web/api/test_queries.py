"""Each endpoint answers what the Python API answers, as the CLI's --format json and csv do."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import bilateral
from bilateral.api import Store
from bilateral.render.common import records_csv, records_json
from bilateral.render.events import events_document
from bilateral.render.indicators import indicators_document
from bilateral.render.mirror import mirror_document
from bilateral.render.partners import partners_document
from bilateral.render.products import products_csv_records, products_document
from bilateral.render.profile import profile_document, sectors_document
from bilateral.render.regional import region_share_document
from bilateral.render.series import series_csv_records, series_document
from bilateral.render.store import info_document
from shared_files import COMTRADE_2022, comtrade_value, shared

Ask = Callable[[Store], Any]


def _records(result: Any) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = result.records()
    return records


# (URL, the same question of the Python API, its JSON document, its CSV lines)
CASES: list[tuple[str, Ask, Callable[[Any], Any], Callable[[Any], list[dict[str, Any]]]]] = [
    (
        "/api/v1/profile/Italy/Belgium?years=2019-2021",
        lambda s: s.profile("Italy", "Belgium", "2019-2021"),
        profile_document,
        _records,
    ),
    (
        "/api/v1/profile/IT/BE?years=2021&currency=USD",
        lambda s: s.profile("IT", "BE", "2021", currency="USD"),
        profile_document,
        _records,
    ),
    (
        "/api/v1/sectors/ITH5/BEL?year=2021&top=6&language=it",
        lambda s: s.sectors("ITH5", "BEL", 2021, top=6, language="it"),
        sectors_document,
        _records,
    ),
    (
        "/api/v1/sectors/IT/BE?year=2021&scheme=hs2&span=2&flow=export",
        lambda s: s.sectors("IT", "BE", 2021, scheme="hs2", span=2, flow="export"),
        sectors_document,
        _records,
    ),
    (
        "/api/v1/partners/ITH5?year=2021&partner=BE",
        lambda s: s.partners("ITH5", 2021, "export", partner="BE"),
        partners_document,
        _records,
    ),
    (
        "/api/v1/partners/IT?year=2021&flow=import&top=5",
        lambda s: s.partners("IT", 2021, "import", top=5),
        partners_document,
        _records,
    ),
    (
        "/api/v1/products/IT/BE?year=2021&depth=4&compare_year=2019&top=5",
        lambda s: s.products("IT", "BE", 2021, depth=4, compare_year=2019, top=5),
        products_document,
        products_csv_records,
    ),
    (
        "/api/v1/mirror/IT/BE?years=2019-2021&top_chapters=5",
        lambda s: s.mirror("IT", "BE", "2019-2021", top_chapters=5),
        mirror_document,
        _records,
    ),
    (
        "/api/v1/series/IT/BE?years=2019-2021&flow=export",
        lambda s: s.series("IT", "BE", flow="export", years="2019-2021"),
        series_document,
        series_csv_records,
    ),
    (
        "/api/v1/region/ITH5/BE?years=2019-2021",
        lambda s: s.region_share("ITH5", "BE", "2019-2021"),
        region_share_document,
        _records,
    ),
    (
        "/api/v1/indicators/IT/BE?year=2021",
        lambda s: s.indicators("IT", "BE", 2021),
        indicators_document,
        _records,
    ),
    (
        "/api/v1/events/ITH5/BE",
        lambda s: s.events("ITH5", "BE"),
        events_document,
        _records,
    ),
    ("/api/v1/store/info", lambda s: s.info(), info_document, _records),
    ("/api/v1/store/history", lambda s: s.history(), _records, _records),
]


@pytest.mark.parametrize(("url", "ask", "document", "lines"), CASES, ids=[c[0] for c in CASES])
def test_each_endpoint_answers_the_python_apis_result(
    demo: TestClient,
    demo_root: Path,
    url: str,
    ask: Ask,
    document: Callable[[Any], Any],
    lines: Callable[[Any], list[dict[str, Any]]],
) -> None:
    result = ask(bilateral.open(demo_root))
    answered = demo.get(url)
    assert answered.status_code == 200, answered.text
    assert answered.headers["content-type"] == "application/json"
    assert answered.json() == json.loads(records_json(document(result)))
    as_csv = demo.get(url + ("&" if "?" in url else "?") + "format=csv")
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.headers["content-disposition"].startswith("attachment; filename=")
    assert as_csv.text == records_csv(lines(result))


def test_a_profile_figure_is_the_real_files_figure(real: TestClient) -> None:
    answered = real.get("/api/v1/profile/China/Germany?years=2022")
    assert answered.status_code == 200, answered.text
    row = next(r for r in answered.json()["rows"] if r["reported_by"] == "CHN")
    assert row["exports"] == pytest.approx(comtrade_value("CHN", "X", "DEU"))
    assert row["imports"] == pytest.approx(comtrade_value("CHN", "M", "DEU"))
    assert row["currency"] == "USD"


def test_a_partners_csv_is_the_real_files_lines(real: TestClient) -> None:
    answered = real.get("/api/v1/partners/DEU?year=2022&format=csv")
    assert answered.status_code == 200, answered.text
    lines = list(csv.DictReader(io.StringIO(answered.text)))
    with shared(COMTRADE_2022).open(encoding="latin-1", newline="") as handle:
        published = {
            line["partnerISO"]: float(line["primaryValue"])
            for line in csv.DictReader(handle)
            if (line["reporterISO"], line["flowCode"]) == ("DEU", "X")
            and line["partnerISO"] not in ("W00",)
        }
    ranked = [line for line in lines if line["line"] == "partner"]
    assert len(ranked) > 100
    for line in ranked:
        assert float(line["value"]) == pytest.approx(published[line["code"]])
    largest = max((line["code"] for line in ranked), key=lambda code: published[code])
    assert (ranked[0]["code"], ranked[0]["rank"]) == (largest, "1")


def test_check_answers_the_python_apis_verdicts(demo: TestClient, demo_root: Path) -> None:
    text = "In 2021 Italian exports to Belgium were 17.6 billion euros."
    report = bilateral.open(demo_root).check(text)
    expected = json.loads(records_json(report.documents()))
    plain = demo.post("/api/v1/check", content=text, headers={"content-type": "text/plain"})
    assert plain.status_code == 200, plain.text
    assert plain.json() == expected
    assert plain.json()[0]["verdict"] == "supported"
    uploaded = demo.post("/api/v1/check", files={"file": ("release.txt", text.encode())})
    assert uploaded.json() == expected
    form = demo.post("/api/v1/check", data={"text": text})
    assert form.json() == expected


def test_check_as_html_escapes_the_text(demo: TestClient) -> None:
    text = "<script>alert(1)</script> In 2021 Italian exports to Belgium were 17.6 billion euros."
    answered = demo.post("/api/v1/check?format=html", data={"text": text})
    assert answered.status_code == 200
    assert answered.headers["content-type"] == "text/html; charset=utf-8"
    assert "<script>alert" not in answered.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answered.text


@pytest.mark.parametrize(
    ("form", "media", "start"),
    [
        ("md", "text/markdown; charset=utf-8", b"# Italy"),
        ("html", "text/html; charset=utf-8", b"<!"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_the_brief_downloads_in_each_format(
    demo: TestClient, demo_root: Path, form: str, media: str, start: bytes
) -> None:
    answered = demo.get(f"/api/v1/brief/IT/BE?year=2021&format={form}&lang=en")
    assert answered.status_code == 200, answered.text
    assert answered.headers["content-type"] == media
    assert answered.headers["content-disposition"] == (
        f'attachment; filename="brief-IT-BE-2021-en.{form}"'
    )
    assert answered.content.lstrip().startswith(start)
    if form == "md":
        expected = bilateral.open(demo_root).brief("IT", "BE", year=2021).render("md")
        assert answered.text == expected


def test_the_brief_in_italian(demo: TestClient) -> None:
    answered = demo.get("/api/v1/brief/ITH5/BEL?year=2021&format=md&lang=it&pages=1")
    assert answered.status_code == 200, answered.text
    assert "Emilia-Romagna" in answered.text
    assert "miliardi" in answered.text or "milioni" in answered.text
