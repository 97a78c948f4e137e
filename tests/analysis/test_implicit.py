"""Attributions with an implicit source: a question put to the subject, an agentless charge."""

from __future__ import annotations

import pytest

from service.analysis.implicit import judged, question_of, question_put


def _word(analyzer, text, word):
    return next(t for t in analyzer.nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Asked about the vote, Mark-Viverito pointed to the budget.", "Asked", True),
    ("Asked if he was ever bullied, the candidate said no.", "Asked", True),
    # The passive with no asker puts the question too; with an asker it is theirs.
    ("Sanders was asked about their case during an interview.", "asked", True),
    ("The senator was asked by reporters about the vote.", "asked", False),
    # Someone asked by name, or asked for something, is no question put to the subject.
    ("She asked about the vote on Tuesday.", "asked", False),
    ("He was asked to leave the room.", "asked", False),
])
def test_a_question_put_to_the_subject(analyzer, text, word, expected):
    verb = _word(analyzer, text, word)
    assert question_put(verb) is expected
    if expected:
        assert question_of(verb)


@pytest.mark.parametrize(("text", "word", "charge"), [
    ("Mr. Quiros was accused of using $50 million for personal expenses.", "accused",
     "using $50 million for personal expenses"),
    ("He has been harshly criticized for policies that objectors see as abuses.",
     "criticized", "policies that objectors see as abuses"),
    ("The troubles could be blamed on poor management.", "blamed", "poor management"),
    ("The senator was criticized on the floor for the vote.", "criticized", "the vote"),
    # No charge, an agent who made it, or an active verb: nothing implicit.
    ("The senator was roundly criticized on Twitter.", "criticized", None),
    ("The plan was praised by Republicans for its cost.", "praised", None),
    ("Clinton accused Trump of lying about his taxes.", "accused", None),
])
def test_an_agentless_charge(analyzer, text, word, charge):
    found = judged(_word(analyzer, text, word))
    doc = found[0].doc if found else None
    text_of = [doc[t.left_edge.i:t.right_edge.i + 1].text for t in found] if doc else []
    assert text_of == ([charge] if charge else [])
