"""A quotation ending in "?" or "!" stays in one sentence with the words that credit it."""

from __future__ import annotations

import pytest
import spacy

from service.analysis.pipeline import Analyzer
from service.analysis.quote_frames import QUOTE_FRAMES, join_quote_frames


def _sentences(analyzer: Analyzer, text: str) -> list[str]:
    return [s.text for s in analyzer.nlp(text).sents]


def test_the_component_runs_before_the_parser(analyzer: Analyzer) -> None:
    names = analyzer.nlp.pipe_names
    assert names.index(QUOTE_FRAMES) < names.index("parser")


@pytest.mark.parametrize("text", [
    '"We will build a wall!" he said to an enormous cheer. Then he left.',
    '"Who do they think they are?" Trump said of Apple in February. Then he left.',
    '\u201cReally?\u201d Sen. Ted Cruz asked. Then he left.',
    '"Why now?" asked the senator. Then he left.',
])
def test_a_quoted_question_or_exclamation_keeps_its_frame(analyzer: Analyzer, text: str) -> None:
    first = _sentences(analyzer, text)[0]
    assert first.startswith(("\"", "\u201c")) and first.endswith("."), first
    assert "Then" not in first


@pytest.mark.parametrize("text", [
    '"Is this it?" He left the room.',  # a new sentence, not a frame
    'She asked: "Is this it?" The Senate voted.',
])
def test_a_new_sentence_after_the_quotation_stays_apart(analyzer: Analyzer, text: str) -> None:
    assert len(_sentences(analyzer, text)) == 2


def test_nothing_is_joined_across_a_line_break() -> None:
    doc = spacy.blank("en")('"Is this it?"\nhe said. "No!" he said.')
    join_quote_frames(doc)
    marked = [t.i for t in doc if t.is_sent_start is False]
    assert marked == [14] and doc[14].text == "he"  # the second frame only


def test_the_frame_credits_the_quotation(analyzer: Analyzer) -> None:
    text = '"Who do they think they are?" Trump said of Apple in February.'
    analysis = analyzer.analyze(text)
    [attribution] = analysis.attributions
    assert attribution.text == "said" and attribution.source is not None
    assert attribution.source.text == "Trump"
    assert attribution.content is not None
    assert attribution.content.text == '"Who do they think they are?"'
    assert [q.speaker for q in analysis.quotes] == [0]
