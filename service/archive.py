"""Archive mode: analyse a JSONL file or a folder of .txt files, one JSON line per document.

Every core works on the whole chain. The analyzer is built once in the parent and the
worker processes are forked from it, sharing the model's pages copy-on-write (as
gunicorn's preload does); each worker parses its chunk with ``nlp.pipe`` and analyses and
serialises it itself. (With ``nlp.pipe(n_process=...)`` the workers would only parse and
ship Docs back, and the analysis and JSON, about a third of the work, would queue in one
parent process.) Lines are written in input order and flushed one by one, so an
interrupted run leaves whole lines; run it again with the same output file and the
documents already there are skipped.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from service.analysis.pipeline import Analyzer
from service.serialize import encode, response_document

_WORD = re.compile(r"\w+")

#: The analyzer the forked workers inherit from the parent.
_SHARED: dict[str, Any] = {}


class ArchiveError(ValueError):
    """The input cannot be read as an archive; the message names the place."""


@dataclass(frozen=True)
class Job:
    """What to analyse and how."""

    encoding: str = "codepoint"
    max_chars: int = 100_000
    batch_size: int = 64
    batch_words: int = 2000


def read_documents(source: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(id, text)`` from a JSONL file of ``{"id", "text"}`` or a folder of .txt files."""
    if source.is_dir():
        for path in sorted(source.rglob("*.txt")):
            yield path.relative_to(source).as_posix(), path.read_text(encoding="utf-8")
        return
    with source.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArchiveError(f"{source}:{number}: not JSON: {exc.msg}") from None
            if (not isinstance(row, dict) or not isinstance(row.get("text"), str)
                    or row.get("id") is None):
                raise ArchiveError(f'{source}:{number}: expected {{"id": ..., "text": "..."}}')
            yield str(row["id"]), row["text"]


def finished_ids(output: Path) -> set[str]:
    """Return the ids already in ``output``; cut off a line an interruption left half written."""
    if not output.exists():
        return set()
    done: set[str] = set()
    with output.open("rb+") as fh:
        data = fh.read()
        complete = data.rfind(b"\n") + 1
        if complete < len(data):
            fh.truncate(complete)
    for number, line in enumerate(data[:complete].splitlines(), 1):
        if line.strip():
            try:
                done.add(str(json.loads(line)["id"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise ArchiveError(f"{output}:{number}: not a result line; "
                                   "resume only into a file this command wrote") from None
    return done


def _error_line(doc_id: str, status: int, detail: str) -> str:
    return json.dumps({"id": doc_id, "error": {"status": status, "detail": detail}},
                      ensure_ascii=False)


def analyse_chunk(chunk: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """Return ``(id, words, JSON line)`` for each document of ``chunk``, in order."""
    analyzer: Analyzer = _SHARED["analyzer"]
    job: Job = _SHARED["job"]
    out: list[tuple[str, int, str] | None] = [None] * len(chunk)
    todo: list[int] = []
    for i, (doc_id, text) in enumerate(chunk):
        if not text.strip():
            out[i] = (doc_id, 0, _error_line(doc_id, 422, "the text is empty"))
        elif len(text) > job.max_chars:
            out[i] = (doc_id, 0, _error_line(
                doc_id, 413, f"the text has {len(text)} characters; the limit is {job.max_chars}"))
        else:
            todo.append(i)
    started = time.perf_counter()
    analyses = analyzer.analyze_many((chunk[i][1] for i in todo), batch_size=job.batch_size,
                                     max_words=job.batch_words)
    for i, analysis in zip(todo, analyses, strict=True):
        doc_id, text = chunk[i]
        elapsed = (time.perf_counter() - started) * 1000
        document = response_document(analyzer, analysis, job.encoding, doc_id, elapsed)
        line = encode(document).decode("utf-8")
        out[i] = (doc_id, len(_WORD.findall(text)), line)
    return [item for item in out if item is not None]


def _chunks(items: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run(analyzer: Analyzer, source: Path, output: Path | None, job: Job,
        processes: int | None = None, progress: bool = True) -> dict[str, Any]:
    """Analyse every document of ``source`` not yet in ``output``; return the counts."""
    processes = processes or os.cpu_count() or 1
    done = finished_ids(output) if output is not None else set()
    pending = sum(1 for doc_id, _ in read_documents(source) if doc_id not in done)
    todo = ((doc_id, text) for doc_id, text in read_documents(source) if doc_id not in done)
    _SHARED.update(analyzer=analyzer, job=job)
    # Chunks handed to a worker: small enough to keep every worker busy to the end.
    chunk_size = max(1, min(job.batch_size, 16))
    sink: IO[str] = (output.open("a", encoding="utf-8") if output is not None else sys.stdout)
    # Fork before the progress bar starts its monitor thread.
    pool = (multiprocessing.get_context("fork").Pool(processes)
            if processes > 1 and pending > chunk_size else None)
    bar = _progress(pending, progress)
    written = words = 0
    started = time.perf_counter()
    try:
        results: Iterable[list[tuple[str, int, str]]] = (
            pool.imap(analyse_chunk, _chunks(todo, chunk_size)) if pool is not None
            else map(analyse_chunk, _chunks(todo, chunk_size)))
        for chunk in results:
            for _, n_words, line in chunk:
                sink.write(line + "\n")
                sink.flush()
                written += 1
                words += n_words
                if bar is not None:
                    bar.update(1)
                    rate = words / max(time.perf_counter() - started, 1e-9)
                    bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        if bar is not None:
            bar.close()
        if output is not None:
            sink.close()
        _SHARED.clear()
    seconds = time.perf_counter() - started
    return {"skipped": len(done), "written": written, "words": words,
            "seconds": round(seconds, 2), "words_per_second": round(words / seconds, 1)
            if seconds else 0.0}


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr,
                smoothing=0.1)
