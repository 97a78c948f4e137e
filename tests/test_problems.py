"""The problem catalogue: every type's status, and the check of a text before analysis."""

from __future__ import annotations

import subprocess
import sys

import pytest

from service import problems
from service.problems import (
    PROBLEM_TYPES,
    TYPE_PREFIX,
    EmptyText,
    LoneSurrogate,
    Problem,
    TextTooLong,
    check_unicode,
    validate_text,
)

# (problem type, status, slug, title): the types openapi.yaml and archive lines name.
CATALOGUE = [
    (problems.MalformedRequest, 400, "malformed-request", "Malformed request body"),
    (problems.UnreadableDocument, 400, "unreadable-document", "Document could not be read"),
    (problems.Unauthorized, 401, "unauthorized", "API key required"),
    (problems.NotFound, 404, "not-found", "Not found"),
    (problems.MethodNotAllowed, 405, "method-not-allowed", "Method not allowed"),
    (problems.UploadTooSlow, 408, "upload-too-slow", "Request body arrived too slowly"),
    (problems.PayloadTooLarge, 413, "payload-too-large", "Payload too large"),
    (problems.UnsupportedMediaType, 415, "unsupported-media-type", "Unsupported media type"),
    (problems.ValidationFailed, 422, "validation-error", "Request validation failed"),
    (problems.TooManyRequests, 429, "too-many-requests", "Too many requests"),
    (problems.Problem, 500, "internal-error", "Internal server error"),
    (problems.NotReady, 503, "not-ready", "Service not ready"),
    (problems.TimeBudgetExceeded, 503, "time-budget-exceeded", "Time budget exceeded"),
]


@pytest.mark.parametrize(("cls", "status", "slug", "title"), CATALOGUE)
def test_every_problem_type_knows_its_status_type_and_title(
        cls: type[Problem], status: int, slug: str, title: str) -> None:
    problem = cls("what happened")
    assert (problem.status, problem.slug, problem.title) == (status, slug, title)
    assert problem.type == f"urn:rhetoric:problem:{slug}"
    assert problem.body() == {"type": TYPE_PREFIX + slug, "title": title, "status": status,
                              "detail": "what happened"}


def test_the_catalogue_lists_every_problem_type_once() -> None:
    assert list(PROBLEM_TYPES) == [row[0] for row in CATALOGUE]
    assert len({cls.slug for cls in PROBLEM_TYPES}) == len(PROBLEM_TYPES)


def test_field_errors_are_in_the_body_only_when_given() -> None:
    errors = [{"field": "text", "message": "required"}]
    assert problems.ValidationFailed("bad", errors=errors).body()["errors"] == errors
    assert "errors" not in problems.ValidationFailed("bad").body()


# (text, max_chars, refusal or None, its detail)
TEXTS = [
    ("Officials said the talks failed.", None, None, None),
    ("Officials said the talks failed.", 32, None, None),
    ("  \n\t ", None, EmptyText, "the text is empty"),
    ("", 10, EmptyText, "the text is empty"),
    ("x" * 11, 10, TextTooLong, "the text has 11 characters; the limit is 10"),
    ("x" * 11, None, None, None),
    ("a\ud800b", None, LoneSurrogate, "text contains a lone surrogate; send valid Unicode"),
    # Too long is found before a lone surrogate, as archive mode always did.
    ("a\ud800" * 6, 10, TextTooLong, "the text has 12 characters; the limit is 10"),
]


@pytest.mark.parametrize(("text", "max_chars", "refusal", "detail"), TEXTS)
def test_validate_text(text: str, max_chars: int | None, refusal: type[Problem] | None,
                       detail: str | None) -> None:
    if refusal is None:
        assert validate_text(text, max_chars) is text
        return
    with pytest.raises(refusal) as caught:
        validate_text(text, max_chars)
    assert caught.value.detail == detail


@pytest.mark.parametrize(("problem", "status", "message"), [
    (EmptyText(), 422, "text must contain something other than white space"),
    (LoneSurrogate(), 422, "text contains a lone surrogate; send valid Unicode"),
    (TextTooLong(11, 10), 413, "text has 11 characters; the limit is 10."),
])
def test_a_refusal_carries_the_apis_wording(problem: Problem, status: int,
                                            message: str) -> None:
    assert problem.status == status
    assert problem.message == message  # type: ignore[attr-defined]


def test_check_unicode() -> None:
    check_unicode("plain ✓")
    with pytest.raises(LoneSurrogate):
        check_unicode("\udc00")


def test_the_catalogue_imports_no_flask() -> None:
    code = "import sys, service.problems; print('flask' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
