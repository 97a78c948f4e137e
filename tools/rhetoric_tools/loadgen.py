"""The closed-loop HTTP load of the bench and the soak: threads, loopback only, bounded.

Each of ``concurrency`` threads sends one request, waits for the whole response, records
it and sends the next, until the time or request budget runs out (both are bounded).
The analysis costs tens to hundreds of milliseconds per request, the client well under
one (it only sends bytes and reads the reply), so Python threads load the server
honestly; ``client_cpu_seconds`` in the result shows what the client itself used.

Every request goes on a connection of its own (gunicorn's sync workers close each one
anyway), and a failed one is recorded with what went wrong (``refused``, ``reset``,
``incomplete``, ``timeout``), not retried.
"""

from __future__ import annotations

import http.client
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Request:
    """One request to send: its body, what it carries, and which status is the right answer."""

    path: str
    body: bytes
    words: int = 0
    documents: int = 1
    content_type: str = "application/json"
    name: str = ""
    expect: int = 200
    #: Extra request headers (an API key, for one).
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Sample:
    """One attempted request; times in seconds from the start of its run."""

    request: Request
    started: float
    finished: float
    status: int | None  # None: the connection failed
    failure: str = ""  # refused, reset, incomplete, timeout, or other:<exception>
    request_id: str = ""

    @property
    def latency(self) -> float:
        return self.finished - self.started

    @property
    def ok(self) -> bool:
        return self.status == self.request.expect

    @property
    def words(self) -> int:
        return self.request.words

    @property
    def documents(self) -> int:
        return self.request.documents


@dataclass
class LoadResult:
    """Every attempted request of a run and the run's wall time."""

    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    client_cpu_seconds: float = 0.0

    def ok(self) -> list[Sample]:
        """Return the requests answered with the status they expected."""
        return [s for s in self.samples if s.ok]

    def errors(self) -> list[Sample]:
        """Return the requests that failed or got another status."""
        return [s for s in self.samples if not s.ok]


def _loopback(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    host, port = parts.hostname or "", parts.port or 80
    if host not in LOOPBACK:
        raise ValueError(f"the load generator only targets loopback, not {host!r}")
    return host, port


def send(base_url: str, req: Request, timeout: float, t0: float,
         request_id: str = "") -> Sample:
    """Send one request on a fresh connection and classify the result."""
    host, port = _loopback(base_url)
    headers = {"Content-Type": req.content_type, **dict(req.headers)}
    if request_id:
        headers["X-Request-ID"] = request_id
    started = time.perf_counter() - t0
    status: int | None = None
    failure = ""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("POST", req.path, body=req.body, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except ConnectionRefusedError:
        failure = "refused"
    except http.client.IncompleteRead:
        failure = "incomplete"  # part of an answer, then the connection dropped
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        failure = "reset"  # closed before any answer: the request was not processed
    except TimeoutError:
        failure = "timeout"
    except (OSError, http.client.HTTPException) as exc:
        failure = f"other:{type(exc).__name__}"
    finally:
        conn.close()
    return Sample(req, started, time.perf_counter() - t0, status, failure, request_id)


_ids = iter(range(10**12))


def run_load(base_url: str, requests: Sequence[Request], concurrency: int,
             duration: float, max_requests: int | None = None, timeout: float = 120.0,
             during: Callable[[float], None] | None = None,
             tag: str = "") -> LoadResult:
    """Send ``requests`` round-robin from ``concurrency`` threads for ``duration`` seconds.

    ``during`` is called from a separate thread with the start time, to inject a fault.
    With a ``tag``, each request carries an ``X-Request-ID`` of ``tag-pid-n``.
    """
    _loopback(base_url)
    if not requests:
        raise ValueError("no requests to send")
    result = LoadResult()
    lock = threading.Lock()
    counter = iter(range(max_requests if max_requests is not None else 10**12))
    started = time.perf_counter()
    deadline = started + duration

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                n = next(counter, None)
                rid = f"{tag}-{os.getpid()}-{next(_ids)}" if tag else ""
            if n is None:
                return
            sample = send(base_url, requests[n % len(requests)], timeout, started, rid)
            with lock:
                result.samples.append(sample)
            if sample.failure == "refused":
                time.sleep(0.05)  # the server is gone or going: do not spin

    cpu0 = time.process_time()
    threads = [threading.Thread(target=client, name=f"load-{i}", daemon=True)
               for i in range(concurrency)]
    fault = threading.Thread(target=during, args=(started,), daemon=True) if during else None
    for t in threads:
        t.start()
    if fault:
        fault.start()
    for t in threads:
        t.join()
    if fault:
        fault.join()
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
