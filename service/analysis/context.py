"""The document in a sentence's opinion label: the writer's opinion is rarer in a news report.

The opinion model scores a sentence on its own evidence, with its classes weighted to
balance while fitting (``opinion_model.json``, "threshold"): its scores are posteriors
under a prior of one half, as if every other sentence carried the writer's view. In a
news report far fewer do, so a sentence that reads halfway between the two is far more
often reporting there. Saerens, Latinne and Decaestecker (2002, "Adjusting the outputs
of a classifier to new a priori probabilities", Neural Computation 14(1)) give the
correction: multiply the posterior odds by the new prior's odds over the fitting prior's,
with the new prior estimated from the classifier's own scores on unlabelled text by
their EM procedure.

The priors are fitted by ``rhetoric-dev fit-genre`` with that procedure on the scores of
the writer's body sentences in the development genre set's news reports and opinion
pieces, and recorded in ``genre_model.json`` (``opinion_prior``). It applies in a text
the genre model judges a news report (genre "reporting"), with the two priors mixed by
the model's P(opinion piece) ``q``: ``q * opinion + (1 - q) * news``. A text judged an
opinion piece or mixed keeps every sentence's own label: the context only asks for more
evidence where the text reads as news, never for less (precision on news before recall).

The correction applies to the body sentences in the writer's voice (the priors were
estimated on them; a quoted or reported opinion is reporting whatever its score, and
structure is no sentence to label), and only in a text of ``MIN_BODY`` body sentences or
more: a draft's first lines say little of its genre. The shift joins the sentence's
reasons as the cue ``document_genre``, spanning the sentence, so its reasons still add up
to the label's log-odds; the
sentence's own score stays in :attr:`.Sentence.own_score` (the genre model reads that:
:func:`.summary.genre_features`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from service.analysis.model import Reason, Sentence

#: The reason's cue name for the document's context.
CONTEXT_CUE = "document_genre"
#: Body sentences a text needs before its genre counts as context.
MIN_BODY = 5


@dataclass(frozen=True)
class OpinionPrior:
    """Shares of the writer's body sentences that carry a view, by genre, and the fitting prior."""

    news_report: float
    opinion_piece: float
    fitted: float = 0.5

    def __post_init__(self) -> None:
        for name in ("news_report", "opinion_piece", "fitted"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise ValueError(f"opinion prior {name} must lie strictly between 0 and 1")

    def shift(self, opinion_piece: float) -> float:
        """Return the log-odds shift for a document with P(opinion piece) ``opinion_piece``."""
        prior = opinion_piece * self.opinion_piece + (1.0 - opinion_piece) * self.news_report
        return min(0.0, _logit(prior) - _logit(self.fitted))


def document_shift(prior: OpinionPrior, genre: str, opinion_piece: float) -> float:
    """Return the log-odds shift of a document's sentences: none unless it reads as news."""
    return prior.shift(opinion_piece) if genre == "reporting" else 0.0


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def in_context(sentences: Sequence[Sentence], thresholds: Sequence[float],
               shift: float) -> list[Sentence]:
    """Return the sentences with the writer's body sentences labelled in their context.

    ``thresholds`` holds the label threshold of the model that scored each sentence;
    ``shift`` is :func:`document_shift` of the document (0: no context).
    """
    body = sum(s.role == "body" for s in sentences)
    if not shift or body < MIN_BODY:
        return list(sentences)
    out = []
    for sentence, threshold in zip(sentences, thresholds, strict=True):
        if sentence.voice != "writer" or sentence.role != "body":
            out.append(sentence)
            continue
        own = min(max(sentence.opinion_score, 1e-6), 1.0 - 1e-6)
        probability = round(1.0 / (1.0 + math.exp(-(_logit(own) + shift))), 4)
        reason = Reason(CONTEXT_CUE, sentence.start, sentence.end, sentence.text,
                        round(shift, 4))
        out.append(replace(
            sentence, opinion_score=probability, own_score=sentence.opinion_score,
            label="opinion" if probability >= threshold else "reporting",
            reasons=tuple(sorted((*sentence.reasons, reason),
                                 key=lambda r: (-abs(r.weight), r.start)))))
    return out
