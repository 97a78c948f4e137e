"""Archive output: the ids already written (to resume), and the lock on the output file."""

from __future__ import annotations

import fcntl
import json
import os
import stat
from pathlib import Path
from typing import IO

from service.archive.reading import ArchiveError


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


def claim(output: Path) -> IO[str]:
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
