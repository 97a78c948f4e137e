"""Read and validate the lexicon files of a directory.

Every ``*.toml`` file below a lexicon directory (except the ``lexicons.toml`` manifest)
holds one ``[lexicon]`` table naming its category, an optional ``[words]`` table of word
sets (:mod:`service.lexicon.wordsets`) and any number of ``[[entry]]`` tables. A bad entry
raises :class:`LexiconError` naming the file, the line of its ``[[entry]]`` header and the
reason, so start-up fails fast.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service.lexicon.errors import LexiconError
from service.lexicon.schema import CATEGORIES, Entry, entry_of
from service.lexicon.version import version_of
from service.lexicon.wordsets import TABLE as WORDS_TABLE
from service.lexicon.wordsets import WordSets

MANIFEST = "lexicons.toml"


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
    version = version_of(directory, base_version, files)
    entries: list[Entry] = []
    for path in files:
        entries.extend(_entries_of(path))
    return entries, version


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: {exc}") from None


def _entry_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1)
            if re.match(r"\s*\[\[\s*entry\s*\]\]", line)]


def _entries_of(path: Path) -> Iterator[Entry]:
    data = _read_toml(path)
    header = data.get("lexicon")
    if not isinstance(header, dict) or header.get("category") not in CATEGORIES:
        raise LexiconError(
            f"{path}:1: needs a [lexicon] table with category one of {sorted(CATEGORIES)}"
        )
    unknown_top = set(data) - {"lexicon", WORDS_TABLE, "entry"}
    if unknown_top:
        raise LexiconError(f"{path}:1: unknown top-level keys {sorted(unknown_top)}")
    category = header["category"]
    text = path.read_text(encoding="utf-8")
    words = WordSets.read(data.get(WORDS_TABLE), path, text)
    lines = _entry_lines(text)
    raw_entries = data.get("entry", [])
    if len(lines) != len(raw_entries):
        raise LexiconError(f"{path}:1: write each entry as an [[entry]] table on its own line")
    for raw, line in zip(raw_entries, lines, strict=True):
        yield entry_of(raw, category, path, line, words)
    words.check_used()
