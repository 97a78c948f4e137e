"""Archive analysis: a chunk of documents to output lines, in the forked worker processes.

The analyzer is built once in the parent and the workers are forked from it, sharing the
model's pages copy-on-write (as gunicorn's preload does); each worker parses its chunk
with ``nlp.pipe`` and analyses and serialises it itself.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from service.analysis.pipeline import Analyzer
from service.archive.reading import Document
from service.batch import analyse_each
from service.problems import Problem, validate_text
from service.render import render, response_document, shaped

_WORD = re.compile(r"\w+")

#: The analyzer the forked workers inherit from the parent.
SHARED: dict[str, Any] = {}


@dataclass(frozen=True)
class Job:
    """What to analyse and how."""

    encoding: str = "codepoint"
    max_chars: int = 100_000
    batch_size: int = 64
    batch_words: int = 2000
    #: The output shape of a result line (a key of :data:`service.render.SHAPES`).
    shape: str = "full"


def with_metadata(document: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    """Return ``document`` with the input's ``metadata`` after its id (none: left out).

    The id stays the first field, which resuming reads without parsing the rest.
    """
    if not metadata:
        return document
    return {"id": document["id"], "metadata": metadata,
            **{k: v for k, v in document.items() if k != "id"}}


def error_document(doc_id: str, problem: Problem,
                   metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the error line of one document: its id, its metadata and an RFC 9457 problem.

    The problem has the fields of a batch endpoint error (``type``, ``title``,
    ``status``, ``detail``), under ``error`` instead of beside an ``index``.
    """
    return with_metadata({"id": doc_id, "error": problem.body()}, metadata or {})


def _error_line(doc_id: str, problem: Problem, metadata: dict[str, Any]) -> str:
    return render(error_document(doc_id, problem, metadata)).decode("utf-8")


def _failure(exc: Exception) -> str:
    message = f"{type(exc).__name__}: {exc}"
    return "the analysis failed: " + (message[:300] + "…" if len(message) > 300 else message)


#: One line of output: ``(id, words, JSON line, the error's detail or None)``.
Line = tuple[str, int, str, str | None]


def analyse_chunk(chunk: list[Document]) -> list[Line]:
    """Return one output line per document of ``chunk``, in order.

    The chunk is analysed together (:func:`service.batch.analyse_each`); only a document
    at fault gets an error line.
    """
    analyzer: Analyzer = SHARED["analyzer"]
    job: Job = SHARED["job"]
    out: list[Line | None] = [None] * len(chunk)
    todo: list[tuple[int, str]] = []
    for i, (doc_id, text, metadata) in enumerate(chunk):
        try:
            if isinstance(text, Problem):  # it could not be read
                raise text
            todo.append((i, validate_text(text, job.max_chars)))
        except Problem as problem:
            out[i] = (doc_id, 0, _error_line(doc_id, problem, metadata), problem.detail)
    started = time.perf_counter()
    analyses = analyse_each(analyzer, [text for _, text in todo], job.batch_size,
                            job.batch_words)
    for (i, text), analysis in zip(todo, analyses, strict=True):
        doc_id, _, metadata = chunk[i]
        try:
            if isinstance(analysis, Exception):
                raise analysis
            elapsed = (time.perf_counter() - started) * 1000
            document = with_metadata(shaped(response_document(
                analyzer, analysis, job.encoding, doc_id, elapsed), job.shape), metadata)
            out[i] = (doc_id, len(_WORD.findall(text)), render(document).decode("utf-8"), None)
        except Exception as exc:  # one document's failure
            detail = _failure(exc)
            out[i] = (doc_id, 0, _error_line(doc_id, Problem(detail), metadata), detail)
    return [item for item in out if item is not None]


def chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Yield ``items`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_processes() -> int:
    """Return the number of cores this process may run on (its CPU affinity)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_init() -> None:
    """Let a worker die with its parent, and leave Ctrl-C and SIGTERM to the parent."""
    # The parent handles Ctrl-C (sent to the whole process group) and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sink = SHARED.get("sink_fd")
    if sink is not None:
        # The output's lock belongs to the open file; a worker left behind must not keep it.
        os.close(sink)
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1  # <linux/prctl.h>
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
        except (OSError, AttributeError):
            return
    if os.getppid() != SHARED.get("parent"):  # the parent died before prctl
        os._exit(1)
