"""Opinion versus reporting: a logistic model over interpretable sentence cues.

Each sentence yields cues (:mod:`service.analysis.cues`): spans that signal the writer's
own view (first and second person, judgement words, obligation modals, rhetorical
questions) or plain reporting (attribution, direct quotation, dates, numbers, named
actors, past-tense events). The cues of one kind are summed and put through that
feature's transform; the model adds ``weight * transform(total)`` per feature to an
intercept and takes the logistic of the sum. Every feature's contribution is split over
the cues that made it, so each label comes with ``reasons``: the cue, its span and its
signed share of the log-odds.

Weights and transforms live in ``rhetoric_lexicons/opinion_model.json`` (fitted by
``rhetoric-dev fit-opinion``, ``tools/rhetoric_tools/fit_opinion.py``). The file holds two
models: the main one, whose features include ``encoder`` (the sentence encoder's log-odds,
:class:`service.analysis.encoder.EncoderCue`), scores sentences in the writer's own voice
when the encoder is on; ``without_encoder``, fitted on the same rows without that cue,
scores every other sentence, and all of them when the encoder is off.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.analysis.cues import Cue
from service.analysis.model import Reason

TRANSFORMS = ("count", "log", "binary", "sqrt")
#: The feature of the sentence encoder's cue (its value is the encoder head's log-odds).
ENCODER_FEATURE = "encoder"


@dataclass(frozen=True)
class Feature:
    """One feature of the model: its weight and how its cue total is transformed."""

    weight: float
    transform: str
    #: Subtracted from the transformed total, so that a cue every sentence has (its
    #: length) counts only by how far it is from the typical sentence of the fitting data.
    center: float = 0.0

    def contribution(self, total: float) -> float:
        """Return this feature's signed contribution to the log-odds."""
        return self.weight * (transform(self.transform, total) - self.center)


def transform(kind: str, total: float) -> float:
    """Apply a named transform to a cue total."""
    if kind == "count":
        return total
    if kind == "log":
        return math.log1p(total)
    if kind == "sqrt":
        return math.sqrt(total)
    if kind == "binary":
        return 1.0 if total > 0 else 0.0
    raise ValueError(f"unknown transform {kind!r}")


@dataclass(frozen=True)
class OpinionModel:
    """Weights of the cue model, as stored in its JSON file."""

    intercept: float
    threshold: float
    features: dict[str, Feature]
    fitted_on: str

    @classmethod
    def load(cls, path: Path, section: str | None = None) -> OpinionModel:
        """Read the model file, or one of its sections (``without_encoder``)."""
        return cls.from_record(json.loads(path.read_text(encoding="utf-8")), section, path)

    @classmethod
    def from_record(cls, top: dict[str, Any], section: str | None = None,
                    path: Path | str = "opinion model") -> OpinionModel:
        """Build the model from the file's parsed JSON, or from one of its sections."""
        data = top[section] if section else top
        features = {}
        for name, spec in data["features"].items():
            if spec["transform"] not in TRANSFORMS:
                raise ValueError(f"{path}: feature {name}: unknown transform {spec['transform']!r}")
            features[name] = Feature(float(spec["weight"]), str(spec["transform"]),
                                     float(spec.get("center", 0.0)))
        return cls(float(data["intercept"]), float(data["threshold"]), features,
                   str(top["fitted_on"]))



def totals(found: Iterable[Cue]) -> dict[str, float]:
    """Return the summed cue values per cue name."""
    out: dict[str, float] = defaultdict(float)
    for c in found:
        out[c.name] += c.value
    return dict(out)


def score(model: OpinionModel, found: Sequence[Cue]) -> tuple[float, tuple[Reason, ...]]:
    """Return P(opinion) and the reasons, strongest first."""
    sums = totals(found)
    contribution = {name: model.features[name].contribution(total)
                    for name, total in sums.items() if name in model.features}
    reasons = []
    for c in found:
        share = contribution.get(c.name, 0.0)
        if share and sums[c.name]:
            weight = round(share * c.value / sums[c.name], 4)
            if weight:
                reasons.append(Reason(c.name, c.start, c.end, c.text, weight))
    logit = model.intercept + sum(contribution.values())
    probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
    reasons.sort(key=lambda r: (-abs(r.weight), r.start))
    return round(probability, 4), tuple(reasons)
