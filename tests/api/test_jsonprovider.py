"""Responses are encoded with orjson, with Flask's conversions kept for other types."""

from __future__ import annotations

import decimal
import json
import math

from flask import Flask, jsonify

from service.api.jsonprovider import FastJSONProvider
from service.render import encode


def _app() -> Flask:
    app = Flask(__name__)
    app.json = FastJSONProvider(app)
    return app


def test_responses_keep_key_order_and_unicode() -> None:
    app = _app()
    with app.app_context():
        response = jsonify({"zeta": "Kim’s “regime”", "alpha": [1, 2.5, None], 3: True})
    assert response.mimetype == "application/json"
    body = response.get_data()
    assert body.endswith(b"\n")
    assert json.loads(body) == {"zeta": "Kim’s “regime”", "alpha": [1, 2.5, None], "3": True}
    assert list(json.loads(body)) == ["zeta", "alpha", "3"]


def test_types_orjson_does_not_know_fall_back_to_flask() -> None:
    app = _app()
    with app.app_context():
        text = app.json.dumps({"n": decimal.Decimal("1.5"), "s": "Kim’s"})
    assert json.loads(text) == {"n": "1.5", "s": "Kim’s"}


def test_encode_writes_valid_json_for_every_float() -> None:
    assert json.loads(encode({"a": math.nan, "b": math.inf, "c": 0.1})) == {
        "a": None, "b": None, "c": 0.1}


def test_a_lone_surrogate_is_escaped_not_an_error() -> None:
    app = _app()
    with app.app_context():
        response = jsonify({"unknown field": "\ud800"})
    assert json.loads(response.get_data()) == {"unknown field": "\ud800"}
