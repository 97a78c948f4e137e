"""Quotations that are titles or names, not anyone's words."""

from __future__ import annotations

import pytest

from service.analysis.model import Quote
from service.analysis.titles import a_term, composition_title, names_a_title, title_cased


def _quote(text: str, inner: str) -> Quote:
    start = text.index(inner)
    return Quote(start, start + len(inner), inner, 0)


@pytest.mark.parametrize(("inner", "titled"), [
    ("Liberalism or How to Turn Good Men into Whiners, Weenies and Wimps.", True),
    ("Fox News Sunday,", True),
    ("we will not back down", False),
    ("Who do they think they are?", False),
    ("Stop. Now.", False),
])
def test_title_case(inner, titled):
    assert (title_cased(inner) is not None) == titled


@pytest.mark.parametrize(("text", "inner", "expected"), [
    ("Graham told CNN’s “State of the Union” that it would pass.", "“State of the Union”", True),
    ("The so-called “Gang of Eight” met.", "“Gang of Eight”", True),
    # A programme after "told", or before "host": "told “Fox News Sunday.”"
    ("“We will win,” Trump told “Fox News Sunday.”", "“Fox News Sunday.”", True),
    ("MSNBC “Morning Joe” host Joe Scarborough spoke.", "“Morning Joe”", True),
    # A possessive written with the apostrophe alone: "CBS’", "Fox News'".
    ("“It was wrong,” Boehner said on CBS’ “Face the Nation.”", "“Face the Nation.”", True),
    ('The tweets came after Fox News\' "Fox & Friends" reported it.', '"Fox & Friends"', True),
    ("He told reporters, “We Will Win.”", "“We Will Win.”", False),
    # Title case without a lead that names it: a slogan may be someone's words.
    ("They chanted “Lock Her Up” all night.", "“Lock Her Up”", False),
    ("He called the bill “a disgrace,” aides said.", "“a disgrace,”", False),
])
def test_a_name_or_title_after_its_lead(text, inner, expected):
    assert names_a_title(text, _quote(text, inner)) is expected


def test_a_composition_title_has_three_words_or_more():
    text = 'He wrote "Blinded by the Right." He wrote "Blinded."'
    assert composition_title(_quote(text, '"Blinded by the Right."'))
    assert not composition_title(_quote(text, '"Blinded."'))


def test_a_programmes_name_is_not_what_its_guest_said(analyzer):
    text = ('Rep. Jane Roe said Monday on CNN\'s "New Day" that she is frustrated with the '
            'president but added: "The real problem is that they refused to work with us."')
    analysis = analyzer.analyze(text)
    said = next(a for a in analysis.attributions if a.text == "said")
    assert said.content is not None
    assert said.content.text == "that she is frustrated with the president"
    (quote,) = [q for q in analysis.quotes if "New Day" in q.text]
    assert quote.speaker is None


@pytest.mark.parametrize(("text", "inner", "expected"), [
    ("He trimmed the form for insurance markets, or “exchanges,” to three pages.",
     "“exchanges,”", True),
    ("Members could oust the speaker, or “vacate the chair,” too easily.",
     "“vacate the chair,”", True),
    ("It is what is known as “regular order” in the Senate.", "“regular order”", True),
    # A label the speaker gives, and a longer quotation after "or": someone's words.
    ("He called the bill “a disgrace,” aides said.", "“a disgrace,”", False),
    ("They could wait, or “we can act now and fix it later,” she said.",
     "“we can act now and fix it later,”", False),
])
def test_a_glossed_or_named_term_is_no_ones_words(text, inner, expected):
    assert a_term(text, _quote(text, inner)) is expected
