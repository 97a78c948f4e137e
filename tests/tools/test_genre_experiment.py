"""The genre experiment: what it embeds, how it folds, and its command's table."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from rhetoric_tools import commands, genre_experiment
from rhetoric_tools.fit_genre import FOLDS
from rhetoric_tools.genre_experiment import KINDS, MODELS, mean_vectors

from service.analysis.encoder import Encoder
from service.analysis.pipeline import Analyzer
from tests.tools.genre_data import OPINION, OUTLETS, PER_OUTLET, QUOTE, write_genre_set


@dataclass
class _Encoder:
    """Stands in for the sentence encoder: a fixed pseudo-random vector per text.

    Only its first two numbers are non-zero, so a few dozen articles are not linearly
    separable and the heads' fits converge in a few iterations.
    """

    model_sha256: str = "c" * 64
    scale: float = 1.0
    seen: list[str] = field(default_factory=list)

    def embed(self, text: str) -> np.ndarray:
        self.seen.append(text)
        v = np.zeros(384, dtype=np.float32)
        v[:2] = self.scale * np.random.default_rng(zlib.crc32(text.encode())).normal(size=2)
        return v


def test_mean_vectors_average_each_articles_run_and_give_zeros_for_none() -> None:
    vectors = np.arange(12, dtype=float).reshape(6, 2)
    out = mean_vectors(vectors, [2, 0, 3, 1])
    assert out.tolist() == [[1.0, 2.0], [0.0, 0.0], [6.0, 7.0], [10.0, 11.0]]


def test_the_folds_of_each_kind_match_fit_genres() -> None:
    y = np.arange(40) % 2 == 0
    outlets = np.array([f"o{i % 8}" for i in range(40)])
    grouped = KINDS["grouped by outlet"](y, outlets)
    for train, test in grouped:
        assert not set(outlets[train]) & set(outlets[test])
    assert len(KINDS["stratified"](y, outlets)) == FOLDS


def test_the_command_embeds_writer_body_sentences_and_prints_the_table(
        analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    data = write_genre_set(tmp_path / "eval")
    encoder = _Encoder()
    monkeypatch.setattr(Analyzer, "from_settings", staticmethod(lambda settings: analyzer))
    monkeypatch.setattr(Encoder, "load", staticmethod(lambda *a, **k: encoder))
    # Two of the head's Cs keep the few hundred small fits few.
    monkeypatch.setattr(genre_experiment, "HEAD_CS", (0.1, 10.0))
    cache = tmp_path / "cache"
    assert commands.main(["genre-experiment", "--data", str(data), "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    rows = 2 * OUTLETS * PER_OUTLET
    assert f"{rows} articles from {OUTLETS} outlets" in out
    # The writer's sentences are embedded; the mayor's quotation is not.
    assert OPINION[0] in encoder.seen and QUOTE not in encoder.seen
    assert f"mean embedding of {len(encoder.seen)} writer body sentences" in out
    table = [line.split() for line in out.splitlines()
             if line.startswith(("stratified", "grouped by outlet"))]
    assert len(table) == len(KINDS) * len(MODELS)
    for cells in table:
        reporting, opinion, mixed, auc = map(float, cells[-4:])
        assert all(0 <= v <= 1 for v in (reporting, opinion, mixed, auc))
    for kind in KINDS:
        [line] = [line for line in out.splitlines() if line.startswith(f"  {kind} ")]
        values = [float(c) for c in line[len(kind) + 2:].split(", ")]
        assert len(values) == FOLDS and set(values) <= {0.1, 10.0}
    assert "from 0.1, 10):" in out
    # The embeddings are cached under --cache, keyed by the encoder's model file.
    assert len(list(cache.glob(f"embeddings-{genre_experiment.CACHE_NAME}-*.npy"))) == 1
    # Read again: from the cache, unless the encoder's model file is another.
    seen = len(encoder.seen)
    first = genre_experiment.load(analyzer, encoder, data, cache)  # type: ignore[arg-type]
    assert len(encoder.seen) == seen
    other = _Encoder("d" * 64, scale=2.0)
    again = genre_experiment.load(analyzer, other, data, cache)  # type: ignore[arg-type]
    assert len(other.seen) == seen
    assert np.allclose(again.embeddings, 2 * first.embeddings)
