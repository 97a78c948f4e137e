"""In-process measures: raw spaCy against the analysis, pipes, batch sizes, components."""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from rhetoric_tools.bench.corpus import Article, count_words
from rhetoric_tools.checkout import ROOT
from service.config import Settings


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
