"""Article-level summary: genre, rates per 1,000 words, sources, sentiment, grade."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from service.analysis.model import Attribution, Readability, Sentence, Sentiment, Summary

#: Genre thresholds on the share of sentences labelled opinion. An article is
#: "opinion" when at least OPINION_SHARE of its sentences are, "reporting" when at
#: most REPORTING_SHARE are, and "mixed" in between. (Editorial: a straight news
#: report carries a few evaluative sentences; a column carries mostly them.)
OPINION_SHARE = 0.45
REPORTING_SHARE = 0.2


def genre(opinion_share: float) -> str:
    """Return the article genre for a share of opinion sentences."""
    if opinion_share >= OPINION_SHARE:
        return "opinion"
    if opinion_share <= REPORTING_SHARE:
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
