"""VADER sentiment per sentence and document; entity framing and merging on seed 001."""

from __future__ import annotations

import pytest

from service.analysis.sentiment import sentence_sentiment


@pytest.mark.parametrize(("typographic", "ascii_"), [
    ("They won’t win.", "They won't win."),
    ("It isn’t good news.", "It isn't good news."),
    ("He called it “great” news.", 'He called it "great" news.'),
    ("“Terrible,” he said.", '"Terrible," he said.'),
])
def test_typographic_quotes_score_as_ascii_ones(analyzer, typographic, ascii_):
    assert sentence_sentiment(analyzer.vader, typographic) == sentence_sentiment(
        analyzer.vader, ascii_)


@pytest.mark.parametrize(("negated", "plain"), [
    ("The plan isn’t good.", "The plan is good."),
    ("They don’t like the deal.", "They like the deal."),
])
def test_negation_flips_sentiment(analyzer, negated, plain):
    assert sentence_sentiment(analyzer.vader, plain).compound > 0
    assert sentence_sentiment(analyzer.vader, negated).compound < 0


def test_document_sentiment_is_the_mean_of_sentences(analyzer, seed_001):
    analysis = analyzer.analyze(seed_001)
    scores = [s.sentiment.compound for s in analysis.sentences]
    assert analysis.sentiment.compound == pytest.approx(sum(scores) / len(scores), abs=1e-4)


@pytest.fixture(scope="module")
def entities(analyzer, seed_001):
    return {e.name: e for e in analyzer.analyze(seed_001).entities}


@pytest.mark.parametrize("name", ["Kim Jong-Un", "Vladimir Putin", "Russia", "North Korea",
                                  "Ukraine"])
def test_seed_actors_are_found(entities, name):
    assert name in entities


@pytest.mark.parametrize(("full", "short"), [
    ("Kim Jong-Un", "Kim"), ("Vladimir Putin", "Putin"), ("North Korea", "North Korea’s")])
def test_short_forms_and_possessives_merge_with_the_full_name(entities, full, short):
    assert short in {m.text for m in entities[full].mentions}
    assert short not in entities or short == full


def test_junk_entities_are_dropped(entities):
    assert not any("http" in name or "www." in name for name in entities)
    assert "Zelensky Warns" not in entities


def test_framing_lists_mentions_sentiment_and_loaded_terms(analyzer, seed_001):
    analysis = analyzer.analyze(seed_001)
    by_name = {e.name: e for e in analysis.entities}
    kim = by_name["Kim Jong-Un"]
    sentences = {analysis.sentences[i].index: analysis.sentences[i]
                 for i in range(len(analysis.sentences))}
    idx = sorted({next(s.index for s in sentences.values() if s.start <= m.start < s.end)
                  for m in kim.mentions})
    expected = sum(sentences[i].sentiment.compound for i in idx) / len(idx)
    assert kim.sentiment_mean == pytest.approx(expected, abs=1e-4)
    for e in analysis.entities:
        # A term framing an actor is one found in a sentence that mentions the actor
        # (which terms: tests/analysis/test_framing.py).
        own = {next(s.index for s in sentences.values() if s.start <= m.start < s.end)
               for m in e.mentions}
        assert set(e.loaded_terms) <= {f.term_text for f in analysis.loaded_language
                                       if f.sentence_index in own}
        for m in e.mentions:
            assert seed_001[m.start:m.end] == m.text
