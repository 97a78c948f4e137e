"""The benchmark's report: target ratios, the printed table and the plot."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: The issue's targets: (name, ratio key, comparison, bound). Each ratio is computed from
#: wall-clock times and, where it has one, from CPU times (key + "_cpu"): the CPU figure
#: counts only the work of the measured processes, so the other processes on a shared
#: machine move it much less.
TARGETS: tuple[tuple[str, str, str, float], ...] = (
    ("in-process / raw spaCy throughput", "analysis_over_raw", ">=", 0.85),
    ("  the same, encoder off", "analysis_over_raw_encoder_off", ">=", 0.85),
    ("encoder CPU ms per sentence encoded", "encoder_ms_per_sentence", "<=", 4.0),
    ("encoder resident memory (MB)", "encoder_extra_rss_mb", "<=", 100.0),
    ("HTTP 1 worker p50 / in-process (seed)", "http_p50_over_inprocess", "<=", 1.2),
    ("2 workers / 1 worker throughput", "two_workers_over_one", ">=", 1.7),
    ("batch / one-per-request, articles", "batch_over_single", ">=", 1.3),
    ("batch / one-per-request, paragraphs", "batch_over_single_paragraphs", ">=", 1.3),
    ("peak RSS per worker (MB)", "peak_rss_mb", "<=", 350.0),
    ("start-up to ready (s)", "ready_seconds", "<=", 5.0),
)


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
    enc = report.get("encoder")
    if enc and "skipped" not in enc:
        # CPU only: the two runs alternate article by article in one process.
        r["encoder_ms_per_sentence_cpu"] = enc["cpu_ms_per_encoded_sentence"]
        r["encoder_extra_rss_mb"] = enc["rss"]["extra_mb"]
        if inproc:
            r["analysis_over_raw_encoder_off_cpu"] = (enc["off_words_per_cpu_second"]
                                                      / inproc["raw_words_per_cpu_second"])
            r["analysis_over_raw_encoder_on_cpu"] = (enc["on_words_per_cpu_second"]
                                                     / inproc["raw_words_per_cpu_second"])
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
        enc = report.get("encoder") or {}
        if "on_words_per_cpu_second" in enc:
            lines.append(f"{'2 analysis, encoder on (as served)':<44}{'':>9}"
                         f"{enc['on_words_per_cpu_second']:>9,.0f}")
            lines.append(f"{'2 analysis, encoder off':<44}{'':>9}"
                         f"{enc['off_words_per_cpu_second']:>9,.0f}")
            lines.append(f"  encoder: {enc['sentences_encoded_per_round']} writer's sentences "
                         f"per round, {enc['cpu_ms_per_encoded_sentence']:.2f} CPU ms each in "
                         f"the analysis ({enc['encoder_alone_cpu_ms_per_sentence']:.2f} alone); "
                         f"on/off throughput {enc['on_over_off_cpu']:.3f}; resident memory "
                         f"+{enc['rss']['extra_mb']:.0f} MB")
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
        if key not in r and key + "_cpu" not in r:
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
