"""Offsets in code points, UTF-16 code units and UTF-8 bytes, through the API."""

from __future__ import annotations

import pytest

from service.offsets import converter, encoded_length
from tests.api.test_api import spans_of

TEXT = ("Café owners 😀 said the “brutal regime” reportedly jailed 3 critics.\r\n"
        "Ünïcode 👩‍👩‍👧 may matter: analysts suggest a staggering toll 🎉 of around 5,000.\r\n")


def slice_units(text: str, encoding: str, start: int, end: int) -> str:
    if encoding == "codepoint":
        return text[start:end]
    if encoding == "utf-16":
        return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")
    return text.encode("utf-8")[start:end].decode("utf-8")


@pytest.mark.parametrize("encoding", ["codepoint", "utf-16", "utf-8"])
def test_every_span_round_trips_in_its_encoding(client, encoding):
    r = client.post("/v1/analyze", json={"text": TEXT, "offset_encoding": encoding})
    assert r.status_code == 200
    body = r.get_json()
    assert body["meta"]["offset_encoding"] == encoding
    spans = spans_of(body)
    assert len(spans) >= 8
    for span in spans:
        assert slice_units(TEXT, encoding, span["start"], span["end"]) == span["text"]
    assert any(h["text"].lower() == "reportedly" for h in body["hedges"])


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("abc", "utf-16", [0, 1, 2, 3]),
        ("a😀b", "utf-16", [0, 1, 3, 4]),
        ("a😀b", "utf-8", [0, 1, 5, 6]),
        ("éa", "utf-8", [0, 2, 3]),
        ("éa", "utf-16", [0, 1, 2]),
        ("a\r\nb", "utf-8", [0, 1, 2, 3, 4]),
    ],
)
def test_converter_table(text, encoding, expected):
    at = converter(text, encoding)
    assert [at(i) for i in range(len(text) + 1)] == expected
    assert encoded_length(text, encoding) == expected[-1]


def test_unknown_encoding_is_rejected():
    with pytest.raises(ValueError, match="unsupported"):
        converter("a", "utf-32")
