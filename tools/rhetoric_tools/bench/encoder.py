"""What the sentence encoder costs: the analysis with it and without it, and its memory.

The same analyzer is run twice over the corpus, interleaved article by article: as
configured (the encoder's cue on the writer's own sentences) and with the encoder taken out
(:func:`dataclasses.replace`, sharing the parser, so only the encoder differs). The cost per
encoded sentence is the CPU time between the two divided by the sentences encoded; the
encoder's own calls are also timed alone on the same sentences. Its resident memory is
measured in a fresh interpreter: RSS after importing onnxruntime and tokenizers, loading
the model and running it, minus RSS before (numpy, which every worker loads for spaCy
anyway, is imported first).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from rhetoric_tools.bench.corpus import Article
from service.analysis.pipeline import encoded

_RSS_PROBE = r"""
import json, sys
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import numpy  # every worker has it already (spaCy's dependency): not the encoder's cost
before = rss()
from rhetoric_lexicons import DIRECTORY
from service.analysis.encoder import Encoder
encoder = Encoder.load(DIRECTORY / "encoder", verify=True)
for sentence in json.loads(sys.stdin.read()):
    encoder.embed(sentence)
print(json.dumps({"before_mb": before, "after_mb": rss()}))
"""


def encoder_rss_mb(sentences: Sequence[str]) -> dict[str, float]:
    """Return the RSS of a fresh interpreter before and after loading and running the encoder."""
    out = subprocess.run([sys.executable, "-c", _RSS_PROBE], input=json.dumps(list(sentences)),
                         capture_output=True, text=True, check=True)
    record = json.loads(out.stdout)
    return {**record, "extra_mb": record["after_mb"] - record["before_mb"]}


def measure_encoder(analyzer: Any, articles: Sequence[Article], rounds: int) -> dict[str, Any]:
    """Return the analysis throughput with and without the encoder, and its cost."""
    if analyzer.encoder is None:
        return {"skipped": "the encoder is off (RHETORIC_ENCODER=off)"}
    without = dataclasses.replace(analyzer, encoder=None,
                                  opinion=analyzer.opinion_without_encoder)
    cpu = time.process_time
    on_cpu = off_cpu = 0.0
    texts: list[str] = []
    for r in range(rounds):
        for article in articles:
            analyzer.cache.clear()
            c0 = cpu()
            analysis = analyzer.analyze(article.text)
            c1 = cpu()
            analyzer.cache.clear()
            without.analyze(article.text)
            c2 = cpu()
            on_cpu += c1 - c0
            off_cpu += c2 - c1
            if r == 0:
                chosen = encoded([s.voice for s in analysis.sentences])
                texts += [s.text for s in analysis.sentences if s.index in chosen]
    c0 = cpu()
    for sentence in texts:
        analyzer.encoder.value(sentence)
    alone = cpu() - c0
    words = sum(a.words for a in articles) * rounds
    sentences = len(texts) * rounds
    return {
        "articles": len(articles), "rounds": rounds, "words": words,
        "sentences_encoded": sentences,
        "sentences_encoded_per_round": len(texts),
        "on_words_per_cpu_second": words / on_cpu,
        "off_words_per_cpu_second": words / off_cpu,
        "on_over_off_cpu": off_cpu / on_cpu,
        "cpu_ms_per_encoded_sentence": 1000 * (on_cpu - off_cpu) / max(sentences, 1),
        "encoder_alone_cpu_ms_per_sentence": 1000 * alone / max(len(texts), 1),
        "rss": encoder_rss_mb(texts[:50]),
    }
