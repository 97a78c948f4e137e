"""Prometheus metrics, the JSON access log, the time budget and the version document."""

from __future__ import annotations

import json
import logging
import signal
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.api import budget, create_app
from service.api.metrics import InstrumentedAnalyzer, instrument
from service.config import Settings
from tests.contract import ContractClient


def scrape(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:  # type: ignore[no-untyped-def]
    r = client.get("/metrics")
    assert r.status_code == 200
    assert r.mimetype == "text/plain"
    samples = {}
    for family in text_string_to_metric_families(r.get_data(as_text=True)):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def value(samples, name: str, **labels: str) -> float:  # type: ignore[no-untyped-def]
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_latency_stages_and_sizes_are_counted(client, seed_001):
    before = scrape(client)
    assert client.post("/v1/analyze", json={"text": seed_001}).status_code == 200
    assert client.post("/v1/analyze", json={"text": ""}).status_code == 422
    client.get("/no/such/path/12345")
    after = scrape(client)
    key = {"method": "POST", "route": "/v1/analyze"}
    for status, n in (("200", 1), ("422", 1)):
        assert value(after, "rhetoric_http_requests_total", status=status, **key) \
            - value(before, "rhetoric_http_requests_total", status=status, **key) == n
    assert value(after, "rhetoric_http_request_duration_seconds_count", status="200", **key) \
        - value(before, "rhetoric_http_request_duration_seconds_count", status="200", **key) == 1
    # Unknown paths share one label value: a scanner cannot blow up the series count.
    assert value(after, "rhetoric_http_requests_total", method="GET", route="unmatched",
                 status="404") >= 1
    assert not any("12345" in dict(labels).get("route", "") for _, labels in after)
    for stage in ("parse", "analyze"):
        assert value(after, "rhetoric_analysis_stage_seconds_count", stage=stage) \
            - value(before, "rhetoric_analysis_stage_seconds_count", stage=stage) == 1
    grew = value(after, "rhetoric_document_characters_sum") \
        - value(before, "rhetoric_document_characters_sum")
    assert grew == len(seed_001)
    assert value(after, "rhetoric_http_requests_in_flight") == 1  # the scrape itself


def test_in_flight_returns_to_zero_after_refused_requests(analyzer):
    app = create_app(Settings(api_keys="k"), analyzer=analyzer)
    client = app.test_client()
    for _ in range(3):
        assert client.get("/v1/lexicons").status_code == 401
    samples = scrape_with_key(client)
    assert value(samples, "rhetoric_http_requests_in_flight") == 1


def scrape_with_key(client) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = client.get("/metrics", headers={"X-API-Key": "k"})
    out = {}
    for family in text_string_to_metric_families(r.get_data(as_text=True)):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_metrics_can_be_switched_off(analyzer):
    app = create_app(Settings(metrics=False), analyzer=analyzer)
    assert app.test_client().get("/metrics").status_code == 404


def test_instrumenting_keeps_the_analyzer_and_is_idempotent(analyzer):
    wrapped = instrument(analyzer)
    assert isinstance(wrapped, InstrumentedAnalyzer)
    assert instrument(wrapped) is wrapped
    assert wrapped.nlp is analyzer.nlp and wrapped.lexicons is analyzer.lexicons
    assert wrapped.analyze("It reportedly rained.").sentences


def test_one_json_log_line_per_request_without_the_text(client, caplog):
    secret = "Zanzibarian officials reportedly hid the quarterly figures."
    with caplog.at_level(logging.INFO, logger="service.access"):
        r = client.post("/v1/analyze", json={"text": secret},
                        headers={"X-Request-ID": "req-42"})
    assert r.status_code == 200
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "service.access"]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["request_id"] == "req-42"
    assert entry["route"] == "/v1/analyze" and entry["status"] == 200
    assert entry["text_chars"] == len(secret) and entry["documents"] == 1
    assert entry["duration_ms"] > 0
    assert "Zanzibarian" not in lines[0]


def test_version_reports_the_git_revision(analyzer):
    app = create_app(Settings(git_revision="abc1234"), analyzer=analyzer)
    app.test_client_class = ContractClient
    assert app.test_client().get("/version").get_json()["git_revision"] == "abc1234"


def test_version_falls_back_to_the_checkout(client):
    body = client.get("/version").get_json()
    assert body["git_revision"] is None or len(body["git_revision"]) == 40


class SlowAnalyzer(InstrumentedAnalyzer):
    """Spins in Python for longer than any budget in these tests."""

    def analyze(self, text: str):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pass
        raise AssertionError("the budget did not cut the request off")


def slow_app(analyzer, budget: float):  # type: ignore[no-untyped-def]
    parts = {name: getattr(analyzer, name) for name in analyzer.__dataclass_fields__}
    app = create_app(Settings(request_timeout=budget), analyzer=SlowAnalyzer(**parts))
    app.test_client_class = ContractClient
    return app


def test_a_request_over_its_time_budget_is_cut_off_with_503(analyzer):
    client = slow_app(analyzer, 0.3).test_client()
    started = time.monotonic()
    r = client.post("/v1/analyze", json={"text": "Something happened."})
    elapsed = time.monotonic() - started
    assert r.status_code == 503
    assert r.mimetype == "application/problem+json"
    assert r.get_json()["type"] == "urn:rhetoric:problem:time-budget-exceeded"
    assert elapsed < 5
    # The timer is off again: nothing fires later, and the next request is served.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert client.get("/healthz").status_code == 200


def test_a_swallowed_cut_off_fires_again(analyzer):
    """Code that catches every exception cannot keep the request past its budget."""

    class Swallowing(InstrumentedAnalyzer):
        def analyze(self, text: str):  # type: ignore[no-untyped-def]
            for _ in range(3):
                try:
                    SlowAnalyzer.analyze(self, text)
                except Exception:  # noqa: BLE001 - the point of the test
                    continue
            raise AssertionError("unreachable within the test's time")

    parts = {name: getattr(analyzer, name) for name in analyzer.__dataclass_fields__}
    app = create_app(Settings(request_timeout=0.2), analyzer=Swallowing(**parts))
    started = time.monotonic()
    r = app.test_client().post("/v1/analyze", json={"text": "Something happened."})
    assert r.status_code in (500, 503)
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_fast_requests_leave_no_timer_behind(client):
    assert client.get("/healthz").status_code == 200
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_budget_when_switched_off(analyzer):
    assert budget.arm(0) is False


@pytest.mark.parametrize("thread", [True])
def test_budget_is_not_armed_off_the_main_thread(thread):
    import threading

    result = []
    t = threading.Thread(target=lambda: result.append(budget.arm(1.0)))
    t.start()
    t.join()
    assert result == [False]


class TrickleStream:
    """A WSGI input that hands over ``data`` a few bytes at a time, ``pause`` apart."""

    def __init__(self, data: bytes, pause: float) -> None:
        self.data = data
        self.pause = pause

    def read(self, size: int = -1) -> bytes:
        time.sleep(self.pause)
        chunk, self.data = self.data[:8], self.data[8:]
        return chunk


def test_a_body_arriving_slower_than_the_budget_gets_its_own_problem(analyzer):
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    app = create_app(Settings(request_timeout=0.3), analyzer=analyzer)
    body = json.dumps({"text": "It reportedly rained."}).encode()
    environ = EnvironBuilder("/v1/analyze", method="POST",
                             headers={"Content-Type": "application/json"}).get_environ()
    environ.update({"wsgi.input": TrickleStream(body, 0.2), "wsgi.input_terminated": True,
                    "CONTENT_LENGTH": str(len(body))})
    started = time.monotonic()
    app_iter, status, headers = run_wsgi_app(app.wsgi_app, environ, buffered=True)
    assert time.monotonic() - started < 2
    assert status.startswith("408")
    problem = json.loads(b"".join(app_iter))
    assert problem["type"] == "urn:rhetoric:problem:upload-too-slow"
    assert "shorter" not in problem["detail"]
    assert f"({len(body)} bytes announced)" in problem["detail"]
    assert "budget of 0.3 seconds" in problem["detail"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
