"""The HTML report, rendered from the Parquet tables alone: figures, charts, lists.

Everything the page shows is computed here from ``articles.parquet`` and
``findings.parquet``; the page is one file (inline CSS, charts as inline SVG, no script,
nothing fetched), so it can be mailed, archived and opened offline.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from service.report import charts

#: The measures an article is compared with its group on, and how the page names them.
MEASURES = {
    "opinion_share": "opinion share",
    "loaded_per_1000_words": "loaded terms per 1,000 words",
    "hedges_per_1000_words": "hedges per 1,000 words",
    "boosters_per_1000_words": "boosters per 1,000 words",
    "sentiment_compound": "sentiment",
    "reading_grade": "reading grade",
}
#: Groups smaller than this have no norm to be far from.
MIN_GROUP = 10


@dataclass(frozen=True)
class Options:
    """What the report groups by and how much it lists."""

    by: str = "outlet"
    date_field: str = "date"
    top_groups: int = 20
    top_terms: int = 25
    outliers: int = 20
    title: str = "Rhetoric report"


def _month(articles: pd.DataFrame, field: str) -> pd.Series | None:
    if field not in articles.columns:
        return None
    dates = pd.to_datetime(articles[field].astype("string"), errors="coerce", format="mixed",
                           utc=True)
    if dates.notna().sum() == 0:
        return None
    return dates.dt.tz_localize(None).dt.to_period("M")


def _groups(articles: pd.DataFrame, by: str, top: int) -> tuple[pd.DataFrame, int]:
    """Return the means of the ``top`` largest groups, and how many groups there are."""
    key = articles[by].astype("string").fillna("(none)").replace("", "(empty)")
    frame = articles.assign(_group=key)
    means = frame.groupby("_group").agg(
        n=("id", "size"), opinion_share=("opinion_share", "mean"),
        loaded=("loaded_per_1000_words", "mean"), named=("sources_named", "sum"),
        unnamed=("sources_unnamed", "sum"), vague=("sources_vague", "sum"))
    return means.sort_values(["n"], ascending=False).head(top), len(means)


def _terms(findings: pd.DataFrame, articles: pd.DataFrame, kind: str, by: str,
           top: int) -> list[dict[str, Any]]:
    """Return the ``top`` most frequent terms of ``kind``: counts and an example sentence."""
    rows = findings[findings["kind"] == kind]
    if rows.empty:
        return []
    counted = rows.groupby("term").agg(count=("id", "size"), articles=("id", "nunique"))
    counted = counted.sort_values(["count", "articles"], ascending=False).head(top)
    examples = rows[rows["term"].isin(counted.index) & rows["sentence"].notna()]
    # The example: the shortest sentence holding the term, which reads fastest.
    examples = examples.assign(_length=examples["sentence"].str.len()).sort_values("_length")
    first = examples.drop_duplicates("term").set_index("term")
    group = articles.set_index("id")[by] if by in articles.columns else None
    out = []
    for term, row in counted.iterrows():
        example = first.loc[term] if term in first.index else None
        out.append({
            "term": term, "count": int(row["count"]), "articles": int(row["articles"]),
            "sentence": None if example is None else example["sentence"],
            "id": None if example is None else example["id"],
            "group": None if example is None or group is None else group.get(example["id"])})
    return out


def _outliers(articles: pd.DataFrame, by: str, top: int) -> list[dict[str, Any]]:
    """Return the articles furthest from their group's mean, in standard deviations."""
    columns = [c for c in MEASURES if c in articles.columns]
    frame = articles.dropna(subset=columns)
    key = frame[by].astype("string").fillna("(none)")
    sizes = key.map(key.value_counts())
    frame, key = frame[sizes >= MIN_GROUP], key[sizes >= MIN_GROUP]
    if frame.empty:
        return []
    values = frame[columns].astype(float)
    grouped = values.groupby(key)
    means, spreads = grouped.transform("mean"), grouped.transform("std")
    spreads = spreads.where(spreads > 1e-9)
    z = ((values - means) / spreads).fillna(0.0)
    distance = (z.pow(2).sum(axis=1) / len(columns)).pow(0.5)
    out = []
    for index in distance.sort_values(ascending=False).head(top).index:
        worst = z.loc[index].abs().idxmax()
        out.append({
            "id": frame.at[index, "id"], "group": key.loc[index],
            "title": frame.at[index, "title"] if "title" in frame.columns else None,
            "distance": float(distance.loc[index]), "measure": MEASURES[worst],
            "value": float(values.at[index, worst]), "norm": float(means.at[index, worst]),
            "z": float(z.at[index, worst])})
    return out


def _charts(articles: pd.DataFrame, options: Options) -> tuple[dict[str, str], dict[str, Any]]:
    by = options.by
    groups, n_groups = _groups(articles, by, options.top_groups)
    names, counts = list(groups.index), [int(n) for n in groups["n"]]
    out: dict[str, str] = {
        "opinion_by_group": charts.bars(
            "opinion-by-group", f"Opinion share by {by}", names, list(groups["opinion_share"]),
            counts, "mean opinion share (share of body sentences labelled opinion)", by),
        "loaded_by_group": charts.bars(
            "loaded-by-group", f"Loaded language by {by}", names, list(groups["loaded"]),
            counts, "mean loaded terms per 1,000 words", by),
    }
    total = groups[["named", "unnamed", "vague"]].sum(axis=1).where(lambda s: s > 0)
    shares = {kind: list((groups[kind] / total).fillna(0.0)) for kind in charts.SOURCE_COLOURS}
    out["sources_by_group"] = charts.stacked_sources(
        "sources-by-group", f"Who is cited, by {by}", names, shares, counts,
        "share of the sources that are named, unnamed or vague", by)
    info: dict[str, Any] = {"groups_shown": len(names), "groups": n_groups,
                            "articles_shown": sum(counts)}
    month = _month(articles, options.date_field)
    if month is not None:
        monthly = articles.assign(_month=month).dropna(subset=["_month"]).groupby("_month").agg(
            n=("id", "size"), opinion_share=("opinion_share", "mean"),
            loaded=("loaded_per_1000_words", "mean"))
        periods = [p.year + (p.month - 1) / 12 for p in monthly.index]
        counts_m = [int(n) for n in monthly["n"]]
        out["opinion_by_month"] = charts.months(
            "opinion-by-month", "Opinion share by month", periods,
            list(monthly["opinion_share"]), counts_m, "month",
            "mean opinion share")
        out["loaded_by_month"] = charts.months(
            "loaded-by-month", "Loaded language by month", periods, list(monthly["loaded"]),
            counts_m, "month", "loaded terms per 1,000 words")
        info.update(dated=int(month.notna().sum()), first=str(monthly.index.min()),
                    last=str(monthly.index.max()))
    return {k: Markup(v) for k, v in out.items()}, info


def render(folder: Path, output: Path, options: Options,
           source: str = "") -> tuple[float, float]:
    """Render ``output`` (HTML) from ``folder``'s Parquet tables; return wall and CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    articles = pd.read_parquet(folder / "articles.parquet", engine="pyarrow")
    findings = pd.read_parquet(folder / "findings.parquet", engine="pyarrow")
    if options.by not in articles.columns:
        fields = [c for c in articles.columns if c not in MEASURES and c != "id"]
        raise KeyError(f"no field {options.by!r} to group by; the table has {fields}")
    figures, info = _charts(articles, options)
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                              autoescape=select_autoescape(["html", "j2"]))
    environment.filters["num"] = _number
    page = environment.get_template("report.html.j2").render(
        options=options, source=source, charts=figures, info=info,
        articles=len(articles), words=int(articles["words"].sum()),
        genres=articles["genre"].value_counts().to_dict(),
        loaded=_terms(findings, articles, "loaded", options.by, options.top_terms),
        hedges=_terms(findings, articles, "hedge", options.by, options.top_terms),
        outliers=_outliers(articles, options.by, options.outliers),
        about=_about(folder),
        generated=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    output.write_text(page, encoding="utf-8")
    return time.perf_counter() - started, time.process_time() - cpu


def _about(folder: Path) -> dict[str, Any]:
    """Return what the tables' build recorded (errors left out, whether words are known)."""
    path = folder / "tables.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _number(value: Any, digits: int = 2) -> str:
    """Format a figure for the page: thousands separated, ``—`` for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"
