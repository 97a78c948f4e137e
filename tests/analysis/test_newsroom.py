"""The newsroom's own words: the writer's asides, credit lines, requests for comment."""

from __future__ import annotations

import pytest

from service.analysis.newsroom import answers_a_request, credit_line, the_writers_aside


@pytest.mark.parametrize(("test", "text", "word", "expected"), [
    # The writer's asides, not the same words in another use.
    (the_writers_aside, "It's worth noting that this is the first time.", "noting", True),
    (the_writers_aside, "It goes without saying that taxes will rise.", "saying", True),
    (the_writers_aside, "She left without saying goodbye.", "saying", False),
    (the_writers_aside, "He kept noting that the bill had passed.", "noting", False),
    # Credit lines; a report from a place that reports something is no credit.
    (credit_line, "Bryant Rousseau and Caryn Wilson contributed reporting.", "reporting",
     True),
    (credit_line, "Julie Hirschfeld Davis reported from Midway Atoll.", "reported", True),
    (credit_line, "The Times reported from Washington on the vote.", "reported", False),
    (credit_line, "Officials reported from Kabul that the road had reopened.", "reported",
     False),
    # Requests for comment; a response to an emergency call or to news is no answer.
    (answers_a_request, "The Trump campaign did not immediately respond to requests for "
     "comment.", "respond", True),
    (answers_a_request, "A spokesman did not reply to an email on Tuesday.", "reply", True),
    (answers_a_request, "Firefighters responded to a call about smoke on Main Street.",
     "responded", False),
    (answers_a_request, "The market responded to the news with a rally.", "responded", False),
])
def test_newsroom_words(analyzer, test, text, word, expected):
    verb = next(t for t in analyzer.nlp(text) if t.text == word)
    assert test(verb) is expected
