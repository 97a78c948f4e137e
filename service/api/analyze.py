"""``POST /v1/analyze``: load the request, run the analysis, dump the response."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Blueprint, g, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from service.analysis.bounds import token_count
from service.analysis.parsing import text_batches
from service.api.body import read_body
from service.api.budget import arm, disarm
from service.api.schemas import AnalyzeRequest, BatchRequest, field_errors
from service.api.state import analyzer, settings
from service.batch import analyse_each
from service.problems import (
    PayloadTooLarge,
    Problem,
    TextTooLong,
    TimeBudgetExceeded,
    UnsupportedMediaType,
    ValidationFailed,
    validate_text,
)
from service.render import response_document

log = logging.getLogger("service.api")

bp = Blueprint("analyze", __name__)


def load_request(kind: str, value: Any) -> dict[str, Any]:
    """Validate a request document (or plain text) into ``{text, id, offset_encoding, tokens}``.

    ``tokens`` is the text's length in tokens, counted only when it has more characters
    than the token limit (a token has at least one character); else its characters.
    """
    max_chars = settings().max_text_chars
    max_tokens = settings().max_text_tokens
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
    text = loaded["text"]
    loaded["tokens"] = len(text)
    if max_tokens > 0 and len(text) > max_tokens:
        loaded["tokens"] = tokens = token_count(analyzer().nlp, text)
        if tokens > max_tokens:
            raise PayloadTooLarge(f"text has {tokens} tokens; the limit is {max_tokens} "
                                  "(RHETORIC_MAX_TEXT_TOKENS: the analysis takes time in "
                                  "proportion to tokens, and emoji or punctuation are a "
                                  "token each).")
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


#: Share of a batch's budget its analysis may use; the rest is for writing the response
#: (about 1 s per MB of JSON on a busy core).
ANALYSIS_SHARE = 0.9


def batch_budget(tokens: int) -> float:
    """Return a batch's time budget: ``request_timeout`` per ``max_text_tokens`` of its
    tokens (at least one), up to ``batch_timeout`` seconds."""
    config = settings()
    if config.request_timeout <= 0:
        return 0.0
    units = max(1, -(-tokens // config.max_text_tokens)) if config.max_text_tokens > 0 else 1
    return min(config.batch_timeout, config.request_timeout * units)


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
    texts = [req["text"] for _, req in accepted]
    budget = batch_budget(sum(req["tokens"] for _, req in accepted))
    if g.get("budget"):
        # The analysis stops at 90% of the budget: the rest is for writing the response.
        arm(max(ANALYSIS_SHARE * budget - (time.perf_counter() - started), 0.001))
    analyses: list[Any] = []
    try:
        # Documents are analysed a few at a time (pipe_batch_words words), so that the
        # ones finished when the budget runs out are answered.
        for group in text_batches(texts, config.pipe_batch_size, config.pipe_batch_words):
            analyses.extend(analyse_each(engine, group, config.pipe_batch_size,
                                         config.pipe_batch_words, log))
    except TimeBudgetExceeded:
        disarm()
        g.over_budget = True  # interrupted mid-analysis: the worker is replaced afterwards
        log.warning("batch over its budget of %.1f s after %d of %d documents",
                    budget, len(analyses), len(texts))
    elapsed = (time.perf_counter() - started) * 1000
    results = []
    for position, (index, req) in enumerate(accepted):
        if position >= len(analyses):
            errors.append(_error(index, TimeBudgetExceeded(
                f"The batch ran out of its budget of {budget:g} seconds before this document "
                "was analysed; send it again, alone or in a smaller batch.")))
            continue
        analysis = analyses[position]
        if isinstance(analysis, Exception):
            errors.append(_error(index, Problem("The server could not analyse this document.")))
            continue
        results.append({"index": index, "result": response_document(
            engine, analysis, req["offset_encoding"], req["id"], elapsed)})
    errors.sort(key=lambda e: e["index"])
    return jsonify({"results": results, "errors": errors})
