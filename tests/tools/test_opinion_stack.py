"""The opinion fit: its embedding cache is per model file; its temperature calibrates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from rhetoric_tools.opinion_stack import embed_rows, temperature


@dataclass
class _Encoder:
    """Stands in for service.analysis.encoder.Encoder: a digest and a fixed vector."""

    model_sha256: str
    fill: float
    calls: int = 0

    def embed(self, text: str) -> np.ndarray:
        self.calls += 1
        return np.full(384, self.fill, dtype=np.float32)


def test_embeddings_are_cached_per_model_file(tmp_path):
    texts = ["One sentence.", "Another one."]
    six, four = _Encoder("a" * 64, 1.0), _Encoder("b" * 64, 2.0)
    assert embed_rows(six, "set", texts, tmp_path)[0, 0] == 1.0
    # Same texts, another model file: computed afresh, not read from the first's cache.
    assert embed_rows(four, "set", texts, tmp_path)[0, 0] == 2.0
    assert four.calls == 2
    assert len(list(tmp_path.glob("embeddings-set-*.npy"))) == 2
    # The same model again: read from its cache.
    again = _Encoder("a" * 64, 9.0)
    assert embed_rows(again, "set", texts, tmp_path)[0, 0] == 1.0
    assert again.calls == 0


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@pytest.mark.parametrize("shrink", [0.5, 2.0])
def test_temperature_undoes_a_known_distortion_of_calibrated_scores(shrink: float) -> None:
    # Labels drawn from calibrated log-odds z; the scores handed in are sigmoid(shrink * z):
    # under-confident for 0.5, over-confident for 2. The temperature restores the scale.
    rng = np.random.default_rng(7)
    z = rng.normal(0.0, 2.0, 20000)
    y = rng.random(20000) < _sigmoid(z)
    found = temperature(y, _sigmoid(shrink * z))
    assert found == pytest.approx(1.0 / shrink, rel=0.1)


def test_temperature_keeps_every_label_at_even_odds() -> None:
    rng = np.random.default_rng(3)
    y = rng.random(500) < 0.4
    p = np.clip(np.where(y, 0.7, 0.35) + rng.normal(0, 0.1, 500), 0.01, 0.99)
    t = temperature(y, p)
    assert t > 0
    scaled = _sigmoid(t * np.log(p / (1 - p)))
    assert np.array_equal(scaled >= 0.5, p >= 0.5)
