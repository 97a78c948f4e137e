"""Lemmas the model gets wrong, set right before the lexicons read them."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from service.analysis.lemmas import CORRECTIONS, correct_lemmas, lemma_ruler
from tests.analysis.credits import credited

FORMS = [(lemma, form) for lemma, _, forms in CORRECTIONS for form in forms]


@pytest.mark.parametrize(("lemma", "form"), FORMS)
def test_the_model_still_gets_each_listed_form_wrong(nlp, lemma, form):
    # A newer model that lemmatizes the form right makes its correction needless: this
    # fails then, and the entry can go.
    doc = nlp(f"The senator {form} about the plan on Tuesday.")
    token = next(t for t in doc if t.lower_ == form)
    assert token.pos_ == "VERB"
    assert token.lemma_ != lemma


@pytest.mark.parametrize(("lemma", "form"), FORMS)
def test_each_listed_form_is_corrected_in_a_parse(nlp, lemma, form):
    doc = correct_lemmas(lemma_ruler(nlp.vocab), nlp(f"The senator {form} about the plan."))
    assert next(t for t in doc if t.lower_ == form).lemma_ == lemma


def test_only_the_listed_part_of_speech_is_corrected(nlp):
    # Built by hand: a noun "hopes" with a wrong lemma stays as it is, the verb is set right.
    words = ["Their", "hopes", "rest", "on", "what", "she", "hopes", "."]
    doc = Doc(nlp.vocab, words=words,
              pos=["PRON", "NOUN", "VERB", "ADP", "PRON", "PRON", "VERB", "PUNCT"],
              lemmas=["their", "hop", "rest", "on", "what", "she", "hop", "."])
    correct_lemmas(lemma_ruler(nlp.vocab), doc)
    assert [doc[1].lemma_, doc[6].lemma_] == ["hop", "hope"]


@pytest.mark.parametrize(("text", "expected"), [
    # The lexicon's verb of intention "hope" now finds its inflected forms.
    ("In California, Clinton hopes to make a statement.",
     [("hopes", "Clinton", "to make a statement")]),
    ("The mayor hopes that the sale could produce a positive outcome for the city.",
     [("hopes", "The mayor", "that the sale could produce a positive outcome for the city")]),
    # Speech hoped for is not made: the hope is credited, the "say" is no report.
    ("She hoped he would say yes.", [("hoped", "She", "he would say yes")]),
    # The writer's own hope is no attribution, and neither is a hope that is a noun.
    ("I hope that it works.", []),
    ("The hopes of the party rest on him.", []),
])
def test_hope_is_an_attribution_cue_again(analyzer, text, expected):
    assert credited(analyzer, text) == expected


@pytest.mark.parametrize(("text", "loaded"), [
    ("One longtime Republican strategist griped about the approach.", ["griped"]),
    ("He is gaslighting his own voters.", ["gaslighting"]),
    # "snipe" and "crater" are left uncorrected: the literal senses are plain news.
    ("A sniper was sniping at cars from a parked van.", []),
    ("A missile strike cratered the runway.", []),
])
def test_loaded_verbs_are_found_in_their_inflected_forms(analyzer, text, loaded):
    assert [f.text for f in analyzer.analyze(text).loaded_language] == loaded
