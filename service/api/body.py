"""Read a request body strictly: exact content types, valid UTF-8 (or ASCII), well-formed JSON."""

from __future__ import annotations

import json
from typing import Any

from flask import Request

from service.problems import MalformedRequest, PayloadTooLarge, UnsupportedMediaType


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


def read_body(request: Request, limit: int) -> tuple[str, Any]:
    """Return ``("json", value)`` or ``("text", str)`` for the request body."""
    mimetype = request.mimetype
    if mimetype not in {"application/json", "text/plain"}:
        raise UnsupportedMediaType(
            "Send application/json or text/plain (UTF-8)"
            + (f", not {mimetype}." if mimetype else "; no Content-Type was given.")
        )
    charset = _charset(request)
    if charset not in UTF8_LABELS | ASCII_LABELS:
        raise UnsupportedMediaType("Only the UTF-8 (or US-ASCII) charset is accepted.")
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"The body is over the limit of {limit} bytes.")
    # A chunked body has no Content-Length: read at most limit + 1 bytes. werkzeug's
    # stream stops at MAX_CONTENT_LENGTH without complaint and raises 413 only on the
    # next read, so a body of exactly ``limit`` bytes is probed for one more.
    raw = request.stream.read(limit + 1)
    if len(raw) > limit or (len(raw) == limit and request.stream.read(1)):
        raise PayloadTooLarge(f"The body is over the limit of {limit} bytes.")
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
