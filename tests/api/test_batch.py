"""``POST /v1/analyze/batch``: per-document results and errors, in order, one call."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from service.analysis.pipeline import Analyzer
from service.api import create_app
from service.config import Settings
from tests.contract import ContractClient

BATCH = "/v1/analyze/batch"
GOOD_A = "Analysts suggest the regime is reportedly desperate. Officials said on Monday it was not."
GOOD_B = "The brutal crackdown, critics claim, is undoubtedly a disaster for everyone."


def _without_timing(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "meta": {k: v for k, v in doc["meta"].items() if k != "elapsed_ms"}}


def test_each_document_succeeds_or_fails_alone_in_order(client: ContractClient) -> None:
    documents: list[Any] = [
        {"id": "a", "text": GOOD_A},
        {"id": "empty", "text": "   "},
        "not an object",
        {"id": "b", "text": GOOD_B, "offset_encoding": "utf-8"},
        {"id": "long", "text": "word " * 5000},
        {"text": GOOD_A, "unknown": 1},
    ]
    response = client.post(BATCH, json={"documents": documents})
    assert response.status_code == 200
    body = response.get_json()
    assert [r["index"] for r in body["results"]] == [0, 3]
    assert [r["result"]["id"] for r in body["results"]] == ["a", "b"]
    assert [(e["index"], e["status"]) for e in body["errors"]] == [
        (1, 422), (2, 422), (4, 413), (5, 422)]
    assert body["errors"][0]["type"] == "urn:rhetoric:problem:validation-error"
    assert body["errors"][0]["errors"][0]["field"] == "text"


def test_batch_results_equal_single_requests(client: ContractClient) -> None:
    documents = [{"id": "a", "text": GOOD_A}, {"id": "b", "text": GOOD_B}]
    batch = client.post(BATCH, json={"documents": documents}).get_json()
    for item, document in zip(batch["results"], documents, strict=True):
        single = client.post("/v1/analyze", json=document).get_json()
        assert _without_timing(item["result"]) == _without_timing(single)


def test_batch_offset_encoding_is_a_default_each_document_may_override(
        client: ContractClient) -> None:
    text = "“Crisis” looms — critics say the brutal regime is desperate."
    body = client.post(BATCH, json={"offset_encoding": "utf-8", "documents": [
        {"text": text}, {"text": text, "offset_encoding": "codepoint"}]}).get_json()
    encodings = [r["result"]["meta"]["offset_encoding"] for r in body["results"]]
    assert encodings == ["utf-8", "codepoint"]
    ends = [r["result"]["sentences"][0]["end"] for r in body["results"]]
    assert ends == [len(text.encode("utf-8")), len(text)]


@pytest.mark.parametrize("body", [
    {},
    {"documents": []},
    {"documents": "text"},
    {"documents": [{"text": "x"}], "extra": True},
    {"documents": [{"text": "x"}], "offset_encoding": "latin-1"},
    [{"text": "x"}],
])
def test_a_body_that_is_no_batch_fails_the_call(client: ContractClient, body: Any) -> None:
    response = client.post(BATCH, json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"


def test_too_many_documents_fail_the_call(client: ContractClient) -> None:
    response = client.post(BATCH, json={"documents": [{"text": "Hi."}] * 65})
    assert response.status_code == 422
    assert "the limit is 64" in response.get_json()["errors"][0]["message"]


def test_batch_wants_json(client: ContractClient) -> None:
    response = client.post(BATCH, data=GOOD_A, content_type="text/plain")
    assert response.status_code == 415


def test_malformed_batch_json_is_400(client: ContractClient) -> None:
    response = client.post(BATCH, data=b'{"documents": [', content_type="application/json")
    assert response.status_code == 400


@pytest.fixture()
def small_client(analyzer: Analyzer) -> Iterator[ContractClient]:
    app: Flask = create_app(Settings(max_batch_docs=2, max_batch_body_bytes=600),
                            analyzer=analyzer)
    app.test_client_class = ContractClient
    with app.test_client() as client:
        yield client  # type: ignore[misc]


def test_batch_limits_come_from_the_settings(small_client: ContractClient) -> None:
    three = small_client.post(BATCH, json={"documents": [{"text": "Hi."}] * 3})
    assert three.status_code == 422
    big = small_client.post(BATCH, json={"documents": [{"text": "word " * 200}]})
    assert big.status_code == 413
    two = small_client.post(BATCH, json={"documents": [{"text": "Hi."}] * 2})
    assert two.status_code == 200
    assert len(two.get_json()["results"]) == 2


def test_a_failing_analysis_fails_only_its_document(
        client: ContractClient, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Analyzer.analyze_doc

    def fragile(self: Analyzer, doc: Any, parse_seconds: float = 0.0) -> Any:
        if "explode" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc, parse_seconds)

    monkeypatch.setattr(Analyzer, "analyze_doc", fragile)
    body = client.post(BATCH, json={"documents": [
        {"text": GOOD_A}, {"text": "This will explode."}, {"text": GOOD_B}]}).get_json()
    assert [r["index"] for r in body["results"]] == [0, 2]
    assert [(e["index"], e["status"]) for e in body["errors"]] == [(1, 500)]
    assert "boom" not in str(body)
