"""A gunicorn worker told to stop exits at once, not at graceful_timeout with SIGKILL.

onnxruntime, imported by the preloading master for the sentence encoder, leaves a forked
worker unable to finish Python's teardown; gunicorn.conf.py's ``worker_exit`` ends a
stopped worker with ``os._exit(0)``.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from rhetoric_tools.harness import Gunicorn  # noqa: E402


def test_sigterm_stops_the_workers_without_waiting_for_the_graceful_timeout(tmp_path: Path) -> None:
    log = tmp_path / "gunicorn.log"
    # A graceful timeout far longer than the wait below: a worker that hangs in its
    # teardown keeps the master alive until gunicorn kills it at that timeout, so the
    # master would still be running when the wait gives up. (Not a speed target: a clean
    # stop takes about a second.)
    with Gunicorn(2, log, {"RHETORIC_GRACEFUL_TIMEOUT": "600"}) as server:
        assert server.get("/readyz")[0] == 200
        master = server.proc
        master.send_signal(signal.SIGTERM)
        try:
            code = master.wait(timeout=60)
        except subprocess.TimeoutExpired:
            master.kill()
            pytest.fail("gunicorn's workers hung after SIGTERM (still running after 60 s)")
    text = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, text[-2000:]
    assert "Worker exiting" in text
