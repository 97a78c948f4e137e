"""Archive mode: analyse a JSONL file or a folder of .txt files, one JSON line per document.

Every core works on the whole chain. The analyzer is built once in the parent and the
worker processes are forked from it, sharing the model's pages copy-on-write (as
gunicorn's preload does); each worker parses its chunk with ``nlp.pipe`` and analyses and
serialises it itself. (With ``nlp.pipe(n_process=...)`` the workers would only parse and
ship Docs back, and the analysis and JSON, about a third of the work, would queue in one
parent process.) Lines are written in input order and flushed one by one, so an
interrupted run leaves whole lines; run it again with the same output file and the
documents already there are skipped.

A document that cannot be read or analysed gets an error line and the run goes on; an
error line counts as done on resume, like a result. Input that makes resuming unsafe (a
line that is not ``{"id", "text"}``, an id used twice) stops the run before anything is
written.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import re
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from service.analysis.pipeline import Analyzer
from service.serialize import encode, response_document

_WORD = re.compile(r"\w+")

#: The analyzer the forked workers inherit from the parent.
_SHARED: dict[str, Any] = {}

#: Problem type and title per status of an error line: the API's problem types
#: (service/api/errors.py, which imports Flask and so is not imported here), plus one
#: for a file that cannot be read at all.
_PROBLEMS: dict[str, tuple[int, str]] = {
    "malformed-request": (400, "Malformed request body"),
    "unreadable-document": (400, "Document could not be read"),
    "payload-too-large": (413, "Payload too large"),
    "validation-error": (422, "Request validation failed"),
    "internal-error": (500, "Internal server error"),
}
TYPE_PREFIX = "urn:rhetoric:problem:"

#: Suffixes read as JSONL (compared lower-cased).
JSONL_SUFFIXES = (".jsonl", ".ndjson")

#: Error lines named on stderr one by one; the rest are only counted.
_MAX_WARNINGS = 20


class ArchiveError(ValueError):
    """The input cannot be read as an archive; the message names the place."""


class Terminated(BaseException):  # named like KeyboardInterrupt
    """SIGTERM arrived; raised in the main thread so the run stops as on Ctrl-C."""


@dataclass(frozen=True)
class Job:
    """What to analyse and how."""

    encoding: str = "codepoint"
    max_chars: int = 100_000
    batch_size: int = 64
    batch_words: int = 2000


@dataclass(frozen=True)
class Unreadable:
    """A document whose text could not be read; it becomes an error line."""

    slug: str
    detail: str


def _folder_files(source: Path, skipped: list[Path] | None = None) -> Iterator[Path]:
    """Yield the .txt files under ``source`` in sorted order, leaving out macOS ``._*`` files."""
    for path in sorted(source.rglob("*.txt")):
        if path.name.startswith("._"):
            # AppleDouble metadata that macOS writes next to a file on a foreign disk.
            if skipped is not None:
                skipped.append(path)
            continue
        if path.is_dir():  # a folder named x.txt: rglob walks its files anyway
            continue
        yield path


def _read_file(path: Path) -> str | Unreadable:
    """Return the text of ``path`` exactly as stored (no newline translation), or why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Unreadable("unreadable-document", f"cannot read the file: {exc.strerror}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Unreadable("malformed-request", f"the file is not valid UTF-8 (byte 0x"
                          f"{data[exc.start]:02X} at offset {exc.start})")


def _document_id(value: Any, where: str) -> str:
    """Return the id of a JSONL row as a string; refuse one that cannot be kept apart."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ArchiveError(f"{where}: the id must be a string or an integer")
    doc_id = str(value)
    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        raise ArchiveError(f"{where}: the id is not valid Unicode "
                           "(a lone surrogate, or bytes that are not UTF-8)") from None
    return doc_id


def _jsonl(source: Path, name: str) -> Iterator[tuple[str, str | Unreadable, str]]:
    """Yield ``(id, text, "file:line")`` for each non-blank line of a JSONL file."""
    with source.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]  # a UTF-8 byte order mark, as Windows tools write
            if not raw.strip():
                continue
            where = f"{name}:{number}"
            bad_byte: int | None = None
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad_byte = exc.start
                line = raw.decode("utf-8", "surrogateescape")
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArchiveError(f"{where}: not JSON: {exc.msg}") from None
            if (not isinstance(row, dict) or not isinstance(row.get("text"), str)
                    or row.get("id") is None):
                raise ArchiveError(f'{where}: expected {{"id": ..., "text": "..."}}')
            doc_id = _document_id(row["id"], where)
            if bad_byte is not None:
                yield doc_id, Unreadable("malformed-request", (
                    f"line {number} is not valid UTF-8 (byte 0x{raw[bad_byte]:02X} at "
                    f"column {bad_byte + 1})")), where
            else:
                yield doc_id, row["text"], where


def read_documents(source: Path, name: str | None = None) -> Iterator[tuple[str, str | Unreadable]]:
    """Yield ``(id, text)`` from a JSONL file of ``{"id", "text"}`` or a folder of .txt files.

    ``text`` is an ``Unreadable`` for a document that cannot be read: a file that is not
    UTF-8, a broken link, a JSONL line that is not UTF-8.
    """
    if source.is_dir():
        for path in _folder_files(source):
            yield path.relative_to(source).as_posix(), _read_file(path)
        return
    for doc_id, text, _ in _jsonl(source, name or str(source)):
        yield doc_id, text


@dataclass(frozen=True)
class Plan:
    """What a run will do, found by reading the whole input once before writing anything."""

    pending: int
    skipped: int
    apple_double: int
    total: int


def plan(source: Path, done: set[str], name: str | None = None) -> Plan:
    """Check every input line and id before a run; count the documents still to do.

    Refuse an id used twice (``1`` and ``"1"`` are the same id, as the output writes
    both as ``"1"``): a resumed run skips the ids already in the output, so the second
    document would be lost whenever a run stopped between the two.
    """
    name = name or str(source)
    first: dict[str, str] = {}
    repeats: list[str] = []
    apple: list[Path] = []
    if source.is_dir():
        entries: Iterable[tuple[str, str]] = (
            (path.relative_to(source).as_posix(), str(path))
            for path in _folder_files(source, apple))
    else:
        entries = ((doc_id, where) for doc_id, _, where in _jsonl(source, name))
    for doc_id, where in entries:
        if doc_id in first:
            repeats.append(f"{where}: id {json.dumps(doc_id, ensure_ascii=False)} "
                           f"is already used at {first[doc_id]}")
        else:
            first[doc_id] = where
    if repeats:
        more = f" (and {len(repeats) - 5} more)" if len(repeats) > 5 else ""
        raise ArchiveError("every id must be unique, as resuming skips the ids already in "
                           'the output (1 and "1" are the same id): ' + "; ".join(repeats[:5])
                           + more)
    skipped = sum(1 for doc_id in first if doc_id in done)
    return Plan(len(first) - skipped, skipped, len(apple), len(first))


def _line_id(raw: bytes, output: Path, number: int) -> str:
    """Return the id of one output line, parsing only the id when it comes first."""
    try:
        line = raw.decode("utf-8")
        if line.startswith('{"id":'):
            value, end = json.JSONDecoder().raw_decode(line, 6)
            if isinstance(value, str) and line[end] == "," and line.rstrip().endswith("}"):
                return value
        value = json.loads(line)["id"]
        if isinstance(value, str):
            return value
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, IndexError):
        pass
    raise ArchiveError(f"{output}:{number}: not a result line; "
                       "resume only into a file this command wrote")


def finished_ids(output: Path) -> set[str]:
    """Return the ids already in ``output``; cut off a line an interruption left half written.

    The file is read line by line and only each line's id is parsed, so the memory needed
    is the set of ids, not the output.
    """
    if not output.exists():
        return set()
    done: set[str] = set()
    complete = 0  # bytes up to the end of the last whole line
    with output.open("rb+") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.endswith(b"\n"):
                break
            complete += len(raw)
            if raw.strip():
                done.add(_line_id(raw, output, number))
        if fh.seek(0, os.SEEK_END) > complete:
            fh.truncate(complete)
    return done


def error_document(doc_id: str, slug: str, detail: str) -> dict[str, Any]:
    """Return the error line of one document: its id and an RFC 9457 problem.

    The problem has the fields of a batch endpoint error (``type``, ``title``,
    ``status``, ``detail``), under ``error`` instead of beside an ``index``.
    """
    status, title = _PROBLEMS[slug]
    return {"id": doc_id, "error": {"type": TYPE_PREFIX + slug, "title": title,
                                    "status": status, "detail": detail}}


def _error_line(doc_id: str, slug: str, detail: str) -> str:
    return encode(error_document(doc_id, slug, detail)).decode("utf-8")


def _refusal(text: str, job: Job) -> tuple[str, str] | None:
    """Return ``(problem slug, detail)`` when ``text`` cannot be analysed, else None."""
    if not text.strip():
        return "validation-error", "the text is empty"
    if len(text) > job.max_chars:
        return "payload-too-large", (f"the text has {len(text)} characters; "
                                     f"the limit is {job.max_chars}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "validation-error", "text contains a lone surrogate; send valid Unicode"
    return None


def _failure(exc: Exception) -> str:
    message = f"{type(exc).__name__}: {exc}"
    return "the analysis failed: " + (message[:300] + "…" if len(message) > 300 else message)


#: One line of output: ``(id, words, JSON line, the error's detail or None)``.
Line = tuple[str, int, str, str | None]


def analyse_chunk(chunk: list[tuple[str, str | Unreadable]]) -> list[Line]:
    """Return one output line per document of ``chunk``, in order.

    The chunk is analysed in one ``analyze_many`` call; when that raises, the documents
    it had not returned are analysed one by one, so only the document at fault gets an
    error line.
    """
    analyzer: Analyzer = _SHARED["analyzer"]
    job: Job = _SHARED["job"]
    out: list[Line | None] = [None] * len(chunk)
    todo: list[int] = []
    texts: dict[int, str] = {}
    for i, (doc_id, text) in enumerate(chunk):
        refusal = ((text.slug, text.detail) if isinstance(text, Unreadable)
                   else _refusal(text, job))
        if refusal is not None:
            out[i] = (doc_id, 0, _error_line(doc_id, *refusal), refusal[1])
        elif isinstance(text, str):
            todo.append(i)
            texts[i] = text
    started = time.perf_counter()
    analyses: dict[int, Any] = {}
    try:
        for i, analysis in zip(todo, analyzer.analyze_many(
                (texts[i] for i in todo), batch_size=job.batch_size,
                max_words=job.batch_words), strict=True):
            analyses[i] = analysis
    except Exception:  # find the document at fault below
        for i in todo:
            if i not in analyses:
                try:
                    analyses[i] = next(iter(analyzer.analyze_many(
                        [texts[i]], batch_size=1, max_words=job.batch_words)))
                except Exception as exc:  # one document's failure
                    analyses[i] = exc
    for i in todo:
        doc_id = chunk[i][0]
        analysis = analyses[i]
        try:
            if isinstance(analysis, Exception):
                raise analysis
            elapsed = (time.perf_counter() - started) * 1000
            document = response_document(analyzer, analysis, job.encoding, doc_id, elapsed)
            out[i] = (doc_id, len(_WORD.findall(texts[i])), encode(document).decode("utf-8"),
                      None)
        except Exception as exc:  # one document's failure
            detail = _failure(exc)
            out[i] = (doc_id, 0, _error_line(doc_id, "internal-error", detail), detail)
    return [item for item in out if item is not None]


def _chunks(items: Iterable[tuple[str, str | Unreadable]],
            size: int) -> Iterator[list[tuple[str, str | Unreadable]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_processes() -> int:
    """Return the number of cores this process may run on (its CPU affinity)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_init() -> None:
    """Let a worker die with its parent, and leave Ctrl-C and SIGTERM to the parent."""
    # The parent handles Ctrl-C (sent to the whole process group) and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sink = _SHARED.get("sink_fd")
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
    if os.getppid() != _SHARED.get("parent"):  # the parent died before prctl
        os._exit(1)


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
    sink = _claim(output)
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


def _claim(output: Path) -> IO[str]:
    """Open ``output`` for appending, locked against a second run writing it at once.

    Two runs into one file would each skip the ids finished when it started and then
    both analyse and write the rest. The lock (``flock``) goes with the open file, so it
    is released when the run ends, however it ends.
    """
    sink = output.open("a", encoding="utf-8")
    if not stat.S_ISREG(os.fstat(sink.fileno()).st_mode):
        return sink  # /dev/null, a pipe: nothing to resume, and a lock there is global
    try:
        fcntl.flock(sink.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        # A run that held the lock may have removed the file (refused, nothing written)
        # between our open and our lock: then this handle is to a deleted file.
        if not output.exists() or not os.path.samefile(output, sink.fileno()):
            raise BlockingIOError
    except BlockingIOError:
        sink.close()
        raise ArchiveError(f"{output}: another run is writing this file; wait for it to "
                           "end (this run would then resume it) or write to another file"
                           ) from None
    return sink


def _run(analyzer: Analyzer, source: Path, output: Path | None, sink: IO[str], job: Job,
         processes: int, progress: bool, name: str | None) -> dict[str, Any]:
    done = finished_ids(output) if output is not None else set()
    planned = plan(source, done, name)
    if planned.apple_double:
        print(f"rhetoric: warning: skipped {planned.apple_double} macOS metadata file(s) "
              "named ._*.txt", file=sys.stderr)
    if source.is_dir() and not planned.total:
        print(f"rhetoric: warning: no .txt files in {name or source}", file=sys.stderr)
    todo = ((doc_id, text) for doc_id, text in read_documents(source, name)
            if doc_id not in done)
    _SHARED.update(analyzer=analyzer, job=job, parent=os.getpid(),
                   sink_fd=sink.fileno() if output is not None else None)
    # Chunks handed to a worker: small enough to keep every worker busy to the end.
    chunk_size = max(1, min(job.batch_size, 16))
    pool = bar = None
    written = words = errors = 0
    started = time.perf_counter()
    try:
        # Fork before the progress bar starts its monitor thread.
        if processes > 1 and planned.pending > chunk_size:
            pool = multiprocessing.get_context("fork").Pool(processes, initializer=_worker_init)
        bar = _progress(planned.pending, progress)
        warn = _stderr_writer(bar)
        results: Iterable[list[Line]] = (
            pool.imap(analyse_chunk, _chunks(todo, chunk_size)) if pool is not None
            else map(analyse_chunk, _chunks(todo, chunk_size)))
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
        _SHARED.clear()
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
