"""Validate every response the tests receive against ``openapi.yaml``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from flask.testing import FlaskClient
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder, TestResponse
from werkzeug.wrappers import Request

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"
# openapi-core knows application/json; RFC 9457 problem documents are JSON too.
SPEC = OpenAPI.from_file_path(
    str(SPEC_PATH),
    config=Config(extra_media_type_deserializers={
        "application/problem+json": json.loads,
        "application/yaml": lambda raw: raw.decode("utf-8"),
    }),
)


class _Request(WerkzeugOpenAPIRequest):
    """A werkzeug request whose body was already read by the app: keep a copy."""

    def __init__(self, request: Request, body: bytes) -> None:
        super().__init__(request)
        self._body = body

    @property
    def body(self) -> bytes:
        return self._body


def validate_response(request: Request, body: bytes, response: TestResponse) -> None:
    """Raise if ``response`` does not conform to the contract for ``request``."""
    SPEC.validate_response(_Request(request, body), WerkzeugOpenAPIResponse(response))


class ContractClient(FlaskClient):
    """A Flask test client that validates every response against the contract."""


    def open(self, *args: Any, **kwargs: Any) -> TestResponse:  # type: ignore[override]
        builder_kwargs = {k: v for k, v in kwargs.items()
                          if k not in {"follow_redirects", "buffered"}}
        if args and isinstance(args[0], str):
            builder = EnvironBuilder(*args, **builder_kwargs)
            request = builder.get_request()
            body = request.get_data()
        else:
            request, body = None, b""
        response = super().open(*args, **kwargs)
        if request is not None and self.contract_checked(request.path, request.method):
            validate_response(request, body, response)
        return response

    @staticmethod
    def contract_checked(path: str, method: str) -> bool:
        """Return whether the contract describes ``method`` on ``path``."""
        return method.lower() in OPERATIONS.get(path, ())


OPERATIONS = {path: frozenset(ops) for path, ops in
              yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))["paths"].items()}
