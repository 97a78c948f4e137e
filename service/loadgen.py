"""A small closed-loop HTTP load generator for the benchmark: threads, loopback only.

Each of ``concurrency`` threads sends one request, waits for the whole response, records
its latency and sends the next, until the time or request budget runs out (both are
bounded). The analysis costs tens to hundreds of milliseconds per request, the client
well under one (it only sends bytes and reads the reply), so Python threads load the
server honestly; ``client_cpu_seconds`` in the result shows what the client itself used.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Request:
    """One request body to send, and how many words (and documents) it carries."""

    path: str
    body: bytes
    words: int
    documents: int = 1
    content_type: str = "application/json"


@dataclass
class Sample:
    """One completed request."""

    started: float
    latency: float
    status: int
    words: int
    documents: int


@dataclass
class LoadResult:
    """Every completed request of a run and the run's wall time."""

    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    client_cpu_seconds: float = 0.0
    errors: int = 0

    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status == 200]


def run_load(base_url: str, requests: Sequence[Request], concurrency: int,
             duration: float, max_requests: int | None = None,
             timeout: float = 120.0) -> LoadResult:
    """Send ``requests`` round-robin from ``concurrency`` threads for ``duration`` seconds."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "", parts.port or 80
    if host not in LOOPBACK:
        raise ValueError(f"the load generator only targets loopback, not {host!r}")
    if not requests:
        raise ValueError("no requests to send")
    result = LoadResult()
    lock = threading.Lock()
    counter = iter(range(max_requests if max_requests is not None else 10**12))
    started = time.perf_counter()
    deadline = started + duration

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        while time.perf_counter() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            req = requests[n % len(requests)]
            t0 = time.perf_counter()
            try:
                conn.request("POST", req.path, body=req.body,
                             headers={"Content-Type": req.content_type})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
                with lock:
                    result.errors += 1
                continue
            sample = Sample(t0 - started, time.perf_counter() - t0, status, req.words,
                            req.documents)
            with lock:
                result.samples.append(sample)
        conn.close()

    cpu0 = time.process_time()
    threads = [threading.Thread(target=worker, name=f"load-{i}", daemon=True)
               for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - started
    result.client_cpu_seconds = time.process_time() - cpu0
    return result


def percentile(values: Sequence[float], q: float) -> float:
    """Return the ``q``-th percentile (0-100) by linear interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
