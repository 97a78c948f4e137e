"""Archive input: the documents of a JSONL file or a folder of .txt files, and their ids.

The whole input is read once (:func:`plan`) before anything is written: a line that is
not ``{"id", "text"}`` or an id used twice stops the run there. A JSONL line's other
fields are the document's metadata, written back beside its result.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from service.problems import MalformedRequest, Problem, UnreadableDocument
from service.render import encode

#: Suffixes read as JSONL (compared lower-cased).
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class ArchiveError(ValueError):
    """The input cannot be read as an archive; the message names the place."""


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


def _read_file(path: Path) -> str | Problem:
    """Return the text of ``path`` exactly as stored (no newline translation), or why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return UnreadableDocument(f"cannot read the file: {exc.strerror}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return MalformedRequest(f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X} "
                                f"at offset {exc.start})")


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


class Document(NamedTuple):
    """One document of the input: its id, its text (or why it cannot be read), its metadata."""

    id: str
    text: str | Problem
    #: The JSONL line's fields other than id and text, in the line's order; {} in a folder.
    metadata: dict[str, Any]


def _metadata(row: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return a JSONL row's fields other than id and text, and the names of those unwritable.

    A field is kept as given; one that cannot be written back as JSON (a lone surrogate,
    bytes that are not UTF-8, an integer beyond 64 bits) is left out and named.
    """
    kept: dict[str, Any] = {}
    bad: list[str] = []
    for key, value in row.items():
        if key in ("id", "text"):
            continue
        try:
            encode({key: value})
        except TypeError:  # orjson.JSONEncodeError
            bad.append(key)
        else:
            kept[key] = value
    return kept, bad


def parse_line(raw: bytes, where: str, line: str) -> Document:
    """Return the document of one non-blank JSONL line; ``line`` names it in error details.

    A line that is not UTF-8 or whose metadata cannot be written back becomes a document
    whose text is the problem; a line that is not ``{"id", "text"}`` raises
    :class:`ArchiveError` naming ``where``.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = _json_row(raw.decode("utf-8", "surrogateescape"), where)
        return Document(_document_id(row.get("id"), where), MalformedRequest(
            f"{line} is not valid UTF-8 (byte 0x{raw[exc.start]:02X} at "
            f"column {exc.start + 1})"), _metadata(row)[0])
    return row_document(_json_row(text, where), where, line)


def _json_row(text: str, where: str) -> dict[str, Any]:
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArchiveError(f"{where}: not JSON: {exc.msg}") from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or row.get("id") is None:
        raise ArchiveError(f'{where}: expected {{"id": ..., "text": "..."}}')
    return row


def row_document(row: dict[str, Any], where: str, line: str) -> Document:
    """Return the document of one input row ``{"id", "text", ...}`` (a JSONL line, a table row)."""
    if not isinstance(row.get("text"), str) or row.get("id") is None:
        raise ArchiveError(f'{where}: expected {{"id": ..., "text": "..."}}')
    doc_id = _document_id(row["id"], where)
    metadata, unwritable = _metadata(row)
    if unwritable:
        names = ", ".join(json.dumps(key, ensure_ascii=False) for key in unwritable)
        return Document(doc_id, MalformedRequest(
            f"{line}: metadata field(s) {names} cannot be written as JSON "
            "(a lone surrogate, or an integer beyond 64 bits)"), metadata)
    return Document(doc_id, row["text"], metadata)


def jsonl_lines(lines: Iterable[bytes], name: str) -> Iterator[tuple[Document, str]]:
    """Yield ``(document, "name:line")`` for each non-blank line of a JSONL file."""
    for number, raw in enumerate(lines, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte order mark, as Windows tools write
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        yield parse_line(raw, where, f"line {number}"), where


def _ids(source: Path, name: str) -> Iterator[tuple[str, str]]:
    """Yield ``(id, "file:line")`` of each line, parsing nothing but what the id needs."""
    with source.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            where = f"{name}:{number}"
            row = _json_row(raw.decode("utf-8", "surrogateescape"), where)
            yield _document_id(row["id"], where), where


def _jsonl(source: Path, name: str) -> Iterator[tuple[Document, str]]:
    """Yield ``(document, "file:line")`` for each non-blank line of a JSONL file."""
    with source.open("rb") as fh:
        yield from jsonl_lines(fh, name)


def read_documents(source: Path, name: str | None = None) -> Iterator[Document]:
    """Yield the documents of a JSONL file of ``{"id", "text", ...}`` or a folder of .txt files.

    A document's ``text`` is the :class:`~service.problems.Problem` of one that cannot be
    read: a file that is not UTF-8, a broken link, a JSONL line that is not UTF-8 or
    whose metadata cannot be written back.
    """
    if source.is_dir():
        for path in _folder_files(source):
            yield Document(path.relative_to(source).as_posix(), _read_file(path), {})
        return
    for document, _ in _jsonl(source, name or str(source)):
        yield document


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
        entries = _ids(source, name)
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
