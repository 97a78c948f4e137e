"""``rhetoric soak --proxy``: the reliability report, for gunicorn's workers behind nginx.

The pair ``scripts/proxy.sh`` starts (nginx on one free loopback port, gunicorn with
``--workers`` sync workers on another) is put through, in order and each bounded in time
and in requests:

1. sustained mixed load (the soak's mix: seeds as JSON and text, paragraphs, deliberate
   413s and 422s) from ``--concurrency`` closed-loop clients;
2. 100,000-character texts of prose, emoji, punctuation and brackets, one at a time:
   each must be answered within the time budget or refused with 413 up front;
3. the same load while 4 slowloris connections (headers at 2 bytes/s) and 4 slow bodies
   (``Content-Length: 5000`` at 2 bytes/s) are open: nginx holds them (and closes a
   slowloris once its headers have taken 10 s, ``client_header_timeout``), so the p99 of
   normal requests must stay within 1.5 x the p99 of phase 1;
4. one key over its quota, another key under it (when the pair runs with quotas): 429s
   with ``Retry-After`` for the first, none for the second;
5. kill -9 of a worker mid-load;
6. SIGTERM to the pair's master (``scripts/proxy.sh``, which drains nginx, then stops
   gunicorn) mid-load: requests in flight complete, later ones are refused, none reset.

Each phase reports requests tried, failures (any status but the expected one, or no
answer), resets (the connection closed before or during an answer), 429s and the p50/p99
latency of its 200s.
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rhetoric_tools.bench.corpus import novel_texts, seed_texts
from rhetoric_tools.harness import HOST, ProxyPair
from rhetoric_tools.loadgen import LoadResult, Request, percentile, run_load, send
from rhetoric_tools.soak import request_mix

RESETS = frozenset({"reset", "incomplete"})
#: Keys: the load's (it rotates over four, each well under its quota), a key driven over
#: its quota, and another key sending meanwhile.
LOAD_KEYS = tuple(f"soak-load-key-{n}" for n in range(4))
LOAD_KEY, HOT_KEY, OTHER_KEY = LOAD_KEYS[0], "soak-hot-key", "soak-other-key"


def stats(samples: Sequence[Any], seconds: float) -> dict[str, Any]:
    """Return tried, failures, resets, 429s and the p50/p99 of the 200s of ``samples``."""
    lat = [s.latency for s in samples if s.status == 200]
    return {
        "tried": len(samples),
        "seconds": round(seconds, 1),
        "failures": sum(1 for s in samples if not s.ok),
        "resets": sum(1 for s in samples if s.failure in RESETS),
        "429s": sum(1 for s in samples if s.status == 429),
        "p50_ms": round(percentile(lat, 50) * 1000, 1),
        "p99_ms": round(percentile(lat, 99) * 1000, 1),
        "outcomes": dict(Counter(s.failure or f"HTTP {s.status}" for s in samples)),
    }


def with_key(mix: Sequence[Request], *keys: str) -> list[Request]:
    """Return ``mix`` sent with each of ``keys`` in turn."""
    return [Request(r.path, r.body, r.words, r.documents, r.content_type, r.name, r.expect,
                    (("X-API-Key", key),)) for key in keys for r in mix]


class SlowClient(threading.Thread):
    """A connection that sends ``data`` a byte at a time, ``pause`` apart, until stopped."""

    def __init__(self, port: int, first: bytes, data: bytes, pause: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.sock = socket.create_connection((HOST, port), timeout=30)
        self.sock.sendall(first)
        self.data, self.pause = data, pause
        self.done = threading.Event()
        self.error = ""

    def run(self) -> None:
        try:
            for byte in self.data:
                if self.done.wait(self.pause):
                    return
                self.sock.sendall(bytes([byte]))
        except OSError as exc:
            self.error = type(exc).__name__

    def stop(self) -> None:
        self.done.set()
        self.join(5)
        self.sock.close()


def slow_clients(port: int) -> list[SlowClient]:
    """Return 4 slowloris connections and 4 slow bodies, started."""
    loris = [SlowClient(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n", b"X-Slow: " + b"a" * 500)
             for _ in range(4)]
    bodies = [SlowClient(port, b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: "
                         b"text/plain\r\nContent-Length: 5000\r\n\r\n", b"b" * 5000)
              for _ in range(4)]
    for client in loris + bodies:
        client.start()
    return loris + bodies


def big_texts(limit: int = 100_000) -> dict[str, str]:
    prose = "\n\n".join(novel_texts(seed_texts(), 2000, seed=11))[:limit]
    return {"prose": prose, "emoji": "\U0001F600" * limit, "punctuation": "!" * limit,
            "brackets": "[" * limit}


def phase_big(server: ProxyPair, budget: float, key: str) -> dict[str, Any]:
    out = {}
    for kind, text in big_texts().items():
        req = Request("/v1/analyze", json.dumps({"text": text}).encode(), name=kind,
                      headers=(("X-API-Key", key),))
        t0 = time.perf_counter()
        sample = send(server.url, req, budget + 60, t0)
        seconds = sample.finished - sample.started
        out[kind] = {"status": sample.status, "failure": sample.failure,
                     "seconds": round(seconds, 2),
                     "ok": (sample.status == 200 and seconds <= budget)
                     or (sample.status == 413 and seconds <= 5)}
    return out


def phase_quota(server: ProxyPair, per_minute: int, args: argparse.Namespace) -> dict[str, Any]:
    """Drive HOT_KEY past its quota with cheap requests while OTHER_KEY sends a few."""
    cheap = Request("/v1/analyze", b'{"text": "It rained."}', name="cheap")
    hot = with_key([cheap], HOT_KEY)
    other = with_key([cheap], OTHER_KEY)
    results: dict[str, LoadResult] = {}

    def other_key(t0: float) -> None:
        results["other"] = run_load(server.url, other, 1, 20.0, 20, tag="other")

    hot_run = run_load(server.url, hot, args.concurrency, 60.0, per_minute + 40,
                       during=other_key, tag="hot")
    retry = [s for s in hot_run.samples if s.status == 429]
    return {"hot": stats(hot_run.samples, hot_run.seconds),
            "other": stats(results["other"].samples, results["other"].seconds),
            "hot_429s": len(retry)}


def phase_kill(server: ProxyPair, mix: Sequence[Request], args: argparse.Namespace
               ) -> dict[str, Any]:
    marks: dict[str, Any] = {}

    def fault(t0: float) -> None:
        time.sleep(args.fault_after)
        victim = sorted(server.worker_pids())[0]
        signal_pid(victim, signal.SIGKILL)
        marks["replaced"] = server.wait_workers({victim}) is not None

    run = run_load(server.url, mix, args.concurrency, args.fault_duration, args.max_requests,
                   during=fault, tag="kill")
    return {**stats(run.samples, run.seconds), "replaced": marks.get("replaced", False)}


def phase_sigterm(server: ProxyPair, mix: Sequence[Request], args: argparse.Namespace
                  ) -> dict[str, Any]:
    """SIGTERM to the pair's master (scripts/proxy.sh): nginx drains, then gunicorn stops."""
    marks: dict[str, float] = {}

    def fault(t0: float) -> None:
        time.sleep(args.fault_after)
        assert server.proc is not None
        marks["at"] = time.perf_counter() - t0
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(timeout=300)
        marks["exited"] = time.perf_counter() - t0

    run = run_load(server.url, mix, args.concurrency, args.fault_duration, args.max_requests,
                   during=fault, tag="term")
    at, exited = marks.get("at", 0.0), marks.get("exited", 0.0)
    in_flight = [s for s in run.samples if s.started < at < s.finished]
    after = [s for s in run.samples if s.started >= at]
    return {**stats(run.samples, run.seconds),
            "in_flight": len(in_flight),
            "in_flight_completed": sum(1 for s in in_flight if s.ok),
            "exited_after_s": round(exited - at, 2),
            "after_sigterm": dict(Counter(s.failure or f"HTTP {s.status}" for s in after)),
            "unclean_after": sum(1 for s in after if s.failure and s.failure != "refused")}


def signal_pid(pid: int, signum: int) -> None:
    import os

    os.kill(pid, signum)


def run_report(args: argparse.Namespace, log: Path, out: Callable[[str], None]
               ) -> dict[str, Any]:
    budget = float(args.request_budget)
    env = {"RHETORIC_API_KEYS": ",".join((*LOAD_KEYS, HOT_KEY, OTHER_KEY)),
           "RHETORIC_QUOTA_PER_MINUTE": str(args.quota), "RHETORIC_REQUEST_TIMEOUT": str(budget),
           "RHETORIC_QUOTA_CONCURRENT": str(args.concurrency + 2)}
    mix = with_key(request_mix(200_000), *LOAD_KEYS)
    report: dict[str, Any] = {"workers": args.workers, "concurrency": args.concurrency,
                              "budget_s": budget, "quota_per_minute": args.quota}
    with ProxyPair(args.workers, log, env) as server:
        report["ready_s"] = round(server.ready_seconds, 1)
        out("reliability: sustained mixed load ...")
        run = run_load(server.url, mix, args.concurrency, args.duration, args.max_requests,
                       tag="load")
        report["sustained"] = stats(run.samples, run.seconds)
        out("reliability: 100,000-character texts ...")
        report["big"] = phase_big(server, budget, LOAD_KEY)
        out("reliability: load with 4 slowloris connections and 4 slow bodies ...")
        clients = slow_clients(server.port)
        try:
            run = run_load(server.url, mix, args.concurrency, args.fault_duration,
                           args.max_requests, tag="slow")
        finally:
            still_open = sum(1 for c in clients if not c.error)
            for c in clients:
                c.stop()
        report["slow"] = {**stats(run.samples, run.seconds), "slow_open": still_open}
        out("reliability: one key over its quota ...")
        report["quota"] = phase_quota(server, args.quota, args)
        out("reliability: kill -9 a worker mid-load ...")
        report["kill"] = phase_kill(server, mix, args)
        out("reliability: SIGTERM to the pair's master mid-load ...")
        report["sigterm"] = phase_sigterm(server, mix, args)
    return report


def checks(report: dict[str, Any]) -> list[str]:
    s, slow, q, k, t = (report[x] for x in ("sustained", "slow", "quota", "kill", "sigterm"))
    failed = []
    if s["failures"] or s["resets"]:
        failed.append("failures under sustained load")
    if not all(b["ok"] for b in report["big"].values()):
        failed.append("a 100k-character text neither answered within the budget nor 413")
    if slow["failures"]:
        failed.append("failures with slow clients open")
    if slow["p99_ms"] > 1.5 * s["p99_ms"]:
        failed.append("p99 with slow clients over 1.5 x the p99 without")
    if not q["hot_429s"] or q["other"]["429s"] or q["other"]["failures"]:
        failed.append("quota: no 429 for the hot key, or some for the other")
    if not k["replaced"] or k["failures"] > 2:
        failed.append("kill -9: worker not replaced or more than 2 failures")
    if t["resets"] or t["unclean_after"]:
        failed.append("connections reset on SIGTERM")
    if t["in_flight_completed"] != t["in_flight"]:
        failed.append("requests in flight lost on SIGTERM")
    return failed


def format_report(report: dict[str, Any]) -> str:
    head = (f"{'phase':34} {'tried':>6} {'failures':>8} {'resets':>6} {'429s':>5} "
            f"{'p50 ms':>8} {'p99 ms':>8}")
    lines = ["== rhetoric soak --proxy: reliability report ==",
             f"server: nginx -> gunicorn, {report['workers']} sync workers, 127.0.0.1; ready in "
             f"{report['ready_s']} s; concurrency {report['concurrency']}; budget "
             f"{report['budget_s']:g} s; quota {report['quota_per_minute']}/min per key",
             "", head]

    def row(name: str, p: dict[str, Any]) -> None:
        lines.append(f"{name:34} {p['tried']:6} {p['failures']:8} {p['resets']:6} "
                     f"{p['429s']:5} {p['p50_ms']:8} {p['p99_ms']:8}")

    row("sustained mixed load", report["sustained"])
    row("load + 4 slowloris + 4 slow bodies", report["slow"])
    row("key over its quota", report["quota"]["hot"])
    row("another key meanwhile", report["quota"]["other"])
    row("kill -9 of a worker", report["kill"])
    row("SIGTERM of the master", report["sigterm"])
    lines.append("")
    lines.append("100,000-character texts: " + "; ".join(
        f"{kind} HTTP {b['status'] or b['failure']} in {b['seconds']} s"
        for kind, b in report["big"].items()))
    slow, s, k, t = report["slow"], report["sustained"], report["kill"], report["sigterm"]
    lines.append(f"slow clients: {slow['slow_open']} of 8 still open at the end (nginx closes a "
                 "slowloris after 10 s of headers); p99 with them / without: "
                 f"{slow['p99_ms'] / s['p99_ms']:.2f}" if s["p99_ms"] else "")
    lines.append(f"kill -9: worker replaced {'yes' if k['replaced'] else 'NO'}; outcomes "
                 f"{k['outcomes']}")
    lines.append(f"SIGTERM of the master (scripts/proxy.sh: nginx drains, then gunicorn): in "
                 f"flight {t['in_flight']}, completed {t['in_flight_completed']}; exited after "
                 f"{t['exited_after_s']} s; started after the signal: {t['after_sigterm']} "
                 "(refused = not accepted: clean)")
    lines.append("")
    failed = report["failures"]
    lines.append(f"RESULT: {'PASS' if not failed else 'FAIL'} "
                 f"({', '.join(failed) or 'all checks met'})")
    return "\n".join(lines)


def run(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run the reliability phases behind the proxy; print the report; 0 if all checks met."""
    workdir = Path(tempfile.mkdtemp(prefix="rhetoric-reliability-"))
    log = workdir / "pair.log"
    out(f"reliability: logs in {log}")
    report = run_report(args, log, out)
    report["failures"] = checks(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    out(format_report(report))
    return 0 if not report["failures"] else 1
