"""A poll's finding credited with "in"."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from service.analysis.polls import poll_preposition
from tests.analysis.credits import credited


@pytest.mark.parametrize(("text", "expected"), [
    ("Clinton led Sanders more than 2-1 in an NBC News poll Jan. 17-23.",
     [("in", "an NBC News poll Jan. 17-23", "Clinton led Sanders more than 2-1")]),
    ("Walker's job approval fell to 41 percent in the latest Marquette Law poll.",
     [("in", "the latest Marquette Law poll", "Walker's job approval fell to 41 percent")]),
    # The poll reports what its respondents said: both are credited.
    ("In a CNN/ORC poll released Monday, 31% of Republicans said they were enthusiastic.",
     [("In", "a CNN/ORC poll released Monday",
       "31% of Republicans said they were enthusiastic."),
      ("said", "31% of Republicans", "they were enthusiastic")]),
])
def test_a_polls_finding_is_credited_to_the_poll(analyzer, text, expected):
    assert credited(analyzer, text) == expected


@pytest.mark.parametrize("text", [
    # A standing in the polls, of no poll in particular.
    "Carson has plunged in recent polls amid questions about his record.",
    "He quickly slid in the polls behind his rivals.",
    # A noun's phrase, taking part, and the people a poll asked.
    "Her lead in the survey has narrowed.",
    "He declined to take part in the survey.",
    "Fewer than half of those interviewed in the survey voted.",
])
def test_no_finding_is_credited_to_a_poll(analyzer, text):
    assert [a for a in credited(analyzer, text) if a[0].lower() == "in"] == []


def test_the_preposition_must_hang_on_a_verb(nlp):
    # Built by hand: "in the poll" on a noun ("support") credits nothing; on the verb it does.
    words = ["Cruz", "had", "support", "in", "the", "poll"]
    tags = ["NNP", "VBD", "NN", "IN", "DT", "NN"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN"]
    deps = ["nsubj", "ROOT", "dobj", "prep", "det", "pobj"]
    lemmas = ["Cruz", "have", "support", "in", "the", "poll"]
    on_noun = Doc(nlp.vocab, words=words, tags=tags, pos=pos, deps=deps, lemmas=lemmas,
                  heads=[1, 1, 1, 2, 5, 3])
    on_verb = Doc(nlp.vocab, words=words, tags=tags, pos=pos, deps=deps, lemmas=lemmas,
                  heads=[1, 1, 1, 1, 5, 3])
    assert poll_preposition(on_noun[5]) is None
    assert poll_preposition(on_verb[5]).i == 3


@pytest.mark.parametrize("text", [
    # An election in British usage, named by its day or year.
    "The CDU was severely weakened in Sunday's poll in the state of Hesse.",
    "He was defeated in the 1997 poll.",
    # A sum over all polls, and the survey's own pages.
    "Clinton has never trailed in a poll in the New York primary.",
    "Several errors were found in the survey.",
])
def test_an_election_or_a_sum_of_polls_credits_nothing(analyzer, text):
    assert [a for a in credited(analyzer, text) if a[0].lower() == "in"] == []


def test_a_pollster_named_with_a_day_is_a_poll(analyzer):
    assert credited(analyzer, "Clinton led by 5 points in Monday's CNN poll.") == [
        ("in", "Monday's CNN poll", "Clinton led by 5 points")]
