"""gunicorn on 127.0.0.1 for the bench and the soak: started, watched, measured, stopped."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from rhetoric_tools.checkout import GUNICORN_CONF, ROOT, require

HOST = "127.0.0.1"


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Gunicorn:
    """gunicorn with the checkout's ``gunicorn.conf.py`` on a free loopback port.

    ``env`` is added to this process's environment. Once started (``start`` or ``with``),
    the workers' resident memory is sampled every 0.25 s into ``peak_rss``.
    """

    def __init__(self, workers: int, log: Path, env: dict[str, str] | None = None) -> None:
        self.workers = workers
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = log
        self.env = {**os.environ, "WEB_CONCURRENCY": str(workers), "PORT": str(self.port),
                    "RHETORIC_HOST": HOST, **(env or {})}
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # gunicorn.conf.py makes its own
        self.proc: subprocess.Popen[bytes] | None = None
        self.ready_seconds = float("nan")
        #: CPU the master used to import, load and warm everything before forking.
        self.ready_cpu_seconds = float("nan")
        self.peak_rss: dict[int, int] = {}
        self._stop = threading.Event()
        self._master: Any = None

    def start(self, limit: float = 180.0) -> None:
        """Start gunicorn; return once ``/readyz`` answers 200 and every worker runs."""
        import psutil

        started = time.perf_counter()
        self._fh = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(require(GUNICORN_CONF)),
             "service.wsgi:app"],
            cwd=ROOT, env=self.env, stdout=self._fh, stderr=subprocess.STDOUT)
        self._master = psutil.Process(self.proc.pid)
        while time.perf_counter() - started < limit:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            if self.get("/readyz", timeout=2)[0] == 200 and len(self.worker_pids()) == self.workers:
                self.ready_seconds = time.perf_counter() - started
                times = self._master.cpu_times()
                self.ready_cpu_seconds = times.user + times.system
                threading.Thread(target=self._sample, daemon=True).start()
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"gunicorn not ready after {limit} s; see {self.log}")

    def get(self, path: str, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
        """GET ``path``; (0, {}, b"") when the connection fails."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        except (OSError, http.client.HTTPException):
            return 0, {}, b""
        finally:
            conn.close()

    def _children(self) -> list[Any]:
        import psutil

        try:
            return [c for c in self._master.children() if c.status() != psutil.STATUS_ZOMBIE]
        except psutil.Error:  # the master or a worker exiting while we look
            return []

    def worker_pids(self) -> set[int]:
        """Return the pids of the master's live children (its workers)."""
        return {c.pid for c in self._children()} if self._master is not None else set()

    def wait_workers(self, exclude: set[int], limit: float = 60.0) -> float | None:
        """Wait until ``workers`` workers run, none in ``exclude``; return seconds taken."""
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            pids = self.worker_pids()
            if len(pids) == self.workers and not pids & exclude:
                return time.perf_counter() - started
            time.sleep(0.05)
        return None

    def worker_rss(self) -> dict[int, int]:
        """Return the current RSS in bytes of each worker."""
        out = {}
        for child in self._children():
            try:
                out[child.pid] = child.memory_info().rss
            except Exception:  # a worker exiting between listing and reading
                continue
        return out

    def worker_cpu(self) -> float:
        """Return the CPU seconds the current workers have used."""
        total = 0.0
        for child in self._children():
            try:
                times = child.cpu_times()
            except Exception:  # a worker exiting between listing and reading
                continue
            total += times.user + times.system
        return total

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            for pid, rss in self.worker_rss().items():
                self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), rss)

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM the master and wait for it; return its exit status."""
        self._stop.set()
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._fh.close()
        return code

    def __enter__(self) -> Gunicorn:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ProxyPair(Gunicorn):
    """``scripts/proxy.sh``: nginx on a free loopback port in front of gunicorn on another.

    ``url``/``port`` are nginx's; ``upstream_port`` is gunicorn's. The workers are the
    gunicorn master's children; ``stop`` sends SIGTERM to the script, which stops
    gunicorn gracefully and then nginx. ``signal_master`` signals gunicorn's master only.
    """

    def __init__(self, workers: int, log: Path, env: dict[str, str] | None = None) -> None:
        super().__init__(workers, log, env)
        self.upstream_port = self.port
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.proxy_dir = Path(tempfile.mkdtemp(prefix="rhetoric-proxy-"))
        self.env.update({"PORT": str(self.port), "UPSTREAM_PORT": str(self.upstream_port),
                         "RHETORIC_PROXY_DIR": str(self.proxy_dir), "PYTHON": sys.executable})

    def start(self, limit: float = 180.0) -> None:
        """Start the pair; return once ``/readyz`` answers 200 through nginx."""
        import psutil

        started = time.perf_counter()
        self._fh = self.log.open("ab")
        self.proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "proxy.sh")], cwd=ROOT,
                                     env=self.env, stdout=self._fh, stderr=subprocess.STDOUT)
        script = psutil.Process(self.proc.pid)
        while time.perf_counter() - started < limit:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"proxy.sh exited with {self.proc.returncode}; see {self.log}")
            if self._master is None:
                for child in script.children():
                    try:
                        if "gunicorn" in " ".join(child.cmdline()):
                            self._master = child
                    except psutil.Error:
                        continue
            if (self._master is not None and self.get("/readyz", timeout=2)[0] == 200
                    and len(self.worker_pids()) == self.workers):
                self.ready_seconds = time.perf_counter() - started
                threading.Thread(target=self._sample, daemon=True).start()
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"proxy pair not ready after {limit} s; see {self.log}")

    def __enter__(self) -> ProxyPair:
        self.start()
        return self

    @property
    def master_pid(self) -> int:
        assert self._master is not None
        return int(self._master.pid)

    def signal_master(self, signum: int) -> None:
        """Send ``signum`` to gunicorn's master."""
        os.kill(self.master_pid, signum)
