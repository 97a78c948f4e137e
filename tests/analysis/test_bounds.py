"""Bounds: over-long chunks are tokenized in pieces and over-long sentences are cut."""

from __future__ import annotations

import cProfile
import pstats

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from service.analysis.bounds import (
    MAX_SENTENCE_TOKENS,
    SENTENCE_CAP,
    BoundedTokenizer,
    bound,
    token_count,
)
from service.analysis.pipeline import Analyzer

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
    doc = nlp(("Word " * (MAX_SENTENCE_TOKENS - 5) + ". ") * 3)
    starts = [t.i for t in doc[1:] if t.is_sent_start]
    assert starts and all(doc[i - 1].text == "." for i in starts)  # none inside a sentence


def test_a_run_of_final_marks_does_not_reset_the_count() -> None:
    """"! ! !" has no word after a full stop, so nothing there stops the cap."""
    nlp = bound(spacy.blank("en"))
    doc = nlp("! " * (MAX_SENTENCE_TOKENS + 10))
    assert [t.i for t in doc[1:] if t.is_sent_start] == [MAX_SENTENCE_TOKENS]


def test_likely_starts_are_preset_once_the_count_since_the_last_preset_passes_the_cap() -> None:
    """Words after full stops reset the cap's count; every ``MAX_SENTENCE_TOKENS`` tokens
    the next of them is preset as a start, so no stretch between preset starts is longer
    than twice the cap however the parser reads the full stops."""
    nlp = bound(spacy.blank("en"))
    sentence = "Word " * 9 + ". "
    doc = nlp(sentence * 100)
    starts = [t.i for t in doc[1:] if t.is_sent_start]
    assert starts and all(doc[i - 1].text == "." for i in starts)
    gaps = [b - a for a, b in zip([0, *starts], [*starts, len(doc)], strict=False)]
    assert max(gaps) <= 2 * MAX_SENTENCE_TOKENS
    assert min(gaps[:-1]) >= MAX_SENTENCE_TOKENS


def test_only_a_sentence_opening_after_a_full_stop_resets_the_count() -> None:
    """A reset leaves every preset start after a full stop; without one, the cap presets
    a start inside the 300-token stretch."""
    nlp = bound(spacy.blank("en"))
    for after, resets in [("Word", True), ("\u201cWord", True), ("(Word", True),
                          ("1999", True), ("word", False), ("\u201cword", False),
                          ("\u201d word", False), ("\U0001F600", False)]:
        doc = nlp(("Word " * 150 + ". " + after + " ") * 3)
        starts = [t.i for t in doc[1:] if t.is_sent_start]
        assert starts, after
        after_full_stop = all(doc[i - 1].text == "." for i in starts)
        assert after_full_stop == resets, after


def test_a_preset_start_takes_the_opening_quotation_mark() -> None:
    nlp = bound(spacy.blank("en"))
    doc = nlp(("Word " * 150 + ". \u201cWord ") * 3)
    starts = [t for t in doc[1:] if t.is_sent_start]
    assert starts and all(t.text == "\u201c" for t in starts)


def test_a_line_break_does_not_reset_the_count() -> None:
    nlp = bound(spacy.blank("en"))
    doc = nlp("good word word\n" * 100)
    assert any(t.is_sent_start for t in doc[1:])


def _calls(analyzer: Analyzer, text: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    analyzer.analyze(text)
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


# Texts the parser reads as few, long sentences: emoji, runs of punctuation, quotation
# marks, brackets, unpunctuated lines, sentiment words the sentence-level scorer weighs
# against every other word of their sentence.
UNITS = ["Officials said on Monday that the brutal regime was reportedly desperate. ",
         "\U0001F600", "!", '"', "[", "\u201c", "\U0001F600! ", "good word word\n",
         "word good\n"]


@pytest.mark.parametrize("unit", UNITS)
def test_the_work_per_token_stays_flat_as_a_text_grows(analyzer: Analyzer, unit: str) -> None:
    """Twice the tokens cost twice the work, whatever the characters.

    The work is counted, not timed: Python function calls made by the analysis (cProfile's
    count; VADER's per-word checks, spaCy's token views and every analyzer's loops are
    Python calls), and the longest sentence the parser reads (its compiled code costs in
    proportion to a sentence's length per token). Before sentences were cut whatever
    their punctuation, "\U0001F600! " * 1000 was one sentence and twice as much text cost
    3.9 times the work.
    """
    tokens = 500
    small = unit * -(-tokens // len(analyzer.nlp.make_doc(unit)))
    assert token_count(analyzer.nlp, small) >= tokens
    ratio = _calls(analyzer, small * 2) / _calls(analyzer, small)
    assert ratio < 2.25, ratio
    doc = analyzer.nlp(small * 2)
    assert max(len(s) for s in doc.sents) <= 2 * MAX_SENTENCE_TOKENS
