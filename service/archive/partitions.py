"""Archive partitions on Dask: the input read in partitions, and one output part per partition.

A JSONL input is read with :func:`dask.bag.read_text` in blocks of about ``blocksize``
bytes, each cut at a line end; a Parquet input with :func:`dask.dataframe.read_parquet`
(one partition per file or row group, as Dask decides). Either comes from a path or any
fsspec URL (``s3://``, ``gs://``, ``file://``...). The same input with the same block size
gives the same partitions, so partition ``i`` of a rerun is partition ``i`` of the first
run and its part, ``part-0000i.jsonl``, says whether it is done.

A part is written whole or not at all: its lines go to a hidden temporary file beside it,
which is then renamed (an atomic replace on a local or network file system; an object
store shows an object only once its upload is complete). A worker killed mid-partition
leaves at most a temporary file, which the rerun of the partition replaces.

In a worker, the analyzer is built once per process by :class:`AnalyzerPlugin` (a Dask
worker plugin, set up when the worker starts, again on a worker that replaces a dead
one), never once per partition.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from service.archive.reading import ArchiveError, Document, parse_line, row_document
from service.archive.workers import SHARED, Job, analyse_chunk, chunks
from service.config import Settings

#: The suffixes read as Parquet; every other input is read as JSONL.
PARQUET_SUFFIXES = (".parquet", ".pq")
#: The name of partition ``i``'s output part.
PART = "part-{:05d}.jsonl"

#: What this worker process loaded: the analyzer, and how many times it was built.
_LOADED: dict[str, Any] = {"loads": 0}


class AnalyzerPlugin(WorkerPlugin):
    """Build the analyzer once in each worker process, when the worker starts."""

    name = "rhetoric-analyzer"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        analyzer_for(self.settings)


def analyzer_for(settings: Settings) -> Any:
    """Return this process's analyzer for ``settings``, building it the first time only."""
    if _LOADED.get("settings") != settings:
        from service.analysis.pipeline import Analyzer

        _LOADED["analyzer"] = Analyzer.from_settings(settings)
        _LOADED["settings"] = settings
        _LOADED["loads"] += 1
    return _LOADED["analyzer"]


def worker_state() -> dict[str, int]:
    """Return this worker process's id and how many analyzers it has built (for tests)."""
    return {"pid": os.getpid(), "loads": _LOADED["loads"]}


def is_parquet(url: str) -> bool:
    """Tell a Parquet input (``.parquet``, ``.pq``, a glob of them) from JSONL by its name."""
    return url.lower().endswith(PARQUET_SUFFIXES)


def partitions(url: str, blocksize: int) -> list[Any]:
    """Return one Dask ``Delayed`` per input partition: a list of lines or a DataFrame."""
    if is_parquet(url):
        import dask.dataframe as dd

        frame = dd.read_parquet(url, dtype_backend="pyarrow")
        missing = {"id", "text"} - set(frame.columns)
        if missing:
            raise ArchiveError(f"{url}: no column {', '.join(sorted(missing))} in the table")
        return list(frame.to_delayed())
    import dask.bag as db

    # Bytes that are not UTF-8 are kept (surrogateescape) and become that line's error
    # line, as in single-process archive mode; lines end at "\n" only.
    bag = db.read_text(url, blocksize=blocksize, encoding="utf-8", errors="surrogateescape",
                       linedelimiter="\n")
    return list(bag.to_delayed())


def documents(part: Any, index: int, name: str) -> Iterator[tuple[Document, str]]:
    """Yield ``(document, where)`` of partition ``index`` (lines or a DataFrame)."""
    if isinstance(part, list):
        for number, line in enumerate(part, 1):
            raw = line.encode("utf-8", "surrogateescape")
            if index == 0 and number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]  # a UTF-8 byte order mark, as Windows tools write
            if raw.strip():
                at = f"partition {index} line {number}"
                yield parse_line(raw, f"{name}, {at}", at), f"{name}, {at}"
        return
    import pyarrow as pa

    rows = pa.Table.from_pandas(part, preserve_index=False).to_pylist()
    for number, row in enumerate(rows, 1):
        at = f"partition {index} row {number}"
        yield row_document(row, f"{name}, {at}", at), f"{name}, {at}"


def partition_ids(part: Any, index: int, name: str) -> list[tuple[str, str]]:
    """Return ``(id, where)`` of every document of a partition; raise on a bad line."""
    return [(document.id, where) for document, where in documents(part, index, name)]


@dataclass(frozen=True)
class PartResult:
    """What analysing one partition did."""

    index: int
    documents: int
    errors: int
    words: int
    seconds: float
    cpu_seconds: float
    pid: int


def analyse_partition(part: Any, index: int, name: str, output: str, settings: Settings,
                      job: Job) -> PartResult:
    """Analyse partition ``index`` and write its lines to its part under ``output``, whole."""
    import fsspec

    started, cpu = time.perf_counter(), time.process_time()
    SHARED.update(analyzer=analyzer_for(settings), job=job)
    lines: list[str] = []
    words = errors = 0
    todo = (document for document, _ in documents(part, index, name))
    for chunk in chunks(todo, max(1, min(job.batch_size, 16))):
        for _, n_words, line, failure in analyse_chunk(chunk):
            lines.append(line + "\n")
            words += n_words
            errors += failure is not None
    fs, root = fsspec.core.url_to_fs(output)
    final = f"{root.rstrip('/')}/{PART.format(index)}"
    temporary = f"{root.rstrip('/')}/.{PART.format(index)}.{uuid.uuid4().hex}.tmp"
    with fs.open(temporary, "w", encoding="utf-8") as fh:
        fh.write("".join(lines))
    fs.mv(temporary, final)
    return PartResult(index, len(lines), errors, words, time.perf_counter() - started,
                      time.process_time() - cpu, os.getpid())
