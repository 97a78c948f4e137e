"""Plain patterns matched in Python find exactly what spaCy's Matcher finds."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from service.analysis.pipeline import Analyzer
from service.lexicon import PlainPatterns
from tests.conftest import SEEDS

SYNTHETIC: list[list[dict[str, Any]]] = [
    [{"LOWER": "it"}, {"LEMMA": "be"}, {"LOWER": {"IN": ["clear", "obvious"]}}],
    [{"LOWER": {"IN": ["some", "many"]}}, {"POS": {"IN": ["NOUN", "ADJ"]}}],
    [{"LEMMA": "say", "POS": "VERB"}, {"TAG": {"NOT_IN": ["DT"]}}],
    [{"ORTH": "$"}, {"LIKE_NUM": True}],
    [{"LOWER": "the"}, {"IS_ALPHA": True, "DEP": {"IN": ["amod", "compound"]}}],
    [{"TEXT": "Officials"}, {"IS_PUNCT": False}],
    [{"LOWER": {"IN": ["some", "many"]}, "OP": "?"}, {"POS": "NOUN"}, {"LEMMA": "say"}],
    [{"POS": "ADJ", "OP": "*"}, {"LOWER": {"IN": ["regime", "people", "critics"]}}],
    [{"LOWER": "the"}, {"POS": {"IN": ["ADJ", "PROPN"]}, "OP": "+"}, {"POS": "NOUN"}],
    [{"LOWER": "it"}, {"LEMMA": "be"}, {"POS": "ADV", "OP": "*"}, {"LOWER": "clear"}],
    [{"LEMMA": "be", "OP": "?"}, {"POS": "ADV", "OP": "*"}, {"POS": "ADJ"},
     {"IS_PUNCT": True, "OP": "*"}],
    # Indexed at a later token, with required and repeated tokens before it.
    [{"IS_ALPHA": True}, {"LOWER": {"IN": ["regime", "critics"]}}],
    [{"POS": "DET"}, {"POS": "ADJ", "OP": "+"}, {"LOWER": "regime"}],
    [{"LOWER": "the"}, {"POS": "ADJ", "OP": "*"}, {"LOWER": "regime"}, {"LEMMA": "be"}],
]
TEXTS = [
    "It is clear that some critics say the brutal regime is obviously desperate.",
    "Many people said $12 million was spent. It was obvious. Officials said so.",
    "The former official, the Russian army and the new rules: it's clear, some say.",
    "It is very clearly clear. The big bad brutal regime is truly, deeply desperate!!",
]


def _keys(doc: Doc, matches: list[tuple[int, int, int]]) -> set[tuple[str, int, int]]:
    return {(doc.vocab.strings[m], s, e) for m, s, e in matches}


@pytest.mark.parametrize("pattern", SYNTHETIC)
def test_synthetic_plain_patterns_equal_the_matcher(nlp: Language,
                                                    pattern: list[dict[str, Any]]) -> None:
    assert PlainPatterns.compile("x", pattern) is not None
    reference = Matcher(nlp.vocab, validate=True)
    reference.add("x", [pattern])
    plain = PlainPatterns([("x", pattern)])
    found = 0
    for doc in nlp.pipe(TEXTS):
        expected = _keys(doc, reference(doc))
        assert set(plain.matches(doc)) == expected
        found += len(expected)
    assert found, "the texts should exercise the pattern"


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "!"}, {"LOWER": "b"}],
    [{"LOWER": "a", "OP": "{2}"}],
    [{"LOWER": "a", "OP": "?"}],
    [{"IS_ALPHA": True}, {"POS": "NOUN", "OP": "?"}],
    [{"LOWER": {"REGEX": "^a"}}],
    [{"LOWER": "a"}, {"_": {"x": 1}}],
])
def test_other_patterns_stay_with_the_matcher(pattern: list[dict[str, Any]]) -> None:
    assert PlainPatterns.compile("x", pattern) is None


@pytest.mark.parametrize(("pattern", "before"), [
    ([{"LOWER": "it"}, {"LEMMA": "be"}, {"LOWER": "clear"}], 2),  # stop words, then a word
    ([{"LOWER": "the"}, {"LOWER": {"IN": ["regime", "junta"]}}], 1),
    ([{"LOWER": "said"}, {"LOWER": "to"}], 0),  # "said" is no stop word in spaCy's list
    ([{"TAG": "NNS"}, {"LOWER": "say"}], 1),  # a word before a tag
    ([{"LOWER": "many", "OP": "?"}, {"LOWER": "critics"}], 1),  # an optional token is no pivot
])
def test_the_pivot_is_the_rarest_required_token(pattern: list[dict[str, Any]],
                                                before: int) -> None:
    plain = PlainPatterns.compile("x", pattern)
    assert plain is not None and len(plain.prefix) == before


def test_lexicon_matches_equal_a_plain_spacy_matcher(analyzer: Analyzer) -> None:
    lexicons = analyzer.lexicons
    reference = Matcher(analyzer.nlp.vocab, validate=True)
    for entry in lexicons.entries.values():
        if entry.patterns:
            reference.add(entry.id, [list(p) for p in entry.patterns])
    assert lexicons._plain.index, "some lexicon patterns should be plain"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    # The seeds, and each with its paragraphs in reverse order (new neighbours at the joins).
    texts = seeds + ["\n".join(reversed(seed.splitlines())) for seed in seeds]
    texts += [t for e in lexicons.entries.values() for t in (*e.examples, *e.counter_examples)]
    compared = 0
    for doc in analyzer.nlp.pipe(texts, batch_size=64):
        expected = _keys(doc, reference(doc))
        kept = _keys(doc, lexicons._matcher(doc)) if len(lexicons._matcher) else set()
        got = kept | set(lexicons._plain.matches(doc))
        assert got == expected, doc.text
        compared += len(expected)
    assert compared > 100


def test_every_built_in_pattern_is_indexed(analyzer: Analyzer) -> None:
    # One pattern left to spaCy's Matcher (a regular expression, nothing to index) makes
    # the Matcher walk every token of every text: about 40% more analysis time after the
    # parse on the bench corpus when one crept in.
    left = [entry.id for entry in analyzer.lexicons.entries.values()
            for pattern in entry.patterns if PlainPatterns.compile(entry.id, pattern) is None]
    assert left == []
    assert len(analyzer.lexicons._matcher) == 0
