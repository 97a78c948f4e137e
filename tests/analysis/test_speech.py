"""Whether a reporting verb reports speech: read off the parse, sentence by sentence."""

from __future__ import annotations

import pytest

from service.analysis.segments import segment
from service.analysis.sources import speaker
from service.analysis.speech import as_frame, reports


def _verb(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(("text", "verb", "kind", "reported"), [
    ("Zelenskyy said the troops had crossed the border.", "said", "neutral_verb", True),
    # A quotation in the sentence and where it was said: "in" is no "believe in".
    ("\u201cHe is hard to predict,\u201d Reid said in a telephone interview.", "said",
     "neutral_verb", True),
    ("North Korea's military boasts one of the largest forces.", "boasts", "loaded_verb",
     False),
    ("He called the police.", "called", "loaded_verb", False),
    # A time before the verb is no "call it a day".
    ("The day after the primary, Ducey called the lines \"unacceptable.\"", "called",
     "loaded_verb", True),
    ("They decided to call it a day.", "call", "loaded_verb", False),
])
def test_reports(nlp, text, verb, kind, reported):
    doc = nlp(text)
    token = _verb(doc, verb)
    assert reports(token, speaker(token, set()), kind, segment(doc)) is reported


@pytest.mark.parametrize(("text", "verb", "states", "reported"), [
    # A verb whose object is what was said reports it; a count is a figure.
    ("The senator acknowledged the mistake on Tuesday.", "acknowledged", True, True),
    ("The ministry revealed 30 new cases.", "revealed", True, False),
    ("The senator acknowledged the mistake on Tuesday.", "acknowledged", False, False),
])
def test_a_statement_verb_reports_its_object(nlp, text, verb, states, reported):
    doc = nlp(text)
    token = _verb(doc, verb)
    assert reports(token, speaker(token, set()), "loaded_verb", segment(doc), bare=False,
                   states=states) is reported


def test_an_as_frame_has_a_speaker_and_nothing_of_its_own(nlp):
    assert as_frame(_verb(nlp("As the minister claimed, the data were wrong."), "claimed"))
    assert not as_frame(_verb(nlp("As he claimed the prize, the crowd cheered."), "claimed"))
