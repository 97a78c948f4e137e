"""Per-key quotas: requests per minute and in progress, 429 problems with Retry-After,
counted in a real Redis server (scripts/install-proxy.sh installs it) or, for one
worker, in memory; key ids in logs and metrics; keys read again on reload."""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from service.analysis.pipeline import Analyzer
from service.api import create_app
from service.api.security import key_id, reload_keys
from service.config import Settings
from tests.contract import ContractClient

ROOT = Path(__file__).resolve().parents[2]
CHEAP = {"text": "It rained."}


def _app(analyzer: Analyzer, **settings: Any) -> Flask:
    app: Flask = create_app(Settings(**settings), analyzer=analyzer)
    app.test_client_class = ContractClient
    return app


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    installed = subprocess.run(["bash", str(ROOT / "scripts" / "install-proxy.sh")],
                               capture_output=True, text=True, check=False)
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if installed.returncode != 0 or not Path(server).exists():
        pytest.skip(f"redis-server unavailable: scripts/install-proxy.sh said "
                    f"{installed.stderr.strip()}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


@pytest.mark.parametrize("storage", ["redis", "memory"])
def test_a_key_over_its_rate_gets_429_and_another_key_does_not(
        analyzer: Analyzer, storage: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("redis_url") if storage == "redis" else ""
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()
    app = _app(analyzer, api_keys="hot-key,cool-key", quota_per_minute=3, redis_url=url)
    client = app.test_client()
    hot = [client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": "hot-key"})
           for _ in range(5)]
    assert [r.status_code for r in hot] == [200, 200, 200, 429, 429]
    refused = hot[3]
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["type"] == "urn:rhetoric:problem:too-many-requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    cool = client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": "cool-key"})
    assert cool.status_code == 200
    assert client.get("/healthz").status_code == 200  # probes have no quota


def test_workers_share_the_count_in_redis(analyzer: Analyzer, redis_url: str) -> None:
    """Two apps (as two workers or replicas) on one Redis grant the quota once."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    apps = [_app(analyzer, api_keys="k1", quota_per_minute=4, redis_url=redis_url)
            for _ in range(2)]
    statuses = [apps[i % 2].test_client().post("/v1/analyze", json=CHEAP,
                                               headers={"X-API-Key": "k1"}).status_code
                for i in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429]


@pytest.mark.parametrize("storage", ["redis", "memory"])
def test_requests_in_progress_per_key_are_limited(
        analyzer: Analyzer, storage: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("redis_url") if storage == "redis" else ""
    app = _app(analyzer, api_keys="k1,k2", quota_concurrent=1, redis_url=url)
    client = app.test_client()
    seen: list[int] = []
    original = Analyzer.analyze

    def nested(self: Analyzer, text: str) -> Any:
        # While this key's request is in progress, its second one is refused, another
        # key's is served.
        if text == CHEAP["text"]:
            seen.append(client.post("/v1/analyze", json={"text": "Inner."},
                                    headers={"X-API-Key": "k1"}).status_code)
            seen.append(client.post("/v1/analyze", json={"text": "Inner."},
                                    headers={"X-API-Key": "k2"}).status_code)
        return original(self, text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Analyzer, "analyze", nested)
        outer = client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": "k1"})
    assert outer.status_code == 200
    assert seen == [429, 200]
    again = client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": "k1"})
    assert again.status_code == 200  # the count was given back


def test_logs_and_metrics_name_the_key_by_its_id(analyzer: Analyzer,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    app = _app(analyzer, api_keys="secret-key-1", quota_per_minute=1)
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="service.access"):
        client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": "secret-key-1"})
        client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": "secret-key-1"})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "service.access"]
    expected = key_id(b"secret-key-1")
    assert [line["key_id"] for line in lines] == [expected, expected]
    assert [line["status"] for line in lines] == [200, 429]
    assert "secret-key-1" not in caplog.text
    metrics = client.get("/metrics", headers={"X-API-Key": "secret-key-1"}).get_data(as_text=True)
    assert f'rhetoric_quota_refusals_total{{key_id="{expected}",quota="per_minute"}}' in metrics
    assert "secret-key-1" not in metrics


def test_keys_are_read_again_on_reload(analyzer: Analyzer, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("old-key\n", encoding="utf-8")
    client = _app(analyzer, api_keys_file=keys).test_client()

    def status(key: str) -> int:
        return client.post("/v1/analyze", json=CHEAP, headers={"X-API-Key": key}).status_code

    assert status("new-key") == 401
    keys.write_text("new-key\n", encoding="utf-8")
    reload_keys()
    assert (status("new-key"), status("old-key")) == (200, 401)
    keys.write_text("bad key with spaces\n", encoding="utf-8")
    reload_keys()  # an invalid file keeps the keys in force
    assert status("new-key") == 200


def test_a_unix_socket_url_suits_both_clients() -> None:
    from limits.storage import storage_from_string

    from service.api.quota import limits_storage

    assert limits_storage("") == "memory://"
    assert limits_storage("redis://h:6379/0") == "redis://h:6379/0"
    assert limits_storage("unix:///run/redis.sock") == "redis+unix:///run/redis.sock"
    storage_from_string(limits_storage("unix:///run/redis.sock"))  # accepted, not connected
