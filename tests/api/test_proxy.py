"""The deployment's pair: nginx (deploy/nginx/nginx.conf) in front of gunicorn, started by
scripts/proxy.sh on loopback ports. Slow clients, over-limit bodies and nginx's own
errors are handled in nginx; the service's answers pass through."""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rhetoric_tools.harness import HOST, ProxyPair

ROOT = Path(__file__).resolve().parents[2]
PROSE = "Officials said on Monday that the brutal regime was reportedly desperate. " * 20
KEY = "proxy-test-key"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxyPair]:
    installed = subprocess.run(["bash", str(ROOT / "scripts" / "install-proxy.sh")],
                               capture_output=True, text=True, check=False)
    if installed.returncode != 0:
        pytest.skip(f"nginx unavailable: scripts/install-proxy.sh said {installed.stderr.strip()}")
    workdir = tmp_path_factory.mktemp("proxy")
    keys = workdir / "api-keys"
    keys.write_text(f"{KEY}\n", encoding="utf-8")
    with ProxyPair(2, workdir / "pair.log", {"RHETORIC_API_KEYS_FILE": str(keys)}) as server:
        yield server


def request(pair: ProxyPair, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(HOST, pair.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers={"X-API-Key": KEY, **(headers or {})})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def analyze(pair: ProxyPair, text: str = PROSE) -> int:
    return request(pair, "POST", "/v1/analyze", json.dumps({"text": text}).encode(),
                   {"Content-Type": "application/json"})[0]


class Trickle(threading.Thread):
    """A client that sends ``data`` one byte every ``pause`` seconds until told to stop."""

    def __init__(self, port: int, data: bytes, pause: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.sock = socket.create_connection((HOST, port), timeout=30)
        self.data = data
        self.pause = pause
        self.done = threading.Event()
        self.sent = 0
        self.error: str | None = None

    def run(self) -> None:
        try:
            for byte in self.data:
                if self.done.wait(self.pause):
                    return
                self.sock.sendall(bytes([byte]))
                self.sent += 1
        except OSError as exc:
            self.error = type(exc).__name__

    def stop(self) -> None:
        self.done.set()
        self.join(5)
        self.sock.close()


def test_slow_headers_and_slow_bodies_hold_no_worker(pair: ProxyPair) -> None:
    """Four slowloris connections and four slow bodies stay open (nginx holds them)
    while both workers go on answering, and nothing of them reached gunicorn."""
    head = b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
    slow = [Trickle(pair.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200)
            for _ in range(4)]
    body = [Trickle(pair.port, b"b" * 5000) for _ in range(4)]
    for t in body:
        t.sock.sendall(head + b"Content-Length: 5000\r\n\r\n")
    for t in slow + body:
        t.start()
    try:
        time.sleep(1.5)
        answers = [analyze(pair) for _ in range(6)]
        assert answers == [200] * 6
        assert all(t.error is None and t.sent > 0 for t in slow + body)
    finally:
        for t in slow + body:
            t.stop()
    app_lines = [line for line in pair.log.read_text(errors="replace").splitlines()
                 if line.startswith('{"ts": ') and '"route": "/v1/analyze"' in line]
    assert len(app_lines) >= 6
    assert all('"status": 200' in line for line in app_lines)


def test_a_body_over_the_limit_is_refused_by_the_proxy(pair: ProxyPair) -> None:
    with socket.create_connection((HOST, pair.port), timeout=30) as sock:
        sock.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"X-Request-ID: over-limit-1\r\nContent-Length: 1216385\r\n\r\n")
        answer = sock.recv(65536).decode("latin-1")
    head, _, payload = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413")
    assert "application/problem+json" in head and "X-Request-ID: over-limit-1" in head
    problem = json.loads(payload)
    assert problem["status"] == 413 and "1216384 bytes" in problem["detail"]
    assert not any('"request_id": "over-limit-1"' in line
                   for line in pair.log.read_text(errors="replace").splitlines())


@pytest.mark.parametrize(("path", "headers", "status", "slug"), [
    ("/" + "a" * 5000, {}, 414, "uri-too-long"),
    ("/healthz", {"X-Big": "a" * 5000}, 431, "header-fields-too-large"),
])
def test_the_proxys_own_errors_are_problems(pair: ProxyPair, path: str,
                                            headers: dict[str, str], status: int,
                                            slug: str) -> None:
    got, head, body = request(pair, "GET", path, headers=headers)
    assert got == status
    assert head["content-type"] == "application/problem+json"
    assert head["x-request-id"] and head["x-request-id"] in json.loads(body)["detail"]
    assert json.loads(body)["type"] == f"urn:rhetoric:problem:{slug}"


def test_many_header_fields_reach_the_service_not_gunicorns_refusal(pair: ProxyPair) -> None:
    headers = {f"X-Field-{i}": "v" for i in range(150)}
    status, head, _ = request(pair, "GET", "/healthz", headers=headers)
    assert status == 200 and head["content-type"] == "application/json"


def test_the_services_problems_and_request_ids_pass_through(pair: ProxyPair) -> None:
    status, head, body = request(pair, "POST", "/v1/analyze", b'{"text": "   "}',
                                 {"Content-Type": "application/json", "X-Request-ID": "abc-42"})
    assert status == 422 and head["x-request-id"] == "abc-42"
    assert json.loads(body)["errors"][0]["field"] == "text"


def test_responses_are_gzipped_for_clients_that_accept_it(pair: ProxyPair) -> None:
    payload = json.dumps({"text": PROSE}).encode()
    status, head, body = request(pair, "POST", "/v1/analyze", payload,
                                 {"Content-Type": "application/json",
                                  "Accept-Encoding": "gzip"})
    assert status == 200 and head["content-encoding"] == "gzip"
    plain = gzip.decompress(body)
    assert len(body) < len(plain) / 3
    assert json.loads(plain)["summary"]
    status, head, _ = request(pair, "POST", "/v1/analyze", payload,
                              {"Content-Type": "application/json"})
    assert "content-encoding" not in head


def test_keys_reload_on_sighup_without_a_restart(pair: ProxyPair) -> None:
    """kill -HUP of gunicorn's master: new workers read the key file; the master (and its
    loaded model) stays."""
    import os
    import signal

    keys = Path(pair.env["RHETORIC_API_KEYS_FILE"])
    assert analyze(pair) == 200
    master, workers = pair.master_pid, pair.worker_pids()
    keys.write_text("proxy-new-key\n", encoding="utf-8")
    try:
        os.kill(master, signal.SIGHUP)
        assert pair.wait_workers(workers, limit=120) is not None
        new = request(pair, "POST", "/v1/analyze", json.dumps({"text": PROSE}).encode(),
                      {"Content-Type": "application/json", "X-API-Key": "proxy-new-key"})
        assert new[0] == 200
        assert analyze(pair) == 401  # the old key is gone
        assert pair.master_pid == master
    finally:
        keys.write_text(f"{KEY}\n", encoding="utf-8")
        os.kill(master, signal.SIGHUP)
        pair.wait_workers(pair.worker_pids(), limit=120)


def test_trace_refused_by_nginx_is_a_405_problem_with_allow(pair: ProxyPair) -> None:
    status, head, body = request(pair, "TRACE", "/v1/analyze")
    assert status == 405 and head["allow"] == "OPTIONS, POST"
    assert head["content-type"] == "application/problem+json"
    assert json.loads(body)["type"] == "urn:rhetoric:problem:method-not-allowed"
