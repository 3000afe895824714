"""Security headers on every response; the docs page loads nothing from outside."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bilateral.web.security import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "url",
    ["/api/v1/profile/IT/BE", "/api/v1/profile/Nowhere/BE", "/api/docs", "/openapi.json"],
)
def test_every_response_carries_the_security_headers(demo: TestClient, url: str) -> None:
    answered = demo.get(url)
    assert answered.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert answered.headers["x-content-type-options"] == "nosniff"
    assert answered.headers["referrer-policy"] == "same-origin"


def test_a_304_carries_them_too(demo: TestClient) -> None:
    tag = demo.get("/api/v1/store/info").headers["etag"]
    again = demo.get("/api/v1/store/info", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_the_docs_page_loads_only_the_apps_own_assets(demo: TestClient) -> None:
    page = demo.get("/api/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets
    assert all(asset.startswith("/") for asset in assets), assets
    for asset in assets:
        assert demo.get(asset).status_code == 200, asset
    assert "<script>" not in page.text  # no inline script: the policy allows none
    assert "GET /api/v1/profile/{reporter}/{partner}" in page.text


def test_the_openapi_document_lists_every_query(demo: TestClient) -> None:
    paths = demo.get("/openapi.json").json()["paths"]
    for query in ("profile", "sectors", "products", "mirror", "series", "indicators", "events",
                  "brief"):  # fmt: skip
        assert f"/api/v1/{query}/{{reporter}}/{{partner}}" in paths
    for path in ("/api/v1/partners/{reporter}", "/api/v1/region/{region}/{partner}",
                 "/api/v1/check", "/api/v1/store/info", "/api/v1/store/history"):  # fmt: skip
        assert path in paths
    sectors = paths["/api/v1/sectors/{reporter}/{partner}"]["get"]
    names = {parameter["name"] for parameter in sectors["parameters"]}
    assert names >= {"year", "scheme", "top", "language", "span", "flow", "currency", "format"}
