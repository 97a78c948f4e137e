"""What a lexicon entry is: the categories and their types, the keys, and their validation.

An ``[[entry]]`` table becomes an :class:`Entry`, or a :class:`LexiconError` naming the
file, the line of the entry's header and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.lexicon.errors import LexiconError
from service.lexicon.wordsets import WordSets

__all__ = ["CATEGORIES", "SENSES", "Alternative", "Entry", "LexiconError", "entry_of"]

#: Categories and the types an entry of each may have.
CATEGORIES: dict[str, frozenset[str]] = {
    "loaded_language": frozenset(
        {
            "emotive",
            "name_calling",
            "hyperbole",
            "fear_appeal",
            "puffery",
            "editorializing",
            "euphemism",
            "doubt_label",
        }
    ),
    "hedge": frozenset(
        {"attribution_shield", "vague_source", "epistemic_modal", "speculative", "approximator"}
    ),
    "booster": frozenset({"certainty", "intensifier"}),
    "attribution": frozenset(
        {"neutral_verb", "loaded_verb", "according_to", "unnamed_source", "vague_source"}
    ),
}

_REQUIRED = {"id", "type", "note", "source", "examples"}
_MATCHERS = ("phrase", "lemma", "pattern")
_OPTIONAL = {"pos", "counter_examples", "sense", "alternatives", *_MATCHERS}
#: The categories whose entries may offer neutral alternatives (``alternatives``).
ALTERNATIVE_CATEGORIES = frozenset({"loaded_language"})
_ALTERNATIVE_KEYS = {"use", "guide", "words"}
#: The senses an entry may be restricted to, by the analysis's context rules
#: (``context_rules`` in ``service/analysis/``): a verb of saying, a group named as a
#: source, an inference from evidence ("the figures indicate that"), or a verb that reports
#: speech only with a speaker ("officials indicated that", not "it indicates that"), or a
#: verb of speech aimed at an object ("slammed the plan", not "blasted through"), or a verb
#: that reports only as a quotation's frame ('"...," he continued', not "prices continued"),
#: or a verb that reports only as it regards an object as something ("see X as Y", not
#: "saw him there").
SENSES = frozenset({"saying", "source", "evidence", "speech", "target", "frame", "label"})
_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$")
_UPOS = frozenset(
    ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
     "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
)


@dataclass(frozen=True)
class Alternative:
    """A neutral wording for what an entry matches, and the style guide that advises it."""

    #: The wordings to use instead, e.g. ("government",).
    use: tuple[str, ...]
    #: The style guide (and entry) the advice comes from.
    guide: str
    #: The matched words (lemmas or phrases of the entry, lower case) it is for; empty for
    #: every match of the entry.
    words: frozenset[str] = frozenset()

    def fits(self, lemmas: Sequence[str], text: str) -> bool:
        """Return whether it is for a match whose words have ``lemmas`` and read ``text``."""
        if not self.words:
            return True
        lowered = [lemma.lower() for lemma in lemmas]
        return bool(self.words & {text.lower(), " ".join(lowered), *lowered})


@dataclass(frozen=True)
class Entry:
    """One curated lexicon entry, traceable to the line it was written on."""

    id: str
    category: str
    type: str
    note: str
    source: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    file: str
    line: int
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    #: Single-word lemmas, matched by a dictionary look-up per token (fast).
    lemmas: tuple[str, ...] = ()
    pos: frozenset[str] = frozenset()
    #: The one sense the entry is about (one of ``SENSES``), or "" for any use.
    sense: str = ""
    #: Neutral wordings for what the entry matches (loaded language only).
    alternatives: tuple[Alternative, ...] = ()

    def alternatives_for(self, lemmas: Sequence[str], text: str) -> tuple[Alternative, ...]:
        """Return the alternatives for one match, given its words' lemmas and its text."""
        return tuple(a for a in self.alternatives if a.fits(lemmas, text))

    @property
    def where(self) -> str:
        """Return ``file:line`` of the entry's header."""
        return f"{self.file}:{self.line}"


Fail = Callable[[str], LexiconError]


def entry_of(raw: dict[str, Any], category: str, path: Path, line: int,
             words: WordSets | None = None) -> Entry:
    """Validate one ``[[entry]]`` table, written at ``path:line``, and return its entry.

    ``words`` holds the word sets of the entry's file, which its patterns may name.
    """
    where = f"{path}:{line}"

    def fail(reason: str) -> LexiconError:
        return LexiconError(f"{where}: {reason}")

    missing = _REQUIRED - set(raw)
    if missing:
        raise fail(f"missing keys {sorted(missing)}")
    unknown = set(raw) - _REQUIRED - _OPTIONAL
    if unknown:
        raise fail(f"unknown keys {sorted(unknown)}")
    for key in ("id", "type", "note", "source"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail(f"{key} must be a non-empty string")
    if not _ID.match(raw["id"]):
        raise fail(f"id {raw['id']!r} must be dotted lower-case, e.g. 'hedge.reportedly'")
    if raw["type"] not in CATEGORIES[category]:
        raise fail(f"type {raw['type']!r} is not one of {sorted(CATEGORIES[category])}")
    examples = _strings(raw["examples"], "examples", fail)
    if not examples:
        raise fail("examples must hold at least one sentence the entry matches")
    counter = _strings(raw.get("counter_examples", []), "counter_examples", fail)
    kinds = [k for k in _MATCHERS if k in raw]
    if len(kinds) != 1:
        raise fail(f"give exactly one of {list(_MATCHERS)}")
    kind = kinds[0]
    pos = raw.get("pos")
    if pos is not None:
        if kind != "lemma":
            raise fail("pos goes with lemma; write a pattern for anything else")
        pos = _strings(pos, "pos", fail)
        bad = set(pos) - _UPOS
        if bad:
            raise fail(f"pos {sorted(bad)} are not Universal POS tags")
    sense = raw.get("sense", "")
    if sense not in SENSES | {""}:
        raise fail(f"sense {sense!r} is not one of {sorted(SENSES)}")
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    single: tuple[str, ...] = ()
    if kind == "phrase":
        phrases = tuple(p.lower() for p in _strings(raw["phrase"], "phrase", fail))
        if not phrases or not all(p.strip() for p in phrases):
            raise fail("phrase must be a non-empty string or list of strings")
    elif kind == "lemma":
        lemmas = _strings(raw["lemma"], "lemma", fail)
        if not lemmas or not all(lemma.strip() for lemma in lemmas):
            raise fail("lemma must be a non-empty string or list of strings")
        single = tuple(lemma.strip().lower() for lemma in lemmas if len(lemma.split()) == 1)
        patterns = tuple(_lemma_pattern(lemma, pos) for lemma in lemmas
                         if len(lemma.split()) > 1)
    else:
        patterns = _patterns(raw["pattern"], fail)
        patterns = tuple((words or WordSets()).expand(p, fail) for p in patterns)
    alternatives = _alternatives(raw.get("alternatives"), category, raw, fail)
    return Entry(
        id=raw["id"],
        category=category,
        type=raw["type"],
        note=raw["note"].strip(),
        source=raw["source"].strip(),
        examples=examples,
        counter_examples=counter,
        file=str(path),
        line=line,
        phrases=phrases,
        patterns=patterns,
        lemmas=single,
        pos=frozenset(pos or ()),
        sense=sense,
        alternatives=alternatives,
    )


def _words_of(value: Any) -> set[str]:
    """Return every string in a matcher's value (phrases, lemmas, pattern values), lower case."""
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, dict):
        return set().union(*(_words_of(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_words_of(v) for v in value)) if value else set()
    return set()


def _alternatives(value: Any, category: str, raw: dict[str, Any],
                  fail: Fail) -> tuple[Alternative, ...]:
    """Validate an entry's ``alternatives``: a list of {use, guide, words?} tables.

    ``words`` must each be a word the entry matches: one of its lemmas or phrases, or a value
    its patterns test; a typo would otherwise leave the alternative silently unused.
    """
    if value is None:
        return ()
    if category not in ALTERNATIVE_CATEGORIES:
        raise fail(f"alternatives go with {sorted(ALTERNATIVE_CATEGORIES)} entries only")
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise fail("alternatives must be a non-empty list of {use, guide, words} tables")
    matched = _words_of(raw.get("lemma")) | _words_of(raw.get("phrase")) | _words_of(
        raw.get("pattern"))
    out = []
    for item in value:
        unknown = set(item) - _ALTERNATIVE_KEYS
        if unknown:
            raise fail(f"alternatives: unknown keys {sorted(unknown)}")
        use = _strings(item.get("use", []), "alternatives.use", fail)
        if not use or not all(u.strip() for u in use):
            raise fail("alternatives.use must hold at least one neutral wording")
        guide = item.get("guide")
        if not isinstance(guide, str) or not guide.strip():
            raise fail("alternatives.guide must name the style guide the wording comes from")
        words = {w.strip().lower() for w in _strings(item.get("words", []), "alternatives.words",
                                                     fail)}
        stray = sorted(words - matched)
        if stray:
            raise fail(f"alternatives.words {stray} are not words this entry matches")
        out.append(Alternative(tuple(u.strip() for u in use), guide.strip(), frozenset(words)))
    return tuple(out)


def _lemma_pattern(lemma: str, pos: Sequence[str] | None) -> tuple[dict[str, Any], ...]:
    tokens: list[dict[str, Any]] = []
    for word in lemma.lower().split():
        token: dict[str, Any] = {"LEMMA": {"IN": sorted({word, word.capitalize()})}}
        if pos:
            token["POS"] = {"IN": list(pos)}
        tokens.append(token)
    return tuple(tokens)


def _patterns(value: Any, fail: Fail) -> tuple[tuple[dict[str, Any], ...], ...]:
    if isinstance(value, list) and value and all(isinstance(t, dict) for t in value):
        value = [value]
    if (not isinstance(value, list) or not value
            or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p)
                       for p in value)):
        raise fail("pattern must be a list of token tables, or a list of such lists")
    return tuple(tuple(p) for p in value)


def _strings(value: Any, key: str, fail: Fail) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise fail(f"{key} must be a string or a list of strings")
