"""API keys, CORS, security headers, no internals in errors, gateway headers and prefix."""

from __future__ import annotations

import io
import json

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Response

from service.api import create_app
from service.api.security import PAGE_CSP, hide_server_banner, key_matches, load_keys
from service.config import Settings, SettingsError
from tests.contract import ContractClient

PROBLEM = "application/problem+json"
KEY = "s3cret-key-9~!"


def make_app(analyzer, contract: bool = True, **settings) -> Flask:  # type: ignore[no-untyped-def]
    """Build an app on the session's analyzer; its test client checks the contract."""
    app = create_app(Settings(max_text_chars=20_000, **settings), analyzer=analyzer)
    if contract:
        app.test_client_class = ContractClient
    return app


@pytest.fixture(scope="module")
def keyed(analyzer, tmp_path_factory) -> Flask:  # type: ignore[no-untyped-def]
    key_file = tmp_path_factory.mktemp("keys") / "keys.txt"
    key_file.write_text("# one key per line\nfile-key-1\n\n", encoding="utf-8")
    return make_app(analyzer, api_keys=f"{KEY}, other", api_keys_file=key_file)


def test_keys_come_from_the_setting_and_the_file(tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text("a\n# comment\n b \n", encoding="utf-8")
    keys = load_keys(Settings(api_keys="c,,a", api_keys_file=key_file))
    assert keys == (b"a", b"b", b"c")
    assert key_matches("b", keys) and not key_matches("d", keys) and not key_matches("", keys)
    assert load_keys(Settings()) == ()


@pytest.mark.parametrize("path", ["/v1/lexicons", "/version", "/metrics", "/openapi.yaml", "/"])
def test_without_a_key_every_operation_answers_401(keyed, path):
    r = keyed.test_client().get(path)
    assert r.status_code == 401
    assert r.mimetype == PROBLEM
    assert r.get_json()["type"] == "urn:rhetoric:problem:unauthorized"
    assert "X-API-Key" in r.headers["WWW-Authenticate"]


def test_a_wrong_key_is_refused_before_the_body_is_read(keyed):
    r = keyed.test_client().post("/v1/analyze", data=b"\xff not even utf-8",
                                 headers={"X-API-Key": KEY + "x",
                                          "Content-Type": "text/plain"})
    assert r.status_code == 401


@pytest.mark.parametrize("headers", [{"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"},
                                     {"X-API-Key": "file-key-1"}, {"X-API-Key": "other"}])
def test_a_valid_key_opens_the_api(keyed, headers):
    client = keyed.test_client()
    r = client.post("/v1/analyze", json={"text": "Officials reportedly said it."},
                    headers=headers)
    assert r.status_code == 200
    assert client.get("/v1/lexicons", headers=headers).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_stay_open_with_keys_on(keyed, path):
    assert keyed.test_client().get(path).status_code == 200


def test_auth_is_off_by_default(client):
    assert client.get("/v1/lexicons").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/v1/lexicons", "/nowhere", "/", "/docs"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "Server" not in r.headers
    assert "Access-Control-Allow-Origin" not in r.headers


def test_api_answers_forbid_every_source_and_pages_only_same_origin(client):
    assert client.get("/v1/lexicons").headers["Content-Security-Policy"].startswith(
        "default-src 'none'")
    page = client.get("/")
    assert page.headers["Content-Security-Policy"] == PAGE_CSP
    assert "script-src 'self'" in PAGE_CSP


def test_the_page_has_no_inline_script_or_style(client):
    html = client.get("/").get_data(as_text=True)
    assert "<script" in html
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">")[0], "inline script would be blocked by the CSP"
    assert " style=" not in html and "<style" not in html


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    r = client.get("/healthz", base_url="https://rhetoric.example")
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")


def test_cors_is_off_by_default(client):
    r = client.get("/v1/lexicons", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_cors_allows_only_listed_origins(analyzer):
    app = make_app(analyzer, cors_origins="https://desk.example, https://cms.example/")
    client = app.test_client()
    ok = client.get("/v1/lexicons", headers={"Origin": "https://cms.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    assert "Origin" in ok.headers["Vary"]
    bad = client.get("/v1/lexicons", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in bad.headers
    pre = client.open("/v1/analyze", method="OPTIONS",
                      headers={"Origin": "https://desk.example",
                               "Access-Control-Request-Method": "POST",
                               "Access-Control-Request-Headers": "content-type, x-api-key"})
    assert pre.status_code == 204
    assert pre.headers["Access-Control-Allow-Origin"] == "https://desk.example"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "X-API-Key" in pre.headers["Access-Control-Allow-Headers"]
    denied = client.open("/v1/analyze", method="OPTIONS",
                         headers={"Origin": "https://evil.example",
                                  "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in denied.headers


def test_preflight_needs_no_key(analyzer):
    app = make_app(analyzer, cors_origins="https://desk.example", api_keys="k")
    pre = app.test_client().open("/v1/analyze", method="OPTIONS",
                                 headers={"Origin": "https://desk.example",
                                          "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 204


def test_unexpected_errors_leak_no_internals(analyzer, monkeypatch):
    app = make_app(analyzer)
    engine = app.extensions["rhetoric"].get()

    def boom(text: str) -> None:
        raise RuntimeError("secret at /work/main/service/analysis/pipeline.py line 1")

    monkeypatch.setattr(type(engine), "analyze", lambda self, text: boom(text))
    r = app.test_client().post("/v1/analyze", json={"text": "Something happened."})
    assert r.status_code == 500
    assert r.mimetype == PROBLEM
    body = r.get_data(as_text=True)
    for leak in ("Traceback", "secret", "/work", ".py", "RuntimeError"):
        assert leak not in body
    assert not app.debug


class CountingStream:
    """A WSGI input that only has ``read`` and records how much was read."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)
        self.taken = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.data.read(size)
        self.taken += len(chunk)
        return chunk


def post_raw(app: Flask, stream: CountingStream, content_length: int | None = None) -> Response:
    """POST ``stream``: chunked (no Content-Length, the input terminated) unless a length."""
    builder = EnvironBuilder("/v1/analyze", method="POST",
                             headers={"Content-Type": "application/json",
                                      "Transfer-Encoding": "chunked"})
    environ = builder.get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"wsgi.input": stream, "wsgi.input_terminated": content_length is None})
    if content_length is not None:
        environ["CONTENT_LENGTH"] = str(content_length)
        environ.pop("HTTP_TRANSFER_ENCODING", None)
    app_iter, status, headers = run_wsgi_app(app.wsgi_app, environ, buffered=True)
    return Response(b"".join(app_iter), status=status, headers=headers)


@pytest.mark.parametrize("size", [1001, 1_000_000])
def test_chunked_body_over_the_limit_is_refused_while_reading(analyzer, size):
    app = make_app(analyzer, max_body_bytes=1000)
    stream = CountingStream(json.dumps({"text": "w" * size}).encode())
    r = post_raw(app, stream)
    assert r.status_code == 413
    assert r.mimetype == PROBLEM
    assert stream.taken <= 1001, "the service read past the limit"


def test_chunked_body_within_the_limit_is_analysed(analyzer):
    app = make_app(analyzer, max_body_bytes=1000)
    body = json.dumps({"text": "It reportedly rained."}).encode()
    r = post_raw(app, CountingStream(body))
    assert r.status_code == 200


def test_content_length_over_the_limit_is_refused_unread(analyzer):
    app = make_app(analyzer, max_body_bytes=1000)
    stream = CountingStream(b"x" * 5000)
    r = post_raw(app, stream, content_length=5000)
    assert r.status_code == 413
    assert stream.taken == 0


def test_forwarded_headers_are_ignored_by_default(client):
    r = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in r.headers


def test_trusted_proxy_headers_are_honoured(analyzer, caplog):
    app = make_app(analyzer, trusted_proxies=1)
    with caplog.at_level("INFO", logger="service.access"):
        r = app.test_client().get("/healthz", headers={
            "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in r.headers
    line = json.loads(caplog.records[-1].getMessage())
    assert line["remote_addr"] == "203.0.113.7"


def test_path_prefix(analyzer):
    app = make_app(analyzer, contract=False, path_prefix="/rhetoric/")
    client = app.test_client()
    assert client.get("/rhetoric/v1/lexicons").status_code == 200
    r = client.post("/rhetoric/v1/analyze", json={"text": "It reportedly rained."})
    assert r.status_code == 200
    assert client.get("/v1/lexicons").status_code == 404
    assert client.get("/rhetoric-other/v1/lexicons").status_code == 404
    assert client.get("/healthz").status_code == 200  # probes reach the pod directly


def test_forwarded_prefix_from_a_trusted_gateway(analyzer):
    app = make_app(analyzer, trusted_proxies=1)
    with app.test_request_context("/healthz", headers={"X-Forwarded-Prefix": "/news"}):
        pass
    seen = {}

    @app.get("/_where")
    def where():  # type: ignore[no-untyped-def]
        from flask import request

        seen["root"] = request.root_path
        return {"ok": True}

    app.test_client().get("/_where", headers={"X-Forwarded-Prefix": "/news"})
    assert seen["root"] == "/news"


def test_gunicorn_server_banner_is_dropped():
    from gunicorn.http import wsgi

    class Req:
        version = (1, 1)

        @staticmethod
        def should_close() -> bool:
            return True

    response = wsgi.Response.__new__(wsgi.Response)
    response.req, response.status = Req(), "200 OK"
    response.upgrade, response.chunked = False, False
    response.must_close, response.headers, response.response_length = True, [], 0
    response.version = "gunicorn"
    response.should_close = lambda: True  # type: ignore[method-assign]
    hide_server_banner()
    hide_server_banner()  # idempotent
    lines = response.default_headers()
    assert lines[0].startswith("HTTP/1.1 200")
    assert not any(line.lower().startswith("server:") for line in lines)
    assert any(line.startswith("Date:") for line in lines)


def test_a_body_of_exactly_the_limit_is_accepted(analyzer):
    """As gunicorn runs the app (its input terminated): the limit itself is allowed."""
    app = make_app(analyzer, max_body_bytes=1000)
    body = json.dumps({"text": "It reportedly rained."}).encode()
    body = body[:-1] + b" " * (1000 - len(body)) + b"}"
    assert len(body) == 1000
    assert post_raw(app, CountingStream(body), content_length=1000).status_code == 200
    assert post_raw(app, CountingStream(body)).status_code == 200  # chunked
    longer = body[:-1] + b" }"
    assert post_raw(app, CountingStream(longer), content_length=1001).status_code == 413
    assert post_raw(app, CountingStream(longer)).status_code == 413


def _gunicorn_environ(conf_env: dict[str, str], monkeypatch, tmp_path, raw: bytes):  # type: ignore[no-untyped-def]
    """Parse ``raw`` as gunicorn does for a loopback peer, with gunicorn.conf.py loaded."""
    from gunicorn.config import Config
    from gunicorn.http.message import Request as GunicornRequest
    from gunicorn.http.unreader import IterUnreader
    from gunicorn.http.wsgi import create

    from tests.conftest import ROOT

    # A metrics directory of the test's own: the file would otherwise make one and set it.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    for name, value in conf_env.items():
        monkeypatch.setenv(name, value)
    namespace: dict[str, object] = {"__file__": str(ROOT / "gunicorn.conf.py")}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)
    cfg = Config()
    for name, value in namespace.items():
        if name in cfg.settings and not callable(value):
            cfg.set(name, value)
    peer = ("127.0.0.1", 50000)
    req = GunicornRequest(cfg, IterUnreader([raw]), peer)
    _, environ = create(req, None, peer, ("127.0.0.1", 8000), cfg)
    return environ


@pytest.mark.parametrize("header", [b"X-Forwarded-Proto: https", b"X-Forwarded-Ssl: on",
                                    b"X-Forwarded-Protocol: ssl"])
def test_gunicorn_trusts_no_forwarded_header_without_trusted_proxies(monkeypatch, tmp_path,
                                                                    header):
    raw = b"GET /healthz HTTP/1.1\r\nHost: a\r\n" + header + b"\r\n\r\n"
    environ = _gunicorn_environ({"RHETORIC_TRUSTED_PROXIES": "0"}, monkeypatch, tmp_path, raw)
    assert environ["wsgi.url_scheme"] == "http"


def test_gunicorn_leaves_forwarded_headers_to_proxyfix(monkeypatch, tmp_path):
    """With trusted proxies the app's ProxyFix reads the headers, by count, not gunicorn."""
    raw = b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Forwarded-Proto: https\r\n\r\n"
    environ = _gunicorn_environ({"RHETORIC_TRUSTED_PROXIES": "1"}, monkeypatch, tmp_path, raw)
    assert environ["wsgi.url_scheme"] == "http"
    assert environ["HTTP_X_FORWARDED_PROTO"] == "https"


def test_no_forwarded_header_turns_on_https_without_trusted_proxies(client):
    for name in ("X-Forwarded-Proto", "X-Forwarded-Ssl", "X-Forwarded-Protocol",
                 "X-Forwarded-Scheme", "Forwarded"):
        value = {"Forwarded": "proto=https", "X-Forwarded-Ssl": "on"}.get(name, "https")
        r = client.get("/healthz", headers={name: value})
        assert "Strict-Transport-Security" not in r.headers


@pytest.mark.parametrize("key", ["s3cret-key-\u00e9", "tab\tinside", "\u00a0nbsp"])
def test_a_key_outside_visible_ascii_stops_start_up(analyzer, key):
    with pytest.raises(SettingsError) as info:
        make_app(analyzer, api_keys=f"fine,{key}")
    message = str(info.value)
    assert "RHETORIC_API_KEYS" in message and "key 2" in message and "ASCII" in message
    assert key not in message  # a secret is never printed


def test_a_key_file_line_outside_ascii_is_named(analyzer, tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text("# keys\nfine\nclé\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"keys:3"):
        make_app(analyzer, api_keys_file=key_file)


@pytest.mark.parametrize("sent", ["s3cret-key-\u00e9", "s3cret-key-\u00c3\u00a9"])
def test_non_ascii_octets_never_match_a_key(keyed, sent):
    """Latin-1 (one octet) or UTF-8 (two, as WSGI hands them over) alike are refused."""
    r = keyed.test_client().get("/v1/lexicons", headers={"X-API-Key": sent})
    assert r.status_code == 401
