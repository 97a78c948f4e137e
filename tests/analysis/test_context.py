"""The document's genre as the context of a sentence's opinion label (analysis/context.py)."""

from __future__ import annotations

import math

import pytest

from service.analysis.context import (
    CONTEXT_CUE,
    MIN_BODY,
    OpinionPrior,
    document_shift,
    in_context,
)
from service.analysis.model import Reason, Sentence, Sentiment
from service.analysis.summary import genre_features

PRIOR = OpinionPrior(news_report=0.12, opinion_piece=0.66)
NEUTRAL = Sentiment(0.0, 0.0, 1.0, 0.0)

# A feature-style news report written for these tests: a dateline, sources who say things,
# and the descriptive sentences of a nut graf, which read as opinion on their own.
FEATURE = """CONCORD, N.H. (AP) — A group of ministers in New Hampshire has begun inviting \
presidential candidates to small prayer breakfasts before the state's primary, organizers said \
on Monday.
It's an effort to connect clergy with candidates in a party that's increasingly secular.
The breakfasts are held in church basements in Concord, Manchester and Nashua, and about 20 \
clergy attend each one, said the Rev. Anne Miller, who started the series in 2018.
"We don't endorse anyone, and we don't ask them to pray with us," Miller said.
Five candidates have attended so far, according to a schedule posted by the group.
The next breakfast is planned for Feb. 3 in Nashua, the group said in a statement.
"""


def _sentence(index: int, score: float, voice: str = "writer", role: str = "body") -> Sentence:
    return Sentence(index=index, start=10 * index, end=10 * index + 9, text="x" * 9,
                    label="opinion" if score >= 0.5 else "reporting", opinion_score=score,
                    reasons=(Reason("hedge", 10 * index, 10 * index + 3, "xxx", 0.8),),
                    sentiment=NEUTRAL, voice=voice, role=role)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_a_news_reports_prior_lowers_the_odds_by_its_ratio_to_the_fitting_prior():
    assert PRIOR.shift(0.0) == pytest.approx(_logit(0.12) - _logit(0.5))
    mixed = 0.3 * 0.66 + 0.7 * 0.12
    assert PRIOR.shift(0.3) == pytest.approx(_logit(mixed) - _logit(0.5))


@pytest.mark.parametrize("opinion_piece", [0.75, 0.9, 1.0])
def test_the_context_never_asks_for_less_evidence(opinion_piece):
    # The opinion pieces' prior (0.66) is above the fitting prior: no shift, not a raise.
    assert PRIOR.shift(opinion_piece) == 0.0


@pytest.mark.parametrize(("genre", "opinion_piece", "moves"), [
    ("reporting", 0.02, True), ("reporting", 0.45, True),
    # A text judged mixed or an opinion piece keeps its sentences' own labels, even where
    # the mixed prior would still lie below the fitting prior.
    ("mixed", 0.48, False), ("opinion", 0.6, False), ("opinion", 0.95, False)])
def test_only_a_text_judged_a_news_report_is_context(genre, opinion_piece, moves):
    shift = document_shift(PRIOR, genre, opinion_piece)
    assert (shift < 0) is moves
    if moves:
        assert shift == PRIOR.shift(opinion_piece)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5])
def test_a_prior_outside_zero_and_one_is_refused(bad):
    with pytest.raises(ValueError, match="strictly between"):
        OpinionPrior(news_report=bad, opinion_piece=0.5)


def test_the_writers_sentences_are_read_in_context_with_a_reason_and_their_own_score():
    sentences = [_sentence(0, 0.8), _sentence(1, 0.95), *[_sentence(i, 0.1) for i in range(2, 6)]]
    shift = PRIOR.shift(0.0)
    out = in_context(sentences, [0.5] * len(sentences), shift)
    first = out[0]
    assert first.own_score == 0.8 and first.own_opinion_score == 0.8
    assert first.opinion_score == pytest.approx(1 / (1 + math.exp(-(_logit(0.8) + shift))),
                                                abs=1e-4)
    assert first.label == "reporting"  # 0.8 on its own; about 0.35 in a news report
    assert out[1].label == "opinion"  # strong evidence holds: 0.95 -> about 0.72
    context = [r for r in first.reasons if r.cue == CONTEXT_CUE]
    assert len(context) == 1
    assert (context[0].start, context[0].end, context[0].weight) == (0, 9, round(shift, 4))
    assert first.reasons[0].cue == CONTEXT_CUE  # the strongest reason comes first


def test_quoted_reported_and_structure_sentences_keep_their_score():
    sentences = [_sentence(0, 0.8, voice="quoted"), _sentence(1, 0.8, voice="reported"),
                 _sentence(2, 0.8, role="heading"), _sentence(3, 0.8, role="caption"),
                 *[_sentence(i, 0.1) for i in range(4, 9)]]
    out = in_context(sentences, [0.5] * len(sentences), PRIOR.shift(0.0))
    assert out[:4] == sentences[:4]
    assert all(s.own_score == 0.1 for s in out[4:])


def test_a_text_shorter_than_a_document_has_no_context():
    sentences = [_sentence(0, 0.8), *[_sentence(i, 0.1, role="heading") for i in range(1, 9)],
                 *[_sentence(i, 0.1) for i in range(9, 9 + MIN_BODY - 2)]]
    assert in_context(sentences, [0.5] * len(sentences), PRIOR.shift(0.0)) == sentences


def test_each_sentence_is_labelled_at_the_threshold_of_the_model_that_scored_it():
    sentences = [_sentence(i, 0.8) for i in range(MIN_BODY)]
    out = in_context(sentences, [0.5, 0.3, 0.5, 0.3, 0.5], _logit(0.4) - _logit(0.5))
    assert [s.label for s in out] == ["opinion"] * 5  # 0.8 -> about 0.73
    out = in_context(sentences, [0.75, 0.7, 0.75, 0.7, 0.75], _logit(0.4) - _logit(0.5))
    assert [s.label for s in out] == ["reporting", "opinion"] * 2 + ["reporting"]


def test_in_a_news_report_a_descriptive_nut_graf_is_reporting(analyzer):
    analysis = analyzer.analyze(FEATURE)
    assert analysis.summary.genre == "reporting"
    nut = next(s for s in analysis.sentences if s.text.startswith("It's an effort"))
    assert nut.own_opinion_score >= 0.5, "the sentence reads as opinion on its own"
    assert nut.label == "reporting" and nut.opinion_score < 0.5
    assert any(r.cue == CONTEXT_CUE for r in nut.reasons)
    writer = [s for s in analysis.sentences if s.voice == "writer" and s.role == "body"]
    assert analysis.summary.opinion_share == 0.0 < len(writer)


def test_the_genre_reads_the_sentences_own_scores(analyzer):
    analysis = analyzer.analyze(FEATURE)
    values = genre_features(analysis.text, analysis.sentences, analysis.attributions,
                            analysis.loaded_language, analysis.summary.words,
                            analyzer.genre.said_cues)
    own = [s.own_opinion_score for s in analysis.sentences
           if s.voice == "writer" and s.role == "body"]
    assert values["writer_opinion"] == pytest.approx(sum(own) / len(own))
    assert analysis.summary.genre_score == round(analyzer.genre.probability(values), 4)


def test_an_opinion_piece_keeps_its_sentences_own_labels(analyzer, seed_000):
    analysis = analyzer.analyze(seed_000)
    assert analysis.summary.genre_score > 0.75
    assert all(s.own_score is None for s in analysis.sentences)
    assert not any(r.cue == CONTEXT_CUE for s in analysis.sentences for r in s.reasons)
