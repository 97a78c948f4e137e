"""Smoke tests of the benchmark's pieces (no timing is asserted; ``rhetoric bench`` measures)."""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from rhetoric_tools.bench.corpus import (
    _paragraphs,
    count_words,
    make_corpus,
    novel_texts,
    seed_texts,
)
from rhetoric_tools.bench.inprocess import measure_batch_ceiling
from rhetoric_tools.bench.over_http import batch_requests, single_requests
from rhetoric_tools.bench.report import format_table, plot, ratios
from rhetoric_tools.loadgen import Request, percentile, run_load

from service.analysis import parsing
from service.analysis.parsing import paragraphs, readable


def test_corpus_is_deterministic_and_within_the_lengths() -> None:
    seeds = seed_texts()
    corpus = make_corpus(seeds, 12)
    assert corpus == make_corpus(seeds, 12)
    assert corpus != make_corpus(seeds, 12, seed=6)
    assert [a.text for a in corpus[:len(seeds)]] == [t for _, t in seeds]
    generated = corpus[len(seeds):]
    assert len(generated) == 12
    assert all(200 <= a.words <= 2000 for a in generated), [a.words for a in generated]
    assert max(a.words for a in generated) > 1500
    seed_sentences = {s for p in _paragraphs([t for _, t in seeds]) for s in p}
    lead = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+, a spokesperson for [A-Z][a-z]+, said "
                      r"[\d,]+ people were affected\. ")
    paragraphs = []
    for article in generated:
        assert article.words == count_words(article.text)
        for paragraph in article.text.splitlines():
            opening = lead.match(paragraph)
            assert opening, paragraph
            assert _is_made_of(paragraph[opening.end():], seed_sentences), paragraph
            paragraphs.append(paragraph)
    # No paragraph repeats: repetition would hand the paragraph cache free hits.
    assert len(set(paragraphs)) == len(paragraphs)


def _is_made_of(paragraph: str, sentences: set[str]) -> bool:
    """Return whether ``paragraph`` is seed sentences joined by single spaces."""
    if not paragraph:
        return True
    return any(paragraph.startswith(s) and _is_made_of(paragraph[len(s):].lstrip(" "), sentences)
               for s in sentences)


def test_novel_texts_bring_new_words() -> None:
    seeds = seed_texts()
    known = {w.lower() for _, t in seeds for w in t.split()}
    texts = novel_texts(seeds, 50)
    assert texts == novel_texts(seeds, 50)
    new = [{w.lower().strip(",") for w in t.split()} - known for t in texts]
    assert all(n for n in new)
    assert len(set.union(*new)) > 100


def test_batch_requests_carry_every_article_once() -> None:
    corpus = make_corpus(seed_texts(), 5)
    batches = batch_requests(corpus, 3)
    assert [b.documents for b in batches] == [3, 3, 1]
    assert sum(b.words for b in batches) == sum(a.words for a in corpus)
    ids = [d["id"] for b in batches for d in json.loads(b.body)["documents"]]
    assert ids == [a.id for a in corpus]
    assert [json.loads(r.body)["id"] for r in single_requests(corpus)] == ids


def test_batch_ceiling_parses_every_article_each_way(monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    seen: list[str] = []

    @spacy.Language.component("record_bench_texts")
    def record(doc: Any) -> Any:
        seen.append(doc.text)
        return doc

    nlp.add_pipe("record_bench_texts")
    articles = make_corpus(seed_texts(), 3)
    calls: list[tuple[int, int | None]] = []
    real = parsing.parse_texts

    def recording(nlp_: Any, texts: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append((len(texts), kwargs.get("max_words")))
        return real(nlp_, texts, *args, **kwargs)

    monkeypatch.setattr(parsing, "parse_texts", recording)
    out = measure_batch_ceiling(nlp, articles, 2, 2000, rounds=1)
    # One article per call as a request parses it; then groups of 2, bounded and not.
    n = len(articles)
    groups = [min(2, n - i) for i in range(0, n, 2)]
    assert calls == ([(1, None)] * n + [(g, 2000) for g in groups]
                     + [(g, sys.maxsize) for g in groups])
    assert out["words"] == sum(a.words for a in articles) and out["batch_size"] == 2
    for way in ("single", "pooled", "pooled_unbounded"):
        assert out[way + "_words_per_second"] > 0 and out[way + "_words_per_cpu_second"] > 0
    # Three ways, each parsing every paragraph of every article once.
    pieces = [readable(p) for a in articles for p in paragraphs(a.text)]  # as parsed
    assert sorted(seen) == sorted(pieces * 3)


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 99) == 5.0
    assert percentile(list(range(101)), 95) == 95


class _Echo(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200 if body != b"fail" else 500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def echo_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_load_generator_is_bounded_and_counts(echo_url: str) -> None:
    requests = [Request("/x", b"ok", 3), Request("/x", b"fail", 5)]
    result = run_load(echo_url, requests, concurrency=3, duration=30, max_requests=20)
    assert len(result.samples) == 20
    assert len(result.ok()) == 10
    assert sum(s.words for s in result.ok()) == 30
    assert result.seconds < 30


def test_load_generator_refuses_other_hosts() -> None:
    with pytest.raises(ValueError, match="loopback"):
        run_load("http://192.0.2.1:80", [Request("/", b"", 0)], 1, 1)


def _fake_report() -> dict[str, Any]:
    per_article = [{"id": f"a{i}", "words": 200 * i, "raw_s": 0.01 * i, "analysis_s": 0.012 * i,
                    "raw_cpu_s": 0.01 * i, "analysis_cpu_s": 0.011 * i} for i in range(1, 5)]
    inproc = {"articles": 4, "words": 2000, "rounds": 1, "pipe_batch_size": 8,
              "pipe_batch_words": 2000,
              "per_article": per_article}
    for key, value in (("raw", 1000.0), ("analysis", 900.0), ("raw_pipe", 1100.0),
                       ("analysis_pipe", 950.0)):
        inproc[key + "_words_per_second"] = value
        inproc[key + "_words_per_cpu_second"] = value * 1.1
    load = {"words_per_second": 800.0, "words_per_server_cpu_second": 850.0,
            "requests_per_second": 2.0, "cores_used": 0.9, "latency_p50_ms": 100.0,
            "latency_p95_ms": 150.0, "latency_p99_ms": 170.0}
    one = {"workers": 1, "ready_seconds": 4.0, "ready_cpu_seconds": 3.0, "single_concurrency": 2,
           "single": load, "peak_rss_mb": [300.0],
           "latency_seed": {"article": "seed", "words": 540, "http_latencies_ms": [100, 110],
                            "inprocess_ms": [90, 95], "http_p50_ms": 105.0, "http_p95_ms": 110.0,
                            "http_p99_ms": 110.0, "inprocess_p50_ms": 92.5,
                            "server_cpu_p50_ms": 95.0, "inprocess_cpu_p50_ms": 90.0}}
    two = {**one, "workers": 2, "single_concurrency": 4, "peak_rss_mb": [310.0, 320.0],
           "single": {**load, "words_per_second": 1500.0}}
    batch = {name: {"documents": 4, "words": 2000, "batch_size": 2, "single": load,
                    "batch": {**load, "words_per_second": speed}}
             for name, speed in (("articles", 1100.0), ("paragraphs", 1200.0))}
    ceiling = {"articles": 4, "words": 2000, "batch_size": 2, "max_words": 2000}
    for key, value in (("single", 1000.0), ("pooled", 1100.0), ("pooled_unbounded", 1150.0)):
        ceiling[key + "_words_per_second"] = value
        ceiling[key + "_words_per_cpu_second"] = value * 1.2
    return {"started": "now", "inprocess": inproc, "batch_ceiling": ceiling,
            "http": {"one_worker": one, "two_workers": two, "batch": batch},
            "soak": {"workers": 2, "points": [{"requests": 0, "rss_mb": [250.0, 250.0]},
                                              {"requests": 1000, "rss_mb": [330.0, 400.0]}]}}


def test_ratios_table_and_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    report = _fake_report()
    report["ratios"] = r = ratios(report)
    assert r["analysis_over_raw"] == pytest.approx(0.9)
    assert r["two_workers_over_one"] == pytest.approx(1.875)
    assert r["batch_over_single"] == pytest.approx(1.375)
    assert r["batch_over_single_paragraphs"] == pytest.approx(1.5)
    assert r["peak_rss_mb"] == 400.0
    assert r["raw_pooled_over_single"] == pytest.approx(1.1)
    assert r["raw_pooled_unbounded_over_single_cpu"] == pytest.approx(1.15)
    table = format_table(report)
    assert re.search(r"raw parse: 2 articles pooled / one by one +1\.100 +1\.100", table), table
    assert "peak RSS per worker (MB)" in table and "NOT MET" in table
    assert "2 workers / 1 worker throughput" in table
    plot(report, tmp_path / "bench.png")
    assert (tmp_path / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_encoder_cost_compares_the_same_analyzer_with_and_without_it(analyzer: Any) -> None:
    from rhetoric_tools.bench.encoder import measure_encoder

    articles = make_corpus(seed_texts(), 2)[:2]
    m = measure_encoder(analyzer, articles, rounds=1)
    writer = sum(s.voice == "writer" for a in articles
                 for s in analyzer.analyze(a.text).sentences)
    assert m["sentences_encoded"] == writer > 0
    assert m["words"] == sum(a.words for a in articles)
    # Both runs did the work (positive throughput); the encoder's memory was measured in a
    # separate interpreter that loaded it.
    assert m["on_words_per_cpu_second"] > 0 and m["off_words_per_cpu_second"] > 0
    assert m["rss"]["after_mb"] > m["rss"]["before_mb"]
    report: dict[str, Any] = {"encoder": m, "inprocess": None}
    report["ratios"] = r = ratios(report)
    assert r["encoder_ms_per_sentence_cpu"] == m["cpu_ms_per_encoded_sentence"]
    assert r["encoder_extra_rss_mb"] == m["rss"]["extra_mb"]
    assert "analysis_over_raw_encoder_off_cpu" not in r  # no raw figure to compare with
    table = format_table(report)
    assert "encoder CPU ms per sentence encoded" in table
    assert "not measured" not in table.split("encoder CPU ms")[1].splitlines()[0]


def test_encoder_cost_is_skipped_when_the_encoder_is_off(analyzer: Any) -> None:
    import dataclasses

    from rhetoric_tools.bench.encoder import measure_encoder

    off = dataclasses.replace(analyzer, encoder=None)
    assert "skipped" in measure_encoder(off, make_corpus(seed_texts(), 1)[:1], rounds=1)


def test_the_archive_bench_cuts_its_sample_as_the_whole_corpus_would_be_cut(tmp_path):
    from rhetoric_tools.bench.archive import corpus_partitions

    from service.archive.cluster import DEFAULT_BLOCKSIZE

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b"x" * (2 * DEFAULT_BLOCKSIZE + 1))
    assert corpus_partitions(corpus) == 3
    corpus.write_bytes(b"x" * DEFAULT_BLOCKSIZE)
    assert corpus_partitions(corpus) == 1
    corpus.write_bytes(b"")
    assert corpus_partitions(corpus) == 1
