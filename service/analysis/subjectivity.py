"""The subjectivity lexicon: classes of words that signal the writer's view.

The classes live in ``rhetoric_lexicons/subjectivity.json``; each word of a class is an
opinion cue of the class's name (:mod:`service.analysis.cues`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token


@dataclass(frozen=True)
class WordClass:
    """A class of cue words, optionally restricted to some POS tags."""

    name: str
    words: frozenset[str]
    pos: frozenset[str]


@dataclass(frozen=True)
class SubjectivityLexicon:
    """The word classes of ``subjectivity.json``, indexed for one look-up per token."""

    classes: tuple[WordClass, ...]
    openers: frozenset[str]
    classifying_suffixes: tuple[str, ...]
    sentiment: Mapping[str, float]
    index: Mapping[str, tuple[WordClass, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[WordClass]] = defaultdict(list)
        for wc in self.classes:
            for word in wc.words:
                index[word].append(wc)
        object.__setattr__(self, "index", {w: tuple(v) for w, v in index.items()})

    @classmethod
    def load(cls, path: Path, sentiment: Mapping[str, float]) -> SubjectivityLexicon:
        """Read the word classes; ``sentiment`` is VADER's word-valence lexicon."""
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = []
        openers: frozenset[str] = frozenset()
        for name, spec in data["classes"].items():
            words = frozenset(w.lower() for w in spec["words"])
            if name == "discourse_opener":
                openers = words
                continue
            classes.append(WordClass(name, words, frozenset(spec.get("pos", []))))
        suffixes = tuple(data["classifying_adjective_suffixes"]["suffixes"])
        return cls(tuple(classes), openers, suffixes, sentiment)

    def is_evaluative_adverb(self, lower: str) -> bool:
        """Return whether an "-ly" adverb comes from an evaluative adjective ("recklessly")."""
        stem = lower[:-2]
        bases = {stem, stem + "e", lower[:-1] + "e",  # "recklessly", "terribly"
                 stem[:-1] + "y" if stem.endswith("i") else stem,  # "happily"
                 lower[:-4] if lower.endswith("ically") else stem}  # "ironically"
        return any(b in self.sentiment or any(wc.name == "appraisal_adjective"
                                              for wc in self.index.get(b, ()))
                   for b in bases)

    def word_class(self, tok: Token) -> str | None:
        """Return the class of ``tok``, or None."""
        for wc in self.index.get(tok.lower_, ()):
            if not wc.pos or tok.pos_ in wc.pos:
                return wc.name
        return None

