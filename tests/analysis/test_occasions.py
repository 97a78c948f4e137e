"""The setting of a frame: an "in" of time, place or occasion; the hearer of "tell"."""

from __future__ import annotations

import pytest

from service.analysis.occasions import hearer, setting


def _token(analyzer, text, word):
    return next(t for t in analyzer.nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "expected"), [
    ("She said in an interview that the plan would fail.", True),
    ("Lasry told Bloomberg Politics in May that he would give.", True),
    ("She said in the debate that the plan would fail.", True),
    # A place is where, not when or on what occasion: "believes in America".
    ("She said in Iowa that the plan would fail.", False),
    # The "in" of the verb's own: what is believed in.
    ("She believes in freedom of speech.", False),
])
def test_an_in_phrase_of_setting(analyzer, text, expected):
    assert setting(_token(analyzer, text, "in")) is expected


@pytest.mark.parametrize(("text", "verb", "obj", "expected"), [
    ("Duncan told The New York Times in 2012 that it would work.", "told", "Times", True),
    ("She told reporters the talks were over.", "told", "reporters", True),
    # The story told is what was said, not who heard it; other verbs have no hearer.
    ("Francis told the story of the city of Nineveh.", "told", "story", False),
    ("He denied the report on Tuesday.", "denied", "report", False),
])
def test_the_hearer_of_tell(analyzer, text, verb, obj, expected):
    assert hearer(_token(analyzer, text, verb), _token(analyzer, text, obj)) is expected
