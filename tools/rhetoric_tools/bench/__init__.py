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

import sys
import time


def say(message: str) -> None:
    """Print a progress line to stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
