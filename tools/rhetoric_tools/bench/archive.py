"""``rhetoric bench --archive CORPUS``: archive mode and Dask on real articles, in one run.

1. Archive mode in one process (``service.archive.run``, reading the JSONL, analysing,
   writing every line with its metadata) against the raw spaCy parse of the same
   articles (``nlp.pipe`` in the same batches, the bench's reference), both in CPU
   seconds of this process, interleaved round by round, best round of each.
2. ``rhetoric analyze --dask`` on a LocalCluster of 1 worker, then of 2 workers, on the
   same partitions of the same sample: words per wall-second of the analysis (the
   cluster's start and each worker's analyzer build left out, as the worker plugin does
   them before the tasks run).

The sample is every k-th article of the corpus (evenly spread over it), written with its
metadata to a temporary JSONL file; the corpus is read where it lies.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from rhetoric_tools.bench import say
from rhetoric_tools.bench.corpus import count_words

#: The targets of issue 21, as (name, key, bound).
TARGETS = (("archive mode / raw spaCy, words per CPU-second", "archive_over_raw_cpu", 0.85),
           ("Dask 2 workers / 1 worker, words per second", "two_over_one", 1.8))


def sample_corpus(corpus: Path, count: int, out: Path) -> dict[str, Any]:
    """Write every k-th line of ``corpus`` (``count`` of them) to ``out``; describe the sample."""
    with corpus.open("rb") as fh:
        total = sum(1 for line in fh if line.strip())
    step = max(1, total // count)
    kept, words = 0, 0
    with corpus.open("rb") as fh, out.open("wb") as sink:
        for number, line in enumerate(line for line in fh if line.strip()):
            if number % step or kept >= count:
                continue
            words += count_words(json.loads(line)["text"])
            sink.write(line if line.endswith(b"\n") else line + b"\n")
            kept += 1
    return {"corpus": str(corpus), "corpus_articles": total, "articles": kept, "step": step,
            "words": words, "bytes": out.stat().st_size}


def measure_archive(analyzer: Any, sample: Path, words: int, rounds: int,
                    shape: str) -> dict[str, Any]:
    """Time raw ``nlp.pipe`` and archive mode on ``sample``, interleaved; CPU and wall."""
    from service.analysis.parsing import text_batches
    from service.archive import Job, run
    from service.config import Settings

    settings = Settings.from_env()
    texts = [json.loads(line)["text"] for line in sample.read_text("utf-8").splitlines()]
    job = Job(max_chars=settings.max_text_chars, batch_size=settings.pipe_batch_size,
              batch_words=settings.pipe_batch_words, shape=shape)
    raw: list[tuple[float, float]] = []
    archive: list[tuple[float, float]] = []
    for round_ in range(rounds):
        say(f"round {round_ + 1}/{rounds}: raw spaCy nlp.pipe ...")
        w0, c0 = time.perf_counter(), time.process_time()
        for group in text_batches(texts, settings.pipe_batch_size, settings.pipe_batch_words):
            for _doc in analyzer.nlp.pipe(group, batch_size=len(group)):
                pass
        raw.append((time.perf_counter() - w0, time.process_time() - c0))
        say(f"round {round_ + 1}/{rounds}: archive mode, 1 process ...")
        with tempfile.TemporaryDirectory(prefix="rhetoric-bench-") as folder:
            output = Path(folder) / "results.jsonl"
            w0, c0 = time.perf_counter(), time.process_time()
            counts = run(analyzer, sample, output, job, processes=1, progress=False)
            archive.append((time.perf_counter() - w0, time.process_time() - c0))
            with_metadata = sum(1 for line in output.open("rb") if b'"metadata":' in line)
        assert counts["words"] == words, (counts["words"], words)
    raw_cpu, archive_cpu = min(c for _, c in raw), min(c for _, c in archive)
    return {"rounds": rounds, "shape": shape, "raw": raw, "archive": archive,
            "lines_with_metadata": with_metadata, "errors": counts["errors"],
            "raw_words_per_cpu_second": words / raw_cpu,
            "archive_words_per_cpu_second": words / archive_cpu,
            "raw_words_per_second": words / min(w for w, _ in raw),
            "archive_words_per_second": words / min(w for w, _ in archive),
            "archive_over_raw_cpu": raw_cpu / archive_cpu,
            "archive_over_raw_wall": min(w for w, _ in raw) / min(w for w, _ in archive)}


def corpus_partitions(corpus: Path) -> int:
    """Return how many partitions ``rhetoric analyze --dask`` cuts the whole corpus into."""
    from service.archive.cluster import DEFAULT_BLOCKSIZE

    return max(1, math.ceil(corpus.stat().st_size / DEFAULT_BLOCKSIZE))


def measure_dask(sample: Path, partitions: int, workers: tuple[int, ...],
                 shape: str) -> dict[str, Any]:
    """Run ``--dask`` on LocalClusters of each size in ``workers`` over the same partitions."""
    from service.archive import Job
    from service.archive.cluster import connect, run_dask
    from service.config import Settings

    settings = Settings.from_env()
    job = Job(max_chars=settings.max_text_chars, batch_size=settings.pipe_batch_size,
              batch_words=settings.pipe_batch_words, shape=shape)
    blocksize = sample.stat().st_size // partitions + 1
    runs: list[dict[str, Any]] = []
    for n in workers:
        say(f"Dask LocalCluster, {n} worker(s), {partitions} partitions ...")
        with tempfile.TemporaryDirectory(prefix="rhetoric-bench-dask-") as folder:
            load = os.getloadavg()
            started = time.perf_counter()
            with connect("local", n) as client:
                counts = run_dask(client, str(sample), folder, settings, job,
                                  blocksize=blocksize, progress=False)
            counts.update(workers=n, worker_pids=counts["workers"], load_before=load,
                          load_after=os.getloadavg(),
                          with_startup_seconds=time.perf_counter() - started)
            runs.append(counts)
    by_size = {r["workers"]: r for r in runs}
    out: dict[str, Any] = {"partitions": partitions, "blocksize": blocksize, "runs": runs}
    if 1 in by_size and 2 in by_size:
        one, two = by_size[1], by_size[2]
        out["two_over_one"] = two["words_per_second"] / one["words_per_second"]
        # Words per worker CPU-second, times the workers: the speed-up two workers would
        # reach with both cores to themselves.
        out["two_over_one_cpu"] = 2 * (two["words"] / two["cpu_seconds"]) / (
            one["words"] / one["cpu_seconds"])
    return out


def run(args: Any) -> dict[str, Any]:
    """Measure; return the report (also written to ``args.output``)."""
    from service.analysis.pipeline import Analyzer
    from service.config import Settings

    args.output.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"),
                              "cores": os.cpu_count(), "load_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="rhetoric-bench-sample-") as folder:
        sample = Path(folder) / "sample.jsonl"
        report["sample"] = sample_corpus(args.archive, args.sample, sample)
        words = report["sample"]["words"]
        say(f"sample: {report['sample']['articles']} articles, {words:,} words")
        analyzer = Analyzer.from_settings(Settings.from_env())
        report["archive"] = measure_archive(analyzer, sample, words, args.rounds, args.shape)
        report["load_after_archive"] = os.getloadavg()
        del analyzer
        report["dask"] = measure_dask(sample, args.partitions or corpus_partitions(args.archive),
                                      (1, 2), args.shape)
    report["load_at_end"] = os.getloadavg()
    (args.output / "archive-bench.json").write_text(json.dumps(report, indent=2) + "\n",
                                                    encoding="utf-8")
    return report


#: The archives docs/scale.md costs: a large outlet's year and a national archive.
ARCHIVES = (("a large outlet's year", 50_000), ("a national archive", 10_000_000))
#: Worker counts the wall times are given for.
WORKERS = (1, 8, 32, 128)


def projection(report: dict[str, Any]) -> list[str]:
    """Return the cost lines of docs/scale.md: core-hours and wall time on N workers.

    Words per article are the sample's mean. Core-hours come from archive mode's words
    per CPU-second (reading, analysing and writing with metadata); wall time on N
    workers assumes each has a core to itself, the core-hours divided by N (start-up
    left out: a worker builds its analyzer once, in seconds).
    """
    s, d = report["sample"], report["dask"]
    per_article = s["words"] / s["articles"]
    rate = report["archive"]["archive_words_per_cpu_second"]
    dask_rates = [r["words"] / r["cpu_seconds"] for r in d["runs"] if r["cpu_seconds"]]
    lines = [f"cost at {rate:,.0f} words per CPU-second (archive mode; the Dask workers' "
             f"tasks: {', '.join(f'{r:,.0f}' for r in dask_rates)}), "
             f"{per_article:,.0f} words per article:"]
    for name, articles in ARCHIVES:
        core_hours = articles * per_article / rate / 3600
        walls = ", ".join(f"{n} workers {_hours(core_hours / n)}" for n in WORKERS)
        lines.append(f"  {name} ({articles:,} articles, {articles * per_article / 1e6:,.0f}M "
                     f"words): {core_hours:,.1f} core-hours; wall: {walls}")
    return lines


def _hours(hours: float) -> str:
    return f"{hours * 60:,.0f} min" if hours < 1 else f"{hours:,.1f} h"


def _load(values: Any) -> str:
    return "/".join(f"{v:.2f}" for v in values)


def format_report(report: dict[str, Any]) -> str:
    """Return the printed figures, ratios and targets."""
    s, a, d = report["sample"], report["archive"], report["dask"]
    lines = [
        f"sample: {s['articles']} of {s['corpus_articles']} articles of {s['corpus']} (every "
        f"{s['step']}th), {s['words']:,} words, {s['bytes']:,} bytes",
        f"archive mode, 1 process, --shape {a['shape']}, best of {a['rounds']} round(s); "
        f"{a['lines_with_metadata']} of {s['articles']} lines with their metadata, "
        f"{a['errors']} error lines",
        f"{'':<40}{'words/CPU-s':>12}{'words/s':>10}",
        f"{'  raw spaCy nlp.pipe, same articles':<40}{a['raw_words_per_cpu_second']:>12,.0f}"
        f"{a['raw_words_per_second']:>10,.0f}",
        f"{'  archive mode (read, analyse, write)':<40}"
        f"{a['archive_words_per_cpu_second']:>12,.0f}{a['archive_words_per_second']:>10,.0f}",
        f"Dask LocalCluster, {d['partitions']} partitions of <= {d['blocksize']:,} bytes, "
        "1 thread per worker:",
        f"{'':<14}{'words/s':>9}{'seconds':>9}{'worker CPU-s':>13}{'with start-up s':>17}"
        f"  load average before -> after",
    ]
    for r in d["runs"]:
        lines.append(f"  {r['workers']} worker(s){r['words_per_second']:>9,.0f}"
                     f"{r['seconds']:>9.1f}{r['cpu_seconds']:>13.1f}"
                     f"{r['with_startup_seconds']:>17.1f}  {_load(r['load_before'])} -> "
                     f"{_load(r['load_after'])}")
    ratios = {"archive_over_raw_cpu": a["archive_over_raw_cpu"],
              "two_over_one": d.get("two_over_one")}
    lines.append("ratios and targets:")
    for name, key, bound in TARGETS:
        value = ratios.get(key)
        if value is None:
            lines.append(f"  {name:<50} not measured")
            continue
        verdict = "met" if value >= bound else "NOT MET"
        lines.append(f"  {name:<50}{value:>7.3f}  >= {bound}  {verdict}")
    lines.append(f"  {'archive mode / raw spaCy, words per wall-second':<50}"
                 f"{a['archive_over_raw_wall']:>7.3f}")
    if "two_over_one_cpu" in d:
        lines.append(f"  {'Dask 2 / 1 worker, words per worker CPU-second x 2':<50}"
                     f"{d['two_over_one_cpu']:>7.3f}  (the speed-up with 2 free cores)")
    lines += projection(report)
    lines.append(f"load average (1/5/15 min): {_load(report['load_at_start'])} at start, "
                 f"{_load(report['load_after_archive'])} after archive mode, "
                 f"{_load(report['load_at_end'])} at end, on {report['cores']} cores shared "
                 "with other processes")
    return "\n".join(lines)
