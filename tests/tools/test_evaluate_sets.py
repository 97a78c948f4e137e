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
        self.analyzer = SimpleNamespace(opinion=SimpleNamespace(threshold=0.5))

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
    fake = [SimpleNamespace(summary=SimpleNamespace(genre=g, opinion_share=s, genre_score=s),
                            sentences=()) for g, s in summary]
    out = eval_genre(FakeParses(fake), tmp_path)  # type: ignore[arg-type]
    assert out["reporting_correct"] == 0.5 and out["reporting_mixed"] == 0.5
    assert out["opinion_correct"] == 1.0
    assert out["auc_opinion_share"] == pytest.approx(0.75)


def _sentence(label: str, own: float) -> SimpleNamespace:
    return SimpleNamespace(voice="writer", role="body", label=label, own_opinion_score=own)


def test_genre_also_scores_the_share_on_the_sentences_own_evidence(tmp_path: Path) -> None:
    # In context the news report's sentence is reporting (0.8 on its own): the share in
    # context separates the classes, the share on its own evidence does not.
    _write(tmp_path / "genre" / "allsides_genre.jsonl", [
        {"text": "a", "label": "reporting"}, {"text": "b", "label": "opinion"}])
    news = [_sentence("reporting", 0.8), _sentence("reporting", 0.1)]
    column = [_sentence("opinion", 0.8), _sentence("reporting", 0.1)]
    fake = [SimpleNamespace(summary=SimpleNamespace(genre=g, opinion_share=s, genre_score=s),
                            sentences=tuple(sents))
            for g, s, sents in (("reporting", 0.0, news), ("opinion", 0.5, column))]
    out = eval_genre(FakeParses(fake), tmp_path)  # type: ignore[arg-type]
    assert out["auc_opinion_share"] == 1.0
    assert out["auc_opinion_share_own"] == 0.5
    assert out["writer_opinion_per_article"] == {
        "reporting": {"in_context": 0.0, "own": 1.0}, "opinion": {"in_context": 1.0, "own": 1.0}}


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
