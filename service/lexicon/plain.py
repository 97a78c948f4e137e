"""A matcher for plain token patterns, indexed on one token: most of the lexicon matching.

See :class:`PlainPatterns` for which patterns are plain and why they are matched here
rather than by spaCy's ``Matcher``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

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
    "IS_QUOTE": lambda t: t.is_quote,
    "IS_SPACE": lambda t: t.is_space,
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
