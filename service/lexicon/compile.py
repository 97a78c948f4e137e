"""Compile validated entries against a spaCy pipeline into a :class:`LexiconSet`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher

from service.lexicon.errors import LexiconError
from service.lexicon.load import load_entries
from service.lexicon.match import LexiconSet
from service.lexicon.plain import PlainPatterns
from service.lexicon.schema import Entry

#: Token attributes whose values are spelled out, and so written with one apostrophe or the
#: other: an entry's "n't" or "fool's errand" also matches "n’t" and "fool’s errand".
_SPELLED = ("LOWER", "ORTH", "TEXT", "NORM")


def compile_lexicons(
    nlp: Language, directory: Path, house_directory: Path | None = None
) -> LexiconSet:
    """Load the built-in (and optional house) lexicons and compile their matchers."""
    entries, version = load_entries(directory)
    house_version = None
    if house_directory is not None:
        house, house_version = load_entries(house_directory)
        entries += house
    by_id: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in by_id:
            raise LexiconError(
                f"{entry.where}: duplicate id {entry.id!r} (first at {by_id[entry.id].where})"
            )
        by_id[entry.id] = entry
    matcher = Matcher(nlp.vocab, validate=True)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    lemmas: dict[str, list[Entry]] = {}
    plain: list[tuple[str, Sequence[dict[str, Any]]]] = []
    for entry in entries:
        _check_single_tokens(nlp, entry)
        for lemma in entry.lemmas:
            lemmas.setdefault(lemma, []).append(entry)
        if entry.patterns:
            try:
                # Every pattern is validated by spaCy; the plain ones are matched in Python.
                Matcher(nlp.vocab, validate=True).add(entry.id, [list(p) for p in entry.patterns])
            except ValueError as exc:
                raise LexiconError(f"{entry.where}: invalid pattern: {exc}") from None
            rest = []
            for pattern in map(both_apostrophes, entry.patterns):
                if PlainPatterns.compile(entry.id, pattern) is not None:
                    plain.append((entry.id, pattern))
                else:
                    rest.append(list(pattern))
            if rest:
                matcher.add(entry.id, rest)
        if entry.phrases:
            spellings = dict.fromkeys(v for phrase in entry.phrases
                                      for v in _spellings(phrase))
            phrases.add(entry.id, [nlp.make_doc(phrase) for phrase in spellings])
    return LexiconSet(by_id, version, house_version, matcher, phrases, lemmas,
                      PlainPatterns(plain))


#: Token attributes whose values are spelled words, each compared with one token.
_WORD_VALUED = ("LOWER", "ORTH", "TEXT", "NORM", "LEMMA")


def _check_single_tokens(nlp: Language, entry: Entry) -> None:
    """Refuse a lemma word or pattern value the tokenizer splits: it can never match.

    "sub-human" is three tokens, so as a lemma or a ``LOWER`` value it matches nothing,
    silently; as a phrase (or a pattern of three tokens) it matches.
    """
    values = [word for lemma in entry.lemmas for word in lemma.split()]
    for pattern in entry.patterns:
        for spec in pattern:
            for key in _WORD_VALUED:
                value = spec.get(key)
                if isinstance(value, str):
                    values.append(value)
                elif isinstance(value, dict):
                    values += [v for op in ("IN", "NOT_IN") if isinstance(value.get(op), list)
                               for v in value[op] if isinstance(v, str)]
    for value in values:
        # A clitic ("'ve", "'s") is a token only after a word ("I've"): test it there.
        clitic = value[:1] in "'\u2019"
        tokens = [t.text for t in nlp.make_doc("I" + value if clitic else value)][clitic:]
        if len(tokens) > 1:
            raise LexiconError(
                f"{entry.where}: {value!r} is {len(tokens)} tokens to the tokenizer "
                f"({' '.join(tokens)}), so as one word it never matches; write it as a "
                "phrase, or as a pattern of those tokens")



def _spellings(value: str) -> tuple[str, ...]:
    """Return ``value`` and, if it has apostrophes, its all-ASCII and all-typographic spellings."""
    ascii_, typeset = value.replace("\u2019", "'"), value.replace("'", "\u2019")
    return tuple(dict.fromkeys((value, ascii_, typeset)))


def both_apostrophes(pattern: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Return ``pattern`` with each spelled-out value also accepted with the other apostrophe."""
    out = []
    for spec in pattern:
        spec = dict(spec)
        for key in _SPELLED:
            value = spec.get(key)
            if isinstance(value, str) and len(_spellings(value)) > 1:
                spec[key] = {"IN": list(_spellings(value))}
            elif isinstance(value, dict):
                spec[key] = {op: ([v for item in values for v in _spellings(item)]
                                  if op in ("IN", "NOT_IN") and isinstance(values, list)
                                  else values)
                             for op, values in value.items()}
        out.append(spec)
    return tuple(out)
