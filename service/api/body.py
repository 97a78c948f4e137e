"""Read a request body strictly: exact content types, valid UTF-8 (or ASCII), well-formed JSON."""

from __future__ import annotations

import json
import zlib
from typing import IO, Any

from flask import Request

from service.api.budget import budget_seconds
from service.problems import (
    MalformedRequest,
    PayloadTooLarge,
    TimeBudgetExceeded,
    UnsupportedMediaType,
    UploadTooSlow,
)

CHUNK = 64 * 1024
# Content codings a body may carry (RFC 9110 section 8.4); "x-gzip" is gzip's old alias.
GZIP_CODINGS = frozenset({"gzip", "x-gzip"})
SUPPORTED_CODINGS = "gzip"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise MalformedRequest(f"duplicate key {key!r} in JSON object")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise MalformedRequest(f"{name} is not valid JSON")


UTF8_LABELS = frozenset({"utf-8", "utf8"})
# US-ASCII's name and aliases in the IANA character-sets registry, plus the common "ascii".
# An explicit set: codecs.lookup would cache every unknown label a client sends.
ASCII_LABELS = frozenset({"us-ascii", "ascii", "iso-ir-6", "ansi_x3.4-1968", "ansi_x3.4-1986",
                          "iso_646.irv:1991", "iso646-us", "us", "ibm367", "cp367", "csascii"})


def _charset(request: Request) -> str:
    """Return the request's charset label, lower-cased (UTF-8 when none is given)."""
    return request.mimetype_params.get("charset", "utf-8").lower()


def _decode(raw: bytes, charset: str) -> str:
    """Decode ``raw``: as ASCII for an ASCII label (a subset of UTF-8), else as UTF-8."""
    if charset in ASCII_LABELS:
        try:
            return raw.decode("ascii")
        except UnicodeDecodeError as exc:
            raise MalformedRequest(
                f"The body is labelled charset={charset} but byte {exc.start} "
                f"(0x{raw[exc.start]:02X}) is not ASCII; send the text as UTF-8, labelled so."
            ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The body is not valid UTF-8 (byte {exc.start}).") from None


def _codings(request: Request) -> list[str]:
    """Return the body's content codings, in the order applied, without ``identity``."""
    header = request.headers.get("Content-Encoding", "")
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1 or (codings and codings[0] not in GZIP_CODINGS):
        raise UnsupportedMediaType(
            f"Content-Encoding {header.strip()!r} is not supported; send the body "
            f"uncompressed or compressed once with {SUPPORTED_CODINGS}.",
            headers={"Accept-Encoding": SUPPORTED_CODINGS})
    return codings


def _read_at_most(request: Request, limit: int) -> bytes:
    """Read the body: all of it if it is at most ``limit`` bytes, else ``limit + 1`` bytes.

    A chunked body has no Content-Length; a server that ends such a stream itself (gunicorn
    sets ``wsgi.input_terminated``) is read directly, because werkzeug's own stream of at
    most ``MAX_CONTENT_LENGTH`` raises 413 on any read after the limit, even one that would
    have found the body's end there.
    """
    length = request.content_length
    if length is not None:
        if length > limit:
            raise PayloadTooLarge(f"The body is over the limit of {limit} bytes.")
        stream: IO[bytes] = request.stream
        wanted = length
    else:
        environ = request.environ
        stream = environ["wsgi.input"] if "wsgi.input_terminated" in environ else request.stream
        wanted = limit + 1
    parts: list[bytes] = []
    got = 0
    try:
        while got < wanted:
            chunk = stream.read(min(CHUNK, wanted - got))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except TimeBudgetExceeded:
        # How much the server has buffered is not known here: name what was announced.
        size = f"{length} bytes announced" if length is not None else "chunked"
        raise UploadTooSlow(
            f"The request body ({size}) did not arrive within the request's time budget "
            f"of {budget_seconds():g} seconds; send it faster, or through a proxy that "
            "buffers uploads.") from None
    return b"".join(parts)


def _gunzip(raw: bytes, limit: int) -> bytes:
    """Decompress a gzip body (every member); what comes out counts against ``limit``."""
    out: list[bytes] = []
    size = 0
    data = raw
    try:
        while data:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            while data and not inflater.eof:
                piece = inflater.decompress(data, limit + 1 - size)
                size += len(piece)
                out.append(piece)
                if size > limit:
                    raise PayloadTooLarge(
                        f"The decompressed body is over the limit of {limit} bytes.")
                data = inflater.unconsumed_tail
            if not inflater.eof:
                raise MalformedRequest("The body is labelled gzip but the gzip stream is "
                                       "cut short.")
            data = inflater.unused_data
    except zlib.error:
        raise MalformedRequest("The body is labelled gzip but is not valid gzip data.") from None
    return b"".join(out)


def read_body(request: Request, limit: int) -> tuple[str, Any]:
    """Return ``("json", value)`` or ``("text", str)`` for the request body.

    ``limit`` bounds the body as sent and, for a gzip body, as decompressed.
    """
    mimetype = request.mimetype
    if mimetype not in {"application/json", "text/plain"}:
        raise UnsupportedMediaType(
            "Send application/json or text/plain (UTF-8)"
            + (f", not {mimetype}." if mimetype else "; no Content-Type was given.")
        )
    charset = _charset(request)
    if charset not in UTF8_LABELS | ASCII_LABELS:
        raise UnsupportedMediaType("Only the UTF-8 (or US-ASCII) charset is accepted.")
    codings = _codings(request)
    raw = _read_at_most(request, limit)
    if len(raw) > limit:
        raise PayloadTooLarge(f"The body is over the limit of {limit} bytes.")
    if codings:
        raw = _gunzip(raw, limit)
    decoded = _decode(raw, charset)
    if mimetype == "text/plain":
        return "text", decoded
    # RFC 8259 section 8.1: a parser may ignore a byte order mark before the JSON text.
    decoded = decoded.removeprefix("\ufeff")
    try:
        value = json.loads(decoded, object_pairs_hook=_no_duplicates,
                           parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise MalformedRequest(f"Malformed JSON: {exc.msg} at line {exc.lineno} "
                               f"column {exc.colno}.") from None
    except RecursionError:
        raise MalformedRequest("The JSON is nested too deeply.") from None
    except ValueError:  # an integer over Python's 4,300-digit conversion limit
        raise MalformedRequest("Malformed JSON: a number has too many digits.") from None
    return "json", value
