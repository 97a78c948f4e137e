"""Archive mode on a Dask cluster: every partition of the input to one output part.

The input is read in partitions (:mod:`service.archive.partitions`), every id is checked
once on the cluster (a repeated id or a line that is not ``{"id", "text"}`` stops the run
before any part is written, as in single-process archive mode), and each partition not
yet written is analysed by a ``distributed`` task. Dask's scheduler places the tasks and
reruns the tasks of a worker that dies; nothing here schedules anything.

The output is a folder (or fsspec URL) of parts, ``part-00000.jsonl`` ..., whose lines,
read in part order, are the lines single-process archive mode writes for the same input
(``meta.elapsed_ms`` aside). ``_partitions.json`` records how the input was cut, so that
a rerun into the same folder is refused if it would cut it otherwise.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from service.archive.partitions import (
    PART,
    AnalyzerPlugin,
    analyse_partition,
    is_parquet,
    partition_ids,
    partitions,
)
from service.archive.reading import ArchiveError
from service.archive.workers import Job, default_processes
from service.config import Settings

#: The record of how the input was cut, in the output folder.
MANIFEST = "_partitions.json"
#: The default size of a JSONL partition: about 160 articles of the AllSides corpus
#: (6.4 KB of input each), about a minute of one worker's time. A partition is Dask's
#: task: many more tasks than workers keep every worker busy to the end (the scheduler
#: hands the next task to whichever worker is free), and a killed worker's partition
#: costs a minute to redo, not several. The 5,000-article corpus makes 32 of them.
DEFAULT_BLOCKSIZE = 1024 * 1024


@contextmanager
def connect(address: str | None, workers: int | None) -> Iterator[Any]:
    """Yield a ``distributed.Client``: to ``address``, or to a new ``LocalCluster``.

    ``address`` None means Dask's own setting ``scheduler-address`` (the environment
    variable ``DASK_SCHEDULER_ADDRESS``) if it is set, else a LocalCluster, as ``"local"``
    does: ``workers`` processes (default: one per usable core) of one thread each.
    """
    import dask
    from distributed import Client, LocalCluster

    if address is None:
        address = dask.config.get("scheduler-address", None) or "local"
    if address != "local":
        with Client(address) as client:
            yield client
        return
    # No dashboard; the scheduler's own HTTP server (/health, /metrics) still starts, on
    # 8787 unless told otherwise: a free loopback port, so a second cluster on the machine
    # (another run, a test) never collides with the first.
    with LocalCluster(n_workers=workers or default_processes(), threads_per_worker=1,
                      processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, \
            Client(cluster) as client:
        yield client


def _check_manifest(fs: Any, root: str, record: dict[str, Any]) -> None:
    """Write the record of the partitions, or refuse one that differs from the first run's."""
    path = f"{root}/{MANIFEST}"
    if fs.exists(path):
        with fs.open(path, "r", encoding="utf-8") as fh:
            before = json.load(fh)
        if before != record:
            raise ArchiveError(
                f"{root} holds parts of another cut of the input ({before}); resume with the "
                f"same input and --partition-size, or write to another folder")
        return
    with fs.open(path, "w", encoding="utf-8") as fh:
        json.dump(record, fh, indent=1)
        fh.write("\n")


def _check_ids(parts: list[Any], name: str) -> None:
    """Refuse a repeated id anywhere in the input (and a bad line), reading it on the cluster."""
    import dask
    import dask.bag as db

    pairs = db.from_delayed([dask.delayed(partition_ids)(part, i, name)
                             for i, part in enumerate(parts)])
    repeated = pairs.pluck(0).frequencies().filter(lambda kv: kv[1] > 1).pluck(0).compute()
    if not repeated:
        return
    first = set(repeated[:5])
    places: dict[str, list[str]] = {}
    for doc_id, where in pairs.filter(lambda pair: pair[0] in first).compute():
        places.setdefault(doc_id, []).append(where)
    more = f" (and {len(repeated) - 5} more)" if len(repeated) > 5 else ""
    raise ArchiveError(
        "every id must be unique, as resuming skips the parts already written: "
        + "; ".join(f"id {json.dumps(i, ensure_ascii=False)} at " + ", ".join(w)
                    for i, w in places.items()) + more)


def run_dask(client: Any, source: str, output: str, settings: Settings, job: Job,
             blocksize: int = DEFAULT_BLOCKSIZE, progress: bool = True) -> dict[str, Any]:
    """Analyse every partition of ``source`` whose part is not yet under ``output``.

    Return the counts: partitions, parts skipped and written, documents, errors, words,
    the wall time and the CPU time the workers spent in the analysis.
    """
    import fsspec
    from distributed import as_completed

    fs, root = fsspec.core.url_to_fs(output)
    root = root.rstrip("/")
    # The workers wrote the parts of an earlier run: read the folder afresh, not from this
    # process's cache of its listing (s3fs and other object stores' fsspec classes keep one).
    fs.invalidate_cache(root)
    fs.makedirs(root, exist_ok=True)
    parts = partitions(source, blocksize)
    _check_manifest(fs, root, {"input": source, "format": "parquet" if is_parquet(source)
                               else "jsonl", "blocksize": None if is_parquet(source)
                               else blocksize, "partitions": len(parts)})
    written = {entry.rsplit("/", 1)[-1] for entry in fs.ls(root, detail=False)}
    todo = [i for i in range(len(parts)) if PART.format(i) not in written]
    _check_ids(parts, source)
    client.register_plugin(AnalyzerPlugin(settings))
    started = time.perf_counter()
    futures = client.compute([
        client_delayed(analyse_partition)(parts[i], i, source, output, settings, job)
        for i in todo])
    bar = _progress(len(todo), progress)
    results = []
    try:
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(f"{sum(r.words for r in results):,} words, "
                                    f"{sum(r.errors for r in results)} errors", refresh=False)
    except BaseException:
        client.cancel(futures)
        raise
    finally:
        if bar is not None:
            bar.close()
    seconds = time.perf_counter() - started
    words = sum(r.words for r in results)
    documents = sum(r.documents for r in results)
    errors = sum(r.errors for r in results)
    return {"partitions": len(parts), "skipped": len(parts) - len(todo),
            "parts_written": len(results), "written": documents, "errors": errors,
            "analysed": documents - errors, "words": words, "seconds": round(seconds, 2),
            "words_per_second": round(words / seconds, 1) if seconds and words else 0.0,
            "cpu_seconds": round(sum(r.cpu_seconds for r in results), 2),
            "workers": sorted({r.pid for r in results})}


def client_delayed(function: Any) -> Any:
    """Return ``dask.delayed(function)``: a task that is never merged with an equal one."""
    import dask

    return dask.delayed(function, pure=False)


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or not total:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="part", dynamic_ncols=True, file=sys.stderr)
