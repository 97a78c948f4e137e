"""``rhetoric bench``: how fast the service is, against the spaCy parse it cannot beat.

One run on one machine measures, on the seed articles plus generated variations of
them (seed paragraphs and sentences recombined, 200-2,000 words, fixed random seed):

1. raw spaCy: ``nlp(text)`` and ``nlp.pipe`` with exactly the service's components;
2. the analysis in-process: parse, every analyzer and the JSON serialisation;
3. the service over HTTP on 127.0.0.1 with gunicorn (one worker, then one per core),
   driven by ``service.loadgen`` at fixed concurrency for a bounded time.

Raw and in-process timings are interleaved article by article, and the HTTP latency run
alternates each request with the in-process analysis of the same article, so that noise
from other processes on the machine falls on both sides of every ratio. The figures that
count are the ratios within one run. A JSON report and a PNG plot go to ``--output``.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import os
import pstats
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from service.config import Settings
from service.loadgen import LoadResult, Request, percentile, run_load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")

#: The issue's targets: (name, ratio key, comparison, bound). Each ratio is computed from
#: wall-clock times and, where it has one, from CPU times (key + "_cpu"): the CPU figure
#: counts only the work of the measured processes, so the other processes on a shared
#: machine move it much less.
TARGETS: tuple[tuple[str, str, str, float], ...] = (
    ("in-process / raw spaCy throughput", "analysis_over_raw", ">=", 0.85),
    ("HTTP 1 worker p50 / in-process (seed)", "http_p50_over_inprocess", "<=", 1.2),
    ("2 workers / 1 worker throughput", "two_workers_over_one", ">=", 1.7),
    ("batch / one-per-request, articles", "batch_over_single", ">=", 1.3),
    ("batch / one-per-request, paragraphs", "batch_over_single_paragraphs", ">=", 1.3),
    ("peak RSS per worker (MB)", "peak_rss_mb", "<=", 350.0),
    ("start-up to ready (s)", "ready_seconds", "<=", 5.0),
)


def count_words(text: str) -> int:
    """Count words as the benchmark does everywhere (runs of word characters)."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Article:
    """One benchmark document."""

    id: str
    text: str
    words: int


def seed_texts(folder: Path = SEEDS) -> list[tuple[str, str]]:
    """Return ``(name, text)`` of every seed article."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def _paragraphs(texts: Sequence[str]) -> list[list[str]]:
    return [_SENTENCE_END.split(p.strip()) for t in texts for p in t.splitlines() if p.strip()]


def make_corpus(seeds: Sequence[tuple[str, str]], count: int, seed: int = 5,
                min_words: int = 200, max_words: int = 2000) -> list[Article]:
    """Return the seeds plus ``count`` articles recombined from their paragraphs and sentences.

    Each generated article has a length drawn evenly from ``[min_words, max_words]`` and
    is built from whole seed paragraphs in random order, a third of them with their
    sentences shuffled, then cut at the last sentence that fits. Each paragraph opens with
    a sentence of new names and a number, so no two paragraphs of the corpus are the same,
    as in real news: the paragraph cache and the parse of each distinct paragraph once
    per batch then save nothing the corpus's own repetition would hand them.
    """
    rng = random.Random(seed)
    paragraphs = _paragraphs([text for _, text in seeds])
    articles = [Article(name, text, count_words(text)) for name, text in seeds]
    for i in range(count):
        target = min_words + (max_words - min_words) * i // max(count - 1, 1)
        out: list[str] = []
        words = 0
        while words < target:
            sentences = list(rng.choice(paragraphs))
            if rng.random() < 1 / 3:
                rng.shuffle(sentences)
            kept = []
            for sentence in sentences:
                n = count_words(sentence)
                if words + n > target and words >= min_words:
                    break
                kept.append(sentence)
                words += n
            if kept:
                lead = _lead(rng)
                out.append(" ".join([lead, *kept]))
                words += count_words(lead)
            if kept != sentences:
                break
        articles.append(Article(f"gen-{i:03d}", "\n".join(out), count_words("\n".join(out))))
    return articles


def novel_texts(seeds: Sequence[tuple[str, str]], count: int, seed: int = 7) -> list[str]:
    """Return short paragraphs with new names and numbers in each, as a live news stream has.

    Every text carries words no earlier text had, so a worker whose vocabulary kept
    every string it saw would grow; the soak run shows that it does not.
    """
    rng = random.Random(seed)
    sentences = [s for p in _paragraphs([t for _, t in seeds]) for s in p]
    return [f"{_lead(rng)} {rng.choice(sentences)}" for _ in range(count)]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou")
                   for _ in range(rng.randint(2, 4))).capitalize()


def _lead(rng: random.Random) -> str:
    """Return a short sentence of new names and a number."""
    return (f"{_name(rng)} {_name(rng)}, a spokesperson for {_name(rng)}, said "
            f"{rng.randint(2, 99_999):,} people were affected.")


# ----------------------------------------------------------------------------- in-process


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure_inprocess(analyzer: Any, articles: Sequence[Article], rounds: int) -> dict[str, Any]:
    """Time ``nlp(text)`` and the whole analysis per article, interleaved; and both pipes.

    Each figure is kept twice: wall time and this process's CPU time. On a machine other
    processes share, CPU time is the steadier measure of the work done.
    """
    from service.analysis.parsing import text_batches
    from service.render import encode, response_document

    nlp = analyzer.nlp
    clock = time.perf_counter
    cpu = time.process_time

    def analyse(article: Article) -> bytes:
        # Every round analyses each article again; a cold cache each time keeps its
        # hits out of the figures while each analysis still pays for filling it.
        analyzer.cache.clear()
        analysis = analyzer.analyze(article.text)
        return encode(response_document(analyzer, analysis, "codepoint", article.id, 0.0))

    raw: dict[str, list[tuple[float, float]]] = {a.id: [] for a in articles}
    full: dict[str, list[tuple[float, float]]] = {a.id: [] for a in articles}
    for _ in range(rounds):
        for article in articles:
            w0, c0 = clock(), cpu()
            nlp(article.text)
            w1, c1 = clock(), cpu()
            analyse(article)
            w2, c2 = clock(), cpu()
            raw[article.id].append((w1 - w0, c1 - c0))
            full[article.id].append((w2 - w1, c2 - c1))
    words = sum(a.words for a in articles)

    def total(times: dict[str, list[tuple[float, float]]], k: int) -> float:
        return sum(_median([t[k] for t in times[a.id]]) for a in articles)

    texts = [a.text for a in articles]
    settings = Settings.from_env()
    batch, budget = settings.pipe_batch_size, settings.pipe_batch_words
    pipe_raw: list[tuple[float, float]] = []
    pipe_full: list[tuple[float, float]] = []
    for _ in range(rounds):
        w0, c0 = clock(), cpu()
        for group in text_batches(texts, batch, budget):
            for _doc in nlp.pipe(group, batch_size=len(group)):
                pass
        w1, c1 = clock(), cpu()
        for article, analysis in zip(articles, analyzer.analyze_many(texts, batch, budget),
                                     strict=True):
            encode(response_document(analyzer, analysis, "codepoint", article.id, 0.0))
        w2, c2 = clock(), cpu()
        pipe_raw.append((w1 - w0, c1 - c0))
        pipe_full.append((w2 - w1, c2 - c1))
    return {
        "articles": len(articles),
        "words": words,
        "rounds": rounds,
        "pipe_batch_size": batch,
        "pipe_batch_words": budget,
        "raw_words_per_second": words / total(raw, 0),
        "analysis_words_per_second": words / total(full, 0),
        "raw_words_per_cpu_second": words / total(raw, 1),
        "analysis_words_per_cpu_second": words / total(full, 1),
        "raw_pipe_words_per_second": words / min(t[0] for t in pipe_raw),
        "analysis_pipe_words_per_second": words / min(t[0] for t in pipe_full),
        "raw_pipe_words_per_cpu_second": words / min(t[1] for t in pipe_raw),
        "analysis_pipe_words_per_cpu_second": words / min(t[1] for t in pipe_full),
        "per_article": [{"id": a.id, "words": a.words,
                         "raw_s": _median([t[0] for t in raw[a.id]]),
                         "analysis_s": _median([t[0] for t in full[a.id]]),
                         "raw_cpu_s": _median([t[1] for t in raw[a.id]]),
                         "analysis_cpu_s": _median([t[1] for t in full[a.id]])}
                        for a in articles],
    }


def measure_batch_ceiling(nlp: Any, articles: Sequence[Article], size: int,
                          max_words: int, rounds: int) -> dict[str, Any]:
    """Time the raw parse as the service runs it, one article at a time and ``size`` pooled.

    One request parses its article's paragraphs in one ``nlp.pipe``; one batch request
    parses the paragraphs of all its articles together, in pipes of at most ``max_words``
    words (the service's bound on the parser's memory), and also, for comparison, with
    no bound at all. No analysis runs, so the ratio pooled / one at a time is the most a
    batch endpoint on this parser and machine can gain on these articles: the ceiling of
    the batch target.
    """
    from service.analysis.parsing import parse_texts

    texts = [a.text for a in articles]
    groups = [texts[i:i + size] for i in range(0, len(texts), size)]
    words = sum(a.words for a in articles)
    clock, cpu = time.perf_counter, time.process_time

    def one_at_a_time() -> None:
        for text in texts:
            with nlp.memory_zone():
                for _doc in parse_texts(nlp, [text]):  # as Analyzer.analyze parses
                    pass

    def pooled(budget: int) -> Callable[[], None]:
        def run() -> None:
            for group in groups:
                with nlp.memory_zone():
                    for _doc in parse_texts(nlp, group, max_words=budget):
                        pass
        return run

    ways = {"single": one_at_a_time, "pooled": pooled(max_words),
            "pooled_unbounded": pooled(sys.maxsize)}
    best = {name: (float("inf"), float("inf")) for name in ways}
    for _ in range(rounds):
        for name, way in ways.items():
            w0, c0 = clock(), cpu()
            way()
            wall, spent = clock() - w0, cpu() - c0
            best[name] = (min(best[name][0], wall), min(best[name][1], spent))
    out: dict[str, Any] = {"articles": len(articles), "words": words, "batch_size": size,
                           "max_words": max_words}
    for name, (wall, spent) in best.items():
        out[name + "_words_per_second"] = words / wall
        out[name + "_words_per_cpu_second"] = words / spent
    return out


def measure_draft_edits(analyzer: Any, articles: Sequence[Article],
                        rounds: int) -> dict[str, Any]:
    """Time an editor's re-send: a draft analysed twice, then again with one paragraph changed.

    The first analysis starts from an empty paragraph cache; the second stores every
    paragraph (a parse is stored the second time its paragraph is seen); the third, of
    the edited draft, finds every paragraph but the edited one. It is compared with the
    analysis of the edited draft from an empty cache, the work without the cache.
    """
    from service.analysis.parsing import paragraphs

    cpu = time.process_time
    first: list[float] = []
    resend: list[float] = []
    cold: list[float] = []
    used = [a for a in articles if len(paragraphs(a.text)) >= 3]
    for _ in range(rounds):
        for article in used:
            parts = paragraphs(article.text)
            middle = len(parts) // 2
            parts[middle] = "Meanwhile, " + parts[middle]
            edited = "".join(parts)
            analyzer.cache.clear()
            c0 = cpu()
            analyzer.analyze(article.text)
            first.append(cpu() - c0)
            analyzer.analyze(article.text)
            c1 = cpu()
            analyzer.analyze(edited)
            resend.append(cpu() - c1)
            analyzer.cache.clear()
            c2 = cpu()
            analyzer.analyze(edited)
            cold.append(cpu() - c2)
    analyzer.cache.clear()
    return {"articles": len(used), "rounds": rounds,
            "first_cpu_ms_p50": _median(first) * 1000,
            "resend_cpu_ms_p50": _median(resend) * 1000,
            "cold_cpu_ms_p50": _median(cold) * 1000,
            "cold_over_resend": sum(cold) / sum(resend)}


# VmHWM, the peak RSS of this address space: unlike ru_maxrss it does not carry over the
# parent's peak through fork and exec.
_PEAK_SCRIPT = """
import json, sys
from service.analysis.bounds import bound
from service.analysis.pipeline import Analyzer
from service.config import Settings
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
texts, size = json.load(sys.stdin)
nlp = bound(Analyzer.from_settings(Settings.from_env()).nlp)
before = peak()
for _doc in nlp.pipe(texts, batch_size=size):
    pass
print(peak() - before)
"""


def peak_extra_memory(texts: Sequence[str], size: int) -> float:
    """Return how far (MB) parsing ``texts`` in batches of ``size`` raises a fresh process's peak.

    Each measurement runs in its own process: freed parser arrays stay in the allocator's
    pools, so in one process a later, smaller batch would look free.
    """
    done = subprocess.run([sys.executable, "-c", _PEAK_SCRIPT], input=json.dumps([texts, size]),
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip().splitlines()[-1])


def sweep_batch_sizes(nlp: Any, texts: Sequence[str],
                      sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Time ``nlp.pipe`` at each batch size over the same texts, and its peak extra memory."""
    words = sum(count_words(t) for t in texts)
    best = {size: (float("inf"), float("inf")) for size in sizes}
    for _ in range(2):
        for size in sizes:
            w0, c0 = time.perf_counter(), time.process_time()
            for _doc in nlp.pipe(texts, batch_size=size):
                pass
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            best[size] = (min(best[size][0], wall), min(best[size][1], cpu))
    return [{"batch_size": size, "words_per_second": words / best[size][0],
             "words_per_cpu_second": words / best[size][1],
             "peak_extra_rss_mb": round(peak_extra_memory(texts, size), 1)} for size in sizes]


#: Pipelines compared for the component choice: (label, exclude, enable senter).
VARIANTS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("as served (tok2vec tagger parser attribute_ruler lemmatizer ner)", ("senter",), False),
    ("without ner", ("senter", "ner"), False),
    ("senter instead of parser", ("parser",), True),
    ("without ner, senter instead of parser", ("parser", "ner"), True),
)


def measure_components(model: str, texts: Sequence[str], rounds: int) -> list[dict[str, Any]]:
    """Time raw ``nlp.pipe`` for each pipeline variant, interleaved round by round."""
    import spacy

    pipelines = []
    for label, exclude, senter in VARIANTS:
        nlp = spacy.load(model, exclude=list(exclude))
        if senter:
            nlp.enable_pipe("senter")
        nlp("Warm up the pipeline once.")
        pipelines.append((label, nlp))
    words = sum(count_words(t) for t in texts)
    times: dict[str, list[float]] = {label: [] for label, _ in pipelines}
    cpus: dict[str, list[float]] = {label: [] for label, _ in pipelines}
    for _ in range(rounds):
        for label, nlp in pipelines:
            w0, c0 = time.perf_counter(), time.process_time()
            for _doc in nlp.pipe(texts, batch_size=8):
                pass
            times[label].append(time.perf_counter() - w0)
            cpus[label].append(time.process_time() - c0)
    base = min(cpus[pipelines[0][0]])
    return [{"pipeline": label, "components": nlp.pipe_names,
             "words_per_second": words / min(times[label]),
             "words_per_cpu_second": words / min(cpus[label]),
             "speed_vs_served": base / min(cpus[label])} for label, nlp in pipelines]


def profile_analysis(analyzer: Any, articles: Sequence[Article], top: int = 20) -> str:
    """Return cProfile's top functions (cumulative) for analysing ``articles``."""
    docs = [analyzer.nlp(a.text) for a in articles]
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        analyzer.analyze_doc(doc)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


# ----------------------------------------------------------------------------- HTTP


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """gunicorn with ``gunicorn.conf.py`` on 127.0.0.1, its workers' memory sampled."""

    def __init__(self, workers: int, log: Path, max_requests: int | None = None) -> None:
        self.workers = workers
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.max_requests = max_requests
        self.peak_rss: dict[int, int] = {}
        self.ready_seconds = float("nan")
        self._stop = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        import psutil

        # No paragraph cache: the load sends each article more than once (the cache is
        # measured in-process instead).
        env = {**os.environ, "WEB_CONCURRENCY": str(self.workers), "PORT": str(self.port),
               "RHETORIC_HOST": "127.0.0.1", "RHETORIC_PARSE_CACHE_PARAGRAPHS": "0"}
        if self.max_requests is not None:
            env["RHETORIC_MAX_REQUESTS"] = str(self.max_requests)
        started = time.perf_counter()
        self._fh = self.log.open("ab")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "service.wsgi:app"],
            cwd=ROOT, env=env, stdout=self._fh, stderr=subprocess.STDOUT)
        self.ready_seconds = self._wait_ready(started)
        self._master = psutil.Process(self._proc.pid)
        times = self._master.cpu_times()
        #: CPU the master used to import, load and warm everything before forking.
        self.ready_cpu_seconds = times.user + times.system
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        return self

    def _wait_ready(self, started: float, limit: float = 120.0) -> float:
        import http.client

        while time.perf_counter() - started < limit:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self._proc.returncode}; see {self.log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn not ready after {limit} s; see {self.log}")

    def worker_rss(self) -> dict[int, int]:
        """Return the current RSS in bytes of each worker."""
        out = {}
        for child in self._master.children():
            try:
                out[child.pid] = child.memory_info().rss
            except Exception:  # a worker exiting between listing and reading
                continue
        return out

    def worker_cpu(self) -> float:
        """Return the CPU seconds the current workers have used."""
        total = 0.0
        for child in self._master.children():
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

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._fh.close()


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


def measured_load(server: Server, requests: Sequence[Request], concurrency: int,
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
        total.errors += result.errors
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
        "failed": len(result.samples) - len(ok) + result.errors,
        "seconds": result.seconds,
        "requests_per_second": len(ok) / result.seconds,
        "documents_per_second": sum(s.documents for s in ok) / result.seconds,
        "words_per_second": sum(s.words for s in ok) / result.seconds,
        "latency_p50_ms": percentile(latencies, 50) * 1000,
        "latency_p95_ms": percentile(latencies, 95) * 1000,
        "latency_p99_ms": percentile(latencies, 99) * 1000,
        "client_cpu_seconds": result.client_cpu_seconds,
    }


def paired_latency(server: Server, analyzer: Any, article: Article,
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


def soak(server: Server, texts: Sequence[str], total: int, step: int,
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
        sent += len(result.samples) + result.errors
        points.append({"requests": sent, "failed": result.errors + sum(
            s.status != 200 for s in result.samples), "rss_mb": _mb_list(server.worker_rss())})
        print(f"  soak: {sent} requests, worker RSS {points[-1]['rss_mb']} MB", file=sys.stderr)
    return points


def _mb_list(rss: dict[int, int]) -> list[float]:
    return [round(v / 2**20, 1) for _, v in sorted(rss.items())]


# ----------------------------------------------------------------------------- report


def ratios(report: dict[str, Any]) -> dict[str, float]:
    """Return the target ratios and bounds from a report (wall clock, and CPU as ``*_cpu``)."""
    r: dict[str, float] = {}
    inproc = report.get("inprocess")
    if inproc:
        r["analysis_over_raw"] = (inproc["analysis_words_per_second"]
                                  / inproc["raw_words_per_second"])
        r["analysis_over_raw_cpu"] = (inproc["analysis_words_per_cpu_second"]
                                      / inproc["raw_words_per_cpu_second"])
        r["analysis_pipe_over_raw_pipe"] = (inproc["analysis_pipe_words_per_second"]
                                            / inproc["raw_pipe_words_per_second"])
        r["analysis_pipe_over_raw_pipe_cpu"] = (inproc["analysis_pipe_words_per_cpu_second"]
                                                / inproc["raw_pipe_words_per_cpu_second"])
    ceiling = report.get("batch_ceiling")
    if ceiling:
        for name in ("pooled", "pooled_unbounded"):
            for unit, suffix in (("words_per_second", ""), ("words_per_cpu_second", "_cpu")):
                r[f"raw_{name}_over_single{suffix}"] = (ceiling[f"{name}_{unit}"]
                                                       / ceiling[f"single_{unit}"])
    http = report.get("http") or {}
    one, two = http.get("one_worker"), http.get("two_workers")
    if one:
        lat = one["latency_seed"]
        r["http_p50_over_inprocess"] = lat["http_p50_ms"] / lat["inprocess_p50_ms"]
        r["http_p50_over_inprocess_cpu"] = lat["server_cpu_p50_ms"] / lat["inprocess_cpu_p50_ms"]
        for name, b in (http.get("batch") or {}).items():
            suffix = "" if name == "articles" else f"_{name}"
            r["batch_over_single" + suffix] = (b["batch"]["words_per_second"]
                                               / b["single"]["words_per_second"])
            r["batch_over_single" + suffix + "_cpu"] = (
                b["batch"]["words_per_server_cpu_second"]
                / b["single"]["words_per_server_cpu_second"])
        if inproc:
            r["http_over_raw"] = one["single"]["words_per_second"] / inproc["raw_words_per_second"]
            r["http_over_raw_cpu"] = (one["single"]["words_per_server_cpu_second"]
                                      / inproc["raw_words_per_cpu_second"])
        r["ready_seconds"] = one["ready_seconds"]
        r["ready_seconds_cpu"] = one["ready_cpu_seconds"]
    if one and two:
        r["two_workers_over_one"] = (two["single"]["words_per_second"]
                                     / one["single"]["words_per_second"])
        # Throughput per CPU-second of two workers over one, times the workers: the speed-up
        # two workers would reach with both cores to themselves.
        r["two_workers_over_one_cpu"] = two["workers"] * (
            two["single"]["words_per_server_cpu_second"]
            / one["single"]["words_per_server_cpu_second"])
        r["ready_seconds"] = max(one["ready_seconds"], two["ready_seconds"])
        r["ready_seconds_cpu"] = max(one["ready_cpu_seconds"], two["ready_cpu_seconds"])
    peaks = [v for run in (one, two) if run for v in run["peak_rss_mb"]]
    if report.get("soak"):
        peaks += report["soak"]["points"][-1]["rss_mb"]
    if peaks:
        r["peak_rss_mb"] = max(peaks)
    return r


def format_table(report: dict[str, Any]) -> str:
    """Return the printed summary: figures, ratios and targets."""
    lines = []
    inproc = report.get("inprocess")
    head = (f"{'measure':<44}{'words/s':>9}{'w/cpu-s':>9}{'req/s':>7}{'cores':>6}"
            f"{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    if inproc:
        lines += [
            f"corpus: {inproc['articles']} articles, {inproc['words']:,} words; "
            f"{inproc['rounds']} rounds; nlp.pipe batches of <= {inproc['pipe_batch_size']} "
            f"documents, <= {inproc['pipe_batch_words']} words",
            head,
        ]
        for label, key in (("1 raw spaCy nlp(text)", "raw"),
                           ("1 raw spaCy nlp.pipe", "raw_pipe"),
                           ("2 analysis in-process, one by one", "analysis"),
                           ("2 analysis in-process, analyze_many", "analysis_pipe")):
            lines.append(f"{label:<44}{inproc[key + '_words_per_second']:>9,.0f}"
                         f"{inproc[key + '_words_per_cpu_second']:>9,.0f}")
        edits = report.get("draft_edits")
        if edits:
            lines.append(f"2 draft sent again, one paragraph edited: CPU ms p50 "
                         f"{edits['resend_cpu_ms_p50']:.0f} with the paragraph cache, "
                         f"{edits['cold_cpu_ms_p50']:.0f} without "
                         f"({edits['cold_over_resend']:.1f}x; {edits['articles']} articles)")
    http = report.get("http") or {}
    for key, label in (("one_worker", "1 worker"), ("two_workers", "2 workers")):
        run = http.get(key)
        if not run:
            continue
        if "latency_seed" in run:
            lat = run["latency_seed"]
            lines.append(f"{'3 HTTP ' + label + ' c=1, ' + lat['article'][:12]:<44}{'':>9}{'':>9}"
                         f"{'':>7}{'':>6}{lat['http_p50_ms']:>8.0f}{lat['http_p95_ms']:>8.0f}"
                         f"{lat['http_p99_ms']:>8.0f}")
            lines.append(f"{'  same article in-process, alternated':<44}{'':>9}{'':>9}{'':>7}"
                         f"{'':>6}{lat['inprocess_p50_ms']:>8.0f}")
            lines.append(f"{'  CPU ms: worker per request / in-process':<44}"
                         f"{lat['server_cpu_p50_ms']:>9.0f}{lat['inprocess_cpu_p50_ms']:>9.0f}")
        rows = [(run["single"], f"3 HTTP {label}, articles, c={run['single_concurrency']}")]
        if key == "one_worker":
            for name, b in (http.get("batch") or {}).items():
                rows.append((b["single"], f"3 HTTP 1 worker, {b['documents']} {name}, 1/request"))
                rows.append((b["batch"], f"3 HTTP 1 worker, same {name}, {b['batch_size']}/batch"))
        for m, name in rows:
            lines.append(f"{name:<44}{m['words_per_second']:>9,.0f}"
                         f"{m['words_per_server_cpu_second']:>9,.0f}"
                         f"{m['requests_per_second']:>7.2f}{m['cores_used']:>6.2f}"
                         f"{m['latency_p50_ms']:>8.0f}{m['latency_p95_ms']:>8.0f}"
                         f"{m['latency_p99_ms']:>8.0f}")
        lines.append(f"  ready after {run['ready_seconds']:.2f} s ({run['ready_cpu_seconds']:.2f} "
                     f"CPU-s); peak RSS per worker {run['peak_rss_mb']} MB")
    if report.get("soak"):
        s = report["soak"]
        first = s["points"][1] if len(s["points"]) > 1 else s["points"][0]
        last = s["points"][-1]
        lines.append(f"soak: {last['requests']} requests, {s['workers']} workers, no recycling: "
                     f"RSS {first['rss_mb']} MB after {first['requests']} -> "
                     f"{last['rss_mb']} MB after {last['requests']}")
    for name, sweep in (report.get("batch_sizes") or {}).items():
        lines.append(f"nlp.pipe on {name}, batch size: words per CPU-second (peak extra MB): "
                     + ", ".join(f"{b['batch_size']}: {b['words_per_cpu_second']:,.0f} "
                                 f"({b['peak_extra_rss_mb']:.0f})" for b in sweep))
    if isinstance(report.get("components"), list):
        lines.append("pipeline variants, raw nlp.pipe words per CPU-second:")
        for c in report["components"]:
            lines.append(f"  {c['pipeline']:<66}{c['words_per_cpu_second']:>8,.0f}  "
                         f"x{c['speed_vs_served']:.2f}")
    r = report.get("ratios", {})
    lines.append(f"{'ratios':<44}{'wall':>9}{'CPU':>9}")
    ceiling = report.get("batch_ceiling")
    pooled = f"raw parse: {ceiling['batch_size']} articles pooled" if ceiling else ""
    for name, key in (("analyze_many / nlp.pipe", "analysis_pipe_over_raw_pipe"),
                      ("HTTP 1 worker / raw nlp(text)", "http_over_raw"),
                      (f"{pooled} / one by one", "raw_pooled_over_single"),
                      ("  the same, no bound on words per pipe",
                       "raw_pooled_unbounded_over_single")):
        if key in r:
            lines.append(f"  {name:<42}{r[key]:>9.3f}{r.get(key + '_cpu', float('nan')):>9.3f}")
    lines.append(f"{'targets':<44}{'wall':>9}{'CPU':>9}")
    for name, key, op, bound in TARGETS:
        if key not in r:
            lines.append(f"  {name:<42}{'not measured':>18}")
            continue
        cells, verdicts = [], []
        for k in (key, key + "_cpu"):
            value = r.get(k)
            if value is None:
                cells.append(f"{'':>9}")
                continue
            cells.append(f"{value:>9.3f}")
            met = value >= bound if op == ">=" else value <= bound
            verdicts.append(("met" if met else "NOT MET") + (" (CPU)" if k != key else ""))
        lines.append(f"  {name:<42}{''.join(cells)}  {op} {bound:<6} {', '.join(verdicts)}")
    return "\n".join(lines)


def plot(report: dict[str, Any], path: Path) -> None:
    """Draw latency distributions, throughput against article length, and memory."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(17, 5))
    ax = axes[0]
    one = (report.get("http") or {}).get("one_worker") or {}
    lat = one.get("latency_seed")
    if lat:
        bins = 40
        ax.hist(lat["http_latencies_ms"], bins=bins, alpha=0.6, label="HTTP, 1 worker, c=1")
        ax.hist(lat["inprocess_ms"], bins=bins, alpha=0.6, label="in-process analysis")
        ax.set_title(f"latency, {lat['article']} ({lat['words']} words)")
        ax.set_xlabel("ms")
        ax.set_ylabel("requests")
        ax.legend()
    ax = axes[1]
    inproc = report.get("inprocess")
    if inproc:
        rows = sorted(inproc["per_article"], key=lambda a: a["words"])
        words = [a["words"] for a in rows]
        ax.plot(words, [a["words"] / a["raw_s"] for a in rows], "o-", label="raw spaCy nlp(text)")
        ax.plot(words, [a["words"] / a["analysis_s"] for a in rows], "s-",
                label="analysis in-process")
        ax.set_title("throughput against article length")
        ax.set_xlabel("words per article")
        ax.set_ylabel("words/s")
        ax.set_ylim(bottom=0)
        ax.legend()
    ax = axes[2]
    if report.get("soak"):
        points = report["soak"]["points"]
        for w in range(len(points[-1]["rss_mb"])):
            ax.plot([p["requests"] for p in points],
                    [p["rss_mb"][w] if w < len(p["rss_mb"]) else float("nan") for p in points],
                    "o-", label=f"worker {w + 1}")
        ax.axhline(350, color="red", linestyle="--", label="target 350 MB")
        ax.set_title("worker RSS during the soak (no recycling)")
        ax.set_xlabel("requests")
        ax.set_ylabel("MB")
        ax.set_ylim(bottom=0)
        ax.legend()
    else:
        http = report.get("http") or {}
        labels, values = [], []
        for key, label in (("one_worker", "1 worker"), ("two_workers", "2 workers")):
            run = http.get(key)
            if run:
                labels.append(label)
                values.append(run["single"]["words_per_second"])
                if "batch" in run:
                    labels.append(f"{label}, batch")
                    values.append(run["batch"]["words_per_second"])
        if inproc:
            labels = ["raw spaCy", "in-process", *labels]
            values = [inproc["raw_words_per_second"], inproc["analysis_words_per_second"],
                      *values]
        ax.bar(labels, values)
        ax.set_title("throughput")
        ax.set_ylabel("words/s")
        ax.tick_params(axis="x", rotation=30)
    fig.suptitle(f"rhetoric bench, {report['started']}, {os.cpu_count()} cores")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


# ----------------------------------------------------------------------------- main


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Add the benchmark's options to ``parser``."""
    p = parser or argparse.ArgumentParser(prog="rhetoric bench", description=__doc__)
    p.add_argument("--output", type=Path, default=Path("bench-output"))
    p.add_argument("--articles", type=int, default=24, help="generated articles (plus seeds)")
    p.add_argument("--rounds", type=int, default=2, help="in-process passes over the corpus")
    p.add_argument("--duration", type=float, default=25.0, help="seconds per HTTP load run")
    p.add_argument("--batch-size", type=int, default=8, help="documents per batch request")
    p.add_argument("--soak", type=int, default=0,
                   help="also send this many requests (e.g. 10000) and track worker RSS")
    p.add_argument("--skip-http", action="store_true")
    p.add_argument("--skip-components", action="store_true")
    p.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    return p


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark; return the report (also written to ``args.output``)."""
    from service.analysis.bounds import bound
    from service.analysis.pipeline import Analyzer

    args.output.mkdir(parents=True, exist_ok=True)
    log = args.output / "gunicorn.log"
    log.write_bytes(b"")
    settings = Settings.from_env()
    report: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"),
                              "cores": os.cpu_count(), "settings": {
                                  "spacy_model": settings.spacy_model,
                                  "exclude": list(settings.exclude),
                                  "pipe_batch_size": settings.pipe_batch_size},
                              "load_average_at_start": os.getloadavg()}
    say = _say
    t0 = time.perf_counter()
    # The analyzer the service runs: create_app bounds the tokenizer and sentence length.
    analyzer = Analyzer.from_settings(settings)
    bound(analyzer.nlp)
    report["inprocess_build_seconds"] = time.perf_counter() - t0
    report["pipeline"] = analyzer.nlp.pipe_names
    seeds = seed_texts()
    articles = make_corpus(seeds, args.articles)
    report["corpus"] = [{"id": a.id, "words": a.words} for a in articles]
    say(f"corpus: {len(articles)} articles, {sum(a.words for a in articles):,} words")

    say("in-process: raw spaCy and the analysis, interleaved ...")
    report["inprocess"] = measure_inprocess(analyzer, articles, args.rounds)
    if args.profile:
        report["profile"] = profile_analysis(analyzer, articles)
        print(report["profile"])
    sample = [a.text for a in articles[: max(8, len(articles) // 2)]]
    say("in-process: a draft sent again with one paragraph edited ...")
    report["draft_edits"] = measure_draft_edits(analyzer, articles, args.rounds)
    say(f"raw parse: each article alone, then {args.batch_size} pooled (the batch ceiling) ...")
    report["batch_ceiling"] = measure_batch_ceiling(
        analyzer.nlp, articles, args.batch_size, settings.pipe_batch_words, args.rounds)
    say("nlp.pipe batch sizes: articles, then short paragraphs ...")
    longest = sorted((a.text for a in articles), key=len)[-8:]
    report["batch_sizes"] = {
        "articles": sweep_batch_sizes(analyzer.nlp, longest, (1, 2, 4, 8)),
        "paragraphs": sweep_batch_sizes(analyzer.nlp, novel_texts(seeds, 128, seed=3),
                                        (1, 4, 16, 64))}
    if not args.skip_components:
        say("pipeline variants ...")
        report["components"] = measure_components(settings.spacy_model, sample[:8], 2)

    if not args.skip_http:
        report["http"] = run_http(args, analyzer, articles, seeds, log)
    if args.soak:
        workers = os.cpu_count() or 2
        say(f"soak: {args.soak} requests, {workers} workers, recycling off ...")
        with Server(workers, log, max_requests=0) as server:
            texts = novel_texts(seeds, 2000)
            report["soak"] = {"workers": workers, "points": soak(
                server, texts, args.soak, max(args.soak // 10, 1), 2 * workers)}
    report["load_average_at_end"] = os.getloadavg()
    report["ratios"] = ratios(report)
    (args.output / "bench-report.json").write_text(
        json.dumps(report, indent=2, default=_json_default) + "\n", encoding="utf-8")
    plot(report, args.output / "bench.png")
    return report


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
    _say(f"HTTP: gunicorn with 1 and with {many_workers} workers on 127.0.0.1 ...")
    with Server(1, log) as one, Server(many_workers, log) as many:
        _say("  latency: one request at a time, alternated with the in-process analysis ...")
        latency = paired_latency(one, analyzer, articles[0], args.duration)
        singles: dict[int, list[tuple[LoadResult, float]]] = {1: [], many_workers: []}
        _say(f"  one article per request, {rounds} alternated rounds ...")
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
            _say(f"  the same {name} one per request and in batches of {size} ...")
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


def _json_default(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    raise TypeError(type(value).__name__)


def _say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run the benchmark and print the table."""
    report = run(args)
    out(format_table(report))
    out(f"load average {report['load_average_at_start']} at start, "
        f"{report['load_average_at_end']} at end (other processes share the cores)")
    out(f"report: {args.output / 'bench-report.json'}  plot: {args.output / 'bench.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(build_parser().parse_args()))
