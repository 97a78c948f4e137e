"""``POST /v1/analyze``: load the request, run the analysis, dump the response."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from service.api.body import read_body
from service.api.errors import PayloadTooLarge, ValidationFailed
from service.api.schemas import AnalyzeRequest, field_errors
from service.api.state import analyzer, settings
from service.serialize import response_document

bp = Blueprint("analyze", __name__)


def load_request(kind: str, value: Any) -> dict[str, Any]:
    """Validate a request document (or plain text) into ``{text, id, offset_encoding}``."""
    max_chars = settings().max_text_chars
    if kind == "text":
        value = {"text": value}
    if not isinstance(value, dict):
        raise ValidationFailed("The body must be a JSON object.",
                               errors=[{"field": "body", "message": "expected an object"}])
    try:
        loaded: dict[str, Any] = AnalyzeRequest(max_chars=max_chars).load(value)
    except ValidationError as exc:
        raise ValidationFailed("The request does not match the contract.",
                               errors=field_errors(exc)) from None
    if len(loaded["text"]) > max_chars:
        raise PayloadTooLarge(f"text has {len(loaded['text'])} characters; "
                              f"the limit is {max_chars}.")
    return loaded


@bp.post("/v1/analyze")
def analyze() -> ResponseReturnValue:
    started = time.perf_counter()
    engine = analyzer()
    kind, value = read_body(request, settings().body_limit)
    req = load_request(kind, value)
    result = engine.analyze(req["text"])
    elapsed = (time.perf_counter() - started) * 1000
    return jsonify(response_document(engine, result, req["offset_encoding"], req["id"], elapsed))
