"""``rhetoric bench``: its options, the run in order, and what it prints."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import rhetoric_tools.bench
from rhetoric_tools.bench import say
from rhetoric_tools.bench.corpus import make_corpus, novel_texts, seed_texts
from rhetoric_tools.bench.encoder import measure_encoder
from rhetoric_tools.bench.inprocess import (
    measure_batch_ceiling,
    measure_components,
    measure_draft_edits,
    measure_inprocess,
    profile_analysis,
    sweep_batch_sizes,
)
from rhetoric_tools.bench.over_http import NO_CACHE, run_http, soak
from rhetoric_tools.bench.report import format_table, plot, ratios
from rhetoric_tools.harness import Gunicorn
from service.config import Settings


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Add the benchmark's options to ``parser``."""
    p = parser or argparse.ArgumentParser(prog="rhetoric bench",
                                          description=rhetoric_tools.bench.__doc__)
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
    p.add_argument("--cost", action="store_true",
                   help="only measure CPU per token by kind of character (prose, emoji, "
                        "punctuation, brackets) at two sizes, and print the table")
    p.add_argument("--cost-sizes", default="5000,20000", help="the two sizes, in tokens")
    archive = p.add_argument_group(
        "archive mode and Dask on a corpus (instead of the runs above)",
        "rhetoric bench --archive ../shared/corpus/allsides_5k.jsonl: archive mode against "
        "the raw spaCy parse in CPU time, and --dask on a LocalCluster of 2 workers against "
        "1 on the same partitions (docs/scale.md)")
    archive.add_argument("--archive", type=Path, default=None, metavar="CORPUS",
                         help="a JSONL corpus of {id, text, ...} lines, read where it lies")
    archive.add_argument("--sample", type=int, default=300,
                         help="articles taken from it, evenly spread (default 300)")
    archive.add_argument("--partitions", type=int, default=None,
                         help="Dask partitions of the sample (default: as many as the whole "
                              "corpus makes at rhetoric analyze's default partition size, so "
                              "each worker gets as many tasks as in a run on the corpus)")
    archive.add_argument("--shape", choices=("full", "summary"), default="full",
                         help="archive mode's output shape (default full)")
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
    say("in-process: the analysis with and without the sentence encoder ...")
    report["encoder"] = measure_encoder(analyzer, articles, args.rounds)
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
        with Gunicorn(workers, log, {**NO_CACHE, "RHETORIC_MAX_REQUESTS": "0"}) as server:
            texts = novel_texts(seeds, 2000)
            report["soak"] = {"workers": workers, "points": soak(
                server, texts, args.soak, max(args.soak // 10, 1), 2 * workers)}
    report["load_average_at_end"] = os.getloadavg()
    report["ratios"] = ratios(report)
    (args.output / "bench-report.json").write_text(
        json.dumps(report, indent=2, default=_json_default) + "\n", encoding="utf-8")
    plot(report, args.output / "bench.png")
    return report


def cost(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Measure and print the cost per token by kind of character (``--cost``)."""
    from rhetoric_tools.bench.cost import format_cost, measure_cost
    from service.analysis.pipeline import Analyzer

    settings = Settings.from_env(parse_cache_paragraphs=0)
    first, second = (int(n) for n in args.cost_sizes.split(","))
    analyzer = Analyzer.from_settings(settings)
    rows = measure_cost(analyzer, (first, second), rounds=1)
    out(format_cost(rows, (first, second), settings.max_text_tokens, settings.request_timeout))
    out(f"load average {os.getloadavg()} (other processes share the cores)")
    return 0


def _json_default(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    raise TypeError(type(value).__name__)


def main(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run the benchmark and print the table."""
    if getattr(args, "cost", False):
        return cost(args, out)
    if getattr(args, "archive", None) is not None:
        from rhetoric_tools.bench import archive

        measured = archive.run(args)
        out(archive.format_report(measured))
        out(f"report: {args.output / 'archive-bench.json'}")
        return 0
    report = run(args)
    out(format_table(report))
    out(f"load average {report['load_average_at_start']} at start, "
        f"{report['load_average_at_end']} at end (other processes share the cores)")
    out(f"report: {args.output / 'bench-report.json'}  plot: {args.output / 'bench.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(build_parser().parse_args()))
