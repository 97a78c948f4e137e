"""Article-level summary: genre, rates per 1,000 words, sources, sentiment, grade."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from service.analysis.model import Attribution, Readability, Sentence, Sentiment, Summary

#: Genre from the share of sentences labelled opinion (``opinion_share``):
#:
#: - "opinion" when at least OPINION_SHARE of the sentences are opinion. A column argues
#:   from facts, so many of its sentences are plain statements (sentence-level schemes
#:   such as CheckThat!'s label a factual sentence objective whatever article holds it);
#:   one sentence in four or more carrying the writer's own view sets it apart.
#: - "reporting" when fewer than REPORTING_SHARE are: a straight report may carry the odd
#:   evaluative sentence (a vivid quote paraphrased, a "significant" move) but fewer
#:   than one in ten.
#: - "mixed" in between: news analysis, features, reports with commentary.
#:
#: The thresholds are editorial; with the fitted opinion model they put the two opinion
#: columns in ``seeds/`` (a third of their sentences opinion) at "opinion" and
#: wire-style reports (tests/test_summary.py; no sentence opinion) at "reporting".
OPINION_SHARE = 0.25
REPORTING_SHARE = 0.10


def genre(opinion_share: float) -> str:
    """Return the article genre for a share of opinion sentences."""
    if opinion_share >= OPINION_SHARE:
        return "opinion"
    if opinion_share < REPORTING_SHARE:
        return "reporting"
    return "mixed"


def summarize(
    sentences: Sequence[Sentence],
    counts: dict[str, int],
    attributions: Sequence[Attribution],
    sentiment: Sentiment,
    readability: Readability,
) -> Summary:
    """Return the summary of one analysed article."""
    words = readability.words
    share = (sum(s.label == "opinion" for s in sentences) / len(sentences)) if sentences else 0.0

    def rate(n: int) -> float:
        return round(1000.0 * n / words, 2) if words else 0.0

    kinds = Counter(a.source.kind for a in attributions if a.source is not None)
    return Summary(
        genre=genre(share),
        opinion_share=round(share, 4),
        loaded_per_1000_words=rate(counts["loaded_language"]),
        hedges_per_1000_words=rate(counts["hedges"]),
        boosters_per_1000_words=rate(counts["boosters"]),
        sources={k: kinds.get(k, 0) for k in ("named", "unnamed", "vague", "pronoun", "other")},
        sentiment_compound=sentiment.compound,
        reading_grade=readability.flesch_kincaid_grade,
        words=words,
    )
