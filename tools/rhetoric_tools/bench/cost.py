"""``rhetoric bench --cost``: what a request costs per token, by kind of character.

Each kind of text (prose recombined from the seeds, emoji, "!", quotation marks, brackets,
unpunctuated lines, emoji between exclamation marks) is analysed at two sizes in tokens,
interleaved, and the CPU time (``time.process_time``, so that other processes on the
machine count less) divided by the tokens the parser read. Two figures per kind come out
of one run: milliseconds per token, and how much more per token the larger size cost
(1.0 is linear). The largest per-token cost times ``RHETORIC_MAX_TEXT_TOKENS`` is the
longest a single accepted text takes on a free core.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rhetoric_tools.bench import say
from rhetoric_tools.bench.corpus import novel_texts, seed_texts

#: One unit of each kind; prose is made from the seeds instead.
UNITS = {"emoji": "\U0001F600", "exclamation": "!", "quotes": '"', "curly quotes": "\u201c",
         "brackets": "[", "unpunctuated lines": "good word word\n",
         "emoji and !": "\U0001F600! "}


def _text(kind: str, tokens: int, count: Callable[[str], int], prose: list[str]) -> str:
    """Return a text of ``kind`` with at least ``tokens`` tokens."""
    if kind == "prose":
        parts: list[str] = []
        for paragraph in prose:
            parts.append(paragraph)
            if count("\n\n".join(parts)) >= tokens:
                break
        return "\n\n".join(parts)
    unit = UNITS[kind]
    return unit * -(-tokens // count(unit))


def measure_cost(analyzer: Any, sizes: tuple[int, int] = (5_000, 20_000),
                 rounds: int = 1) -> list[dict[Any, Any]]:
    """Return, per kind, tokens, CPU seconds and ms per token at each size."""
    from service.analysis.bounds import token_count

    def count(text: str) -> int:
        return token_count(analyzer.nlp, text)

    prose = novel_texts(seed_texts(), 1500, seed=7)
    rows = []
    for kind in ["prose", *UNITS]:
        row: dict[Any, Any] = {"kind": kind}
        for size in sizes:
            text = _text(kind, size, count, prose)
            tokens = count(text)
            best = float("inf")
            for _ in range(rounds):
                started = time.process_time()
                analyzer.analyze(text)
                best = min(best, time.process_time() - started)
            row[size] = {"chars": len(text), "tokens": tokens, "cpu_s": best,
                         "ms_per_token": 1000 * best / tokens}
        small, large = (row[s]["ms_per_token"] for s in sizes)
        row["growth"] = large / small
        say(f"cost: {kind}: {small:.3f} / {large:.3f} ms per token")
        rows.append(row)
    return rows


def format_cost(rows: list[dict[Any, Any]], sizes: tuple[int, int], max_tokens: int,
                budget: float) -> str:
    """Return the cost table and the bound it gives for the largest accepted text."""
    lines = [f"{'kind':20} {'chars':>8} {'tokens':>8} {'ms/token':>9} {'chars':>8} "
             f"{'tokens':>8} {'ms/token':>9} {'growth':>7}"]
    for row in rows:
        a, b = row[sizes[0]], row[sizes[1]]
        lines.append(f"{row['kind']:20} {a['chars']:8} {a['tokens']:8} {a['ms_per_token']:9.3f}"
                     f" {b['chars']:8} {b['tokens']:8} {b['ms_per_token']:9.3f}"
                     f" {row['growth']:7.2f}")
    worst = max(max(r[s]["ms_per_token"] for s in sizes) for r in rows)
    lines.append(f"worst {worst:.3f} ms per token: a text at the limit of {max_tokens:,} tokens "
                 f"takes at most about {worst * max_tokens / 1000:.1f} s of CPU "
                 f"(budget {budget:g} s)")
    return "\n".join(lines)
