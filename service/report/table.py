"""An archive's results as tables: one row per article, one row per loaded term or hedge.

The results are the JSONL lines of archive mode (``rhetoric analyze ... -o``): one file,
or the folder of ``part-*.jsonl`` files a ``--dask`` run writes. Both shapes are read.
The words of a finding come from the line itself in the full shape; the summary shape
keeps only offsets, so its words and sentences are read from the archive's input
(``--input``) by id. Error lines are counted and left out.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

#: The article table's columns taken from each result's summary, in order.
SUMMARY_COLUMNS = ("genre", "opinion_share", "genre_score", "loaded_per_1000_words",
                   "hedges_per_1000_words", "boosters_per_1000_words", "sources_named",
                   "sources_unnamed", "sources_vague", "sources_pronoun", "sources_other",
                   "reading_grade", "sentiment_compound", "words")
#: The finding lists a report counts, and the kind each is called in the findings table.
FINDING_KINDS = {"loaded_language": "loaded", "hedges": "hedge", "boosters": "booster"}
#: Loaded terms listed in an article's row.
TOP_TERMS = 5

_SPACE = re.compile(r"\s+")


def result_files(results: Path) -> list[Path]:
    """Return the result files: ``results`` itself, or the parts in a folder, in order."""
    if results.is_dir():
        parts = sorted(results.glob("part-*.jsonl"))
        if not parts:
            raise FileNotFoundError(f"no part-*.jsonl files in {results}")
        return parts
    return [results]


def read_results(results: Path) -> Iterator[dict[str, Any]]:
    """Yield every result line (analyses and error lines) of an archive's results."""
    for path in result_files(results):
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, 1):
                if raw.strip():
                    try:
                        yield orjson.loads(raw)
                    except orjson.JSONDecodeError:
                        raise ValueError(f"{path}:{number}: not a result line") from None


def input_texts(source: Path, ids: set[str]) -> dict[str, str]:
    """Return the texts of ``ids`` from an archive's input (a JSONL file or a .txt folder)."""
    from service.archive import read_documents

    return {doc.id: doc.text for doc in read_documents(source)
            if doc.id in ids and isinstance(doc.text, str)}


def _words(text: str | None, span: dict[str, Any] | None, encoding: str) -> str | None:
    """Return the words of ``span``: its own ``text``, or the input's, as offsets say."""
    if not span:
        return None
    if "text" in span:
        return str(span["text"])
    if text is None:
        return None
    start, end = span["start"], span["end"]
    if encoding == "utf-16":
        return text.encode("utf-16-le", "surrogatepass")[2 * start:2 * end].decode(
            "utf-16-le", "surrogatepass")
    if encoding == "utf-8":
        return text.encode("utf-8", "surrogatepass")[start:end].decode("utf-8", "replace")
    return text[start:end]


def _cell(value: Any) -> Any:
    """Return a metadata value as a table cell: lists and objects as their JSON."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


@dataclass
class Tables:
    """The article rows, the finding rows, and what was left out."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: int = 0
    metadata_fields: list[str] = field(default_factory=list)
    #: Whether the findings have their words (full shape, or the input was given).
    has_words: bool = True


def _metadata_column(name: str) -> str:
    """Return the column of metadata field ``name``; one named like a measure is prefixed."""
    taken = {"id", *SUMMARY_COLUMNS, "top_loaded_terms"}
    return f"metadata_{name}" if name in taken else name


def build(lines: Iterable[dict[str, Any]], texts: dict[str, str] | None = None) -> Tables:
    """Return the tables of ``lines`` (result lines); ``texts`` by id for the summary shape."""
    tables = Tables()
    fields: dict[str, None] = {}
    for line in lines:
        if "error" in line or "summary" not in line:
            tables.errors += 1
            continue
        doc_id = line["id"]
        summary = line["summary"]
        metadata = line.get("metadata") or {}
        for key in metadata:
            fields.setdefault(key, None)
        row: dict[str, Any] = {"id": doc_id}
        row.update({_metadata_column(k): _cell(v) for k, v in metadata.items()})
        sources = summary.get("sources", {})
        for column in SUMMARY_COLUMNS:
            if column.startswith("sources_"):
                row[column] = sources.get(column.removeprefix("sources_"), 0)
            else:
                row[column] = summary.get(column)
        text = (texts or {}).get(doc_id)
        encoding = line.get("meta", {}).get("offset_encoding", "codepoint")
        sentences = line.get("sentences", [])
        loaded: Counter[str] = Counter()
        for key, kind in FINDING_KINDS.items():
            for finding in line.get(key, []):
                span = finding.get("term") or finding
                words = _words(text, span, encoding)
                if words is None:
                    tables.has_words = False
                    term = finding["entry_id"]
                else:
                    term = _SPACE.sub(" ", words).strip().lower()
                index = finding.get("sentence_index")
                sentence = None
                if index is not None and index < len(sentences):
                    sentence = _words(text, sentences[index], encoding)
                if kind == "loaded":
                    loaded[term] += 1
                tables.findings.append({
                    "id": doc_id, "kind": kind, "term": term, "entry_id": finding["entry_id"],
                    "category": finding.get("category") or finding.get("type"),
                    "voice": finding.get("voice"), "negated": finding.get("negated"),
                    "sentence": None if sentence is None else _SPACE.sub(" ", sentence).strip()})
        row["top_loaded_terms"] = "; ".join(t for t, _ in loaded.most_common(TOP_TERMS))
        tables.articles.append(row)
    tables.metadata_fields = list(fields)
    return tables


def frames(tables: Tables) -> tuple[Any, Any]:
    """Return the tables as pandas DataFrames, the metadata columns in a stable order."""
    import pandas as pd

    columns = ["id", *(_metadata_column(f) for f in tables.metadata_fields),
               *SUMMARY_COLUMNS, "top_loaded_terms"]
    articles = pd.DataFrame(tables.articles, columns=columns)
    for column in articles.columns:
        values = articles[column].dropna()
        # A metadata column of mixed types (numbers and strings) is kept as text.
        if values.map(type).nunique() > 1:
            articles[column] = articles[column].map(lambda v: None if v is None else str(v))
    findings = pd.DataFrame(tables.findings, columns=[
        "id", "kind", "term", "entry_id", "category", "voice", "negated", "sentence"])
    return articles, findings


def write(tables: Tables, folder: Path, source: str = "") -> dict[str, Path]:
    """Write ``articles.csv``, ``articles.parquet``, ``findings.parquet`` into ``folder``.

    ``tables.json`` beside them records what the tables cannot say themselves: the
    results they came from, the error lines left out, whether the findings have words.
    """
    articles, findings = frames(tables)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"articles_csv": folder / "articles.csv",
             "articles_parquet": folder / "articles.parquet",
             "findings_parquet": folder / "findings.parquet"}
    articles.to_csv(paths["articles_csv"], index=False)
    articles.to_parquet(paths["articles_parquet"], index=False, engine="pyarrow")
    findings.to_parquet(paths["findings_parquet"], index=False, engine="pyarrow")
    paths["about"] = folder / "tables.json"
    paths["about"].write_text(json.dumps({
        "results": source, "articles": len(tables.articles), "errors": tables.errors,
        "has_words": tables.has_words, "metadata_fields": tables.metadata_fields},
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths
