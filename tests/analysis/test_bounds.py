"""Bounds: over-long chunks are tokenized in pieces and over-long sentences are cut."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st

from service.analysis.bounds import (
    MAX_SENTENCE_TOKENS,
    SENTENCE_CAP,
    BoundedTokenizer,
    bound,
)

BLANK = spacy.blank("en")
TOKENIZER = BoundedTokenizer(BLANK.tokenizer, max_run=20, piece=8)


@given(st.text(alphabet=" ab!.”\n", max_size=200))
def test_pieces_concatenate_to_the_text(text: str) -> None:
    pieces = TOKENIZER.pieces(text)
    assert "".join(pieces) == text
    assert TOKENIZER(text).text == text


def test_only_an_over_long_chunk_is_cut() -> None:
    assert TOKENIZER.pieces("short words only") == ["short words only"]
    text = "ok " + "!" * 30
    pieces = TOKENIZER.pieces(text)
    assert len(pieces) > 1 and max(map(len, pieces)) <= 3 + 8


def test_a_url_is_left_whole() -> None:
    url = "https://example.com/a/very/long/path/to/a/page.html"
    assert TOKENIZER.pieces(f"See {url}.") == [f"See {url}."]


def test_bound_caps_sentences_once() -> None:
    nlp = bound(bound(spacy.blank("en")))
    assert nlp.pipe_names.count(SENTENCE_CAP) == 1
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    assert not isinstance(nlp.tokenizer.tokenizer, BoundedTokenizer)
    doc = nlp("word " * (2 * MAX_SENTENCE_TOKENS + 10))
    starts = [t.i for t in doc[1:] if t.is_sent_start]
    assert starts == [MAX_SENTENCE_TOKENS, 2 * MAX_SENTENCE_TOKENS]


def test_a_full_stop_resets_the_count() -> None:
    nlp = bound(spacy.blank("en"))
    doc = nlp(("word " * (MAX_SENTENCE_TOKENS - 5) + ". ") * 3)
    assert not any(t.is_sent_start for t in doc[1:])
