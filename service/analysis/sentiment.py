"""VADER sentiment per sentence and per document.

VADER (Hutto and Gilbert 2014) is a lexicon-and-rules scorer tuned for short
social-media text; its authors also tested it on movie and product reviews and on
sentence snippets of newspaper editorials, where it did less well than on tweets. On
news prose it reads sentiment-bearing words, not stance: a rough signal. It is
meant to score one sentence at a time: it applies negation ("isn't good") within the
three words before a sentiment word, and contrast ("but"), intensifiers and capitals
itself, so each sentence is passed to it whole. Its tokenizer knows only straight
apostrophes and quotation marks: "isn’t" with a typographic apostrophe hides the
negation and “great” with curly quotes hides the word, so typographic quotes and
apostrophes are mapped to straight ones first (the text given back is never changed).
Quoted speech is scored with its sentence, as VADER has no notion of a speaker: a
sentence quoting someone's anger scores as angry. The document score is the mean of
the sentence scores, as VADER's authors advise for multi-sentence text.
References: Hutto, C.J. and Gilbert, E.E. (2014), VADER, ICWSM-14.
"""

from __future__ import annotations

from collections.abc import Sequence

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from service.analysis.model import Sentiment

NEUTRAL = Sentiment(0.0, 0.0, 1.0, 0.0)


#: Typographic apostrophes and quotation marks, mapped to the ASCII ones VADER expects.
_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                             "\u2032": "'", "\u00ab": '"', "\u00bb": '"'})


def sentence_sentiment(vader: SentimentIntensityAnalyzer, text: str) -> Sentiment:
    """Return VADER's scores for one sentence, with quotes and apostrophes made ASCII."""
    s = vader.polarity_scores(text.translate(_STRAIGHTEN))
    return Sentiment(s["compound"], s["pos"], s["neu"], s["neg"])


def mean_sentiment(scores: Sequence[Sentiment]) -> Sentiment:
    """Return the mean of sentence scores, or neutral for no sentences."""
    if not scores:
        return NEUTRAL
    n = len(scores)
    return Sentiment(
        round(sum(s.compound for s in scores) / n, 4),
        round(sum(s.pos for s in scores) / n, 4),
        round(sum(s.neu for s in scores) / n, 4),
        round(sum(s.neg for s in scores) / n, 4),
    )
