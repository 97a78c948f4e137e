"""Article-level summary: genre, rates per 1,000 words, sources, sentiment, grade."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from service.analysis.model import Attribution, Readability, Sentence, Sentiment, Summary
from service.categories import BOOSTER, HEDGE, LOADED_LANGUAGE

#: Genre from the expected share of opinion sentences: the mean ``opinion_score``. The
#: scores are calibrated (among sentences scored about 0.3, about 30% are opinion in the
#: fitting data), so their mean estimates the share of opinion sentences, and moves
#: smoothly where the count of labels above the threshold jumps with each borderline
#: sentence. (``opinion_share`` in the summary is that count, for display.)
#:
#: - "opinion" at OPINION_SHARE or more. A column argues from facts, so many of its
#:   sentences are plain statements (sentence-level schemes such as CheckThat!'s label a
#:   factual sentence objective whatever article holds it); an expected one sentence in
#:   four or five carrying the writer's own view sets it apart.
#: - "reporting" below REPORTING_SHARE: a straight report's sentences carry attribution,
#:   dates, figures and names, and score a few per cent each on average.
#: - "mixed" in between: news analysis, features, reports with commentary; also a text
#:   with no word at all ("...", an emoji), which gives no evidence either way.
#:
#: The thresholds are editorial. With the fitted model the two opinion columns in
#: ``seeds/`` expect 0.30-0.34 and the wire-style reports of
#: tests/analysis/test_summary.py 0.04-0.08.
OPINION_SHARE = 0.22
REPORTING_SHARE = 0.12


def genre(expected_share: float) -> str:
    """Return the article genre for an expected share of opinion sentences."""
    if expected_share >= OPINION_SHARE:
        return "opinion"
    if expected_share < REPORTING_SHARE:
        return "reporting"
    return "mixed"


def summarize(
    sentences: Sequence[Sentence],
    counts: dict[str, int],
    attributions: Sequence[Attribution],
    sentiment: Sentiment,
    readability: Readability,
) -> Summary:
    """Return the summary of one analysed article; ``counts`` holds findings by category."""
    words = readability.words
    share = (sum(s.label == "opinion" for s in sentences) / len(sentences)) if sentences else 0.0
    expected = (sum(s.opinion_score for s in sentences) / len(sentences)) if sentences else 0.0

    def rate(n: int) -> float:
        return round(1000.0 * n / words, 2) if words else 0.0

    kinds = Counter(a.source.kind for a in attributions if a.source is not None)
    return Summary(
        genre=genre(expected) if words else "mixed",  # no word, no evidence either way
        opinion_share=round(share, 4),
        loaded_per_1000_words=rate(counts[LOADED_LANGUAGE.name]),
        hedges_per_1000_words=rate(counts[HEDGE.name]),
        boosters_per_1000_words=rate(counts[BOOSTER.name]),
        sources={k: kinds.get(k, 0) for k in ("named", "unnamed", "vague", "pronoun", "other")},
        sentiment_compound=sentiment.compound,
        reading_grade=readability.flesch_kincaid_grade,
        words=words,
    )
