"""A speaker's label for something, and the idioms of "call" that give none."""

from __future__ import annotations

import pytest

from service.analysis.naming import calls_it_a_day, gives_a_label
from tests.analysis.credits import credited


def _verb(analyzer, text, word):
    return next(t for t in analyzer.nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Trump called the deal a disaster.", "called", True),
    ("She described the plan as reckless.", "described", True),
    ("She called his executive actions \u201ca crucial step forward.\u201d", "called", True),
    # A naming verb's label in quotation marks inside the object's phrase (a headline).
    ("Bill Clinton calls Obamacare \u2018crazy system\u2019 during campaign stop.", "calls",
     True),
    # A claim of something in quotation marks is no label; an object alone is none.
    ("The complaints are shameless, claiming a \u201chousing crisis\u201d in town.",
     "claiming", False),
    ("She called her mother on Sunday.", "called", False),
])
def test_a_label_for_the_object(analyzer, text, word, expected):
    assert gives_a_label(_verb(analyzer, text, word)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The senator is calling it quits after three terms.", True),
    ("They called it a day at noon.", True),
    ("Trump called it a disaster.", False),
])
def test_call_it_a_day_is_no_label(analyzer, text, expected):
    verb = next(t for t in analyzer.nlp(text) if t.lemma_ == "call")
    assert calls_it_a_day(verb) is expected


@pytest.mark.parametrize(("text", "expected"), [
    # "See X as Y" credits a view: the object and its label are the view.
    ("Democrats see Sanders as an agent in Clinton's decline.",
     [("see", "Democrats", "Sanders as an agent in Clinton's decline")]),
    # With the object before the verb, the "as" phrase alone.
    ("Voters are angry about what they see as a debacle.",
     [("see", "they", "as a debacle")]),
    # "View ... as" credits its view the same way.
    ("Officials view the deal as a mistake.",
     [("view", "Officials", "the deal as a mistake")]),
    # Sight, a small clause, a cause, a life lived through, a role at the time: no view.
    ("Fallin saw combat as a Marine in Vietnam.", []),
    ("She saw Paris as a student.", []),
    ("They saw the parade as part of the celebrations.", []),
    ("Witnesses saw the man run away from the scene.", []),
    ("The town has seen its population double.", []),
    ("The actor has seen his popularity wane, perhaps as a result of his films.", []),
    # "To" labels only after a verb of likening.
    ("Cross likened the election to a referendum.",
     [("likened", "Cross", "to a referendum")]),
    ("Police cast the suspect to the ground.", []),
])
def test_a_view_is_credited_sight_is_not(analyzer, text, expected):
    assert credited(analyzer, text) == expected


@pytest.mark.parametrize(("text", "content"), [
    # The label or charge a speaker puts on an object is the speaker's words.
    ("House Republicans called the allegations overblown and cherry-picked.",
     "the allegations overblown and cherry-picked"),
    ("Trump called the deal a disaster.", "a disaster"),
    ("He described the plan as reckless.", "as reckless"),
    ("Cross likened the election to a referendum.", "to a referendum"),
    ("Critics have accused her of deliberately trying to delay the vote.",
     "of deliberately trying to delay the vote"),
])
def test_a_label_is_the_speakers_words(analyzer, text, content):
    first = analyzer.analyze(text).attributions[0]
    assert text[first.content.start:first.content.end] == content


def test_a_loaded_word_in_a_label_is_the_speakers(analyzer):
    analysis = analyzer.analyze("House Republicans called the allegations overblown.")
    assert [(f.term_text, f.voice) for f in analysis.loaded_language] == [
        ("overblown", "reported")]
