"""The genre and attribution scorers of ``rhetoric evaluate``, on small made-up data."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from rhetoric_tools.evaluate import auc, eval_attribution, eval_genre


class FakeParses:
    """Stands in for Parses: hands back prepared analyses in order."""

    def __init__(self, analyses: list[object]) -> None:
        self.given = analyses

    def analyses(self, name: str, texts: list[str]) -> list[object]:
        assert len(texts) == len(self.given)
        return self.given


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_auc_counts_ties_half() -> None:
    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    assert auc([0.5], [0.5]) == 0.5


def test_genre_scores_each_class_and_counts_mixed_as_wrong(tmp_path: Path) -> None:
    _write(tmp_path / "genre" / "allsides_genre.jsonl", [
        {"text": "a", "label": "reporting"}, {"text": "b", "label": "reporting"},
        {"text": "c", "label": "opinion"}, {"text": "d", "label": "opinion"}])
    summary = [("reporting", 0.1), ("mixed", 0.3), ("opinion", 0.6), ("opinion", 0.2)]
    fake = [SimpleNamespace(summary=SimpleNamespace(genre=g, opinion_share=s, genre_score=s))
            for g, s in summary]
    out = eval_genre(FakeParses(fake), tmp_path)  # type: ignore[arg-type]
    assert out["reporting_correct"] == 0.5 and out["reporting_mixed"] == 0.5
    assert out["opinion_correct"] == 1.0
    assert out["auc_opinion_share"] == pytest.approx(0.75)


def test_attribution_matches_each_gold_cue_once_and_scores_content(tmp_path: Path) -> None:
    text = "The minister said the data were wrong."
    gold = {"cue": {"start": 13, "end": 17}, "source": {"start": 0, "end": 12},
            "content": {"start": 18, "end": 37}}
    _write(tmp_path / "attribution" / "polnear_dev.jsonl", [
        {"text": text, "attributions": [gold]}])
    span = SimpleNamespace
    att = SimpleNamespace(start=13, end=17, source=span(start=4, end=12),
                          content=span(start=18, end=27))
    twice = SimpleNamespace(start=13, end=17, source=None, content=None)
    out = eval_attribution(FakeParses([SimpleNamespace(attributions=(att, twice))]),  # type: ignore[arg-type]
                           tmp_path)
    assert out["cue"]["precision"] == 0.5 and out["cue"]["recall"] == 1.0
    assert out["source"]["precision"] == 1.0 and out["source"]["recall"] == 1.0
    p, r = 9 / 9, 9 / 19
    assert out["content_f1"] == pytest.approx(2 * p * r / (p + r))
