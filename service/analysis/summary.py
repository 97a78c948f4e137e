"""Article-level summary: genre, rates per 1,000 words, sources, sentiment, grade."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from service.analysis.context import OpinionPrior
from service.analysis.model import (
    VOICES,
    Attribution,
    Finding,
    Readability,
    Sentence,
    Sentiment,
    Summary,
)
from service.analysis.structure import newsroom_mark, op_ed_mark
from service.categories import BOOSTER, HEDGE, LOADED_LANGUAGE

#: Genre from the writer's voice and the desk's conventions. A document-level logistic
#: model (``genre_model.json``) reads a few figures of the article's body sentences
#: (headings, bylines, datelines and teasers left out, :mod:`.structure`) and two marks
#: of the whole text, and gives P(opinion piece):
#:
#: - ``writer_opinion``: the mean opinion score of the sentences in the writer's own
#:   voice, each on its own evidence (before the document's context, :mod:`.context`):
#:   the expected share of the writer's sentences that carry a view;
#: - ``first_person``: the share of the writer's sentences with a first-person cue
#:   (Biber 1988: first person marks involved, argumentative writing, not reportage);
#: - ``said``: the share of body sentences that attribute with "say", "tell" or
#:   "according to" (the model file's ``said_cues``): a news report attributes nearly
#:   every claim with the neutral verb (AP Stylebook, "said"); a column argues;
#: - ``loaded``: loaded terms in the writer's voice per 1,000 words;
#: - ``newsroom``: 1 when the text opens with a dateline or carries a wire or reporting
#:   credit (:func:`.structure.newsroom_mark`);
#: - ``op_ed_mark``: 1 when it opens with an opinion page's label or ends with an op-ed's
#:   author note (:func:`.structure.op_ed_mark`).
#:
#: Each enters as ``weight * (value - center) / scale``. "opinion" at ``opinion_at`` or
#: more, "reporting" below ``reporting_below``, "mixed" in between: a narrow band, as
#: both labels of the development set are clear-cut. The weights and thresholds are
#: fitted on the AllSides genre development set by ``rhetoric-dev fit-genre`` (figures
#: cross-validated, recorded in the file). A text with no word gives no evidence: mixed.
#:
#: References: Biber 1988, Variation across Speech and Writing (reportage against
#: editorial registers); Krüger et al. 2017, Classifying news versus opinions in
#: newspapers: linguistic features for domain independence (Natural Language
#: Engineering; linguistic features outlast a change of newspaper, bags of words do
#: not); AP Stylebook, "datelines" and "said".
GENRE_FEATURES = ("writer_opinion", "first_person", "said", "loaded", "newsroom", "op_ed_mark")


@dataclass(frozen=True)
class GenreModel:
    """The genre model's weights and thresholds, as stored in its JSON file."""

    intercept: float
    weights: dict[str, tuple[float, float, float]]  # name -> (weight, center, scale)
    opinion_at: float
    reporting_below: float
    #: The attribution cues (lower-cased) that ``said`` counts.
    said_cues: frozenset[str]
    #: Shares of the writer's sentences with a view in news reports and opinion pieces,
    #: the document's context in each sentence's label (:mod:`.context`).
    opinion_prior: OpinionPrior

    @classmethod
    def load(cls, path: Path) -> GenreModel:
        """Read the model file; every feature of :data:`GENRE_FEATURES` must have a weight."""
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"]
        missing = sorted(set(GENRE_FEATURES) - set(features))
        unknown = sorted(set(features) - set(GENRE_FEATURES))
        if missing or unknown:
            raise ValueError(f"{path}: features missing {missing}, unknown {unknown}")
        weights = {name: (float(f["weight"]), float(f["center"]), float(f["scale"]) or 1.0)
                   for name, f in features.items()}
        said_cues = frozenset(str(c).lower() for c in data.get("said_cues", ()))
        if not said_cues:
            raise ValueError(f"{path}: said_cues is missing or empty")
        prior = data["opinion_prior"]
        model = cls(float(data["intercept"]), weights, float(data["opinion_at"]),
                    float(data["reporting_below"]), said_cues,
                    OpinionPrior(float(prior["news_report"]), float(prior["opinion_piece"]),
                                 float(prior["fitted"])))
        if not 0.0 <= model.reporting_below <= model.opinion_at <= 1.0:
            raise ValueError(f"{path}: need 0 <= reporting_below <= opinion_at <= 1")
        return model

    def probability(self, values: dict[str, float]) -> float:
        """Return P(opinion piece) for the article's feature values."""
        logit = self.intercept + sum(w * (values[name] - c) / s
                                     for name, (w, c, s) in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))

    def genre(self, probability: float) -> str:
        """Return the genre for P(opinion piece)."""
        if probability >= self.opinion_at:
            return "opinion"
        if probability < self.reporting_below:
            return "reporting"
        return "mixed"


def body_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Return the running text's sentences; all of them when the text is all structure."""
    return [s for s in sentences if s.role == "body"] or list(sentences)


def genre_features(text: str, sentences: Sequence[Sentence],
                   attributions: Sequence[Attribution], loaded: Sequence[Finding],
                   words: int, said_cues: frozenset[str]) -> dict[str, float]:
    """Return the genre model's inputs for one article (see :data:`GENRE_FEATURES`)."""
    body = body_sentences(sentences)
    own = [s for s in body if s.voice == "writer"]
    in_body = {s.index for s in body}
    said = {a.sentence_index for a in attributions
            if a.sentence_index in in_body and a.text.lower() in said_cues}
    return {
        "writer_opinion": sum(s.own_opinion_score for s in own) / len(own) if own else 0.0,
        "first_person": (sum(any(r.cue == "first_person" for r in s.reasons) for s in own)
                         / len(own)) if own else 0.0,
        "said": len(said) / (len(body) or 1),
        "loaded": 1000.0 * sum(f.voice == "writer" for f in loaded) / words if words else 0.0,
        "newsroom": float(newsroom_mark(text)),
        "op_ed_mark": float(op_ed_mark(text)),
    }


def opinion_share(sentences: Sequence[Sentence]) -> float:
    """Return the share of the body sentences that are the writer's own and labelled opinion."""
    body = body_sentences(sentences)
    if not body:
        return 0.0
    return round(sum(s.label == "opinion" and s.voice == "writer" for s in body) / len(body), 4)


def summarize(
    text: str,
    sentences: Sequence[Sentence],
    counts: dict[str, int],
    attributions: Sequence[Attribution],
    sentiment: Sentiment,
    readability: Readability,
    model: GenreModel,
    loaded: Sequence[Finding],
) -> Summary:
    """Return the summary of one analysed article; ``counts`` holds findings by category.

    ``opinion_share`` is the share of the body sentences that are the writer's own and
    labelled opinion: a quoted or reported opinion is reporting.
    """
    words = readability.words
    body = body_sentences(sentences)
    probability = model.probability(genre_features(text, sentences, attributions, loaded,
                                                   words, model.said_cues))

    def rate(n: int) -> float:
        return round(1000.0 * n / words, 2) if words else 0.0

    # The article's own sourcing: a teaser's or a caption's attribution ("More: Top
    # Democrats warn Trump ...") is another story's.
    in_body = {sent.index for sent in body}
    kinds = Counter(a.source.kind for a in attributions
                    if a.source is not None and a.sentence_index in in_body)
    return Summary(
        genre=model.genre(probability) if words else "mixed",  # no word, no evidence
        opinion_share=opinion_share(sentences),
        genre_score=round(probability, 4) if words else 0.5,
        voices={v: sum(s.voice == v for s in body) for v in VOICES},
        loaded_per_1000_words=rate(counts[LOADED_LANGUAGE.name]),
        hedges_per_1000_words=rate(counts[HEDGE.name]),
        boosters_per_1000_words=rate(counts[BOOSTER.name]),
        sources={k: kinds.get(k, 0) for k in ("named", "unnamed", "vague", "pronoun", "other")},
        sentiment_compound=sentiment.compound,
        reading_grade=readability.flesch_kincaid_grade,
        words=words,
    )
