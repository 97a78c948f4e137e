"""HTTP format details: OPTIONS answers, a UTF-8 byte order mark, ASCII charset labels."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask

from service.api import create_app
from service.config import Settings
from tests.contract import ContractClient

PROBLEM = "application/problem+json"
BOM = b"\xef\xbb\xbf"
TEXT = "Officials reportedly said the plan may fail."
# The analysis sections that do not depend on timing or the request.
SECTIONS = ("sentences", "loaded_language", "hedges", "boosters", "attributions", "summary")


def make_app(analyzer, **settings) -> Flask:  # type: ignore[no-untyped-def]
    """Build an app on the session's analyzer; its test client checks the contract."""
    app = create_app(Settings(max_text_chars=20_000, **settings), analyzer=analyzer)
    app.test_client_class = ContractClient
    return app


def allowed(response) -> set[str]:  # type: ignore[no-untyped-def]
    """Return the methods in the response's ``Allow`` header."""
    return {m.strip() for m in response.headers["Allow"].split(",")}


def analysis(body: dict) -> dict:
    """Return the request-independent sections of an analysis response."""
    return {section: body[section] for section in SECTIONS}


# ---------------------------------------------------------------------------- OPTIONS

GET_ONLY = {"GET", "HEAD", "OPTIONS"}
OPTIONS_ROUTES = [
    ("/v1/analyze", {"POST", "OPTIONS"}),
    ("/v1/analyze/batch", {"POST", "OPTIONS"}),
    ("/v1/lexicons", GET_ONLY),
    ("/healthz", GET_ONLY),
    ("/readyz", GET_ONLY),
    ("/version", GET_ONLY),
    ("/metrics", GET_ONLY),
    ("/openapi.yaml", GET_ONLY),
    ("/", GET_ONLY),
    ("/docs", GET_ONLY),
    ("/assets/app.js", GET_ONLY),
    ("/docs/swagger-ui/swagger-ui.css", GET_ONLY),
]


@pytest.mark.parametrize(("path", "methods"), OPTIONS_ROUTES, ids=[p for p, _ in OPTIONS_ROUTES])
def test_options_is_204_with_allow_and_no_content_type(client, path, methods):
    r = client.options(path)
    assert r.status_code == 204
    assert allowed(r) == methods
    assert "Content-Type" not in r.headers
    assert r.get_data() == b""
    # The answer goes through the usual hooks: request id, no caching, security headers.
    assert r.headers["X-Request-ID"]
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_every_route_answers_options_with_its_own_methods(app):
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<[^>]+>", "x", rule.rule)
        r = client.options(path)
        assert r.status_code == 204, rule.rule
        assert allowed(r) == set(rule.methods or ()), rule.rule
        assert "Content-Type" not in r.headers, rule.rule


def test_allow_lists_methods_in_a_stable_order(client):
    assert client.options("/healthz").headers["Allow"] == "GET, HEAD, OPTIONS"
    assert client.options("/v1/analyze").headers["Allow"] == "OPTIONS, POST"


def test_options_on_an_unknown_path_is_a_404_problem(client):
    r = client.options("/nowhere")
    assert r.status_code == 404
    assert r.mimetype == PROBLEM


def test_options_needs_a_key_when_keys_are_configured(analyzer):
    client = make_app(analyzer, api_keys="k").test_client()
    assert client.options("/v1/analyze").status_code == 401
    r = client.options("/v1/analyze", headers={"X-API-Key": "k"})
    assert r.status_code == 204
    assert allowed(r) == {"POST", "OPTIONS"}
    assert client.options("/healthz").status_code == 204  # probes stay open


def test_cors_preflight_is_still_answered_by_the_allow_list(analyzer):
    client = make_app(analyzer, cors_origins="https://desk.example", api_keys="k").test_client()
    pre = client.options("/v1/analyze", headers={"Origin": "https://desk.example",
                                                 "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == "https://desk.example"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "X-API-Key" in pre.headers["Access-Control-Allow-Headers"]
    denied = client.options("/v1/analyze", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert denied.status_code == 204
    assert "Access-Control-Allow-Origin" not in denied.headers
    # A plain OPTIONS (no Access-Control-Request-Method) is not a preflight.
    plain = client.options("/v1/analyze", headers={"Origin": "https://desk.example",
                                                   "X-API-Key": "k"})
    assert plain.status_code == 204
    assert allowed(plain) == {"POST", "OPTIONS"}
    assert plain.headers["Access-Control-Allow-Origin"] == "https://desk.example"


def test_a_method_not_allowed_still_answers_405_with_allow(client):
    r = client.put("/v1/analyze", json={"text": TEXT})
    assert r.status_code == 405
    assert r.mimetype == PROBLEM
    assert allowed(r) == {"POST", "OPTIONS"}


# ------------------------------------------------------------------ byte order mark

@pytest.mark.parametrize("ctype", ["application/json", "application/json; charset=utf-8"])
def test_a_json_body_may_start_with_a_byte_order_mark(client, ctype):
    body = json.dumps({"text": TEXT}).encode()
    plain = client.post("/v1/analyze", data=body, content_type=ctype)
    marked = client.post("/v1/analyze", data=BOM + body, content_type=ctype)
    assert marked.status_code == 200, marked.get_data(as_text=True)
    assert analysis(marked.get_json()) == analysis(plain.get_json())
    assert marked.get_json()["sentences"][-1]["end"] == len(TEXT)


def test_a_batch_body_may_start_with_a_byte_order_mark(client):
    body = json.dumps({"documents": [{"id": "a", "text": TEXT}, {"text": " "}]}).encode()
    r = client.post("/v1/analyze/batch", data=BOM + body, content_type="application/json")
    assert r.status_code == 200, r.get_data(as_text=True)
    doc = r.get_json()
    assert [res["index"] for res in doc["results"]] == [0]
    assert doc["results"][0]["result"]["id"] == "a"
    assert [err["index"] for err in doc["errors"]] == [1]


@pytest.mark.parametrize(("name", "body"), [
    ("two marks", BOM + BOM + b'{"text": "a"}'),
    ("mark after white space", b' \xef\xbb\xbf{"text": "a"}'),
    ("mark alone", BOM),
])
def test_only_one_leading_byte_order_mark_is_ignored(client, name, body):
    r = client.post("/v1/analyze", data=body, content_type="application/json")
    assert r.status_code == 400
    assert r.mimetype == PROBLEM
    assert r.get_json()["type"] == "urn:rhetoric:problem:malformed-request"


def test_a_byte_order_mark_inside_the_text_is_kept(client):
    text = "\ufeff" + TEXT
    r = client.post("/v1/analyze", data=BOM + json.dumps({"text": text}).encode(),
                    content_type="application/json")
    assert r.status_code == 200
    assert r.get_json()["sentences"][-1]["end"] == len(text)


# --------------------------------------------------------------------- ASCII labels

ASCII_LABELS = ["us-ascii", "US-ASCII", "ascii", "ASCII", '"us-ascii"', "ANSI_X3.4-1968",
                "iso646-us", "csASCII", "cp367"]


@pytest.mark.parametrize("label", ASCII_LABELS)
def test_an_ascii_plain_text_body_is_accepted(client, label):
    utf8 = client.post("/v1/analyze", data=TEXT.encode(), content_type="text/plain")
    r = client.post("/v1/analyze", data=TEXT.encode("ascii"),
                    content_type=f"text/plain; charset={label}")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert analysis(r.get_json()) == analysis(utf8.get_json())


@pytest.mark.parametrize("label", ["us-ascii", "ascii"])
def test_an_ascii_json_body_is_accepted(client, label):
    # JSON escapes keep non-ASCII text in an ASCII body.
    text = "Caf\u00e9 owners reportedly said it may rain."
    body = json.dumps({"text": text}, ensure_ascii=True).encode("ascii")
    r = client.post("/v1/analyze", data=body, content_type=f"application/json; charset={label}")
    assert r.status_code == 200, r.get_data(as_text=True)
    sentence = r.get_json()["sentences"][0]
    assert sentence["text"] == text
    batch = client.post("/v1/analyze/batch", data=json.dumps({"documents": [{"text": text}]}),
                        content_type=f"application/json; charset={label}")
    assert batch.status_code == 200
    assert len(batch.get_json()["results"]) == 1


@pytest.mark.parametrize(("ctype", "body", "at"), [
    ("text/plain; charset=us-ascii", "Caf\u00e9 owners said so.".encode(), 3),
    ("text/plain; charset=ascii", "Caf\u00e9 owners said so.".encode("latin-1"), 3),
    ("application/json; charset=us-ascii", '{"text": "Caf\u00e9"}'.encode(), 13),
    ("application/json; charset=us-ascii", BOM + b'{"text": "a"}', 0),
])
def test_a_body_labelled_ascii_that_is_not_ascii_is_400(client, ctype, body, at):
    r = client.post("/v1/analyze", data=body, content_type=ctype)
    assert r.status_code == 400
    assert r.mimetype == PROBLEM
    problem = r.get_json()
    assert problem["type"] == "urn:rhetoric:problem:malformed-request"
    assert "not ASCII" in problem["detail"]
    assert f"byte {at} (0x{body[at]:02X})" in problem["detail"]


@pytest.mark.parametrize("label", ["latin-1", "iso-8859-1", "windows-1252", "utf-16",
                                   "us-ascii-x", "ascii7", "utf-8-sig"])
def test_other_charsets_are_still_415(client, label):
    r = client.post("/v1/analyze", data=TEXT.encode(), content_type=f"text/plain; charset={label}")
    assert r.status_code == 415
    assert r.mimetype == PROBLEM
    assert "US-ASCII" in r.get_json()["detail"]


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, mtime=0)


@pytest.mark.parametrize("coding", ["gzip", "x-gzip", "GZIP", "identity", "gzip, identity"])
def test_a_gzip_body_is_read_as_sent_uncompressed(client, coding):
    body = json.dumps({"text": TEXT}).encode()
    data = body if coding == "identity" else _gzip(body)
    r = client.post("/v1/analyze", data=data, content_type="application/json",
                    headers={"Content-Encoding": coding})
    assert r.status_code == 200, r.get_json()
    plain = client.post("/v1/analyze", json={"text": TEXT}).get_json()
    for section in SECTIONS:
        assert r.get_json()[section] == plain[section]


def test_a_gzip_batch_is_read(client):
    body = json.dumps({"documents": [{"text": TEXT}]}).encode()
    r = client.post("/v1/analyze/batch", data=_gzip(body), content_type="application/json",
                    headers={"Content-Encoding": "gzip"})
    assert r.status_code == 200
    assert len(r.get_json()["results"]) == 1


def test_a_gzip_bomb_is_413_after_reading_at_most_the_limit(analyzer):
    app = make_app(analyzer, max_body_bytes=100_000)
    bomb = _gzip(b'{"text": "' + b"a" * 50_000_000 + b'"}')
    assert len(bomb) < 100_000
    r = app.test_client().post("/v1/analyze", data=bomb, content_type="application/json",
                               headers={"Content-Encoding": "gzip"})
    assert r.status_code == 413
    assert "100000 bytes" in r.get_json()["detail"] and "decompressed" in r.get_json()["detail"]


def test_a_broken_gzip_body_is_400(client):
    whole = _gzip(json.dumps({"text": TEXT}).encode())
    for data in (b"not gzip at all", whole[:-6]):
        r = client.post("/v1/analyze", data=data, content_type="application/json",
                        headers={"Content-Encoding": "gzip"})
        assert r.status_code == 400
        assert "gzip" in r.get_json()["detail"]


@pytest.mark.parametrize("coding", ["br", "deflate", "compress", "zstd", "gzip, gzip"])
def test_other_content_codings_are_415_naming_gzip(client, coding):
    r = client.post("/v1/analyze", data=b"\x00\x01", content_type="application/json",
                    headers={"Content-Encoding": coding})
    assert r.status_code == 415
    assert r.headers["Accept-Encoding"] == "gzip"
    assert "gzip" in r.get_json()["detail"]
