"""Archive mode: analyse a JSONL file or a folder of .txt files, one JSON line per document.

Every core works on the whole chain. The analyzer is built once in the parent and the
worker processes are forked from it, sharing the model's pages copy-on-write (as
gunicorn's preload does); each worker parses its chunk with ``nlp.pipe`` and analyses and
serialises it itself. (With ``nlp.pipe(n_process=...)`` the workers would only parse and
ship Docs back, and the analysis and JSON, about a third of the work, would queue in one
parent process.) Lines are written in input order and flushed one by one, so an
interrupted run leaves whole lines; run it again with the same output file and the
documents already there are skipped. A JSONL line's fields besides id and text come back
under ``metadata`` in its line, and ``Job.shape`` chooses the full response document or
the compact ``summary`` shape.

A document that cannot be read or analysed gets an error line and the run goes on; an
error line counts as done on resume, like a result. Input that makes resuming unsafe (a
line that is not ``{"id", "text"}``, an id used twice) stops the run before anything is
written.

Modules: :mod:`~service.archive.reading` (the input and its ids),
:mod:`~service.archive.output` (resuming, the output file's lock),
:mod:`~service.archive.workers` (a chunk of documents to lines, in forked workers),
:mod:`~service.archive.runner` (a run from start to end);
on a Dask cluster (``rhetoric analyze --dask``): :mod:`~service.archive.partitions` (the
input's partitions, one output part each, the worker plugin that builds the analyzer)
and :mod:`~service.archive.cluster` (connecting, checking, running the partitions).
"""

from service.archive.output import finished_ids
from service.archive.reading import (
    JSONL_SUFFIXES,
    ArchiveError,
    Document,
    Plan,
    plan,
    read_documents,
)
from service.archive.runner import Terminated, run
from service.archive.workers import (
    Job,
    analyse_chunk,
    default_processes,
    error_document,
    with_metadata,
)

__all__ = ["JSONL_SUFFIXES", "ArchiveError", "Document", "Job", "Plan", "Terminated",
           "analyse_chunk", "default_processes", "error_document", "finished_ids", "plan",
           "read_documents", "run", "with_metadata"]
