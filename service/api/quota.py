"""Per-key quotas on the analysis endpoints: requests per minute and requests in progress.

Requests per minute are flask-limiter's (a moving window per key id); requests in
progress are a counter per key id, taken before the view and given back when the request
ends. Both are kept in Redis at ``RHETORIC_REDIS_URL``, so every worker and every replica
counts against the same quota; without a URL they are kept in the process's memory,
which is right only for a single worker (each worker would grant the whole quota). A key
over either quota gets a 429 problem with ``Retry-After``. Counters are keyed by the
key's id (:func:`service.api.security.key_id`), never the key; without API keys, by the
client's address.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter as Tally
from typing import Any

from flask import Flask, g, request
from flask_limiter import Limiter, RateLimitExceeded
from prometheus_client import Counter

from service.api.errors import problem_response
from service.config import Settings
from service.problems import TooManyRequests

#: The routes with quotas: the analysis. Probes, the catalogue and the pages are free.
QUOTA_PATHS = frozenset({"/v1/analyze", "/v1/analyze/batch", "/v1/explain"})
#: A request-in-progress counter outlives a worker killed mid-request by at most this.
IN_PROGRESS_TTL_SECONDS = 600
REFUSED = Counter("rhetoric_quota_refusals", "Requests refused by a per-key quota.",
                  ["key_id", "quota"])


def client_id() -> str:
    """Return who a request counts against: its key's id, else its address."""
    return str(g.get("key_id") or f"addr:{request.remote_addr}")


class InProgress:
    """Requests in progress per client, in Redis or (one worker) in memory."""

    def __init__(self, redis_url: str) -> None:
        self.redis: Any = None
        if redis_url:
            import redis

            self.redis = redis.Redis.from_url(redis_url)
        self.local: Tally[str] = Tally()
        self.lock = threading.Lock()

    def take(self, who: str, limit: int) -> bool:
        """Count one more request for ``who``; return False (and count none) over ``limit``."""
        if self.redis is not None:
            name = f"rhetoric:in-progress:{who}"
            with self.redis.pipeline() as pipe:
                count, _ = pipe.incr(name).expire(name, IN_PROGRESS_TTL_SECONDS).execute()
            if count > limit:
                self.redis.decr(name)
                return False
            return True
        with self.lock:
            if self.local[who] >= limit:
                return False
            self.local[who] += 1
            return True

    def give_back(self, who: str) -> None:
        if self.redis is not None:
            self.redis.decr(f"rhetoric:in-progress:{who}")
            return
        with self.lock:
            self.local[who] -= 1
            if self.local[who] <= 0:
                del self.local[who]


def limits_storage(redis_url: str) -> str:
    """Return the ``limits`` storage URI of ``redis_url`` (its Unix sockets are
    ``redis+unix://``, redis-py's ``unix://``), or in-memory storage for none."""
    if not redis_url:
        return "memory://"
    return "redis+" + redis_url if redis_url.startswith("unix://") else redis_url


def register(app: Flask, settings: Settings) -> None:
    """Install the quotas ``settings`` ask for (none by default); after the key check."""
    if settings.quota_per_minute > 0:
        limiter = Limiter(
            key_func=client_id, app=app,
            storage_uri=limits_storage(settings.redis_url),
            application_limits=[f"{settings.quota_per_minute}/minute"],
            application_limits_exempt_when=lambda: request.path not in QUOTA_PATHS,
            strategy="moving-window", headers_enabled=False, key_prefix="rhetoric")
        app.extensions["rhetoric.limiter"] = limiter

        @app.errorhandler(RateLimitExceeded)
        def _over_rate(exc: RateLimitExceeded) -> Any:
            current = limiter.current_limit
            reset = current.reset_at if current is not None else time.time() + 60
            wait = min(60, max(1, math.ceil(reset - time.time())))  # within the window
            REFUSED.labels(client_id(), "per_minute").inc()
            g.quota = "per_minute"
            return problem_response(TooManyRequests(
                f"This key has made {settings.quota_per_minute} requests in the last minute, "
                f"its quota (RHETORIC_QUOTA_PER_MINUTE); try again in {wait} s.",
                headers={"Retry-After": str(wait)}))

    if settings.quota_concurrent > 0:
        counts = InProgress(settings.redis_url)
        limit = settings.quota_concurrent

        @app.before_request
        def _take() -> None:
            if request.path not in QUOTA_PATHS or request.method != "POST":
                return
            who = client_id()
            if not counts.take(who, limit):
                REFUSED.labels(who, "concurrent").inc()
                g.quota = "concurrent"
                raise TooManyRequests(
                    f"This key has {limit} requests in progress, its quota "
                    "(RHETORIC_QUOTA_CONCURRENT); try again when one has finished.",
                    headers={"Retry-After": "1"})
            g.in_progress = who

        @app.teardown_request
        def _give_back(_: BaseException | None) -> None:
            who = g.pop("in_progress", None)
            if who is not None:
                counts.give_back(who)
