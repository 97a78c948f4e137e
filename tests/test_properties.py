"""Properties of the analysis on arbitrary Unicode (hypothesis).

For any text: the analysis does not raise; every offset lies in the text and slices out
exactly the span's text in all three encodings; every finding lies inside the sentence
it names; sentences are in order and do not overlap.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.analysis.bounds import bound
from service.offsets import ENCODINGS, encoded_length
from service.render import response_document
from tests.api.test_api import spans_of
from tests.test_offsets import slice_units

# Words the lexicons and cues react to, so that generated texts produce findings too.
CUE_WORDS = ["reportedly", "said", "allegedly", "brutal", "regime", "may", "clearly",
             "“", "”", '"', "'", "—", "according", "to", "officials", "Kim", "Russia",
             "undoubtedly", "some", "outlets", "It's", "rumored", "!", "?", ".", "\n\n"]
# The default run is quick and repeatable; scripts/fuzz-long.sh raises the count and
# lets hypothesis pick fresh examples (RHETORIC_FUZZ_EXAMPLES, RHETORIC_FUZZ_RANDOM=1).
EXAMPLES = int(os.environ.get("RHETORIC_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    derandomize=os.environ.get("RHETORIC_FUZZ_RANDOM") != "1",
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])

any_text = st.text(min_size=1, max_size=400)
mixed_text = st.lists(
    st.one_of(st.sampled_from(CUE_WORDS), st.text(min_size=1, max_size=8),
              st.sampled_from(["😀", "👩‍👩‍👧", "é", "e\u0301", "\u200b", "\x00", "\t", " "])),
    min_size=1, max_size=80,
).map(" ".join)


@pytest.fixture(scope="module")
def bounded(analyzer):  # type: ignore[no-untyped-def]
    """The session's analyzer as the service runs it (tokenizer and sentences bounded)."""
    bound(analyzer.nlp)
    return analyzer


def check(analyzer, text: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyzer.analyze(text)
    sentences = analysis.sentences
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for a, b in zip(sentences, sentences[1:], strict=False):
        assert a.end <= b.start
    for group in (analysis.loaded_language, analysis.hedges, analysis.boosters,
                  analysis.attributions, analysis.quotes):
        for item in group:
            sentence = sentences[item.sentence_index]
            assert sentence.start <= item.start <= item.end <= sentence.end
    for sentence in sentences:
        for reason in sentence.reasons:
            assert 0 <= reason.start <= reason.end <= len(text)
    for encoding in ENCODINGS:
        doc = response_document(analyzer, analysis, encoding, None, 0.0)
        limit = encoded_length(text, encoding)
        for span in spans_of(doc):
            assert 0 <= span["start"] <= span["end"] <= limit
            assert slice_units(text, encoding, span["start"], span["end"]) == span["text"]


@SETTINGS
@given(text=any_text)
def test_any_unicode_text(bounded, text):
    check(bounded, text)


@SETTINGS
@given(text=mixed_text)
def test_texts_with_cues(bounded, text):
    check(bounded, text)


@SETTINGS
@given(text=st.text(alphabet=st.characters(codec="utf-8", categories=["Zs", "Cc", "Cf", "Po",
                                                                       "So", "Mn", "Ps", "Pe"]),
                    min_size=1, max_size=300))
def test_punctuation_symbols_and_controls(bounded, text):
    check(bounded, text)


@settings(max_examples=EXAMPLES * 3, deadline=None,
          derandomize=os.environ.get("RHETORIC_FUZZ_RANDOM") != "1")
@given(text=st.text(max_size=200), data=st.data())
def test_offset_conversion_is_monotone_and_exact(text, data):
    from service.offsets import converter

    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    for encoding in ENCODINGS:
        at = converter(text, encoding)
        assert at(i) <= at(j)
        assert slice_units(text, encoding, at(i), at(j)) == text[i:j]
