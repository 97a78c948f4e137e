"""``rhetoric soak``: load and faults against gunicorn on 127.0.0.1, bounded in time.

Phases, each against a real gunicorn (``gunicorn.conf.py``, sync workers) that this
command starts on a free loopback port and stops:

1. sustained load: closed-loop clients send the seeds (JSON and text/plain), short texts
   and a few deliberate 413s and 422s; any other status, or a failed connection, is an
   error. Latency percentiles of the 200s, throughput, and the metrics the workers
   report (``/metrics``, merged across processes) against what was sent.
2. kill -9 a worker mid-load: gunicorn must replace it; failed requests are counted.
3. SIGTERM to the master mid-load: requests in flight must complete; new connections
   must be refused (not reset half-way, not answered with a 5xx).
4. time budget: a second server with ``RHETORIC_REQUEST_TIMEOUT`` of one second gets a
   100,000-character text: it must answer 503 problem+json quickly, replace the worker
   that was interrupted, and go on serving.

Every request goes to 127.0.0.1 only; every loop stops by count or by time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rhetoric_tools.checkout import SEEDS, require
from rhetoric_tools.harness import HOST, Gunicorn
from rhetoric_tools.loadgen import LoadResult, Request, percentile, run_load, send


def request_mix(limit_chars: int) -> list[Request]:
    """Return the mix: mostly valid analyses, some deliberate 413s and 422s."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(require(SEEDS).glob("*.txt"))]
    mix: list[Request] = []
    for i, text in enumerate(seeds):
        mix.append(Request("/v1/analyze", json.dumps({"text": text, "id": f"seed-{i}"}).encode(),
                           name=f"seed{i}-json"))
        mix.append(Request("/v1/analyze", text.encode("utf-8"), name=f"seed{i}-text",
                           content_type="text/plain; charset=utf-8"))
        first = text.split("\n\n")[0]
        mix.append(Request("/v1/analyze", json.dumps({"text": first,
                                                      "offset_encoding": "utf-16"}).encode(),
                           name=f"seed{i}-para"))
    mix.append(Request("/v1/analyze", b'{"text": "   "}', name="empty-422", expect=422))
    mix.append(Request("/v1/analyze", json.dumps({"text": "a " * limit_chars}).encode(),
                       name="too-large-413", expect=413))
    return mix


def load(server: Gunicorn, mix: Sequence[Request], concurrency: int, duration: float,
         max_requests: int, during: Callable[[float], None] | None = None) -> LoadResult:
    """Run ``concurrency`` closed-loop clients for ``duration`` s (or ``max_requests``)."""
    return run_load(server.url, mix, concurrency, duration, max_requests, during=during,
                    tag="soak")


def metric_total(text: str, name: str, **labels: str) -> float:
    """Sum the samples of ``name`` whose labels include ``labels``."""
    from prometheus_client.parser import text_string_to_metric_families

    total = 0.0
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                total += s.value
    return total


def summarize(run: LoadResult) -> dict[str, Any]:
    lat = [o.latency for o in run.samples if o.status == 200]
    deliberate = Counter(o.status for o in run.samples if o.request.expect != 200 and o.ok)
    return {
        "requests": len(run.samples),
        "seconds": round(run.seconds, 1),
        "ok_200": sum(1 for o in run.samples if o.status == 200 and o.ok),
        "deliberate_413": deliberate.get(413, 0),
        "deliberate_422": deliberate.get(422, 0),
        "errors": len(run.errors()),
        "error_kinds": dict(Counter(o.failure or f"HTTP {o.status}" for o in run.errors())),
        "throughput_rps": round(len(run.samples) / run.seconds, 2) if run.seconds else 0.0,
        "latency_ms": {f"p{q}": round(percentile(lat, q) * 1000, 1) for q in (50, 90, 95, 99)}
        | {"max": round(max(lat) * 1000, 1) if lat else float("nan")},
    }


def phase_sustained(server: Gunicorn, mix: Sequence[Request],
                    args: argparse.Namespace) -> dict[str, Any]:
    before = metric_total(server.get("/metrics")[2].decode("utf-8", "replace"),
                          "rhetoric_http_requests_total", route="/v1/analyze")
    run = load(server, mix, args.concurrency, args.duration, args.max_requests)
    report = summarize(run)
    status, _, body = server.get("/metrics")
    text = body.decode("utf-8", "replace")
    sent = sum(1 for o in run.samples if o.status is not None)
    counted = metric_total(text, "rhetoric_http_requests_total", route="/v1/analyze") - before
    report["metrics"] = {
        "scrape_status": status,
        "analyze_requests_counted": int(counted),
        "analyze_requests_answered": sent,
        "in_flight_after": metric_total(text, "rhetoric_http_requests_in_flight"),
        "stage_parse_count": int(metric_total(text, "rhetoric_analysis_stage_seconds_count",
                                              stage="parse")),
    }
    return report


def phase_kill_worker(server: Gunicorn, mix: Sequence[Request],
                      args: argparse.Namespace) -> dict[str, Any]:
    victims: dict[str, Any] = {}

    def fault(t0: float) -> None:
        time.sleep(args.fault_after)
        pids = sorted(server.worker_pids())
        victim = pids[0]
        victims["pid"] = victim
        victims["at"] = time.perf_counter() - t0
        os.kill(victim, signal.SIGKILL)
        victims["replaced_after"] = server.wait_workers({victim})

    before = server.worker_pids()
    run = load(server, mix, args.concurrency, args.fault_duration, args.max_requests,
               during=fault)
    after = server.worker_pids()
    report = summarize(run)
    report.update({
        "killed_worker": victims.get("pid"),
        "killed_at_s": round(victims.get("at", 0.0), 2),
        "replaced": victims.get("replaced_after") is not None,
        "replaced_after_s": (round(victims["replaced_after"], 2)
                             if victims.get("replaced_after") is not None else None),
        "workers_before": len(before),
        "workers_after": len(after),
        "failed_requests": len(run.errors()),
    })
    return report


def phase_sigterm(server: Gunicorn, mix: Sequence[Request],
                  args: argparse.Namespace) -> dict[str, Any]:
    marks: dict[str, float] = {}

    def fault(t0: float) -> None:
        time.sleep(args.fault_after)
        marks["at"] = time.perf_counter() - t0
        assert server.proc is not None
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(timeout=120)
        marks["exited"] = time.perf_counter() - t0

    run = load(server, mix, args.concurrency, args.fault_duration, args.max_requests,
               during=fault)
    at, exited = marks.get("at", 0.0), marks.get("exited", 0.0)
    pending = [o for o in run.samples if o.started < at < o.finished]
    # A worker had taken the request if the app logged its id; the others were still
    # queued in the kernel's listen backlog when gunicorn closed the listener.
    handled = logged_request_ids(server.log)
    in_flight = [o for o in pending if o.request_id in handled]
    queued = [o for o in pending if o.request_id not in handled]
    after = [o for o in run.samples if o.started >= exited]
    during = [o for o in run.samples if at <= o.started < exited]
    return {
        "started_during_shutdown": len(during),
        "during_shutdown_outcomes": dict(Counter(o.failure or f"HTTP {o.status}"
                                                 for o in during)),
        "sigterm_at_s": round(at, 2),
        "master_exited_after_s": round(exited - at, 2),
        "exit_status": server.proc.returncode if server.proc else None,
        "in_flight_at_sigterm": len(in_flight),
        "in_flight_completed": sum(1 for o in in_flight if o.ok),
        "in_flight_failed": [o.failure or f"HTTP {o.status}" for o in in_flight if not o.ok],
        "queued_at_sigterm": len(queued),
        "queued_outcomes": dict(Counter(o.failure or f"HTTP {o.status}" for o in queued)),
        "requests_after_exit": len(after),
        "refused_after_exit": sum(1 for o in after if o.failure == "refused"),
        "unclean_after_exit": sum(1 for o in after if o.failure != "refused"),
        "server_errors_5xx": sum(1 for o in run.samples
                                 if o.status is not None and o.status >= 500),
        "resets_total": sum(1 for o in run.samples if o.failure == "reset"),
        "incomplete_answers": sum(1 for o in run.samples if o.failure == "incomplete"),
    }


def logged_request_ids(log: Path) -> set[str]:
    """Return the request ids of the app's JSON access lines in ``log``."""
    ids = set()
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{") and '"request_id"' in line:
            try:
                ids.add(json.loads(line)["request_id"])
            except (ValueError, KeyError):
                continue
    return ids


def phase_budget(args: argparse.Namespace, log: Path) -> dict[str, Any]:
    text = ("the officials said it was a disaster and " * 2500)[:100_000]
    big = Request("/v1/analyze", text.encode("utf-8"), name="budget",
                  content_type="text/plain; charset=utf-8", expect=503)
    # Short enough to finish well within the budget even on a busy machine.
    small = Request("/v1/analyze", b'{"text": "Officials said it rained on Monday."}',
                    name="small")
    with Gunicorn(args.workers, log, {"RHETORIC_REQUEST_TIMEOUT": str(args.budget)}) as server:
        before = server.worker_pids()
        t0 = time.perf_counter()
        outcome = send(server.url, big, 120.0, t0)
        conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
        conn.request("POST", "/v1/analyze", body=big.body,
                     headers={"Content-Type": big.content_type})
        r = conn.getresponse()
        problem = json.loads(r.read() or b"{}")
        second = (r.status, r.getheader("Content-Type"), problem.get("type"))
        conn.close()
        replaced = server.wait_workers(before, limit=30)
        after = [send(server.url, small, 60.0, t0) for _ in range(4)]
        return {
            "budget_s": args.budget,
            "status": outcome.status,
            "answered_after_s": round(outcome.finished - outcome.started, 2),
            "second_status": second[0],
            "content_type": second[1],
            "problem_type": second[2],
            "workers_replaced": replaced is not None,
            "replaced_within_s": round(replaced, 2) if replaced is not None else None,
            "small_after": [o.status for o in after],
        }


def probes(server: Gunicorn) -> dict[str, Any]:
    """Headers and limits as a real gunicorn serves them."""
    status, headers, _ = server.get("/healthz")
    return {
        "healthz": status,
        "server_header": headers.get("Server", "absent"),
        "csp": "set" if headers.get("Content-Security-Policy") else "missing",
        "nosniff": headers.get("X-Content-Type-Options"),
        "chunked_status": chunked_over_limit(server.port),
    }


def chunked_over_limit(port: int, megabytes: int = 2) -> int | str:
    """Send a chunked body over the default limit, never finishing it; return the status.

    The service must answer 413 once it has read past its limit, without waiting for
    (or buffering) the rest of the body.
    """
    with socket.create_connection((HOST, port), timeout=30) as sock:
        sock.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
        try:
            for _ in range(megabytes * 16):
                sock.sendall(chunk)
        except OSError:
            pass  # the server answered and closed early: read what it said
        try:
            head = sock.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
        except OSError as exc:
            return f"connection closed ({type(exc).__name__})"
    parts = head.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else head


def format_report(report: dict[str, Any]) -> str:
    """Render the report as the lines the command prints."""
    s, k, t, b, p = (report[x] for x in ("sustained", "kill_worker", "sigterm", "budget",
                                         "probes"))
    lat = s["latency_ms"]
    lines = [
        "== rhetoric soak ==",
        f"server: gunicorn, {report['workers']} sync workers, 127.0.0.1; ready in "
        f"{report['ready_s']:.1f} s; concurrency {report['concurrency']}",
        "",
        f"sustained load: {s['requests']} requests in {s['seconds']} s "
        f"({s['throughput_rps']} req/s)",
        f"  200: {s['ok_200']}, deliberate 413: {s['deliberate_413']}, deliberate 422: "
        f"{s['deliberate_422']}, errors: {s['errors']} {s['error_kinds'] or ''}".rstrip(),
        f"  latency of 200s (ms): p50 {lat['p50']}, p90 {lat['p90']}, p95 {lat['p95']}, "
        f"p99 {lat['p99']}, max {lat['max']}",
        f"  /metrics: analyze requests counted {s['metrics']['analyze_requests_counted']} of "
        f"{s['metrics']['analyze_requests_answered']} answered (merged across workers); "
        f"in flight after {s['metrics']['in_flight_after']:.0f}; parse stage observations "
        f"{s['metrics']['stage_parse_count']}",
        "",
        f"kill -9 worker {k['killed_worker']} at {k['killed_at_s']} s: replaced "
        f"{'yes' if k['replaced'] else 'NO'}"
        + (f" after {k['replaced_after_s']} s" if k["replaced"] else "")
        + f"; workers {k['workers_before']} -> {k['workers_after']}",
        f"  {k['requests']} requests, failed {k['failed_requests']} {k['error_kinds'] or ''}"
        .rstrip(),
        "",
        f"SIGTERM to master at {t['sigterm_at_s']} s: exited after "
        f"{t['master_exited_after_s']} s with status {t['exit_status']}",
        f"  in flight at SIGTERM: {t['in_flight_at_sigterm']}, completed "
        f"{t['in_flight_completed']}, failed {len(t['in_flight_failed'])} "
        f"{t['in_flight_failed'] or ''}".rstrip(),
        f"  queued in the listen backlog at SIGTERM (no worker had them): "
        f"{t['queued_at_sigterm']} {t['queued_outcomes'] or ''}".rstrip(),
        f"  started while shutting down: {t['started_during_shutdown']} "
        f"{t['during_shutdown_outcomes'] or ''}".rstrip(),
        f"  after exit: {t['requests_after_exit']} attempts, refused "
        f"{t['refused_after_exit']}, other failures {t['unclean_after_exit']}; 5xx "
        f"{t['server_errors_5xx']}; resets before any answer {t['resets_total']}; answers "
        f"cut off half-way {t['incomplete_answers']}",
        "",
        f"time budget {b['budget_s']} s, 100,000-character text: HTTP {b['status']} after "
        f"{b['answered_after_s']} s; again: HTTP {b['second_status']} {b['content_type']} "
        f"{b['problem_type']}",
        f"  interrupted worker replaced: {'yes' if b['workers_replaced'] else 'NO'}"
        + (f" within {b['replaced_within_s']} s" if b["workers_replaced"] else "")
        + f"; short texts after: {b['small_after']}",
        "",
        f"probes: /healthz {p['healthz']}, Server header {p['server_header']}, CSP "
        f"{p['csp']}, nosniff {p['nosniff']}, 2 MiB chunked body (limit ~1.2 MB) -> "
        f"{p['chunked_status']}",
        "",
        f"RESULT: {'PASS' if report['passed'] else 'FAIL'} "
        f"({', '.join(report['failures']) or 'all checks met'})",
    ]
    return "\n".join(lines)


def verdict(report: dict[str, Any]) -> list[str]:
    """Return the checks the run did not meet."""
    s, k, t, b, p = (report[x] for x in ("sustained", "kill_worker", "sigterm", "budget",
                                         "probes"))
    failures = []
    if s["errors"]:
        failures.append("errors under sustained load")
    if s["metrics"]["analyze_requests_counted"] != s["metrics"]["analyze_requests_answered"]:
        failures.append("metrics count differs from requests answered")
    if s["metrics"]["in_flight_after"] != 1:  # the scrape itself
        failures.append("in-flight gauge did not return to idle")
    if not k["replaced"]:
        failures.append("killed worker not replaced")
    if k["failed_requests"] > args_max_kill_failures(report):
        failures.append("more failed requests than workers killed allow")
    if t["in_flight_completed"] != t["in_flight_at_sigterm"]:
        failures.append("in-flight requests lost on SIGTERM")
    if t["unclean_after_exit"] or t["server_errors_5xx"] or t["incomplete_answers"]:
        failures.append("unclean refusals after SIGTERM")
    if t["resets_total"]:
        failures.append("connections reset on SIGTERM")
    if b["status"] != 503 or b["problem_type"] != "urn:rhetoric:problem:time-budget-exceeded":
        failures.append("time budget not enforced")
    if b["answered_after_s"] > b["budget_s"] + 5:
        failures.append("time-budget answer too late")
    if any(status != 200 for status in b["small_after"]):
        failures.append("service unhealthy after a budget cut-off")
    if p["server_header"] != "absent" or p["chunked_status"] != 413:
        failures.append("probe failed")
    return failures


def args_max_kill_failures(report: dict[str, Any]) -> int:
    """A killed sync worker loses the request it was serving (and at most one queued)."""
    return 2


def run(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run every phase; print the report; return 0 if every check was met."""
    if args.proxy:
        from rhetoric_tools.reliability import run as run_reliability

        return run_reliability(args, out)
    workdir = Path(tempfile.mkdtemp(prefix="rhetoric-soak-"))
    log = workdir / "gunicorn.log"
    mix = request_mix(int(os.environ.get("RHETORIC_MAX_TEXT_CHARS", "100000")))
    report: dict[str, Any] = {"workers": args.workers, "concurrency": args.concurrency}
    out(f"soak: logs in {log}")
    with Gunicorn(args.workers, log) as server:
        report["ready_s"] = server.ready_seconds
        report["probes"] = probes(server)
        out("soak: sustained load ...")
        report["sustained"] = phase_sustained(server, mix, args)
        out("soak: kill -9 a worker mid-load ...")
        report["kill_worker"] = phase_kill_worker(server, mix, args)
        out("soak: SIGTERM to the master mid-load ...")
        report["sigterm"] = phase_sigterm(server, mix, args)
    out("soak: time budget ...")
    report["budget"] = phase_budget(args, log)
    report["failures"] = verdict(report)
    report["passed"] = not report["failures"]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    out(format_report(report))
    return 0 if report["passed"] else 1


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="rhetoric soak", description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--concurrency", type=int, default=4, help="closed-loop clients")
    parser.add_argument("--duration", type=float, default=60.0,
                        help="seconds of sustained load")
    parser.add_argument("--fault-duration", type=float, default=20.0,
                        help="seconds of load around each fault")
    parser.add_argument("--fault-after", type=float, default=5.0,
                        help="seconds into a fault phase before the fault")
    parser.add_argument("--max-requests", type=int, default=20_000,
                        help="cap on requests per phase")
    parser.add_argument("--budget", type=float, default=1.0,
                        help="RHETORIC_REQUEST_TIMEOUT for the time-budget phase")
    parser.add_argument("--json", type=Path, default=None, help="also write the report as JSON")
    parser.add_argument("--proxy", action="store_true",
                        help="the reliability report instead: the workers behind nginx "
                             "(scripts/proxy.sh), with 100k-character texts, slow clients, "
                             "a key over its quota, kill -9 and SIGTERM "
                             "(rhetoric_tools/reliability.py)")
    parser.add_argument("--quota", type=int, default=1200,
                        help="with --proxy: requests per minute per key (the load spreads "
                             "over four keys and must stay under it)")
    parser.add_argument("--request-budget", type=float, default=90.0,
                        help="with --proxy: RHETORIC_REQUEST_TIMEOUT of the pair")
    return parser
