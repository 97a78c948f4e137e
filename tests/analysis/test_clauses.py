"""Clauses that assert nothing: indirect questions, comparisons, conditions."""

from __future__ import annotations

import pytest

from service.analysis.clauses import asks_or_compares, supposed


def _span(nlp, text: str, phrase: str):
    doc = nlp(text)
    start = text.index(phrase)
    return doc.char_span(start, start + len(phrase), alignment_mode="expand")


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("It did not specify what any retaliation might involve.", "might involve", True),
    ("They pay more than they could have had on the market.", "could have had", True),
    ("Troops may have joined the conflict.", "may have joined", False),
])
def test_a_modal_in_a_question_or_a_comparison(nlp, text, phrase, expected):
    assert asks_or_compares(_span(nlp, text, phrase)) is expected


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("I will not sell a gun to someone if I know they're irresponsible.", "I know", True),
    ("Nothing changes unless we are sure of the numbers.", "we are sure", True),
    ("I know the plan works.", "I know", False),
    ("We know the plan works, so we will go on.", "We know", False),
    # A booster before the condition qualifies it: "certainly if ..." is emphatic.
    ("It would be thorough, certainly if the campaign had a hand in it.", "certainly", False),
])
def test_a_condition_supposes(nlp, text, phrase, expected):
    assert supposed(_span(nlp, text, phrase)) is expected
