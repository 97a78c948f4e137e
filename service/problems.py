"""The problem types every surface reports, and the check of a text before it is analysed.

One catalogue for the API, archive mode and the CLI, with no Flask (as spaCy's
``errors.py`` or click's exception classes, which carry their exit code): each class
knows its status, its type (``urn:rhetoric:problem:<slug>``) and its title. The API
sends one as ``application/problem+json`` (RFC 9457), archive mode writes it as the
``error`` of a document's line, the CLI prints its detail.
"""

from __future__ import annotations

import re
from typing import Any

TYPE_PREFIX = "urn:rhetoric:problem:"
# A character that is not white space by Unicode's White_Space property (PropList.txt):
# what a person and a text editor call blank. Python's str.isspace() also counts the
# ASCII information separators U+001C-U+001F, which are control characters, not space.
# openapi.yaml's ``pattern`` for a text is this same class, so the contract and the
# check agree (tests/api/test_adversarial.py compares them on every code point).
NOT_WHITE_SPACE = ("[^\\t\\n\\x0B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029"
                   "\\u202F\\u205F\\u3000]")
_NOT_WHITE_SPACE = re.compile(NOT_WHITE_SPACE)


class Problem(Exception):
    """A problem a client is told about; this base class is the unexpected one (500)."""

    status = 500
    slug = "internal-error"
    title = "Internal server error"

    def __init__(self, detail: str, *, errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}

    @property
    def type(self) -> str:
        """Return the problem type URN."""
        return TYPE_PREFIX + self.slug

    def body(self) -> dict[str, Any]:
        """Return the problem document: type, title, status, detail (and field errors)."""
        doc: dict[str, Any] = {"type": self.type, "title": self.title,
                               "status": self.status, "detail": self.detail}
        if self.errors is not None:
            doc["errors"] = self.errors
        return doc


class MalformedRequest(Problem):
    status, slug, title = 400, "malformed-request", "Malformed request body"


class UnreadableDocument(Problem):
    """An archive document whose file cannot be read at all (archive mode only)."""

    status, slug, title = 400, "unreadable-document", "Document could not be read"


class Unauthorized(Problem):
    status, slug, title = 401, "unauthorized", "API key required"


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"


class MethodNotAllowed(Problem):
    status, slug, title = 405, "method-not-allowed", "Method not allowed"


class UploadTooSlow(Problem):
    """A request body that did not arrive within the request's time budget."""

    status, slug, title = 408, "upload-too-slow", "Request body arrived too slowly"


class PayloadTooLarge(Problem):
    status, slug, title = 413, "payload-too-large", "Payload too large"


class UnsupportedMediaType(Problem):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class TooManyRequests(Problem):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class ValidationFailed(Problem):
    status, slug, title = 422, "validation-error", "Request validation failed"


class NotReady(Problem):
    status, slug, title = 503, "not-ready", "Service not ready"


class TimeBudgetExceeded(Problem):
    status, slug, title = 503, "time-budget-exceeded", "Time budget exceeded"


#: Every problem type, in order of status.
PROBLEM_TYPES: tuple[type[Problem], ...] = (
    MalformedRequest, UnreadableDocument, Unauthorized, NotFound, MethodNotAllowed,
    UploadTooSlow, PayloadTooLarge, UnsupportedMediaType, ValidationFailed, TooManyRequests,
    Problem, NotReady,
    TimeBudgetExceeded,
)


# The refusals of a text. ``detail`` is the short line archive mode and the CLI write;
# ``message`` is the API's wording of the same refusal (a field error of a 422, the
# detail of a 413), which the contract tests hold to the byte.

class EmptyText(ValidationFailed):
    """A text of nothing but white space (Unicode's White_Space property)."""

    message = "text must contain something other than white space"

    def __init__(self) -> None:
        super().__init__("the text is empty")


class LoneSurrogate(ValidationFailed):
    """A string that cannot be encoded as UTF-8 (a lone surrogate)."""

    message = "text contains a lone surrogate; send valid Unicode"

    def __init__(self) -> None:
        super().__init__(self.message)


class TextTooLong(PayloadTooLarge):
    """A text longer than the configured limit (``RHETORIC_MAX_TEXT_CHARS``)."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"the text has {length} characters; the limit is {limit}")
        self.length = length
        self.limit = limit

    @property
    def message(self) -> str:
        return f"text has {self.length} characters; the limit is {self.limit}."


def check_unicode(value: str) -> None:
    """Raise :class:`LoneSurrogate` unless ``value`` can be written as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise LoneSurrogate() from None


def validate_text(text: str, max_chars: int | None = None) -> str:
    """Return ``text`` if it can be analysed; else raise why not.

    Checked in this order: :class:`EmptyText`, :class:`TextTooLong` (only with
    ``max_chars``), :class:`LoneSurrogate`.
    """
    if not _NOT_WHITE_SPACE.search(text):
        raise EmptyText()
    if max_chars is not None and len(text) > max_chars:
        raise TextTooLong(len(text), max_chars)
    check_unicode(text)
    return text
