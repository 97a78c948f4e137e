"""Lexicon files written for the tests: one good entry, and a writer of house lexicons."""

from __future__ import annotations

import textwrap
from pathlib import Path

GOOD = """
[[entry]]
id = "house.loaded.zorblat"
type = "name_calling"
phrase = "zorblat faction"
note = "A pejorative label for a group."
source = "editorial"
examples = ["The zorblat faction struck again."]
"""


def write(directory: Path, body: str, name: str = "x.toml",
          category: str = "loaded_language") -> Path:
    """Write a lexicon file of ``category`` holding ``body`` (dedented) after its header."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f'[lexicon]\ncategory = "{category}"\n' + textwrap.dedent(body),
                    encoding="utf-8")
    return path
