"""Load, validate and compile the curated lexicons in ``rhetoric_lexicons/``.

Every ``*.toml`` file below a lexicon directory (except the ``lexicons.toml``
manifest) holds one ``[lexicon]`` table naming its category and any number of
``[[entry]]`` tables. A bad entry raises :class:`LexiconError` naming the file,
the line of its ``[[entry]]`` header and the reason, so start-up fails fast.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IS_SPACE,
    LEMMA,
    LOWER,
    MORPH,
    NORM,
    ORTH,
    POS,
    TAG,
)
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from service.analysis.parsing import ends_paragraph

MANIFEST = "lexicons.toml"

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
_OPTIONAL = {"pos", "counter_examples", "sense", *_MATCHERS}
#: The senses an entry may be restricted to, by the context rules of
#: ``service/analysis/findings.py``: a verb of saying, a group named as a source, an
#: inference from evidence ("the figures indicate that"), or a verb that reports speech
#: only with a speaker ("officials indicated that", not "it indicates that").
SENSES = frozenset({"saying", "source", "evidence", "speech"})
_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$")
#: Token attributes whose values are spelled out, and so written with one apostrophe or the
#: other: an entry's "n't" or "fool's errand" also matches "n’t" and "fool’s errand".
_SPELLED = ("LOWER", "ORTH", "TEXT", "NORM")
_UPOS = frozenset(
    ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
     "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
)


class LexiconError(ValueError):
    """A lexicon file or entry is malformed; the message starts with ``file:line``."""


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

    @property
    def where(self) -> str:
        """Return ``file:line`` of the entry's header."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Hit:
    """An entry matched on the token range ``[start, end)`` of a document."""

    entry: Entry
    span: Span


@dataclass
class LexiconSet:
    """All entries of the built-in and house lexicons, compiled against one pipeline."""

    entries: dict[str, Entry]
    version: str
    house_version: str | None
    _matcher: Matcher = field(repr=False)
    _phrases: PhraseMatcher = field(repr=False)
    _lemmas: dict[str, list[Entry]] = field(repr=False, default_factory=dict)
    _plain: PlainPatterns = field(repr=False, default_factory=lambda: PlainPatterns([]))

    def raw_hits(self, doc: Doc) -> list[Hit]:
        """Return every entry match in ``doc`` before overlaps are resolved.

        White space beyond one ASCII space between two words (a line break in hard-wrapped
        copy, a double space, a non-breaking space before the last word of a paragraph)
        is a token of its own, and would split "hands down" or "according to" in two.
        Entries are therefore matched as if such white space were one space, and each hit
        then spans the original tokens, white space included. A paragraph break still
        separates: nothing matches across it.
        """
        joins = {i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
                 if _joins_words(doc[i])}
        if not joins:
            return self._hits(doc)
        words = [i for i in range(len(doc)) if i not in joins]
        view = _words_only(doc, words)
        return [Hit(h.entry, doc[words[h.span.start]:words[h.span.end - 1] + 1])
                for h in self._hits(view)]

    def _hits(self, doc: Doc) -> list[Hit]:
        """Return every entry match in ``doc``, token by token as it stands."""
        strings = doc.vocab.strings
        hits = []
        # As spaCy's Matcher does within one call, report a (key, start, end) only once.
        seen: set[tuple[str, int, int]] = set()
        # Every built-in pattern is plain; the Matcher keeps what a house lexicon adds.
        for match_id, start, end in (self._matcher(doc) if len(self._matcher) else ()):
            seen.add((strings[match_id], start, end))
            hits.append(Hit(self.entries[strings[match_id]], doc[start:end]))
        for key in self._plain.matches(doc):
            if key not in seen:
                seen.add(key)
                hits.append(Hit(self.entries[key[0]], doc[key[1]:key[2]]))
        hits += [Hit(self.entries[strings[match_id]], doc[start:end])
                 for match_id, start, end in self._phrases(doc)]
        # Look each distinct lemma up once, by its hash, and build only matching Tokens.
        found: dict[int, list[Entry]] = {}
        for i, lemma in enumerate(doc.to_array(LEMMA).tolist()):
            entries = found.get(lemma)
            if entries is None:
                entries = found[lemma] = self._lemmas.get(strings[lemma].lower(), [])
            for entry in entries:
                if not entry.pos or doc[i].pos_ in entry.pos:
                    hits.append(Hit(entry, doc[i : i + 1]))
        return hits

    def find(self, doc: Doc,
             rules: Callable[[list[Hit]], list[Hit]] | None = None) -> dict[str, list[Hit]]:
        """Return the hits of each category, overlaps resolved longest-first, in text order.

        ``rules`` filters the raw hits first, so that a hit a context rule drops leaves its
        words to a shorter reading ("some critics" arrested are no source, but still a
        vague quantity).
        """
        by_category: dict[str, list[Hit]] = {c: [] for c in CATEGORIES}
        raw = self.raw_hits(doc)
        for hit in rules(raw) if rules is not None else raw:
            by_category[hit.entry.category].append(hit)
        resolved: dict[str, list[Hit]] = {}
        for category, hits in by_category.items():
            owner = {(h.span.start, h.span.end): h for h in sorted(hits, key=_priority)}
            kept = filter_spans([h.span for h in hits])
            resolved[category] = sorted(
                (owner[(s.start, s.end)] for s in kept), key=lambda h: h.span.start
            )
        return resolved

    def catalogue(self) -> dict[str, Any]:
        """Describe categories, types and entry counts, for ``GET /v1/lexicons``."""
        counts: dict[str, dict[str, int]] = {c: {t: 0 for t in sorted(ts)}
                                             for c, ts in CATEGORIES.items()}
        for entry in self.entries.values():
            counts[entry.category][entry.type] += 1
        return {
            "version": self.version,
            "house_version": self.house_version,
            "entries": len(self.entries),
            "categories": [
                {"category": c, "entries": sum(types.values()),
                 "types": [{"type": t, "entries": n} for t, n in types.items()]}
                for c, types in counts.items()
            ],
        }


#: Token attributes a plain pattern may test, and how to read each from a token.
_STRING_ATTRS: dict[str, Callable[[Token], str]] = {
    "ORTH": lambda t: t.orth_,
    "TEXT": lambda t: t.orth_,
    "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_,
    "LEMMA": lambda t: t.lemma_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
}
_FLAG_ATTRS: dict[str, Callable[[Token], bool]] = {
    "IS_ALPHA": lambda t: t.is_alpha,
    "IS_CURRENCY": lambda t: t.is_currency,
    "IS_DIGIT": lambda t: t.is_digit,
    "IS_PUNCT": lambda t: t.is_punct,
    "LIKE_NUM": lambda t: t.like_num,
}
#: The ``Doc.to_array`` column of each string attribute, whose values are string hashes.
_ATTR_IDS: dict[str, int] = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM,
                             "LEMMA": LEMMA, "POS": POS, "TAG": TAG, "DEP": DEP}
#: Attributes whose value on a pattern's first token can index the pattern, most selective
#: first.
_ANCHORS = ("LOWER", "ORTH", "TEXT", "LEMMA", "NORM", "TAG", "DEP", "POS")
#: Anchors that classify a token rather than name its word.
_COARSE = frozenset({"TAG", "DEP", "POS"})
#: Quantifiers the Python matcher implements: None or "1" exactly once, "?" zero or one,
#: "*" zero or more, "+" one or more.
_OPS = frozenset({None, "1", "?", "*", "+"})

TokenTest = Callable[[Token], bool]


def _flag_test(flag: Callable[[Token], bool], value: bool) -> TokenTest:
    return lambda t: bool(flag(t)) == value


def _equal_test(get: Callable[[Token], str], value: str) -> TokenTest:
    return lambda t: get(t) == value


def _member_test(get: Callable[[Token], str], values: frozenset[str], inside: bool) -> TokenTest:
    if inside:
        return lambda t: get(t) in values
    return lambda t: get(t) not in values


def _token_tests(spec: dict[str, Any]) -> list[TokenTest] | None:
    """Return Python tests equal to one token of a Matcher pattern, or None if unsupported."""
    tests: list[TokenTest] = []
    for attr, value in spec.items():
        if attr == "OP":
            continue
        if attr in _FLAG_ATTRS and isinstance(value, bool):
            flag = _FLAG_ATTRS[attr]
            tests.append(_flag_test(flag, value))
        elif attr in _STRING_ATTRS and isinstance(value, str):
            get = _STRING_ATTRS[attr]
            tests.append(_equal_test(get, value))
        elif (attr in _STRING_ATTRS and isinstance(value, dict) and len(value) == 1
              and set(value) <= {"IN", "NOT_IN"} and isinstance(next(iter(value.values())), list)
              and all(isinstance(v, str) for v in next(iter(value.values())))):
            get = _STRING_ATTRS[attr]
            values = frozenset(next(iter(value.values())))
            tests.append(_member_test(get, values, "IN" in value))
        else:
            return None  # regular expressions, extensions, other attributes: left to spaCy
    return tests


@dataclass(frozen=True)
class _Step:
    """One token of a plain pattern: its tests and quantifier."""

    tests: tuple[TokenTest, ...]
    op: str | None
    spec: dict[str, Any]

    @property
    def required(self) -> bool:
        return self.op in (None, "1", "+")


@dataclass(frozen=True)
class _Plain:
    """A plain pattern split at its pivot: the indexed token, the body matched from there."""

    entry_id: str
    prefix: tuple[_Step, ...]
    body: tuple[_Step, ...]
    #: Every step, when each matches exactly one token (a fixed-length pattern), else ().
    fixed: tuple[_Step, ...] = ()


class PlainPatterns:
    """Token patterns matched in Python from an index on their first token.

    spaCy's Matcher starts every pattern at every token and, for each start, calls Python
    to test set predicates (``{"IN": [...]}``); with a hundred patterns that was most of
    the analysis time after the parse. A pattern whose tokens use only string attributes
    (one value, ``IN`` or ``NOT_IN``), boolean flags and the quantifiers ``?``, ``*`` and
    ``+`` is instead looked up by one token's value and matched here with spaCy's
    semantics: every ``(start, end)`` whose tokens the pattern matches, each reported
    once per entry, never an empty match. A pattern is indexed by its rarest required
    token (the pivot: a word rather than a tag, then fewest stop words among its values,
    then fewest values), so that
    "is considered" is looked for at "considered", not at every form of "be"; the tokens
    before the pivot are matched backwards from there. Anything else (regular expressions,
    extensions, ``!``, ``{n,m}``) stays with spaCy's Matcher. ``tests/test_lexicon_speed.py``
    checks the matches against the Matcher's on the lexicon examples and generated articles.
    """

    def __init__(self, patterns: list[tuple[str, Sequence[dict[str, Any]]]]) -> None:
        self.index: dict[str, dict[str, list[_Plain]]] = {}
        for entry_id, pattern in patterns:
            plain = self.compile(entry_id, pattern)
            if plain is None:
                raise ValueError(f"{entry_id}: not a plain pattern: {pattern}")
            attr, values = self.anchor(plain.body[0].spec)  # type: ignore[misc]
            for value in values:
                self.index.setdefault(attr, {}).setdefault(value, []).append(plain)
        # Token attributes come out of ``Doc.to_array`` as string hashes, so the index is
        # also keyed by hash and no Token is built for a word that starts no pattern.
        self._attrs: list[int | str] = [_ATTR_IDS[attr] for attr in self.index]
        self._by_hash = [{get_string_id(value): plains for value, plains in index.items()}
                         for index in self.index.values()]

    @staticmethod
    def anchor(spec: dict[str, Any]) -> tuple[str, list[str]] | None:
        """Return the attribute and values that index a token, or None."""
        for attr in _ANCHORS:
            value = spec.get(attr)
            if isinstance(value, str):
                return attr, [value]
            if isinstance(value, dict) and set(value) == {"IN"} and value["IN"]:
                return attr, list(dict.fromkeys(value["IN"]))
        return None

    @classmethod
    def compile(cls, entry_id: str, pattern: Sequence[dict[str, Any]]) -> _Plain | None:
        """Return the plain form of ``pattern``, or None if the Matcher must keep it."""
        steps = []
        for spec in pattern:
            op = spec.get("OP")
            tests = _token_tests(spec) if op in _OPS else None
            if tests is None:
                return None
            steps.append(_Step(tuple(tests), op, dict(spec)))
        costs = []
        for k, step in enumerate(steps):
            anchor = cls.anchor(step.spec) if step.required else None
            if anchor is not None:
                coarse = anchor[0] in _COARSE  # a tag or label: many tokens share it
                common = sum(value.lower() in STOP_WORDS for value in anchor[1])
                costs.append((coarse, common, len(anchor[1]), k))
        if not costs:
            return None  # nothing to index, or it could match nothing: left to the Matcher
        pivot = min(costs)[-1]
        fixed = tuple(steps) if all(step.op in (None, "1") for step in steps) else ()
        return _Plain(entry_id, tuple(steps[:pivot]), tuple(steps[pivot:]), fixed)

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Return ``(entry id, start, end)`` of every match in ``doc``, each once."""
        out: dict[tuple[str, int, int], None] = {}
        if not self._attrs or not len(doc):
            return []
        # One Token object per position, made in one pass: ``doc[i]`` would build a new
        # one at every look.
        tokens = list(doc)
        n = len(tokens)
        # One column per attribute (``to_array`` drops the axis for a single attribute).
        array = doc.to_array(self._attrs).reshape(n, len(self._attrs))  # uint64 hashes
        rows: list[list[int]] = array.tolist()  # type: ignore[assignment]
        for pivot, row in enumerate(rows):
            for value, index in zip(row, self._by_hash, strict=True):
                candidates = index.get(value)
                if not candidates:
                    continue
                for plain in candidates:
                    body = plain.body
                    if plain.fixed:
                        start = pivot - len(plain.prefix)
                        end = pivot + len(body)
                        if start >= 0 and end <= n and all(
                                test(tokens[start + k])
                                for k, step in enumerate(plain.fixed)
                                for test in step.tests):
                            out[(plain.entry_id, start, end)] = None
                        continue
                    ends = _reach(tokens, body, 0, pivot, True, {})
                    if not ends:
                        continue
                    starts = (_reach(tokens, plain.prefix, len(plain.prefix) - 1, pivot, False, {})
                              if plain.prefix else {pivot})
                    for start in starts:
                        for end in ends:
                            out[(plain.entry_id, start, end)] = None
        return list(out)


def _fits(tokens: Sequence[Token], step: _Step, i: int) -> bool:
    return 0 <= i < len(tokens) and all(test(tokens[i]) for test in step.tests)


def _reach(tokens: Sequence[Token], steps: tuple[_Step, ...], k: int, i: int, forward: bool,
           memo: dict[tuple[int, int], set[int]]) -> set[int]:
    """Return every token boundary that ``steps`` reach from boundary ``i``, step ``k`` on.

    Forward, ``steps[k:]`` match tokens ``i, i + 1, ...`` and the result holds match ends;
    backward, ``steps[k::-1]`` match tokens ``i - 1, i - 2, ...`` and it holds starts.
    """
    if k in (len(steps), -1):
        return {i}
    key = (k, i)
    found = memo.get(key)
    if found is not None:
        return found
    step, move = steps[k], (1 if forward else -1)
    token = i if forward else i - 1  # the token the step consumes next
    rest = k + move

    def on(j: int) -> set[int]:
        return _reach(tokens, steps, rest, j, forward, memo)

    found = set()
    if step.op in (None, "1"):
        if _fits(tokens, step, token):
            found = on(i + move)
    elif step.op == "?":
        found = set(on(i))
        if _fits(tokens, step, token):
            found |= on(i + move)
    else:  # "*" or "+"
        if step.op == "*":
            found = set(on(i))
        j = i
        while _fits(tokens, step, j if forward else j - 1):
            j += move
            found |= on(j)
    memo[key] = found
    return found


def _priority(hit: Hit) -> tuple[int, str]:
    # Later dict assignment wins, so sort the preferred hit for a range last:
    # pattern entries (context rules) over plain phrases, then by id for stability.
    return (0 if hit.entry.phrases else 1, hit.entry.id)


def load_entries(directory: Path) -> tuple[list[Entry], str]:
    """Read and validate every lexicon file below ``directory``; return entries and version."""
    if not directory.is_dir():
        raise LexiconError(f"{directory}: lexicon directory does not exist")
    manifest = directory / MANIFEST
    base_version = "0"
    if manifest.is_file():
        data = _read_toml(manifest)
        base_version = str(data.get("version", "0"))
    files = sorted(p for p in directory.rglob("*.toml") if p.name != MANIFEST)
    if not files:
        raise LexiconError(f"{directory}: no lexicon files (*.toml) found")
    digest = hashlib.sha256()
    entries: list[Entry] = []
    # The JSON tables beside the lexicons (word classes, the opinion model's weights, the
    # actors' names) change results too, so they count towards the version.
    for path in sorted([*files, *directory.glob("*.json")]):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    for path in files:
        entries.extend(_entries_of(path))
    return entries, f"{base_version}+{digest.hexdigest()[:8]}"


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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: {exc}") from None


def _entry_lines(path: Path) -> list[int]:
    text = path.read_text(encoding="utf-8")
    return [n for n, line in enumerate(text.splitlines(), 1)
            if re.match(r"\s*\[\[\s*entry\s*\]\]", line)]


def _entries_of(path: Path) -> Iterator[Entry]:
    data = _read_toml(path)
    header = data.get("lexicon")
    if not isinstance(header, dict) or header.get("category") not in CATEGORIES:
        raise LexiconError(
            f"{path}:1: needs a [lexicon] table with category one of {sorted(CATEGORIES)}"
        )
    unknown_top = set(data) - {"lexicon", "entry"}
    if unknown_top:
        raise LexiconError(f"{path}:1: unknown top-level keys {sorted(unknown_top)}")
    category = header["category"]
    lines = _entry_lines(path)
    raw_entries = data.get("entry", [])
    if len(lines) != len(raw_entries):
        raise LexiconError(f"{path}:1: write each entry as an [[entry]] table on its own line")
    for raw, line in zip(raw_entries, lines, strict=True):
        yield _entry(raw, category, path, line)


def _entry(raw: dict[str, Any], category: str, path: Path, line: int) -> Entry:
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
    )


def _joins_words(token: Token) -> bool:
    """Return whether ``token`` is white space inside a paragraph, between two words."""
    if not token.is_space or token.i == 0 or token.i == len(token.doc) - 1:
        return False
    doc = token.doc
    if doc[token.i + 1].is_sent_start:
        return False  # it ends a sentence, or a heading or list item (parsing.paragraphs)
    before = doc[token.i - 1]
    return not ends_paragraph(before.text[-1], before.whitespace_ + token.text)


#: spaCy's codes for a token's place in an entity: inside, outside (or unset), beginning.
_IOB_INSIDE, _IOB_OUTSIDE, _IOB_BEGIN = 1, frozenset({0, 2}), 3
#: The annotation entries are matched on, copied onto the words of a document.
_WORD_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, ENT_IOB, ENT_TYPE, DEP]


def _words_only(doc: Doc, words: list[int]) -> Doc:
    """Return the tokens ``words`` of ``doc`` as a document, a space after each that had one.

    A word's head, if it is white space, becomes the word itself; nothing an entry tests
    (the words, their tags, lemmas, labels and entity types) changes.
    """
    position = {i: k for k, i in enumerate(words)}
    spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space)
              for i in words]
    view = Doc(doc.vocab, words=[doc[i].text for i in words], spaces=spaces)
    array = doc.to_array(_WORD_ATTRS)[words]
    iob = _WORD_ATTRS.index(ENT_IOB)
    for k in range(len(words)):  # an entity whose first token was white space starts anew
        if array[k, iob] == _IOB_INSIDE and (k == 0 or array[k - 1, iob] in _IOB_OUTSIDE):
            array[k, iob] = _IOB_BEGIN
    if doc.has_annotation("DEP"):
        heads = [position.get(doc[i].head.i, k) - k for k, i in enumerate(words)]
        array = numpy.column_stack([array, numpy.array(heads, dtype="int64").astype("uint64")])
        view.from_array([*_WORD_ATTRS, HEAD], array)  # type: ignore[arg-type]  # uint64
    else:
        view.from_array(_WORD_ATTRS[:-1], array[:, :-1])  # type: ignore[arg-type]  # uint64
    return view


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


def _lemma_pattern(lemma: str, pos: Sequence[str] | None) -> tuple[dict[str, Any], ...]:
    tokens: list[dict[str, Any]] = []
    for word in lemma.lower().split():
        token: dict[str, Any] = {"LEMMA": {"IN": sorted({word, word.capitalize()})}}
        if pos:
            token["POS"] = {"IN": list(pos)}
        tokens.append(token)
    return tuple(tokens)


def _patterns(value: Any, fail: Any) -> tuple[tuple[dict[str, Any], ...], ...]:
    if isinstance(value, list) and value and all(isinstance(t, dict) for t in value):
        value = [value]
    if (not isinstance(value, list) or not value
            or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p)
                       for p in value)):
        raise fail("pattern must be a list of token tables, or a list of such lists")
    return tuple(tuple(p) for p in value)


def _strings(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise fail(f"{key} must be a string or a list of strings")
