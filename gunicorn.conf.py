"""gunicorn settings for Rhetoric Service; every value can be overridden from the environment.

The app is preloaded: the master builds the spaCy pipeline and lexicons once, then
forks workers that share those pages copy-on-write.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = f"{os.environ.get('RHETORIC_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# One sync worker per core: the analysis is CPU-bound, so threads would only contend.
workers = _int("WEB_CONCURRENCY", os.cpu_count() or 1)
worker_class = "sync"
preload_app = True
# A seed-sized article takes well under a second; a 100,000-character one a few seconds.
timeout = _int("RHETORIC_WORKER_TIMEOUT", 60)
graceful_timeout = _int("RHETORIC_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Recycle workers now and then so memory growth stays bounded.
max_requests = _int("RHETORIC_MAX_REQUESTS", 5000)
max_requests_jitter = _int("RHETORIC_MAX_REQUESTS_JITTER", 500)
# gunicorn 27 opens a control socket under ~/.gunicorn by default; a container needs none.
control_socket_disable = True
accesslog = None  # the app writes one JSON line per request itself
errorlog = "-"
loglevel = os.environ.get("RHETORIC_LOG_LEVEL", "info").lower()
limit_request_line = 8190
limit_request_fields = 100
