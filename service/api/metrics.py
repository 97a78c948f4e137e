"""Prometheus metrics at ``/metrics``: requests, latency, in-flight, analysis stages, sizes.

Under gunicorn every worker is a process of its own, so gunicorn.conf.py sets
``PROMETHEUS_MULTIPROC_DIR`` before the app is imported; prometheus_client then keeps
each process's values in files there, ``/metrics`` merges them
(``MultiProcessCollector``), and gunicorn's ``child_exit`` hook calls
:func:`mark_worker_dead` so a dead worker's gauges drop out.
"""

from __future__ import annotations

import os
import time
from dataclasses import fields
from typing import Any

from flask import Blueprint, Flask, Response, g, has_request_context, request
from flask.typing import ResponseReturnValue
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, multiprocess
from prometheus_client.exposition import choose_encoder
from spacy.tokens import Doc

from service.analysis.model import Analysis
from service.analysis.pipeline import Analyzer

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Seconds: from a cached health check to a 100,000-character article on a busy core.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
# Characters: a headline, a brief, a seed-sized article (~3,600), long reads, the limit.
SIZE_BUCKETS = (100, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000)

REQUESTS = Counter("rhetoric_http_requests", "HTTP requests answered.",
                   ["method", "route", "status"])
LATENCY = Histogram("rhetoric_http_request_duration_seconds",
                    "Time from the request's arrival in the app to its response.",
                    ["method", "route", "status"], buckets=LATENCY_BUCKETS)
IN_FLIGHT = Gauge("rhetoric_http_requests_in_flight", "Requests being handled now.",
                  multiprocess_mode="livesum")
STAGE = Histogram("rhetoric_analysis_stage_seconds",
                  "Time per analysis stage (parse: spaCy; analyze: every analyzer).",
                  ["stage"], buckets=LATENCY_BUCKETS)
DOC_CHARS = Histogram("rhetoric_document_characters", "Characters per analysed document.",
                      buckets=SIZE_BUCKETS)

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def metrics() -> ResponseReturnValue:
    """Expose the metrics in the Prometheus text format."""
    registry = REGISTRY
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    response = Response(encoder(registry))
    response.headers["Content-Type"] = content_type
    return response


def mark_worker_dead(pid: int) -> None:
    """Drop a dead worker's live gauges (gunicorn's ``child_exit`` hook)."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(pid)


def route_label() -> str:
    """Return the matched route pattern, never the raw path (bounded label values)."""
    return request.url_rule.rule if request.url_rule is not None else "unmatched"


def observe_request(status: int, seconds: float) -> None:
    """Count a finished request and its latency."""
    method = request.method if request.method in KNOWN_METHODS else "OTHER"
    labels = (method, route_label(), str(status))
    REQUESTS.labels(*labels).inc()
    LATENCY.labels(*labels).observe(seconds)


def observe_analysis(analysis: Analysis) -> None:
    """Record one analysis: stage times and size, and the size for the request's log line."""
    timings = analysis.timings
    if timings.get("parse_ms"):  # batches parse with nlp.pipe and time no single parse
        STAGE.labels("parse").observe(timings["parse_ms"] / 1000)
    for stage, ms in timings.items():
        if stage != "parse_ms" and stage.endswith("_ms"):
            STAGE.labels(stage[:-3]).observe(ms / 1000)
    DOC_CHARS.observe(len(analysis.text))
    if has_request_context():
        g.text_chars = g.get("text_chars", 0) + len(analysis.text)
        g.documents = g.get("documents", 0) + 1


class InstrumentedAnalyzer(Analyzer):
    """An :class:`Analyzer` that records the metrics of every analysis it runs."""

    def analyze_doc(self, doc: Doc, parse_seconds: float = 0.0) -> Analysis:
        analysis = super().analyze_doc(doc, parse_seconds)
        observe_analysis(analysis)
        return analysis


def instrument(analyzer: Analyzer) -> Analyzer:
    """Return ``analyzer`` sharing its parts but recording metrics."""
    if isinstance(analyzer, InstrumentedAnalyzer):
        return analyzer
    parts: dict[str, Any] = {f.name: getattr(analyzer, f.name) for f in fields(analyzer)
                             if f.init}
    return InstrumentedAnalyzer(**parts)


def register(app: Flask) -> None:
    """Serve /metrics and count every request on ``app`` (register before other hooks)."""
    app.register_blueprint(bp)

    @app.before_request
    def _enter() -> None:
        g.metrics_started = time.perf_counter()
        g.metrics_in_flight = True
        IN_FLIGHT.inc()

    @app.after_request
    def _record(response: Response) -> Response:
        started = g.pop("metrics_started", None)
        if started is not None:
            observe_request(response.status_code, time.perf_counter() - started)
        return response

    @app.teardown_request
    def _leave(_: BaseException | None) -> None:
        if g.pop("metrics_in_flight", False):
            IN_FLIGHT.dec()
