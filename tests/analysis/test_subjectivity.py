"""The subjectivity lexicon: its word classes, as loaded and as looked up per token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhetoric_lexicons import DIRECTORY
from service.analysis.pipeline import SUBJECTIVITY_FILE
from service.analysis.subjectivity import SubjectivityLexicon, WordClass


def test_subjectivity_classes_are_documented_and_disjoint():
    data = json.loads((DIRECTORY / SUBJECTIVITY_FILE).read_text(encoding="utf-8"))
    seen: dict[tuple[str, str], str] = {}
    for name, spec in data["classes"].items():
        assert spec["note"] and spec["source"] and spec["words"], name
        if name == "discourse_opener":  # sentence-initial only: checked before the others
            continue
        for word in spec["words"]:
            assert word == word.lower(), word
            for pos in spec["pos"] or ["*"]:
                assert (word, pos) not in seen, f"{word}/{pos} in {seen[(word, pos)]} and {name}"
                seen[(word, pos)] = name


def test_load_indexes_each_word_and_keeps_openers_apart(tmp_path: Path) -> None:
    path = tmp_path / "subjectivity.json"
    path.write_text(json.dumps({
        "classes": {
            "mental_verb": {"words": ["Think"], "pos": ["VERB"]},
            "appraisal_adjective": {"words": ["fair"], "pos": []},
            "discourse_opener": {"words": ["But"]},
        },
        "classifying_adjective_suffixes": {"suffixes": ["ian"]},
    }), encoding="utf-8")
    lex = SubjectivityLexicon.load(path, {"happy": 2.7})
    assert lex.openers == {"but"}
    assert set(lex.index) == {"think", "fair"}
    assert lex.classifying_suffixes == ("ian",)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("I think so.", "think", "mental_verb"),
    ("It isn't fair.", "fair", "appraisal_adjective"),
    ("The table is long.", "table", None),
])
def test_word_class(analyzer, text: str, word: str, expected: str | None) -> None:
    (token,) = [t for t in analyzer.nlp(text) if t.text == word]
    assert analyzer.subjectivity.word_class(token) == expected


def test_an_adverb_of_an_evaluative_adjective_is_evaluative() -> None:
    lex = SubjectivityLexicon(
        classes=(WordClass("appraisal_adjective", frozenset({"reckless"}), frozenset()),),
        openers=frozenset(), classifying_suffixes=(), sentiment={"happy": 2.7, "terrible": -2.1})
    assert lex.is_evaluative_adverb("recklessly")
    assert lex.is_evaluative_adverb("happily")
    assert lex.is_evaluative_adverb("terribly")
    assert not lex.is_evaluative_adverb("quickly")
