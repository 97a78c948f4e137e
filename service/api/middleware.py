"""Request ids, arming the time budget (:mod:`service.api.budget`), one JSON log line per
request, and the WSGI wrappers for running behind a gateway (trusted X-Forwarded-*
headers, a path prefix)."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import time
import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from service.api.budget import arm, disarm
from service.api.errors import problem_response
from service.config import Settings
from service.problems import NotFound, TimeBudgetExceeded

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
OUTSIDE_PREFIX = "rhetoric.outside_prefix"
# Reachable without the prefix too: the orchestrator probes the pod directly.
UNPREFIXED_PATHS = frozenset({"/healthz", "/readyz"})

request_id: ContextVar[str] = ContextVar("request_id", default="-")
access_log = logging.getLogger("service.access")


def register(app: Flask, settings: Settings) -> None:
    """Install the request-id, budget and logging hooks on ``app``."""

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        rid = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        g.request_id = rid
        g.started = time.perf_counter()
        request_id.set(rid)
        g.budget = arm(settings.request_timeout)
        if request.environ.get(OUTSIDE_PREFIX) and request.path not in UNPREFIXED_PATHS:
            raise NotFound("No such resource.")

    @app.after_request
    def _finish(response: Response) -> Response:
        rid = g.get("request_id") or uuid.uuid4().hex
        response.headers[REQUEST_ID_HEADER] = rid
        response.headers.setdefault("Cache-Control", "no-store")
        started = g.get("started")
        duration = (time.perf_counter() - started) * 1000 if started else 0.0
        access_log.info(json.dumps({
            "ts": round(time.time(), 3),
            "request_id": rid,
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "path": request.path[:256],
            "status": response.status_code,
            "duration_ms": round(duration, 2),
            "content_length": request.content_length,
            "text_chars": g.get("text_chars"),
            "documents": g.get("documents"),
            "remote_addr": request.remote_addr,
            "key_id": g.get("key_id"),
        }))
        return response

    @app.errorhandler(TimeBudgetExceeded)
    def _over_budget(exc: TimeBudgetExceeded) -> Response:
        g.over_budget = True
        access_log.warning(json.dumps({"request_id": g.get("request_id"),
                                       "event": "time_budget_exceeded",
                                       "budget_s": settings.request_timeout}))
        return problem_response(exc)

    @app.teardown_request
    def _teardown(_: BaseException | None) -> None:
        disarm()
        if g.get("over_budget") and "gunicorn.socket" in request.environ:
            # The analysis was interrupted at an arbitrary point: let gunicorn replace
            # this worker once the response is out (SIGTERM is its graceful exit).
            os.kill(os.getpid(), signal.SIGTERM)


def register_last(app: Flask) -> None:
    """Stop the budget as soon as the view is done (this after_request runs first)."""

    @app.after_request
    def _stop_budget(response: Response) -> Response:
        disarm()
        return response


class PathPrefix:
    """Serve the app under ``prefix``: strip it from PATH_INFO into SCRIPT_NAME."""

    def __init__(self, app: Any, prefix: str) -> None:
        self.app = app
        self.prefix = "/" + prefix.strip("/")

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or "/"
        if path == self.prefix or path.startswith(self.prefix + "/"):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + self.prefix
            environ["PATH_INFO"] = path[len(self.prefix):] or "/"
        else:
            environ[OUTSIDE_PREFIX] = True
        return self.app(environ, start_response)


def wrap_wsgi(app: Flask, settings: Settings) -> None:
    """Apply the path prefix and, for ``trusted_proxies`` > 0, werkzeug's ProxyFix."""
    if settings.path_prefix.strip("/"):
        app.wsgi_app = PathPrefix(app.wsgi_app, settings.path_prefix)  # type: ignore[method-assign]
    n = settings.trusted_proxies
    if n > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n,  # type: ignore[method-assign]
                                x_port=n, x_prefix=n)
