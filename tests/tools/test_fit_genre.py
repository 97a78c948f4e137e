"""The genre model's fitting: out-of-fold scores, the threshold and the "mixed" band."""

from __future__ import annotations

import numpy as np
from rhetoric_tools.fit_genre import BANDS, MIXED_AT_MOST, _scores, cross_validated


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
