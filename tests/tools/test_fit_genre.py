"""The genre model's fitting: out-of-fold scores, the threshold, the "mixed" band, the outlets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest
from rhetoric_tools import fit_genre
from rhetoric_tools.fit_genre import (
    BANDS,
    FOLDS,
    MIXED_AT_MOST,
    _scores,
    cross_validated,
    figures,
    nested,
    outlet_folds,
    stratified_folds,
)

from service.analysis.pipeline import Analyzer
from service.analysis.summary import GenreModel
from service.config import Settings
from tests.tools.genre_data import OUTLETS, write_genre_set


def _data(separation: float, n: int = 400, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2 == 0
    X = rng.normal(size=(n, 3)) + separation * y[:, None]
    return X, y


def test_clear_cut_classes_get_the_widest_band() -> None:
    X, y = _data(separation=6.0)
    p, threshold, band = cross_validated(X, y)
    assert band == BANDS[0]
    scores = _scores(p, y, threshold - band, threshold + band)
    assert scores["mixed"] <= MIXED_AT_MOST
    assert scores["reporting_correct"] > 0.95 and scores["opinion_correct"] > 0.95


def test_overlapping_classes_get_a_band_narrow_enough_that_mixed_is_rare() -> None:
    X, y = _data(separation=0.8)
    p, threshold, band = cross_validated(X, y)
    assert band < BANDS[0]
    assert _scores(p, y, threshold - band, threshold + band)["mixed"] <= MIXED_AT_MOST or (
        band == BANDS[-1])


def test_scores_count_mixed_as_wrong_for_both_classes() -> None:
    p = np.array([0.1, 0.5, 0.9, 0.5])
    y = np.array([False, False, True, True])
    out = _scores(p, y, 0.45, 0.55)
    assert out == {"reporting_correct": 0.5, "opinion_correct": 0.5,
                   "balanced_accuracy": 0.5, "mixed": 0.5}


def test_outlet_folds_put_each_outlet_in_one_fold_only() -> None:
    rng = np.random.default_rng(5)
    # Outlets of very different sizes, some with one label only (as Townhall and NPR).
    outlets = np.array([f"o{k}" for k in rng.zipf(1.6, 600) % 40])
    y = np.array([int(o[1:]) % 3 == 0 or rng.random() < 0.3 for o in outlets])
    folds = outlet_folds(y, outlets)
    assert len(folds) == FOLDS
    scored = np.concatenate([test for _, test in folds])
    assert sorted(scored) == list(range(len(y)))
    fold_of: dict[str, int] = {}
    for f, (train, test) in enumerate(folds):
        assert not set(outlets[train]) & set(outlets[test])
        for outlet in set(outlets[test]):
            assert fold_of.setdefault(outlet, f) == f


def test_a_feature_that_only_names_the_outlet_does_not_carry_to_a_new_outlet() -> None:
    # Each outlet publishes one genre, and the only feature is its house style (a column
    # per outlet): stratified folds see every outlet in training and score it perfectly;
    # grouped folds score outlets the model never saw, so it has nothing to go on.
    rng = np.random.default_rng(0)
    which = np.repeat(np.arange(20), 20)
    outlets, y = which.astype(str), which % 2 == 0
    X = np.eye(20)[which] + rng.normal(0, 0.05, (len(y), 20))
    assert figures(*nested(X, y, stratified_folds(y)), y)["auc"] > 0.99
    grouped = figures(*nested(X, y, outlet_folds(y, outlets)), y)
    assert grouped["auc"] < 0.75
    assert grouped["balanced_accuracy"] < 0.7


def test_fit_genre_records_the_outlet_grouped_figures_and_the_same_weights(
        analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    data = write_genre_set(tmp_path / "eval")
    monkeypatch.setattr(Analyzer, "from_settings", staticmethod(lambda settings: analyzer))
    monkeypatch.setattr(fit_genre.Settings, "from_env",
                        staticmethod(lambda: Settings(lexicon_dir=tmp_path)))
    args = argparse.Namespace(data=data, cache=tmp_path / "cache", dry_run=False)
    assert fit_genre.run(args) == 0
    assert "grouped by outlet (8 outlets, none in two folds)" in capsys.readouterr().out
    model = json.loads((tmp_path / "genre_model.json").read_text(encoding="utf-8"))
    grouped = model["cross_validated"]["grouped_by_outlet"]
    assert grouped["outlets"] == OUTLETS and grouped["folds"] == FOLDS
    assert 0 <= grouped["auc"] <= 1
    assert grouped["balanced_accuracy"] == pytest.approx(
        (grouped["reporting_correct"] + grouped["opinion_correct"]) / 2, abs=1e-4)
    # Reporting only: the fitted weights are those of a fit on every row.
    X, y, _, scores = fit_genre.features(analyzer, data, tmp_path / "cache")
    _, weights, _, _ = fit_genre._fit(X, y)
    assert [model["features"][n]["weight"] for n in fit_genre.GENRE_FEATURES] == [
        round(float(w), 6) for w in weights]
    # The priors of the document's context: EM over each genre's writer sentences.
    prior = model["opinion_prior"]
    assert prior["fitted"] == fit_genre.FITTED_PRIOR
    news = [v for article, opinion in zip(scores, y, strict=True) if not opinion for v in article]
    assert news and prior["news_report"] == round(fit_genre.em_prior(news), 4)
    GenreModel.load(tmp_path / "genre_model.json")  # the service reads what it wrote


def test_em_finds_the_prior_that_best_explains_the_scores() -> None:
    # Scores of 0.8 and 0.2 at a balanced prior: likelihood ratio 4 either way. With 40
    # high and 60 low, the likelihood of a prior p, 40 log(1 + 3p) + 60 log(1 - 3p/4), is
    # highest at p = 1/3 (Saerens et al. 2002: EM converges to it), not at the mean score
    # (0.44) nor the share above 0.5 (0.40).
    assert fit_genre.em_prior([0.8] * 40 + [0.2] * 60) == pytest.approx(1 / 3, abs=1e-4)
    # Fewer high scores than reports alone would give (one in five): no opinion, floored.
    assert fit_genre.em_prior([0.8] * 10 + [0.2] * 90) == 0.001
    assert fit_genre.em_prior([0.5] * 20) == pytest.approx(0.5)  # no evidence, no move


def test_the_threshold_is_the_one_nearest_a_half_among_the_nearly_best():
    # One opinion piece of 200 scored 0.45: 0.45 separates every article, 0.50 all but
    # one (balanced accuracy 0.9975): within the tolerance, so 0.50 is kept. Forty such
    # pieces: 0.50 falls to 0.90, and the threshold moves to 0.45.
    y = np.array([False] * 200 + [True] * 200)
    p = np.concatenate([np.full(200, 0.2), [0.45], np.full(199, 0.8)])
    assert fit_genre._threshold(p, y, 0.0) == 0.5
    p = np.concatenate([np.full(200, 0.2), np.full(40, 0.45), np.full(160, 0.8)])
    assert fit_genre._threshold(p, y, 0.0) == 0.45
