"""Negation: which findings are negated, and by what, on real sentences and on their parse."""

from __future__ import annotations

import pytest

from service.analysis.model import Finding
from service.analysis.negation import is_negated
from service.analysis.pipeline import Analyzer


def hedges(analyzer: Analyzer, text: str) -> tuple[Finding, ...]:
    return analyzer.analyze(text).hedges


def boosters(analyzer: Analyzer, text: str) -> tuple[Finding, ...]:
    return analyzer.analyze(text).boosters


# (sentence, the span asked about, whether it is negated)
SPANS = [
    ("He is not likely to come.", "likely", True),
    ("The plan was never clearly explained.", "clearly", True),
    # A determiner "no" on the noun a modifier describes negates the modifier.
    ("There was no brutal crackdown.", "brutal", True),
    # A negation inside the span is part of the term, not a negation of it.
    ("There is no doubt that the plan failed.", "no doubt", False),
    ("It is not clear that the plan failed.", "not clear", False),
    # The verb's negation is not its subject's.
    ("Many voters may not attend.", "Many voters", False),
    # "Not only X" asserts X.
    ("This is not only a brutal crackdown.", "brutal", False),
    ("It is a brutal crackdown.", "brutal", False),
    # A sentence adverb before the negation scopes over it; after it, inside it.
    ("Clearly the administration did not leave a plan.", "Clearly", False),
    ("Republicans probably won't go to the trouble.", "probably", False),
    ("That is not clearly wrong.", "clearly", True),
    ("I don't really like it.", "really", True),
]


@pytest.mark.parametrize(("text", "phrase", "negated"), SPANS)
def test_is_negated_reads_the_parse(nlp, text: str, phrase: str, negated: bool) -> None:
    doc = nlp(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None
    assert is_negated(span) is negated


@pytest.mark.parametrize("text", ["There is no doubt that the plan failed.",
                                  "Make no mistake: the plan failed."])
def test_a_no_inside_the_term_is_no_negation(analyzer, text):
    found = [*hedges(analyzer, text), *analyzer.analyze(text).boosters]
    assert found
    assert not [f for f in found if f.negated], found


@pytest.mark.parametrize(("text", "hedge", "negated"), [
    ("He is not likely to come.", "likely", True),
    # The verb's negation is not its subject's.
    ("Many voters may not attend.", "Many voters", False),
])
def test_negation_scope_of_a_hedge(analyzer, text, hedge, negated):
    found = {f.text: f.negated for f in hedges(analyzer, text)}
    assert found[hedge] is negated, found


def test_negated_hedge_is_marked(analyzer):
    found = hedges(analyzer, "The minister did not seem worried.")
    assert [(f.text, f.negated) for f in found] == [("seem", True)]


def test_negated_booster_is_marked(analyzer):
    found = boosters(analyzer, "The plan was not clearly explained.")
    assert [(f.text, f.negated) for f in found] == [("clearly", True)]


@pytest.mark.parametrize(("text", "negated"), [
    ("It is not a brutal crackdown.", True),
    ("It isn’t a brutal crackdown.", True),
    ("There was no brutal crackdown.", True),
    ("It was never a disgrace.", True),
    ("It is a brutal crackdown.", False),
    # The negation is of the ending, not of the crackdown's brutality.
    ("The brutal crackdown did not end.", False),
    # "Not just X" says X and more; the focusing adverb attaches in three ways.
    ("This is not just a brutal crackdown, it is a massacre.", False),
    ("It was not merely a brutal crackdown.", False),
    ("This is not only a brutal crackdown.", False),
    ("It was not simply brutal.", False),
    ("It was not very brutal.", True),
    # The verb's negation is not its subject's; a manner adverb's is.
    ("Thugs did not attack the town.", False),
    ("He did not deliberately mislead anyone.", True),
])
def test_negated_loaded_term_is_marked(analyzer: Analyzer, text: str, negated: bool) -> None:
    (finding,) = analyzer.analyze(text).loaded_language
    assert finding.negated is negated
