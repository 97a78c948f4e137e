"""The one error of the lexicon package."""

from __future__ import annotations


class LexiconError(ValueError):
    """A lexicon file or entry is malformed; the message starts with ``file:line``."""
