"""Analysing texts together, then one by one when that fails (service/batch.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from service.batch import analyse_each
from service.problems import TimeBudgetExceeded


class FakeAnalyzer:
    """Analyses a text as its upper case; fails on ``"bad"``, runs out of time on ``"slow"``."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def analyze_many(self, texts: Iterable[str], batch_size: int = 64,
                     max_words: int = 2000) -> Iterator[str]:
        texts = list(texts)
        self.calls.append(texts)
        for text in texts:
            if text == "bad":
                raise ValueError("cannot analyse this one")
            if text == "slow":
                raise TimeBudgetExceeded("over budget")
            yield text.upper()


def _each(analyzer: Any, texts: list[str], **kwargs: Any) -> list[Any]:
    return analyse_each(analyzer, texts, 8, 2000, **kwargs)


def test_one_call_when_nothing_fails() -> None:
    analyzer = FakeAnalyzer()
    assert _each(analyzer, ["a", "b"]) == ["A", "B"]
    assert analyzer.calls == [["a", "b"]]


def test_only_the_text_at_fault_fails_and_earlier_results_are_kept(
        caplog: pytest.LogCaptureFixture) -> None:
    analyzer = FakeAnalyzer()
    log = logging.getLogger("test.batch")
    with caplog.at_level(logging.ERROR, logger="test.batch"):
        out = _each(analyzer, ["a", "bad", "c"], log=log)
    assert out[0] == "A" and out[2] == "C"
    assert isinstance(out[1], ValueError)
    assert analyzer.calls == [["a", "bad", "c"], ["bad"], ["c"]]
    assert [r.message for r in caplog.records] == [
        "batch analysis failed; analysing the documents one by one",
        "analysis of one batch document failed"]


def test_no_log_without_a_logger(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        _each(FakeAnalyzer(), ["bad"])
    assert caplog.records == []


def test_the_time_budget_stops_everything() -> None:
    with pytest.raises(TimeBudgetExceeded):
        _each(FakeAnalyzer(), ["a", "slow"])
    with pytest.raises(TimeBudgetExceeded):
        _each(FakeAnalyzer(), ["bad", "slow"])
