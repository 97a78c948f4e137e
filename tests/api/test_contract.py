"""The contract file itself is valid OpenAPI 3.1 and is what the service serves."""

from __future__ import annotations

import pytest
import yaml
from flask import Flask
from openapi_core.exceptions import OpenAPIError
from openapi_spec_validator import validate

from tests.contract import SPEC_PATH, ContractClient


def test_spec_is_valid_openapi_31():
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_served_spec_is_the_file(client):
    assert client.get("/openapi.yaml").get_data() == SPEC_PATH.read_bytes()


def test_spec_examples_are_accepted(client):
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    examples = spec["paths"]["/v1/analyze"]["post"]["requestBody"]["content"][
        "application/json"]["examples"]
    for example in examples.values():
        r = client.post("/v1/analyze", json=example["value"])
        assert r.status_code == 200


def test_the_contract_client_rejects_a_nonconforming_response():
    app = Flask(__name__)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "sleeping"}

    app.test_client_class = ContractClient
    with pytest.raises(OpenAPIError):
        app.test_client().get("/healthz")
