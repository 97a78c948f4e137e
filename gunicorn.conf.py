"""gunicorn settings for Rhetoric Service; every value can be overridden from the environment.

The app is preloaded: the master builds the spaCy pipeline and lexicons once and warms
them, then forks workers that share those pages copy-on-write and answer their first
request as fast as their hundredth. ``rhetoric bench`` measured the choices below
(README, Performance).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
from typing import Any


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = f"{os.environ.get('RHETORIC_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# One sync worker per core: the analysis is CPU-bound and holds the GIL, so threads or
# more workers than cores only contend. Two workers do as much per CPU-second as one
# (rhetoric bench: 1.9x one worker's throughput when both cores are free).
workers = _int("WEB_CONCURRENCY", os.cpu_count() or 1)
worker_class = "sync"
preload_app = True
# A seed-sized article takes about 0.1-0.3 s, a 100,000-character text a few seconds and a
# full 1 MiB batch up to about a minute on a busy core; leave room above that.
# 30 s above the longest budget, a batch's (RHETORIC_BATCH_TIMEOUT, 180 s by default;
# service/config.py), so that an over-long request is answered with its 503, not killed.
timeout = _int("RHETORIC_WORKER_TIMEOUT", 210)
graceful_timeout = _int("RHETORIC_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Recycle workers now and then. Memory is flat without it (each analysis runs in a spaCy
# memory zone; rhetoric bench --soak 10000: RSS moved by about 1 MB), so this is a safety
# net, not a leak fix; the jitter keeps workers from restarting together. A recycled
# worker is forked from the preloaded master, so it starts warm in milliseconds.
max_requests = _int("RHETORIC_MAX_REQUESTS", 10_000)
max_requests_jitter = _int("RHETORIC_MAX_REQUESTS_JITTER", 1_000)
# The heartbeat file on tmpfs: a worker blocked on a slow disk is not killed as stuck.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn 27 opens a control socket under ~/.gunicorn by default; a container needs none.
control_socket_disable = True
accesslog = None  # the app writes one JSON line per request itself
errorlog = "-"
loglevel = os.environ.get("RHETORIC_LOG_LEVEL", "info").lower()
limit_request_line = 8190
# Behind nginx (scripts/proxy.sh, the Kubernetes sidecar) this is raised: nginx bounds
# the headers' total size (16 KiB) and adds a few of its own, and gunicorn must never
# refuse what nginx passed on (its own refusals are text/html).
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
# gunicorn itself would take X-Forwarded-Proto/-Ssl/-Protocol (and SCRIPT_NAME) from any
# peer in forwarded_allow_ips, 127.0.0.1 by default, and mark the request https. It trusts
# no peer: the app's ProxyFix reads the X-Forwarded-* headers, and only when
# RHETORIC_TRUSTED_PROXIES says how many proxies set them (service/api/middleware.py).
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}


def pre_fork(server: Any, worker: Any) -> None:
    """Freeze the preloaded objects so that the collector in a worker never writes to them.

    Objects in the permanent generation are not scanned, so the pages holding the model,
    lexicons and dictionaries stay shared between the master and every worker.
    """
    gc.freeze()


# Prometheus in multi-process mode: each worker keeps its metrics in files here and
# /metrics merges them (service/api/metrics.py). Set before the app (and so
# prometheus_client) is imported: a directory of this server's own unless given, and
# stale files from an earlier run in a given one are removed.
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
    for _stale in os.listdir(os.environ["PROMETHEUS_MULTIPROC_DIR"]):
        if _stale.endswith(".db"):
            os.unlink(os.path.join(os.environ["PROMETHEUS_MULTIPROC_DIR"], _stale))
    _own_metrics_dir = ""
else:
    _own_metrics_dir = tempfile.mkdtemp(prefix="rhetoric-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _own_metrics_dir


def post_worker_init(worker: Any) -> None:
    """Read the API keys again in each new worker.

    The app is preloaded, so a worker starts with the keys the master read at start-up;
    after ``kill -HUP <master>`` gunicorn replaces every worker gracefully (the model stays
    loaded in the master) and each new one reads the key file here: keys are reloaded
    without a restart.
    """
    from service.api.security import reload_keys

    reload_keys()


def worker_exit(server: Any, worker: Any) -> None:
    """Leave a worker that was told to stop without Python's interpreter teardown.

    onnxruntime (the sentence encoder, loaded in the preloading master) leaves a forked
    child unable to finish the teardown: the worker hung after "Worker exiting" until
    ``graceful_timeout`` (30 s) and was killed with SIGKILL. A booted worker that is no
    longer alive (SIGTERM, SIGQUIT, HUP, ``max_requests``) has finished its requests and
    has nothing left to do: it flushes its logs and ends with ``os._exit(0)``. Any other
    exit (a boot error, a crash) keeps gunicorn's own exit status.
    """
    if worker.booted and not worker.alive:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def child_exit(server: Any, worker: Any) -> None:
    """Drop a dead worker's live gauges from the merged metrics."""
    from service.api.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def when_ready(server: Any) -> None:
    """Send no ``Server: gunicorn`` banner (service/api/security.py)."""
    from service.api.security import hide_server_banner

    hide_server_banner()


def on_exit(server: Any) -> None:
    """Remove the metrics directory this server made for itself."""
    if _own_metrics_dir:
        shutil.rmtree(_own_metrics_dir, ignore_errors=True)
