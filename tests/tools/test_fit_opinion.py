"""fit-opinion's reference figure: the ECE a calibrated model would show on as many rows."""

from __future__ import annotations

import numpy as np
from rhetoric_tools.fit_opinion import calibrated_ece


def test_the_ece_of_a_calibrated_model_shrinks_with_the_rows() -> None:
    rng = np.random.default_rng(1)
    few, many = rng.random(100), rng.random(10_000)
    small, large = calibrated_ece(few, draws=200), calibrated_ece(many, draws=50)
    assert 0 < large["mean"] < small["mean"] <= small["p95"]
    assert large["mean"] < 0.02  # 1,000 rows a bin: little noise left
    assert calibrated_ece(few, draws=200) == small  # seeded: the same at every run
