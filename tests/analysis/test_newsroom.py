"""The newsroom's own words: the writer's asides, credit lines, requests for comment."""

from __future__ import annotations

import pytest

from service.analysis.newsroom import answers_a_request, credit_line, the_writers_aside


def _verb(analyzer, text, word):
    return next(t for t in analyzer.nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("It's worth noting that this is the first time.", "noting", True),
    ("It goes without saying that taxes will rise.", "saying", True),
    ("She left without saying goodbye.", "saying", False),
    ("He kept noting that the bill had passed.", "noting", False),
])
def test_the_writers_aside(analyzer, text, word, expected):
    assert the_writers_aside(_verb(analyzer, text, word)) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Bryant Rousseau and Caryn Wilson contributed reporting.", "reporting", True),
    ("Julie Hirschfeld Davis reported from Midway Atoll.", "reported", True),
    ("The Times reported from Washington on the vote.", "reported", False),
    ("Officials reported from Kabul that the road had reopened.", "reported", False),
])
def test_credit_line(analyzer, text, word, expected):
    assert credit_line(_verb(analyzer, text, word)) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The Trump campaign did not immediately respond to requests for comment.", "respond",
     True),
    ("A spokesman did not reply to an email on Tuesday.", "reply", True),
    ("Firefighters responded to a call about smoke on Main Street.", "responded", False),
    ("The market responded to the news with a rally.", "responded", False),
])
def test_answers_a_request(analyzer, text, word, expected):
    assert answers_a_request(_verb(analyzer, text, word)) is expected
