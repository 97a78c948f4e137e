"""Named word sets: a list written once in a lexicon file, named in its patterns.

A lexicon file may hold a ``[words]`` table of named lists of words. A pattern token names
one with ``"$name"`` where spaCy takes a list, as the value of ``IN`` or ``NOT_IN``
(``{LOWER = {IN = "$crowds"}}``), and the loader puts the list in its place before
anything else sees the pattern, so matching is exactly as if the list were written there.
A set is local to its file. A malformed set, a name no set has and a set no pattern names
stop the loader with ``file:line`` like any other lexicon error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from service.lexicon.errors import LexiconError

#: The top-level table of a lexicon file that holds its word sets.
TABLE = "words"
#: What marks a string as naming a word set.
SIGIL = "$"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_OPS = ("IN", "NOT_IN")
_TABLE_HEADER = re.compile(r"\s*\[(\[?\s*[^\[\]]+?\s*\]?)\]\s*(?:#.*)?$")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


class WordSets:
    """The word sets of one lexicon file, and which of them its patterns name."""

    def __init__(self, sets: dict[str, tuple[str, ...]] | None = None,
                 lines: dict[str, int] | None = None, path: Path | None = None) -> None:
        self.sets = sets or {}
        self.lines = lines or {}
        self.path = path
        self.used: set[str] = set()

    @classmethod
    def read(cls, value: Any, path: Path, text: str) -> WordSets:
        """Validate ``value``, the ``[words]`` table of the file ``path`` whose text is ``text``."""
        if value is None:
            return cls(path=path)
        lines = _key_lines(text)
        header = lines.get("", 1)
        if not isinstance(value, dict):
            raise LexiconError(f"{path}:{header}: [{TABLE}] must be a table of named word lists")
        sets: dict[str, tuple[str, ...]] = {}
        for name, words in value.items():
            where = f"{path}:{lines.get(name, header)}"
            if not _NAME.match(name):
                raise LexiconError(f"{where}: word set name {name!r} must be lower-case, e.g. "
                            "'crowds'")
            if (not isinstance(words, list) or not words
                    or not all(isinstance(w, str) and w.strip() for w in words)):
                raise LexiconError(f"{where}: word set {name!r} must be a non-empty list of words")
            repeated = sorted({w for w in words if words.count(w) > 1})
            if repeated:
                raise LexiconError(f"{where}: word set {name!r} repeats {repeated}")
            sets[name] = tuple(words)
        return cls(sets, {name: lines.get(name, header) for name in sets}, path)

    def expand(self, pattern: Sequence[dict[str, Any]],
               fail: Callable[[str], LexiconError]) -> tuple[dict[str, Any], ...]:
        """Return ``pattern`` with each ``"$name"`` replaced by the words of that set."""
        out = []
        for spec in pattern:
            spec = dict(spec)
            for attr, value in spec.items():
                if not isinstance(value, dict):
                    continue
                value = dict(value)
                for op in _OPS:
                    ref = value.get(op)
                    if isinstance(ref, str) and ref.startswith(SIGIL):
                        name = ref[len(SIGIL):]
                        if name not in self.sets:
                            known = sorted(self.sets) or "none"
                            raise fail(f"{attr} {op} names no word set {ref!r} of this file's "
                                       f"[{TABLE}] table (it has: {known})")
                        self.used.add(name)
                        value[op] = list(self.sets[name])
                spec[attr] = value
            out.append(spec)
        return tuple(out)

    def check_used(self) -> None:
        """Refuse a word set no pattern of the file names: it is dead, or misspelled."""
        for name in self.sets:
            if name not in self.used:
                raise LexiconError(f"{self.path}:{self.lines[name]}: word set {name!r} is named by "
                            f"no pattern (name it as \"{SIGIL}{name}\")")


def _key_lines(text: str) -> dict[str, int]:
    """Return the line of each key of the ``[words]`` table, and of its header under ""."""
    lines: dict[str, int] = {}
    inside = False
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("["):
            header = _TABLE_HEADER.match(line)
            ours = header is not None and header.group(1).strip("[] ") == TABLE
            if ours:
                lines.setdefault("", n)
            inside = ours and not line.lstrip().startswith("[[")
            continue
        key = _KEY.match(line) if inside else None
        if key is not None:
            lines.setdefault(key.group(1), n)
    return lines
