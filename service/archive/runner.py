"""Archive runs: plan, resume, fan the chunks out to the workers, write the lines in order."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from service.analysis.pipeline import Analyzer
from service.archive.output import claim, finished_ids
from service.archive.reading import plan, read_documents
from service.archive.workers import (
    SHARED,
    Job,
    Line,
    analyse_chunk,
    chunks,
    default_processes,
    worker_init,
)

#: Error lines named on stderr one by one; the rest are only counted.
_MAX_WARNINGS = 20


class Terminated(BaseException):  # named like KeyboardInterrupt
    """SIGTERM arrived; raised in the main thread so the run stops as on Ctrl-C."""


def _stderr_writer(bar: Any) -> Callable[[str], None]:
    def write(message: str) -> None:
        if bar is not None:
            bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    return write


def run(analyzer: Analyzer, source: Path, output: Path | None, job: Job,
        processes: int | None = None, progress: bool = True,
        name: str | None = None) -> dict[str, Any]:
    """Analyse every document of ``source`` not yet in ``output``; return the counts.

    ``name`` stands for ``source`` in messages (``<stdin>`` for a spooled stdin).
    """
    processes = processes or default_processes()
    if output is None:
        return _run(analyzer, source, None, sys.stdout, job, processes, progress, name)
    created = not output.exists()
    sink = claim(output)
    try:
        return _run(analyzer, source, output, sink, job, processes, progress, name)
    except BaseException:
        # Stopped before anything was written (refused input, Ctrl-C while planning):
        # leave no empty file behind.
        if created and os.fstat(sink.fileno()).st_size == 0:
            output.unlink(missing_ok=True)
        raise
    finally:
        sink.close()


def _run(analyzer: Analyzer, source: Path, output: Path | None, sink: IO[str], job: Job,
         processes: int, progress: bool, name: str | None) -> dict[str, Any]:
    done = finished_ids(output) if output is not None else set()
    planned = plan(source, done, name)
    if planned.apple_double:
        print(f"rhetoric: warning: skipped {planned.apple_double} macOS metadata file(s) "
              "named ._*.txt", file=sys.stderr)
    if source.is_dir() and not planned.total:
        print(f"rhetoric: warning: no .txt files in {name or source}", file=sys.stderr)
    todo = (document for document in read_documents(source, name) if document.id not in done)
    SHARED.update(analyzer=analyzer, job=job, parent=os.getpid(),
                   sink_fd=sink.fileno() if output is not None else None)
    # Chunks handed to a worker: small enough to keep every worker busy to the end.
    chunk_size = max(1, min(job.batch_size, 16))
    pool = bar = None
    written = words = errors = 0
    started = time.perf_counter()
    try:
        # Fork before the progress bar starts its monitor thread.
        if processes > 1 and planned.pending > chunk_size:
            pool = multiprocessing.get_context("fork").Pool(processes, initializer=worker_init)
        bar = _progress(planned.pending, progress)
        warn = _stderr_writer(bar)
        results: Iterable[list[Line]] = (
            pool.imap(analyse_chunk, chunks(todo, chunk_size)) if pool is not None
            else map(analyse_chunk, chunks(todo, chunk_size)))
        for chunk in results:
            for doc_id, n_words, line, failure in chunk:
                sink.write(line + "\n")
                sink.flush()
                written += 1
                words += n_words
                if failure is not None:
                    errors += 1
                    if errors <= _MAX_WARNINGS:
                        warn(f"rhetoric: warning: {doc_id}: {failure}")
                    if errors == _MAX_WARNINGS:
                        warn("rhetoric: warning: further error lines are only counted")
                if bar is not None:
                    bar.update(1)
                    rate = words / max(time.perf_counter() - started, 1e-9)
                    bar.set_postfix_str(f"{rate:,.0f} words/s, {errors} errors",
                                        refresh=False)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        if bar is not None:
            bar.close()
        SHARED.clear()
    seconds = time.perf_counter() - started
    return {"skipped": planned.skipped, "written": written, "errors": errors,
            "analysed": written - errors, "words": words, "seconds": round(seconds, 2),
            "words_per_second": round(words / seconds, 1) if seconds else 0.0}


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr,
                smoothing=0.1)
