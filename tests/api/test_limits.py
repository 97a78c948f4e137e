"""Limits that follow the analysis's cost: tokens per text, and a batch's scaled budget."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

import service.api.analyze as analyze_view
from service.analysis.pipeline import Analyzer
from service.api import create_app
from service.config import Settings
from service.problems import TimeBudgetExceeded
from tests.contract import ContractClient

BATCH = "/v1/analyze/batch"
PROSE = "Officials said on Monday that the brutal regime was reportedly desperate. "


def _client(analyzer: Analyzer, **settings: Any) -> ContractClient:
    app: Flask = create_app(Settings(**settings), analyzer=analyzer)
    app.test_client_class = ContractClient
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture()
def small(analyzer: Analyzer) -> Iterator[ContractClient]:
    with _client(analyzer, max_text_tokens=500) as client:
        yield client


@pytest.mark.parametrize("text", ["!" * 600, "\U0001F600" * 600, "[" * 600, '"' * 600,
                                  "a\n" * 300])
def test_a_text_over_the_token_limit_is_413_naming_it(small: ContractClient, text: str) -> None:
    response = small.post("/v1/analyze", json={"text": text})
    assert response.status_code == 413
    detail = response.get_json()["detail"]
    assert "the limit is 500" in detail and "tokens" in detail


def test_prose_of_as_many_characters_is_under_the_token_limit(small: ContractClient) -> None:
    text = (PROSE * 10)[:600]
    assert small.post("/v1/analyze", json={"text": text}).status_code == 200


def test_a_batch_refuses_only_the_document_over_the_token_limit(small: ContractClient) -> None:
    body = small.post(BATCH, json={"documents": [{"text": PROSE}, {"text": "!" * 600}]})
    errors = body.get_json()["errors"]
    assert [(e["index"], e["status"]) for e in errors] == [(1, 413)]
    assert "tokens" in errors[0]["detail"]


def test_the_batch_budget_scales_with_tokens_up_to_the_ceiling(analyzer: Analyzer) -> None:
    app = create_app(Settings(request_timeout=10, batch_timeout=35, max_text_tokens=1000),
                     analyzer=analyzer)
    with app.app_context():
        assert [analyze_view.batch_budget(n) for n in (0, 1000, 1001, 2500, 10**6)] == [
            10, 10, 20, 30, 35]
    with create_app(Settings(request_timeout=0), analyzer=analyzer).app_context():
        assert analyze_view.batch_budget(10**6) == 0


def test_a_batch_out_of_time_answers_what_it_finished(
        analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget (SIGALRM) runs out in the second document: the first is answered."""
    original = Analyzer.analyze_doc

    def slow(self: Analyzer, doc: Any, parse_seconds: float = 0.0) -> Any:
        if "slowly" in doc.text:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                pass
            raise AssertionError("the budget did not cut the batch off")
        return original(self, doc, parse_seconds)

    monkeypatch.setattr(Analyzer, "analyze_doc", slow)
    client = _client(analyzer, request_timeout=0.5, pipe_batch_words=1)
    documents = [{"id": "a", "text": PROSE}, {"text": "This goes slowly."},
                 {"text": "Never reached."}, {"text": ""}]
    response = client.post(BATCH, json={"documents": documents})
    assert response.status_code == 200
    body = response.get_json()
    assert [r["result"]["id"] for r in body["results"]] == ["a"]
    assert [(e["index"], e["status"]) for e in body["errors"]] == [(1, 503), (2, 503), (3, 422)]
    assert body["errors"][0]["type"] == "urn:rhetoric:problem:time-budget-exceeded"
    assert "budget of 0.5 seconds" in body["errors"][0]["detail"]


def test_groups_finished_before_the_budget_ran_out_are_kept(
        analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = analyze_view.analyse_each

    def running_out(engine: Any, texts: Any, *args: Any) -> Any:
        calls.append(len(texts))
        if len(calls) == 3:
            raise TimeBudgetExceeded("over budget")
        return original(engine, texts, *args)

    monkeypatch.setattr(analyze_view, "analyse_each", running_out)
    client = _client(analyzer, pipe_batch_words=12)
    documents = [{"text": PROSE} for _ in range(5)]
    body = client.post(BATCH, json={"documents": documents}).get_json()
    assert calls == [1, 1, 1]
    assert [r["index"] for r in body["results"]] == [0, 1]
    assert [(e["index"], e["status"]) for e in body["errors"]] == [(2, 503), (3, 503), (4, 503)]
