"""Fuzz the whole API from openapi.yaml with schemathesis, in process (WSGI).

Every operation the contract declares gets generated requests, valid and invalid; every
response must be free of server errors and conform to the contract (status code, content
type, headers, body schema). The default run keeps the number of examples small;
``scripts/fuzz-long.sh`` runs many more (RHETORIC_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings

from service.api import create_app
from service.config import Settings

EXAMPLES = int(os.environ.get("RHETORIC_FUZZ_EXAMPLES", "25"))
OPENAPI = Path(__file__).resolve().parents[2] / "openapi.yaml"


@pytest.fixture(scope="module")
def fuzz_app(analyzer) -> Flask:  # type: ignore[no-untyped-def]
    """The service with test-sized limits, so that generated bodies stay cheap."""
    return create_app(Settings(max_text_chars=5_000), analyzer=analyzer)


schema = schemathesis.openapi.from_path(OPENAPI)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          derandomize=os.environ.get("RHETORIC_FUZZ_RANDOM") != "1",
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_contract(case, fuzz_app):  # type: ignore[no-untyped-def]
    case.call_and_validate(app=fuzz_app)


@pytest.fixture(scope="module")
def limited_app(analyzer) -> Flask:  # type: ignore[no-untyped-def]
    """The service with a small token limit and quotas (in memory), so that generated
    requests also meet the 413 of the token limit and the 429 of a quota."""
    return create_app(Settings(max_text_chars=5_000, max_text_tokens=40, quota_per_minute=20,
                               quota_concurrent=1), analyzer=analyzer)


@schema.include(path_regex="^/v1/analyze").parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          derandomize=os.environ.get("RHETORIC_FUZZ_RANDOM") != "1",
          suppress_health_check=list(HealthCheck))
def test_limits_and_quotas_conform_to_the_contract(case, limited_app):  # type: ignore[no-untyped-def]
    case.call_and_validate(app=limited_app)
