"""One error shape: RFC 9457 problem details, from a small exception hierarchy."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:rhetoric:problem:"

log = logging.getLogger("service.api")


class Problem(Exception):
    """An error a client receives as ``application/problem+json``."""

    status = 500
    slug = "internal-error"
    title = "Internal server error"

    def __init__(self, detail: str, *, errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"type": TYPE_PREFIX + self.slug, "title": self.title,
                               "status": self.status, "detail": self.detail}
        if self.errors is not None:
            doc["errors"] = self.errors
        return doc


class MalformedRequest(Problem):
    status, slug, title = 400, "malformed-request", "Malformed request body"


class Unauthorized(Problem):
    status, slug, title = 401, "unauthorized", "API key required"


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"


class MethodNotAllowed(Problem):
    status, slug, title = 405, "method-not-allowed", "Method not allowed"


class PayloadTooLarge(Problem):
    status, slug, title = 413, "payload-too-large", "Payload too large"


class UnsupportedMediaType(Problem):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class ValidationFailed(Problem):
    status, slug, title = 422, "validation-error", "Request validation failed"


class NotReady(Problem):
    status, slug, title = 503, "not-ready", "Service not ready"


class TimeBudgetExceeded(Problem):
    status, slug, title = 503, "time-budget-exceeded", "Time budget exceeded"


_BY_STATUS: dict[int, type[Problem]] = {
    400: MalformedRequest,
    401: Unauthorized,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: ValidationFailed,
    503: NotReady,
}


def problem_response(problem: Problem) -> Response:
    """Return the HTTP response for ``problem``."""
    response = Response(json.dumps(problem.body()), status=problem.status, mimetype=PROBLEM_JSON)
    for name, value in problem.headers.items():
        response.headers[name] = value
    return response


def register(app: Flask) -> None:
    """Make every error, expected or not, a problem+json response without internals."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        _stop_budget()
        return problem_response(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        _stop_budget()
        cls = _BY_STATUS.get(exc.code or 500)
        if cls is None:
            problem = Problem(exc.description or "")
            problem.status = exc.code or 500
            problem.title = exc.name
            problem.slug = exc.name.lower().replace(" ", "-")
        else:
            problem = cls(_detail(exc))
        response = problem_response(problem)
        if exc.code == 405 and exc.response is None:
            allowed = getattr(exc, "valid_methods", None)
            if allowed:
                response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        _stop_budget()
        log.exception("unhandled error")
        return problem_response(Problem("The server could not complete the request."))


def _stop_budget() -> None:
    """Stop the request's time budget: an error answer is already on its way."""
    from service.api.middleware import disarm

    disarm()


def _detail(exc: HTTPException) -> str:
    if exc.code == 413:
        return "The request body is larger than this service accepts."
    if exc.code == 404:
        return "No such resource."
    if exc.code == 405:
        return "This method is not allowed on this resource."
    return exc.description or exc.name
