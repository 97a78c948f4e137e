"""Parallel reports: two sources set beside each other in one sentence."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from service.analysis.parallel import joining
from tests.analysis.credits import credited


@pytest.mark.parametrize(("text", "expected"), [
    # The second frame joined by "while": each share of the poll says its own words.
    ("Among Trump voters, 74 percent said they are set on voting for the real estate "
     "mogul, while 22 percent said they might change their mind.",
     [("said", "74 percent", "they are set on voting for the real estate mogul"),
      ("said", "22 percent", "they might change their mind")]),
    # Joined by "and": the same speaker's second report is a report of its own (the
    # parse hangs it on the root here, so this holds without parallel.py too).
    ("Dayton said he thinks Clinton would win, and he said he would campaign for her.",
     [("said", "Dayton", "he thinks Clinton would win"),
      ("said", "he", "he would campaign for her")]),
    # A second source who labels something, joined by "while": its own words.
    ("Senator Claire McCaskill said the debate was useful, while Republican Senator John "
     "Thune called the shutdown \"a colossal waste of time.\"",
     [("said", "Senator Claire McCaskill", "the debate was useful"),
      ("called", "Republican Senator John Thune", "\"a colossal waste of time.\"")]),
    # No conjunction: the second frame is what the first source said (nested).
    ("Dayton said he thinks Clinton would win.",
     [("said", "Dayton", "he thinks Clinton would win")]),
    # A clause of time inside the first source's words, and a thing as subject: nested.
    ("Johnson said he was stopped twice, and when he asked why, the officer said he "
     "matched a description.",
     [("said", "Johnson", "he was stopped twice, and when he asked why, the officer said "
       "he matched a description")]),
])
def test_reports_set_beside_each_other(analyzer, text, expected):
    assert credited(analyzer, text) == expected


def _doc(vocab, words, heads, deps, pos):
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_the_join_is_the_conjunction_before_the_subject(analyzer):
    # "A said B is honest, and C said the same": the parser hangs the second "said" on
    # the first; the word before its subject joins it.
    words = ["Voters", "said", "Clinton", "is", "honest", ",", "and", "most", "said",
             "the", "same", "."]
    heads = [1, 1, 3, 1, 3, 3, 3, 8, 1, 10, 8, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct", "cc", "nsubj", "ccomp",
            "det", "dobj", "punct"]
    pos = ["NOUN", "VERB", "PROPN", "AUX", "ADJ", "PUNCT", "CCONJ", "ADJ", "VERB", "DET",
           "ADJ", "PUNCT"]
    doc = _doc(analyzer.nlp.vocab, words, heads, deps, pos)
    join = joining(doc[8])
    assert join is not None and join.text == "and"
    assert joining(doc[3]) is None  # the first clause has no conjunction before it


@pytest.mark.parametrize("mark", ["that", "if"])
def test_a_clause_with_its_own_conjunction_is_no_parallel_report(analyzer, mark):
    # "She said she was tired and that she wanted to go": "that" carries on her words.
    words = ["She", "said", "she", "was", "tired", "and", mark, "she", "wanted", "more", "."]
    heads = [1, 1, 3, 1, 3, 3, 8, 8, 3, 8, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "cc", "mark", "nsubj", "conj",
            "dobj", "punct"]
    pos = ["PRON", "VERB", "PRON", "AUX", "ADJ", "CCONJ", "SCONJ", "PRON", "VERB", "ADJ",
           "PUNCT"]
    doc = _doc(analyzer.nlp.vocab, words, heads, deps, pos)
    assert joining(doc[8]) is None


def test_a_clause_before_its_head_opens_the_words(analyzer):
    # "He said that while she says X, Y": the "while" clause comes first; nested.
    words = ["He", "said", "while", "she", "says", "no", ",", "it", "passed", "."]
    heads = [1, 1, 4, 4, 8, 4, 8, 8, 1, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "advcl", "dobj", "punct", "nsubj", "ccomp",
            "punct"]
    pos = ["PRON", "VERB", "SCONJ", "PRON", "VERB", "INTJ", "PUNCT", "PRON", "VERB", "PUNCT"]
    doc = _doc(analyzer.nlp.vocab, words, heads, deps, pos)
    assert joining(doc[4]) is None
