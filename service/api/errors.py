"""One error shape: the problem types of :mod:`service.problems` as RFC 9457 responses."""

from __future__ import annotations

import logging

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from service.api.budget import disarm
from service.problems import (
    MalformedRequest,
    MethodNotAllowed,
    NotFound,
    NotReady,
    PayloadTooLarge,
    Problem,
    Unauthorized,
    UnsupportedMediaType,
    ValidationFailed,
)

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("service.api")

#: The problem type of an HTTP error werkzeug raises (routing, body size), by status.
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
    disarm()


def _detail(exc: HTTPException) -> str:
    if exc.code == 413:
        return "The request body is larger than this service accepts."
    if exc.code == 404:
        return "No such resource."
    if exc.code == 405:
        return "This method is not allowed on this resource."
    return exc.description or exc.name
