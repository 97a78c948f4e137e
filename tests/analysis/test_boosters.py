"""Boosters: certainty markers and intensifiers, on the seeds and in context."""

from __future__ import annotations

import pytest

from service.analysis.model import Finding
from service.analysis.pipeline import Analyzer


def boosters(analyzer: Analyzer, text: str) -> tuple[Finding, ...]:
    return analyzer.analyze(text).boosters


@pytest.mark.parametrize(("seed", "phrase", "kind"), [
    ("seed_001", "hands down", "certainty"),
    ("seed_001", "undoubtedly", "certainty"),
])
def test_seed_boosters(analyzer, request, seed, phrase, kind):
    text = request.getfixturevalue(seed)
    start = text.index(phrase)
    found = {(f.start, f.end, f.type) for f in boosters(analyzer, text)}
    assert (start, start + len(phrase), kind) in found


BOOSTED = [
    ("Kim is winning, hands down.", "hands down", "certainty"),
    ("It is, without question, a turning point.", "without question", "certainty"),
    ("It is clear that the regime is desperate.", "It is clear that", "certainty"),
    ("Doing so would undoubtedly widen the war.", "undoubtedly", "certainty"),
    ("The bill is certain to pass.", "is certain to pass", "certainty"),
    ("The evidence is undeniable.", "undeniable", "certainty"),
    ("There is no doubt that the vote was rigged.", "There is no doubt", "certainty"),
    ("The situation is extremely dangerous.", "extremely", "intensifier"),
    ("It is by far the largest deployment.", "by far", "intensifier"),
    # Read as hedges before issue 18: a negated modal, a sole description, strong support.
    ("The stakes couldn't be higher.", "couldn't be higher", "intensifier"),
    ("The contrast could not be more stark.", "could not be more", "intensifier"),
    ("The result can only be described as a disaster.", "can only be described as",
     "certainty"),
    ("There is ample evidence that the policy backfired.", "ample evidence", "certainty"),
]


@pytest.mark.parametrize(("text", "highlight", "kind"), BOOSTED)
def test_booster_is_found_with_its_type(analyzer, text, highlight, kind):
    found = {(f.text, f.type) for f in boosters(analyzer, text)}
    assert (highlight, kind) in found, found


@pytest.mark.parametrize("text", [
    "It is not clear that the plan failed.",
    "He is bound by the treaty.",
    "The ministry reported the figures on Monday.",
    "It will be clear skies today.",
    "The toll could be higher.",
    "The result was described as a disaster.",
])
def test_no_booster(analyzer, text):
    assert boosters(analyzer, text) == ()


def test_longest_booster_wins(analyzer):
    texts = [f.text for f in boosters(analyzer, "There is no doubt the vote was rigged.")]
    assert texts == ["There is no doubt"]
