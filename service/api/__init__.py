"""The Flask application factory. Flask, marshmallow and HTTP live only in this package."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response

from service.analysis.pipeline import Analyzer
from service.api import analyze, errors, explain, metrics, middleware, ops, quota, security, web
from service.api.jsonprovider import FastJSONProvider
from service.api.state import Engine
from service.config import Settings


class App(Flask):
    """Flask whose automatic OPTIONS answer suits a JSON API: 204, ``Allow``, no body or type."""

    def make_default_options_response(self) -> Response:
        """Answer OPTIONS with 204 No Content and the route's methods in ``Allow``."""
        methods = super().make_default_options_response().allow
        response = self.response_class(status=204)
        del response.headers["Content-Type"]
        response.headers["Allow"] = ", ".join(sorted(methods))
        return response


def create_app(
    settings: Settings | None = None,
    analyzer: Analyzer | None = None,
    *,
    background_load: bool = False,
    **overrides: Any,
) -> Flask:
    """Build the app: settings from the environment (plus overrides), analyzer built once.

    Pass ``analyzer`` to share one already built (tests, gunicorn's preloading master);
    ``background_load`` answers /healthz and a 503 /readyz while the pipeline loads.
    """
    settings = settings or Settings.from_env(**overrides)
    logging.basicConfig(level=settings.log_level.upper(), format="%(message)s")
    app = App(__name__)
    # werkzeug answers "//" in a path with a 308 to an absolute URL built from the
    # request's Host: a redirect to any host a client names. Such paths are not found.
    app.url_map.merge_slashes = False
    app.config.update(MAX_CONTENT_LENGTH=settings.body_limit)
    app.json = FastJSONProvider(app)
    engine = Engine(settings)
    app.extensions["rhetoric"] = engine
    app.debug = False
    errors.register(app)
    if settings.metrics:
        metrics.register(app)
    middleware.register(app, settings)
    security.register(app, settings)
    quota.register(app, settings)  # after the key check, which names the key
    app.register_blueprint(ops.bp)
    app.register_blueprint(analyze.bp)
    app.register_blueprint(explain.bp)
    app.register_blueprint(web.bp)
    middleware.register_last(app)
    middleware.wrap_wsgi(app, settings)
    if analyzer is not None:
        engine.set(_harden(analyzer))
    else:
        engine.load(lambda: _harden(Analyzer.from_settings(settings)),
                    background=background_load)
    return app


def _harden(analyzer: Analyzer) -> Analyzer:
    """Record metrics of each analysis (the pipeline is bounded by ``Analyzer.build``)."""
    return metrics.instrument(analyzer)
