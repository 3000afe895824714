"""Schemathesis against the OpenAPI document, in process: no generated request gets a 5xx."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from bilateral.web.app import create_app


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(demo_root: Path) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(demo_root))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:

        @settings(
            max_examples=20,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def answered(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (
                case.method,
                case.formatted_path,
                case.query,
                response.text[:500],
            )
            if response.status_code >= 400:
                assert response.headers["content-type"] in (
                    "application/problem+json",
                    ["application/problem+json"],
                )

        answered()
