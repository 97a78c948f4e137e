"""Read a request body strictly: exact content types, valid UTF-8, well-formed JSON."""

from __future__ import annotations

import json
from typing import Any

from flask import Request

from service.api.errors import MalformedRequest, PayloadTooLarge, UnsupportedMediaType


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise MalformedRequest(f"duplicate key {key!r} in JSON object")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise MalformedRequest(f"{name} is not valid JSON")


def _charset_ok(request: Request) -> bool:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    return charset in {"utf-8", "utf8"}


def read_body(request: Request, limit: int) -> tuple[str, Any]:
    """Return ``("json", value)`` or ``("text", str)`` for the request body."""
    mimetype = request.mimetype
    if mimetype not in {"application/json", "text/plain"}:
        raise UnsupportedMediaType(
            "Send application/json or text/plain (UTF-8)"
            + (f", not {mimetype}." if mimetype else "; no Content-Type was given.")
        )
    if not _charset_ok(request):
        raise UnsupportedMediaType("Only the UTF-8 charset is accepted.")
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"The body is over the limit of {limit} bytes.")
    # A chunked body has no Content-Length: read at most limit + 1 bytes. werkzeug's
    # stream stops at MAX_CONTENT_LENGTH without complaint and raises 413 only on the
    # next read, so a body of exactly ``limit`` bytes is probed for one more.
    raw = request.stream.read(limit + 1)
    if len(raw) > limit or (len(raw) == limit and request.stream.read(1)):
        raise PayloadTooLarge(f"The body is over the limit of {limit} bytes.")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The body is not valid UTF-8 (byte {exc.start}).") from None
    if mimetype == "text/plain":
        return "text", decoded
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
