"""Fit the genre model (``rhetoric_lexicons/genre_model.json``) on the AllSides genre set.

``rhetoric-dev fit-genre --data ../shared/eval --cache .cache/eval`` analyses the
development genre set (1,000 articles: 500 news reports, 500 opinion pieces), reads
each article's genre features (:func:`service.analysis.summary.genre_features`: the
writer's voice), and fits a logistic regression on the standardised features. The
figures it prints and records are 5-fold cross-validated (fixed seed): each article
scored by a model fitted on the other four fifths. The threshold is chosen on those
out-of-fold scores (the one nearest 0.5 among those within ``TOLERANCE`` of the best
balanced accuracy, with "mixed" counted wrong), and the
"mixed" band either side of it is the widest of ``BANDS`` that leaves at most
``MIXED_AT_MOST`` of the articles mixed out of fold. The model file records the rows it
saw and the attribution cues the ``said`` feature counts (``SAID_CUES``).

It also prints and records (``cross_validated.grouped_by_outlet``) the same recipe
cross-validated with the folds grouped by outlet (scikit-learn's StratifiedGroupKFold: no
outlet in both the training and the scored folds; each fold fits the model and chooses
its threshold and band on the training outlets alone). That is the figure to expect on
an outlet the model never saw. It is reporting only: the shipped weights are the same.

It also estimates, by the EM procedure of Saerens, Latinne and Decaestecker (2002), the
share of the writer's body sentences that carry a view in the news reports and in the
opinion pieces, from the opinion model's own scores of them (``opinion_prior``): the
document's context in each sentence's label (:mod:`service.analysis.context`).

The features are figures the analysis already computes, so the file holds numbers only:
nothing of the articles' text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.preprocessing import StandardScaler

from rhetoric_tools.evaluate import Parses, auc, read_jsonl
from service.analysis.model import Analysis
from service.analysis.pipeline import GENRE_MODEL_FILE, Analyzer
from service.analysis.summary import GENRE_FEATURES, body_sentences, genre_features
from service.config import Settings

#: Half-widths of the "mixed" band around the threshold, widest first: both labels of
#: the development set are clear-cut, so only the articles the model can hardly tell
#: (at most ``MIXED_AT_MOST`` of them, out of fold) are mixed.
BANDS = (0.05, 0.04, 0.03, 0.02, 0.01, 0.0)
MIXED_AT_MOST = 0.02
#: Thresholds whose out-of-fold balanced accuracy is this close to the best count as
#: equally good (five articles in a thousand).
TOLERANCE = 0.005
#: The attribution cues (as written, lower-cased) the ``said`` feature counts: the
#: neutral verbs of news attribution, "say" and "tell" in every form, and "according
#: to" (AP Stylebook, "said": the verb of attribution in a news story).
SAID_CUES = ("say", "says", "said", "saying", "tell", "tells", "told", "telling",
             "according to")
FOLDS = 5
SEED = 0
#: The opinion model's prior while fitting: its classes are weighted to balance.
FITTED_PRIOR = 0.5
#: Inverse regularisation strength: six features and 1,000 rows need little.
C = 1.0


def article_features(analysis: Analysis) -> list[float]:
    """Return an analysed article's genre features, in the order of ``GENRE_FEATURES``."""
    values = genre_features(analysis.text, analysis.sentences, analysis.attributions,
                            analysis.loaded_language, analysis.summary.words,
                            frozenset(SAID_CUES))
    return [values[name] for name in GENRE_FEATURES]


def writer_scores(analysis: Analysis) -> list[float]:
    """Return the own opinion scores of an article's body sentences in the writer's voice."""
    return [s.own_opinion_score for s in body_sentences(analysis.sentences)
            if s.voice == "writer"]


def features(analyzer: Analyzer, data: Path, cache: Path | None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[list[float]]]:
    """Return every development article's genre features, label (1: opinion) and outlet,
    and the own opinion scores of its writer's body sentences."""
    rows = read_jsonl(data / "genre" / "allsides_genre.jsonl")
    parses = Parses(analyzer, cache)
    X, scores = [], []
    for analysis in parses.analyses("genre", [r["text"] for r in rows]):
        X.append(article_features(analysis))
        scores.append(writer_scores(analysis))
    return (np.array(X), np.array([r["label"] == "opinion" for r in rows]),
            np.array([r["outlet"] for r in rows]), scores)


def em_prior(scores: list[float], fitted: float = FITTED_PRIOR, rounds: int = 500) -> float:
    """Return the share of opinion among sentences with these posteriors (fitted at ``fitted``).

    Saerens, Latinne and Decaestecker 2002 (Neural Computation 14(1)): re-weight each
    posterior by the ratio of the current prior to the fitting prior, take the mean of
    the re-weighted posteriors as the new prior, and repeat until it settles. Kept within
    [0.001, 0.999]: a prior of 0 or 1 would let the context alone decide every label.
    """
    p = np.clip(np.array(scores, dtype=float), 1e-6, 1 - 1e-6)
    prior = fitted
    for _ in range(rounds):
        up, down = p * prior / fitted, (1 - p) * (1 - prior) / (1 - fitted)
        new = float(np.mean(up / (up + down)))
        if abs(new - prior) < 1e-9:
            break
        prior = new
    return min(max(prior, 0.001), 0.999)


def _fit(X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Return intercept, weights, centers and scales of a logistic fit on standardised X."""
    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=C, max_iter=1000).fit(scaler.transform(X), y)
    return float(model.intercept_[0]), model.coef_[0], scaler.mean_, scaler.scale_


def _predict(fitted: tuple[float, np.ndarray, np.ndarray, np.ndarray], X: np.ndarray) -> np.ndarray:
    """Return P(opinion) as GenreModel.probability computes it from the stored numbers."""
    intercept, weights, center, scale = fitted
    return 1.0 / (1.0 + np.exp(-(intercept + ((X - center) / scale) @ weights)))


def _scores(p: np.ndarray, y: np.ndarray, low: float, high: float) -> dict[str, float]:
    reporting = float(np.mean(p[~y] < low))
    opinion = float(np.mean(p[y] >= high))
    return {"reporting_correct": reporting, "opinion_correct": opinion,
            "balanced_accuracy": (reporting + opinion) / 2,
            "mixed": float(np.mean((p >= low) & (p < high)))}


def _threshold(p: np.ndarray, y: np.ndarray, band: float) -> float:
    """Return the threshold for ``band``: the one nearest 0.5 whose out-of-fold balanced
    accuracy is within ``TOLERANCE`` of the best.

    Near its top the balanced accuracy is flat, so its argmax jumps between refits
    (0.50 to 0.44 in session 14 for a change of 0.001); 0.5 is where a model fitted on
    the set's balanced classes weighs them alike.
    """
    grid = np.round(np.arange(0.2, 0.81, 0.01), 2)
    accuracy = {float(t): _scores(p, y, t - band, t + band)["balanced_accuracy"] for t in grid}
    best = max(accuracy.values())
    return min((t for t, a in accuracy.items() if a >= best - TOLERANCE),
               key=lambda t: abs(t - 0.5))


Folds = list[tuple[np.ndarray, np.ndarray]]


def stratified_folds(y: np.ndarray) -> Folds:
    """Return the (training, scored) row indices of the 5 stratified folds (fixed seed)."""
    return list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(
        np.zeros(len(y)), y))


def outlet_folds(y: np.ndarray, outlets: np.ndarray) -> Folds:
    """Return 5 stratified folds grouped by outlet: no outlet in two of them (fixed seed)."""
    return list(StratifiedGroupKFold(FOLDS, shuffle=True, random_state=SEED).split(
        np.zeros(len(y)), y, outlets))


def cross_validated(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Return out-of-fold P(opinion) for every row, the threshold and the band's half-width."""
    p = np.zeros(len(y))
    for train, test in stratified_folds(y):
        p[test] = _predict(_fit(X[train], y[train]), X[test])
    for band in BANDS:
        threshold = _threshold(p, y, band)
        mixed = _scores(p, y, threshold - band, threshold + band)["mixed"]
        if mixed <= MIXED_AT_MOST or band == BANDS[-1]:
            return p, threshold, band
    raise AssertionError("unreachable: the last band always returns")


Fitted = tuple[tuple[float, np.ndarray, np.ndarray, np.ndarray], float, float]


def recipe(X: np.ndarray, y: np.ndarray) -> Fitted:
    """Fit as ``fit-genre`` does: the model, and its bounds from its own out-of-fold scores."""
    _, threshold, band = cross_validated(X, y)
    return _fit(X, y), round(threshold - band, 4), round(threshold + band, 4)


def verdicts(p: np.ndarray, low: float, high: float) -> np.ndarray:
    """Return "opinion", "reporting" or "mixed" for each P(opinion), as the summary reads it."""
    return np.where(p >= high, "opinion", np.where(p < low, "reporting", "mixed"))


def nested(X: np.ndarray, y: np.ndarray, folds: Folds) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's out-of-fold P(opinion) and verdict, the recipe run on the other folds."""
    p, verdict = np.zeros(len(y)), np.empty(len(y), dtype=object)
    for train, test in folds:
        fitted, low, high = recipe(X[train], y[train])
        p[test] = _predict(fitted, X[test])
        verdict[test] = verdicts(p[test], low, high)
    return p, verdict


def figures(p: np.ndarray, verdict: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Return each class's share given its own label ("mixed" wrong for both), mixed and AUC."""
    reporting = float(np.mean(verdict[~y] == "reporting"))
    opinion = float(np.mean(verdict[y] == "opinion"))
    return {"reporting_correct": reporting, "opinion_correct": opinion,
            "balanced_accuracy": (reporting + opinion) / 2,
            "mixed": float(np.mean(verdict == "mixed")), "auc": auc(list(p[y]), list(p[~y]))}


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="rhetoric-dev fit-genre")
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--cache", type=Path, default=None, help="parse cache (DocBin files)")
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    return parser


def run(args: argparse.Namespace) -> int:
    """Fit the genre model; write it unless ``--dry-run``."""
    settings = Settings.from_env()
    analyzer = Analyzer.from_settings(settings)
    X, y, outlets, scores = features(analyzer, args.data, args.cache)
    priors = {genre: round(em_prior([v for article, is_opinion in zip(scores, y, strict=True)
                                     if is_opinion == wanted for v in article]), 4)
              for genre, wanted in (("news_report", False), ("opinion_piece", True))}
    p, threshold, band = cross_validated(X, y)
    low, high = round(threshold - band, 4), round(threshold + band, 4)
    cv = {**_scores(p, y, low, high), "auc": auc(list(p[y]), list(p[~y]))}
    grouped = figures(*nested(X, y, outlet_folds(y, outlets)), y)
    intercept, weights, center, scale = _fit(X, y)
    model: dict[str, Any] = {
        "fitted_on": "AllSides genre development set (shared/eval/genre/allsides_genre.jsonl)",
        "rows": {"opinion": int(y.sum()), "reporting": int((~y).sum())},
        "script": "tools/rhetoric_tools/fit_genre.py (rhetoric-dev fit-genre)",
        "fitted": dt.date.today().isoformat(),
        "cross_validated": {
            "folds": FOLDS, "seed": SEED, **{k: round(v, 4) for k, v in cv.items()},
            "grouped_by_outlet": {
                "folds": FOLDS, "seed": SEED, "outlets": len(set(outlets)),
                "threshold": "chosen in each fold on its training outlets",
                **{k: round(v, 4) for k, v in grouped.items()}}},
        "intercept": round(intercept, 6),
        "opinion_at": high,
        "reporting_below": low,
        "said_cues": list(SAID_CUES),
        "opinion_prior": {
            **priors, "fitted": FITTED_PRIOR,
            "description": "share of the writer's body sentences that carry a view in the "
                           "development set's news reports and opinion pieces, estimated "
                           "from the opinion model's own scores by EM (Saerens et al. "
                           "2002); 'fitted' is the opinion model's prior (balanced "
                           "classes). Each sentence's label is read in its document's "
                           "context (service/analysis/context.py)"},
        "features": {name: {"weight": round(float(w), 6), "center": round(float(c), 6),
                            "scale": round(float(s), 6)}
                     for name, w, c, s in zip(GENRE_FEATURES, weights, center, scale,
                                              strict=True)},
    }
    print(json.dumps(model["cross_validated"], indent=2))
    print(f"threshold {threshold:.2f}: reporting below {low}, opinion at {high}")
    print(f"writer's sentences with a view (EM): news reports {priors['news_report']}, "
          f"opinion pieces {priors['opinion_piece']}")
    print(f"grouped by outlet ({len(set(outlets))} outlets, none in two folds): news reports "
          f"'reporting' {grouped['reporting_correct']:.4f}, opinion pieces 'opinion' "
          f"{grouped['opinion_correct']:.4f}, mixed {grouped['mixed']:.4f}, "
          f"AUC {grouped['auc']:.4f}")
    for name, spec in model["features"].items():
        print(f"  {name:<16} weight {spec['weight']:+.3f}  (center {spec['center']:.3f}, "
              f"scale {spec['scale']:.3f})")
    if not args.dry_run:
        path = settings.lexicon_dir / GENRE_MODEL_FILE
        path.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0
