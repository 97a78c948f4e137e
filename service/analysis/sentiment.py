"""VADER sentiment per sentence and per document, and how each named actor is framed.

VADER (Hutto and Gilbert 2014) is tuned for short social-media text. It handles
negation ("not good") and intensifiers itself, so sentences are passed to it
verbatim, quotation marks included; the document score is the mean of the sentence
scores, as VADER's authors recommend for multi-sentence text.
References: Hutto, C.J. and Gilbert, E.E. (2014), VADER, ICWSM-14.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Span
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from service.analysis.model import EntityFraming, Finding, Mention, Sentiment
from service.analysis.segments import Segments

FRAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NEUTRAL = Sentiment(0.0, 0.0, 1.0, 0.0)


def sentence_sentiment(vader: SentimentIntensityAnalyzer, text: str) -> Sentiment:
    """Return VADER's scores for one sentence."""
    s = vader.polarity_scores(text)
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


def _name(ent: Span) -> str:
    tokens = list(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    while tokens and tokens[0].lower_ == "the":
        tokens.pop(0)
    return "".join(t.text_with_ws for t in tokens).strip()


def entity_framing(
    doc: Doc,
    segments: Segments,
    sentiments: Sequence[Sentiment],
    loaded: Sequence[Finding],
) -> tuple[EntityFraming, ...]:
    """Group entity mentions by actor, merging short forms ("Kim") into full names."""
    groups: dict[str, list[Span]] = defaultdict(list)
    labels: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in FRAMED_LABELS:
            continue
        name = _name(ent)
        if not name:
            continue
        key = name.lower()
        groups[key].append(ent)
        labels.setdefault(key, ent.label_)
    names = {key: _name(spans[0]) for key, spans in groups.items()}
    # Merge a single-word person name into the longest multi-word person name that has it
    # as a word: "Kim" into "Kim Jong-Un", "Putin" into "Vladimir Putin".
    merged: dict[str, str] = {}
    for key in groups:
        words = key.split()
        if len(words) == 1 and labels[key] in {"PERSON", "ORG"}:
            candidates = [k for k in groups if k != key and len(k.split()) > 1
                          and labels[k] == "PERSON" and words[0] in k.replace("-", " ").split()]
            if candidates:
                merged[key] = max(candidates, key=lambda k: len(groups[k]))
    final: dict[str, list[Span]] = defaultdict(list)
    for key, spans in groups.items():
        final[merged.get(key, key)].extend(spans)
    loaded_by_sentence: dict[int, list[str]] = defaultdict(list)
    for f in loaded:
        loaded_by_sentence[f.sentence_index].append(f.text)
    out = []
    for key, spans in final.items():
        spans.sort(key=lambda s: s.start_char)
        idx = sorted({segments.sentence_of(s.start_char) for s in spans})
        mean = sum(sentiments[i].compound for i in idx) / len(idx) if idx else 0.0
        terms = tuple(dict.fromkeys(t for i in idx for t in loaded_by_sentence[i]))
        out.append(
            EntityFraming(
                name=names[key],
                label=labels[key],
                mentions=tuple(Mention(s.start_char, s.end_char, s.text) for s in spans),
                sentiment_mean=round(mean, 4),
                loaded_terms=terms,
            )
        )
    out.sort(key=lambda e: (-len(e.mentions), e.name))
    return tuple(out)
