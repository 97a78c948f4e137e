"""The report's charts, drawn with matplotlib as SVG to put inside the HTML file.

Text stays text (``svg.fonttype: none``), so the axis labels are in the page, readable
by a screen reader and a test; each chart's axis labels carry the ids
``<chart>-xlabel`` and ``<chart>-ylabel``. Each chart gets its own hash salt, so the
clip-path ids of two charts in one page never collide.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

#: Colours of the sourcing chart's kinds (Okabe-Ito, distinguishable with colour blindness).
SOURCE_COLOURS = {"named": "#0072B2", "unnamed": "#E69F00", "vague": "#CC79A7"}
_BAR = "#0072B2"
_LINE = "#D55E00"


def _svg(fig: Any, name: str, title: str) -> str:
    """Return ``fig`` as an SVG element (no XML prologue) titled ``title``; close it."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": name}):
        fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{title}" data-chart="{name}" ', 1)


def _label(ax: Any, name: str, xlabel: str, ylabel: str) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.label.set_gid(f"{name}-xlabel")
    ax.yaxis.label.set_gid(f"{name}-ylabel")
    ax.spines[["top", "right"]].set_visible(False)


def bars(name: str, title: str, groups: Sequence[str], values: Sequence[float],
         counts: Sequence[int], xlabel: str, ylabel: str, fmt: str = "{:.2f}") -> str:
    """Draw one horizontal bar per group (largest group on top), its value at its end."""
    height = 1.2 + 0.32 * len(groups)
    fig, ax = plt.subplots(figsize=(7.5, height), layout="constrained")
    positions = range(len(groups))[::-1]
    ax.barh(list(positions), values, color=_BAR)
    ax.set_yticks(list(positions), [f"{g} (n={n:,})" for g, n in zip(groups, counts,
                                                                      strict=True)])
    for y, value in zip(positions, values, strict=True):
        ax.annotate(fmt.format(value), (value, y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_xlim(0, max([*values, 0.0]) * 1.15 or 1)
    ax.set_title(title, loc="left", fontsize=11)
    _label(ax, name, xlabel, ylabel)
    return _svg(fig, name, title)


def stacked_sources(name: str, title: str, groups: Sequence[str],
                    shares: Mapping[str, Sequence[float]], counts: Sequence[int],
                    xlabel: str, ylabel: str) -> str:
    """Draw the named, unnamed and vague shares of each group's sources as stacked bars."""
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.32 * len(groups)), layout="constrained")
    positions = list(range(len(groups))[::-1])
    left = [0.0] * len(groups)
    for kind, values in shares.items():
        ax.barh(positions, values, left=left, color=SOURCE_COLOURS[kind], label=kind)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(positions, [f"{g} (n={n:,})" for g, n in zip(groups, counts, strict=True)])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8)
    ax.set_title(title, loc="left", fontsize=11, pad=22)
    _label(ax, name, xlabel, ylabel)
    return _svg(fig, name, title)


def _month_label(value: float, _: Any) -> str:
    """Label a fractional year with its year, and its month when it is not January."""
    year = int(value // 1)
    month = round((value - year) * 12) + 1
    return str(year) if month == 1 else f"{year}-{month:02d}"


def months(name: str, title: str, periods: Sequence[float], values: Sequence[float],
           counts: Sequence[int], xlabel: str, ylabel: str) -> str:
    """Draw a measure's monthly mean as a line, and the articles per month as bars below.

    ``periods`` are months as fractional years (2019.0 is January 2019, 2019.5 July):
    plain numbers draw much faster than dates, and the ticks fall on the years.
    """
    fig, (ax, below) = plt.subplots(2, 1, figsize=(9, 4.2), sharex=True, layout="constrained",
                                    gridspec_kw={"height_ratios": [3, 1]})
    ax.plot(periods, values, color=_LINE, marker="o", markersize=2.5, linewidth=1)
    ax.set_ylim(bottom=0)
    ax.set_title(title, loc="left", fontsize=11)
    _label(ax, name, "", ylabel)
    span = max(periods, default=0) - min(periods, default=0)
    step = 1.0 if span >= 3 else 0.25  # years, or quarters for a short archive
    below.xaxis.set_major_locator(matplotlib.ticker.MultipleLocator(step))
    below.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_month_label))
    below.bar(periods, counts, width=1 / 14, color="#999999")
    _label(below, f"{name}-count", xlabel, "articles")
    return _svg(fig, name, title)
