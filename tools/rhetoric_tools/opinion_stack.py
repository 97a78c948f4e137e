"""The opinion model's data and its stacked fit: cue totals plus the sentence encoder's cue.

The encoder's cue is the log-odds of a logistic-regression head over a sentence's
all-MiniLM-L6-v2 embedding (:class:`service.analysis.encoder.EncoderCue`). It enters the cue
model as one more feature, so the head's value on a row must never come from a head that
was fitted on that row: on the rows the cue model is fitted on, the encoder's value is
*cross-fitted* (5 folds: each row's value comes from a head fitted on the other four),
and on rows being scored it comes from the head fitted on all the training rows
(Wolpert's stacked generalisation). Everything here is used both by ``rhetoric-dev
fit-opinion`` (which writes the model) and by ``rhetoric evaluate`` (which scores it out of
sample: CheckThat! dev fitted on train only, and 5-fold cross-validation).

The embeddings of the data's rows are cached as ``.npy`` files beside the parses (numbers
only, never text; the cache directory is not part of the repository).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold
from spacy.tokens import Doc

from service.analysis.encoder import Encoder
from service.analysis.opinion import ENCODER_FEATURE, totals, transform
from service.analysis.pipeline import Analyzer

SEED = 13
FOLDS = 5
#: Inverse regularisation strengths tried for the encoder's head (chosen by CV log-loss).
#: 10 and 30 were added when 3.0, then the largest, was chosen for the four-layer vectors.
HEAD_CS = (0.3, 1.0, 3.0, 10.0, 30.0)
#: ... and for the cue model.
CUE_CS = (0.01, 0.03, 0.1, 0.3)
#: The temperatures :func:`temperature` may choose.
TEMPERATURE_BOUNDS = (0.25, 4.0)
#: P(opinion) at or above which a sentence is opinion (classes balanced: even odds).
THRESHOLD = 0.5


@dataclass
class Rows:
    """One data set: per row its cue totals, its embedding (or None) and its gold label."""

    totals: list[dict[str, float]]
    labels: np.ndarray
    embeddings: np.ndarray | None = None

    def take(self, idx: np.ndarray) -> Rows:
        return Rows([self.totals[i] for i in idx], self.labels[idx],
                    None if self.embeddings is None else self.embeddings[idx])


def row_totals(analyzer: Analyzer, docs: Sequence[Doc]) -> list[dict[str, float]]:
    """Return, per parsed row, its sentences' cue totals summed (length averaged).

    The cues are the ones the service scores (:meth:`Analyzer.read`: context rules,
    reported content and quotations applied as in the analysis).
    """
    out = []
    for doc in docs:
        per_sentence = [totals(c) for c in analyzer.read(doc).cues]
        merged: dict[str, float] = {}
        for t in per_sentence:
            for k, v in t.items():
                merged[k] = merged.get(k, 0.0) + v
        if per_sentence:
            merged["length"] = merged.get("length", 0.0) / len(per_sentence)
        out.append(merged)
    return out


def embed_rows(encoder: Encoder, name: str, texts: Sequence[str],
               cache: Path | None) -> np.ndarray:
    """Return the encoder's embedding of each text, cached by the texts' and model's hash."""
    key = hashlib.sha256("\x00".join([encoder.model_sha256, *texts]).encode()).hexdigest()[:16]
    path = cache / f"embeddings-{name}-{key}.npy" if cache else None
    if path is not None and path.is_file():
        return np.load(path)
    vectors = np.stack([encoder.embed(t) for t in texts]) if texts else np.zeros((0, 384))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def matrix(rows: Sequence[dict[str, float]], features: dict[str, str]) -> np.ndarray:
    """Return the transformed cue-feature matrix (the encoder's column is added apart)."""
    names = [n for n in features if n != ENCODER_FEATURE]
    return np.array([[transform(features[n], r.get(n, 0.0)) for n in names] for r in rows])


def fit_head(x: np.ndarray, y: np.ndarray, c: float) -> LogisticRegression:
    """Fit the encoder's head: L2 logistic regression, classes balanced."""
    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y)


def cross_fitted(x: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    """Return each row's head log-odds from a head fitted on the other folds."""
    out = np.zeros(len(y))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        out[test] = fit_head(x[train], y[train], c).decision_function(x[test])
    return out


def choose_head_c(x: np.ndarray, y: np.ndarray) -> float:
    """Return the head's C with the best cross-validated log-loss on these rows."""
    def loss(c: float) -> float:
        z = cross_fitted(x, y, c)
        return float(log_loss(y, 1.0 / (1.0 + np.exp(-z))))
    return min(HEAD_CS, key=loss)


def fit_cues(x: np.ndarray, y: np.ndarray, c: float) -> tuple[float, np.ndarray,
                                                               LogisticRegression]:
    """Fit the standardised L2 cue model; return its raw intercept and weights, and the model.

    The classes are weighted to balance (King and Zeng 2001: a prior-corrected logit), so
    P(opinion) is read against even odds and the threshold is 0.5: the share of opinion
    differs between data sets (36 % of CheckThat! train, 52 % of dev) and between articles,
    and a threshold tuned to one set's share does not carry to another (tried: thresholds
    chosen by cross-validation on train scored 0.70-0.74 on dev, 0.5 with balanced
    classes 0.73-0.74 with half the calibration error).
    """
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(
        (x - mean) / std, y)
    w = model.coef_[0] / std
    return float(model.intercept_[0] - (model.coef_[0] * mean / std).sum()), w, model


def temperature(y: np.ndarray, p: np.ndarray) -> float:
    """Return the scale of the log-odds that minimises the class-balanced log-loss of ``p``.

    Temperature scaling (Guo et al. 2017, "On calibration of modern neural networks"; a
    one-parameter Platt scaling): the L2 penalty shrinks every weight, and the fitted
    model's P(opinion) is then less confident than its record on unseen rows. Only the
    log-odds' scale moves, never their sign, so the labels at 0.5 stay as they are.
    ``p`` must be out-of-fold scores of the rows whose labels are ``y``.
    """
    z = np.log(np.clip(p, 1e-9, 1 - 1e-9) / np.clip(1 - p, 1e-9, 1))
    sign = np.where(y, 1.0, -1.0)
    weight = np.where(y, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    result = minimize_scalar(lambda a: float(np.sum(weight * np.logaddexp(0, -sign * a * z))),
                             bounds=TEMPERATURE_BOUNDS, method="bounded")
    return float(result.x)


def calibration(x: np.ndarray, y: np.ndarray, c: float) -> float:
    """Return the temperature learnt from out-of-fold scores of a cue model on these rows."""
    out = np.zeros(len(y))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        intercept, w, _ = fit_cues(x[train], y[train], c)
        out[test] = 1.0 / (1.0 + np.exp(-np.clip(intercept + x[test] @ w, -30, 30)))
    return temperature(y, out)


@dataclass
class Stacked:
    """A fitted model: cue weights (the encoder's last, if used) and the encoder's head.

    ``intercept``, ``weights`` and ``standardised`` already include the ``temperature``.
    """

    intercept: float
    weights: np.ndarray
    head: LogisticRegression | None
    standardised: np.ndarray
    temperature: float = 1.0

    def predict(self, features: dict[str, str], rows: Rows) -> np.ndarray:
        """Return P(opinion) for each row."""
        x = matrix(rows.totals, features)
        if self.head is not None:
            assert rows.embeddings is not None
            x = np.hstack([x, self.head.decision_function(rows.embeddings)[:, None]])
        z = np.clip(self.intercept + x @ self.weights, -30, 30)
        return 1.0 / (1.0 + np.exp(-z))


def encoder_column(train: Rows, head_c: float | None,
                   ) -> tuple[np.ndarray | None, LogisticRegression | None]:
    """Return the training rows' cross-fitted encoder values and the head fitted on them."""
    if head_c is None:
        return None, None
    assert train.embeddings is not None
    return (cross_fitted(train.embeddings, train.labels, head_c),
            fit_head(train.embeddings, train.labels, head_c))


def fit(features: dict[str, str], rows: Rows, c: float, head_c: float | None,
        column: tuple[np.ndarray | None, LogisticRegression | None] | None = None) -> Stacked:
    """Fit the cue model on ``rows``; with ``head_c``, with the encoder's cross-fitted cue.

    ``column`` is :func:`encoder_column` of these rows, when the caller already has it.
    The weights are then scaled by a temperature learnt from a 5-fold CV of the cue
    model on the same rows (:func:`calibration`): every model scored out of sample is
    calibrated on its own training rows alone.
    """
    x = matrix(rows.totals, features)
    values, head = column if column is not None else encoder_column(rows, head_c)
    if values is not None:
        x = np.hstack([x, values[:, None]])
    intercept, w, model = fit_cues(x, rows.labels, c)
    # The encoder's column holds cross-fitted values, so the inner folds see honest ones.
    t = calibration(x, rows.labels, c)
    return Stacked(t * intercept, t * w, head, t * model.coef_[0], t)


def concat(parts: Sequence[Rows]) -> Rows:
    """Return the rows of several sets as one."""
    embeddings = [p.embeddings for p in parts]
    return Rows([t for p in parts for t in p.totals], np.concatenate([p.labels for p in parts]),
                None if any(e is None for e in embeddings)
                else np.vstack(embeddings))  # type: ignore[arg-type]


def cross_validate(features: dict[str, str], sets: dict[str, Rows], cs: Sequence[float],
                   head_c: float | None) -> dict[float, dict[str, np.ndarray]]:
    """Return, per C, out-of-fold P(opinion) for every row of every set.

    Folds are stratified per set; a fold's encoder head (and its cross-fitted values) is
    fitted once and shared by every C.
    """
    splits = {k: list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
                      .split(np.zeros(len(v.labels)), v.labels)) for k, v in sets.items()}
    oof = {c: {k: np.zeros(len(v.labels)) for k, v in sets.items()} for c in cs}
    for f in range(FOLDS):
        train = concat([v.take(splits[k][f][0]) for k, v in sets.items()])
        column = encoder_column(train, head_c)
        for c in cs:
            model = fit(features, train, c, head_c, column)
            for k, v in sets.items():
                test = splits[k][f][1]
                oof[c][k][test] = model.predict(features, v.take(test))
    return oof


def groups_of(sets: dict[str, Rows], oof: dict[str, np.ndarray]) -> dict[str, tuple[Any, Any]]:
    """Group CheckThat! splits together (one data set) and keep the others apart."""
    out: dict[str, tuple[Any, Any]] = {}
    for k in sets:
        g = "checkthat" if k.startswith("checkthat") else k
        gold, p = out.get(g, (np.zeros(0, bool), np.zeros(0)))
        out[g] = (np.concatenate([gold, sets[k].labels]), np.concatenate([p, oof[k]]))
    return out


def select(features: dict[str, str], sets: dict[str, Rows], encoder: bool,
           cs: Sequence[float] = CUE_CS) -> tuple[float, float | None, float,
                                                   dict[str, np.ndarray]]:
    """Choose the head's C and the cue model's C by CV on ``sets`` alone.

    Returns (C, head C or None, the threshold (always :data:`THRESHOLD`), out-of-fold P
    per set). The cue model's C minimises the mean CV log-loss over the data sets: a proper
    scoring rule, so the chosen model's P(opinion) is calibrated as well as right at 0.5
    (macro-F1 is flat across these Cs and had picked the most regularised, under-confident
    one: BABE's calibration error 0.087 against 0.045).
    """
    head_c = None
    if encoder:
        everything = concat(list(sets.values()))
        assert everything.embeddings is not None
        head_c = choose_head_c(everything.embeddings, everything.labels)
    best: tuple[float, float, dict[str, np.ndarray]] | None = None
    for c, oof in cross_validate(features, sets, cs, head_c).items():
        loss = float(np.mean([log_loss(g, p, labels=[False, True])
                              for g, p in groups_of(sets, oof).values()]))
        if best is None or loss < best[0]:
            best = (loss, c, oof)
    assert best is not None
    return best[1], head_c, THRESHOLD, best[2]
