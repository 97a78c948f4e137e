"""Measures over HTTP: gunicorn with one worker and one per core, single and batch requests."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rhetoric_tools.bench import say
from rhetoric_tools.bench.corpus import Article, count_words, novel_texts
from rhetoric_tools.harness import Gunicorn
from rhetoric_tools.loadgen import LoadResult, Request, percentile, run_load

#: No paragraph cache in the served workers: the load sends each article more than once
#: (the cache is measured in-process instead).
NO_CACHE = {"RHETORIC_PARSE_CACHE_PARAGRAPHS": "0"}


def single_requests(articles: Sequence[Article]) -> list[Request]:
    """Return one ``/v1/analyze`` request per article."""
    return [Request("/v1/analyze", json.dumps({"id": a.id, "text": a.text}).encode(), a.words)
            for a in articles]


def batch_requests(articles: Sequence[Article], size: int) -> list[Request]:
    """Return ``/v1/analyze/batch`` requests of ``size`` articles each, same order."""
    out = []
    for i in range(0, len(articles), size):
        group = articles[i:i + size]
        body = json.dumps({"documents": [{"id": a.id, "text": a.text} for a in group]})
        out.append(Request("/v1/analyze/batch", body.encode(), sum(a.words for a in group),
                           len(group)))
    return out


def measured_load(server: Gunicorn, requests: Sequence[Request], concurrency: int,
                  duration: float, max_requests: int | None = None) -> tuple[LoadResult, float]:
    """Run a load; return it with the CPU seconds the workers spent on it."""
    cpu0 = server.worker_cpu()
    result = run_load(server.url, requests, concurrency, duration, max_requests)
    return result, server.worker_cpu() - cpu0


def merged(runs: Sequence[tuple[LoadResult, float]]) -> dict[str, Any]:
    """Return the figures of several load runs taken together, with the workers' CPU."""
    total = LoadResult()
    cpu = 0.0
    for result, used in runs:
        total.samples += result.samples
        total.seconds += result.seconds
        total.client_cpu_seconds += result.client_cpu_seconds
        cpu += used
    out = summarize_load(total)
    words = sum(s.words for s in total.ok())
    out.update(server_cpu_seconds=cpu, cores_used=cpu / total.seconds,
               words_per_server_cpu_second=words / cpu if cpu else float("nan"))
    return out


def summarize_load(result: LoadResult) -> dict[str, Any]:
    """Return throughput and latency figures of a load run."""
    ok = result.ok()
    latencies = [s.latency for s in ok]
    return {
        "requests": len(ok),
        "failed": len(result.samples) - len(ok),
        "seconds": result.seconds,
        "requests_per_second": len(ok) / result.seconds,
        "documents_per_second": sum(s.documents for s in ok) / result.seconds,
        "words_per_second": sum(s.words for s in ok) / result.seconds,
        "latency_p50_ms": percentile(latencies, 50) * 1000,
        "latency_p95_ms": percentile(latencies, 95) * 1000,
        "latency_p99_ms": percentile(latencies, 99) * 1000,
        "client_cpu_seconds": result.client_cpu_seconds,
    }


def paired_latency(server: Gunicorn, analyzer: Any, article: Article,
                   duration: float) -> dict[str, Any]:
    """Alternate one HTTP request and one in-process analysis of ``article``."""
    from service.analysis.parsing import ParseCache
    from service.render import encode, response_document

    uncached = dataclasses.replace(analyzer, cache=ParseCache(0))  # as the server runs
    request = single_requests([article])
    http_s: list[float] = []
    server_cpu_s: list[float] = []
    local_s: list[float] = []
    local_cpu_s: list[float] = []
    deadline = time.perf_counter() + duration
    while time.perf_counter() < deadline and len(http_s) < 10_000:
        cpu0 = server.worker_cpu()
        result = run_load(server.url, request, concurrency=1, duration=3600, max_requests=1)
        server_cpu_s.append(server.worker_cpu() - cpu0)
        http_s.extend(s.latency for s in result.ok())
        w0, c0 = time.perf_counter(), time.process_time()
        analysis = uncached.analyze(article.text)
        encode(response_document(analyzer, analysis, "codepoint", article.id, 0.0))
        local_s.append(time.perf_counter() - w0)
        local_cpu_s.append(time.process_time() - c0)
    return {
        "article": article.id, "words": article.words, "requests": len(http_s),
        "http_latencies_ms": [x * 1000 for x in http_s],
        "inprocess_ms": [x * 1000 for x in local_s],
        "http_p50_ms": percentile(http_s, 50) * 1000,
        "http_p95_ms": percentile(http_s, 95) * 1000,
        "http_p99_ms": percentile(http_s, 99) * 1000,
        "inprocess_p50_ms": percentile(local_s, 50) * 1000,
        "server_cpu_p50_ms": percentile(server_cpu_s, 50) * 1000,
        "inprocess_cpu_p50_ms": percentile(local_cpu_s, 50) * 1000,
    }


def soak(server: Gunicorn, texts: Sequence[str], total: int, step: int,
         concurrency: int) -> list[dict[str, Any]]:
    """Send ``total`` requests of ``texts``; record each worker's RSS every ``step``."""
    requests = [Request("/v1/analyze", json.dumps({"text": t}).encode(), count_words(t))
                for t in texts]
    points = [{"requests": 0, "rss_mb": _mb_list(server.worker_rss())}]
    sent = 0
    while sent < total:
        n = min(step, total - sent)
        window = requests[sent % len(requests):] + requests[:sent % len(requests)]
        result = run_load(server.url, window, concurrency, duration=3600, max_requests=n)
        sent += len(result.samples)
        points.append({"requests": sent, "failed": len(result.errors()),
                       "rss_mb": _mb_list(server.worker_rss())})
        print(f"  soak: {sent} requests, worker RSS {points[-1]['rss_mb']} MB", file=sys.stderr)
    return points


def _mb_list(rss: dict[int, int]) -> list[float]:
    return [round(v / 2**20, 1) for _, v in sorted(rss.items())]


def run_http(args: argparse.Namespace, analyzer: Any, articles: Sequence[Article],
             seeds: Sequence[tuple[str, str]], log: Path) -> dict[str, Any]:
    """Measure gunicorn with one worker and with one per core, the two runs alternated.

    Both servers stay up and the load switches between them round by round, so that
    other processes on the machine weigh on both alike. Single and batch requests are
    compared on the same documents (fixed work, also alternated): the generated
    articles, and short paragraphs such as a draft save sends.
    """
    many_workers = os.cpu_count() or 2
    rounds = 3
    out: dict[str, Any] = {}
    say(f"HTTP: gunicorn with 1 and with {many_workers} workers on 127.0.0.1 ...")
    with Gunicorn(1, log, NO_CACHE) as one, Gunicorn(many_workers, log, NO_CACHE) as many:
        say("  latency: one request at a time, alternated with the in-process analysis ...")
        latency = paired_latency(one, analyzer, articles[0], args.duration)
        singles: dict[int, list[tuple[LoadResult, float]]] = {1: [], many_workers: []}
        say(f"  one article per request, {rounds} alternated rounds ...")
        for _ in range(rounds):
            for server in (one, many):
                singles[server.workers].append(measured_load(
                    server, single_requests(articles), 2 * server.workers,
                    args.duration / rounds))
        paragraphs = [Article(f"p{i:03d}", t, count_words(t))
                      for i, t in enumerate(novel_texts(seeds, 256, seed=11))]
        batches: dict[str, Any] = {}
        for name, docs, size in (("articles", articles, args.batch_size),
                                 ("paragraphs", paragraphs, 32)):
            say(f"  the same {name} one per request and in batches of {size} ...")
            runs: dict[str, list[tuple[LoadResult, float]]] = {"single": [], "batch": []}
            for _ in range(2):
                for kind, requests in (("single", single_requests(docs)),
                                       ("batch", batch_requests(docs, size))):
                    runs[kind].append(measured_load(one, requests, 2, 3600, len(requests)))
            batches[name] = {"documents": len(docs), "words": sum(d.words for d in docs),
                             "batch_size": size, "single": merged(runs["single"]),
                             "batch": merged(runs["batch"])}
        for server, key in ((one, "one_worker"), (many, "two_workers")):
            out[key] = {"workers": server.workers, "ready_seconds": server.ready_seconds,
                        "ready_cpu_seconds": server.ready_cpu_seconds,
                        "single_concurrency": 2 * server.workers,
                        "single": merged(singles[server.workers]),
                        "peak_rss_mb": _mb_list(server.peak_rss)}
        out["one_worker"]["latency_seed"] = latency
        out["batch"] = batches
    return out
