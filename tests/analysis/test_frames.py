"""Cues that are not verbs: colons, quotation dashes and nouns of saying."""

from __future__ import annotations

import pytest

from service.analysis.frames import after_a_quotation, credited, names_a_source, opens_a_line, owner


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


@pytest.mark.parametrize(("text", "expected"), [
    # A group a headline credits by kind, and only the words after the colon as content.
    ("Police: Man shot near campus overnight\n\nA man was shot near the campus overnight.",
     (":", "Police", "Man shot near campus overnight")),
    ("Insiders: Trump will rebound in New Hampshire\n\nTrump lost Iowa on Monday.",
     (":", "Insiders", "Trump will rebound in New Hampshire")),
    ("Poll: Sanders leads Clinton nationally\n\nSanders gained ten points since May.",
     (":", "Poll", "Sanders leads Clinton nationally")),
])
def test_a_headline_credits_a_group_and_its_words(analyzer, text, expected):
    first = analyzer.analyze(text).attributions[0]
    assert (first.text, first.source.text,
            text[first.content.start:first.content.end]) == expected


def test_a_list_of_sources_is_no_headline_credit(analyzer):
    assert analyzer.analyze("Sources: Reuters, Associated Press").attributions == ()
