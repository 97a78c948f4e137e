"""Cues that are not verbs: colons, quotation dashes and nouns of saying."""

from __future__ import annotations

import pytest

from service.analysis.frames import (
    after_a_quotation,
    credited,
    names_a_source,
    opens_a_line,
    owner,
    says_something,
)


def _token(doc, text):
    return next(t for t in doc if t.text == text)


def test_a_name_opens_a_line_also_after_an_opening_quotation_mark(analyzer):
    doc = analyzer.nlp('"WALLACE: Let\'s start with the news.')
    assert opens_a_line(_token(doc, "WALLACE"))
    doc = analyzer.nlp("The host, WALLACE: no.")
    assert not opens_a_line(_token(doc, "WALLACE"))


@pytest.mark.parametrize(("text", "expected"), [
    ("\u201cWe will win.\u201d \u2015 Sonya Herridge", True),
    ("\u201cWe will win.\u201d\n\n\u2014Rebecca Ballhaus contributed to this article.", False),
    ("The dash \u2015 a long one \u2015 is a mark.", False),
])
def test_a_dash_credits_only_the_quotation_on_its_line(analyzer, text, expected):
    doc = analyzer.nlp(text)
    dash = next(t for t in doc if t.text[-1:] in {"\u2015", "\u2014"})
    assert after_a_quotation(dash) is expected


def test_a_proper_name_names_a_source_when_the_document_calls_it_a_person(analyzer):
    doc = analyzer.nlp("Pence: no debate. FILE PHOTO: a meeting.")
    names = {"mike", "pence"}
    assert names_a_source(doc[0:1], names)
    photo = doc[[t.text for t in doc].index("FILE"):[t.text for t in doc].index("PHOTO") + 1]
    assert not names_a_source(photo, names)


def test_a_transcript_name_or_a_role_names_a_source_a_notice_does_not(analyzer):
    doc = analyzer.nlp("BENENSON: no. Insiders: yes. CORRECTION: the date.")
    benenson, insiders, correction = doc[0:1], doc[4:5], doc[8:9]
    assert names_a_source(benenson, {"joel", "benenson"})
    assert not names_a_source(benenson, set())
    assert names_a_source(insiders, set(), {insiders.start})
    assert not names_a_source(correction, {"joel", "benenson"})
    # A credit the recognizer took into a person's name is still no source.
    photographer = analyzer.nlp("Photographer: Andrew Harrer")[0:1]
    assert not names_a_source(photographer, {"photographer", "andrew", "harrer"})


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump: Cruz has a long way to go.", True),
    ("Sanders: 1,547.", False),
    ("Stated Stone:\n\nThe words.", False),
])
def test_a_colon_says_something_when_words_follow_on_its_line(analyzer, text, expected):
    doc = analyzer.nlp(text)
    colon = next(t for t in doc if t.text == ":")
    assert says_something(colon) is expected


@pytest.mark.parametrize(("text", "noun", "who", "words"), [
    ("Trump's claim that there were thousands of shootings was rated true.", "claim",
     "Trump", "that"),
    ("Clinton's criticism of the plan drew fire.", "criticism", "Clinton", "of"),
    ("A pledge by Governor Patrick to stay neutral was broken.", "pledge", "Patrick", "to"),
])
def test_a_noun_of_saying_has_an_owner_and_words(analyzer, text, noun, who, words):
    doc = analyzer.nlp(text)
    token = _token(doc, noun)
    found = owner(token)
    assert found is not None and found.text == who
    assert any(child.left_edge.text == words for child in credited(token))


@pytest.mark.parametrize("text", [
    "The report was released on Monday.",
    "His question went unanswered.",
])
def test_a_noun_with_no_owner_or_words_is_no_cue(analyzer, text):
    doc = analyzer.nlp(text)
    noun = next(t for t in doc if t.pos_ == "NOUN")
    assert owner(noun) is None or not credited(noun)
