"""Phrase scope of loaded-language findings: the rules that widen a term to its phrase."""

from __future__ import annotations

import pytest

from service.analysis.pipeline import Analyzer

# (sentence, lexicon term, the phrase its finding must span)
WIDENED = [
    # A degree word the tagger reads as an adjective still grades the term.
    ("It was outright insane.", "insane", "outright insane"),
    ("He is outright insane.", "insane", "outright insane"),
    # A loaded noun used as a modifier reaches the noun it modifies.
    ("The hearing turned into a circus atmosphere.", "circus", "circus atmosphere"),
    # A manner adverb reaches the word it modifies a few tokens on, and a hyphenated
    # word is taken whole.
    ("The ministry issued a blatantly one-sided report.", "blatantly",
     "blatantly one-sided"),
    ("He was a tyrant-in-waiting.", "tyrant", "tyrant-in-waiting"),
    # Coordinated adjectives are one description, with the noun the first modifies.
    ("Police used excessive and brutal force.", "brutal", "excessive and brutal force"),
    ("They are amoral, unfair, or vicious people.", "vicious",
     "amoral, unfair, or vicious people"),
    ("They were amoral, unfair, or vicious.", "amoral", "amoral, unfair, or vicious"),
    # A bare noun coordinated with a loaded noun shares its description.
    ("The report exposed the filth and corruption in the agency.", "filth",
     "filth and corruption"),
    # The phrase's noun takes a bare "of" complement of a word or two.
    ("It was a brazen abuse of power.", "brazen", "brazen abuse of power"),
    ("He called it a flagrant violation of international law.", "flagrant",
     "flagrant violation of international law"),
    # Scare quotes around exactly the phrase belong to it, curly or straight.
    ("Critics called him a ‘traitor’ on Monday.", "traitor", "‘traitor’"),
    ('Critics called him a "traitor" on Monday.', "traitor", '"traitor"'),
]

# (sentence, lexicon term, the phrase its finding must span: the term alone)
KEPT = [
    # A coordinated noun with its own determiner is a separate phrase.
    ("The thugs and their lawyers left.", "thugs", "thugs"),
    # A coordinated noun beyond a few tokens is out of reach.
    ("They are thugs and, by every account from three states, criminals.", "thugs",
     "thugs"),
    # An "of" complement with its own determiner, or a longer one, is a separate phrase.
    ("It was a brazen abuse of the system.", "brazen", "brazen abuse"),
    ("It was a vicious campaign of smears and lies.", "vicious", "vicious campaign"),
    # Quotation marks around a longer quotation are not scare quotes.
    ("He said “the traitor must go”.", "traitor", "traitor"),
    # Closing and opening marks in the wrong order do not enclose the term.
    ("Critics called him a ’traitor‘ on Monday.", "traitor", "traitor"),
]


@pytest.mark.parametrize(("text", "term", "phrase"), WIDENED + KEPT)
def test_finding_spans_its_phrase(analyzer: Analyzer, text: str, term: str,
                                  phrase: str) -> None:
    found = {(f.term_text, f.text) for f in analyzer.analyze(text).loaded_language}
    assert (term, phrase) in found, found


@pytest.mark.parametrize(("text", "term", "phrase"), WIDENED + KEPT)
def test_phrase_offsets_are_exact(analyzer: Analyzer, text: str, term: str,
                                  phrase: str) -> None:
    for f in analyzer.analyze(text).loaded_language:
        assert text[f.start:f.end] == f.text
        assert f.start <= f.term_start < f.term_end <= f.end
