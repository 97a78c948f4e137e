"""Request schemas (marshmallow). Unknown fields are rejected, as openapi.yaml says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates

from service.offsets import ENCODINGS
from service.problems import EmptyText, LoneSurrogate, check_unicode, validate_text


def _field_check(check: Callable[[str], object], value: str) -> None:
    """Run a check of :mod:`service.problems` as a field validator (its API wording)."""
    try:
        check(value)
    except (EmptyText, LoneSurrogate) as exc:
        raise ValidationError(exc.message) from None


class AnalyzeRequest(Schema):
    """Body of ``POST /v1/analyze``."""

    class Meta:
        unknown = RAISE

    text = fields.String(required=True)
    id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=256))
    offset_encoding = fields.String(load_default="codepoint",
                                    validate=validate.OneOf(ENCODINGS))

    def __init__(self, *args: Any, max_chars: int = 100_000, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars

    @validates("text")
    def _text(self, value: str, **_: Any) -> None:
        # The length is checked after the schema: too long is a 413, not a field error.
        _field_check(validate_text, value)

    @validates("id")
    def _id(self, value: str | None, **_: Any) -> None:
        if value is not None:
            _field_check(check_unicode, value)


class BatchRequest(Schema):
    """Body of ``POST /v1/analyze/batch``; each document is checked on its own later."""

    class Meta:
        unknown = RAISE

    documents = fields.List(fields.Raw(allow_none=True), required=True)
    offset_encoding = fields.String(load_default=None, allow_none=False,
                                    validate=validate.OneOf(ENCODINGS))

    def __init__(self, *args: Any, max_docs: int = 64, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_docs = max_docs

    @validates("documents")
    def _documents(self, value: list[Any], **_: Any) -> None:
        if not value:
            raise ValidationError("documents must hold at least one document")
        if len(value) > self.max_docs:
            raise ValidationError(f"documents holds {len(value)} documents; "
                                  f"the limit is {self.max_docs}")


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    """Flatten marshmallow's messages into ``[{field, message}]``."""
    out: list[dict[str, str]] = []

    def walk(prefix: str, messages: Any) -> None:
        if isinstance(messages, dict):
            for key, value in messages.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        elif isinstance(messages, list):
            for message in messages:
                if isinstance(message, str):
                    out.append({"field": prefix or "body", "message": message})
                else:
                    walk(prefix, message)
        else:
            out.append({"field": prefix or "body", "message": str(messages)})

    walk("", exc.messages)
    return out
