"""The opinion fit's embedding cache: a different model never reads another model's vectors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rhetoric_tools.opinion_stack import embed_rows


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
