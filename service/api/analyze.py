"""``POST /v1/analyze``: load the request, run the analysis, dump the response."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from service.api.body import read_body
from service.api.schemas import AnalyzeRequest, BatchRequest, field_errors
from service.api.state import analyzer, settings
from service.batch import analyse_each
from service.problems import (
    PayloadTooLarge,
    Problem,
    TextTooLong,
    UnsupportedMediaType,
    ValidationFailed,
    validate_text,
)
from service.render import response_document

log = logging.getLogger("service.api")

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
    try:
        validate_text(loaded["text"], max_chars)  # the schema ran the other checks
    except TextTooLong as exc:
        raise PayloadTooLarge(exc.message) from None
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


def _error(index: int, problem: Problem) -> dict[str, Any]:
    return {"index": index, **problem.body()}


@bp.post("/v1/analyze/batch")
def analyze_batch() -> ResponseReturnValue:
    """Analyse up to ``max_batch_docs`` documents; each succeeds or fails on its own."""
    started = time.perf_counter()
    engine = analyzer()
    config = settings()
    request.max_content_length = config.max_batch_body_bytes
    kind, value = read_body(request, config.max_batch_body_bytes)
    if kind != "json":
        raise UnsupportedMediaType("A batch is sent as application/json.")
    if not isinstance(value, dict):
        raise ValidationFailed("The body must be a JSON object.",
                               errors=[{"field": "body", "message": "expected an object"}])
    try:
        batch: dict[str, Any] = BatchRequest(max_docs=config.max_batch_docs).load(value)
    except ValidationError as exc:
        raise ValidationFailed("The request does not match the contract.",
                               errors=field_errors(exc)) from None
    accepted: list[tuple[int, dict[str, Any]]] = []
    errors: list[dict[str, Any]] = []
    for index, document in enumerate(batch["documents"]):
        if (isinstance(document, dict) and batch["offset_encoding"] is not None
                and "offset_encoding" not in document):
            document = {**document, "offset_encoding": batch["offset_encoding"]}
        if not isinstance(document, dict):
            errors.append(_error(index, ValidationFailed(
                "The document must be a JSON object.",
                errors=[{"field": "document", "message": "expected an object"}])))
            continue
        try:
            accepted.append((index, load_request("json", document)))
        except Problem as problem:
            errors.append(_error(index, problem))
    analyses = analyse_each(engine, [req["text"] for _, req in accepted],
                            config.pipe_batch_size, config.pipe_batch_words, log)
    elapsed = (time.perf_counter() - started) * 1000
    results = []
    for (index, req), analysis in zip(accepted, analyses, strict=True):
        if isinstance(analysis, Exception):
            errors.append(_error(index, Problem("The server could not analyse this document.")))
            continue
        results.append({"index": index, "result": response_document(
            engine, analysis, req["offset_encoding"], req["id"], elapsed)})
    errors.sort(key=lambda e: e["index"])
    return jsonify({"results": results, "errors": errors})
