"""The curated lexicons of ``rhetoric_lexicons/``: their schema, loading and matching.

One concern a module, each importing only those before it (and nothing of
``service.analysis`` or ``service.api``):

- ``errors``: :class:`LexiconError`, whose message starts with ``file:line``;
- ``wordsets``: named word sets a lexicon file writes once and its patterns name;
- ``schema``: the categories, their types and senses; an entry and its validation;
- ``version``: the version of a lexicon directory (manifest version + a hash of its files);
- ``load``: reading the files of a directory into validated entries;
- ``plain``: the Python matcher of plain token patterns, indexed on one token;
- ``view``: a document's words without the white space inside a paragraph;
- ``match``: :class:`LexiconSet` (the compiled lexicons), its hits and overlap resolution;
- ``compile``: entries compiled against a spaCy pipeline into a :class:`LexiconSet`;
- ``catalogue``: the description of the lexicons served at ``GET /v1/lexicons``.

The names below are re-exported for code written against the single module this package
replaced; new code imports from the module that defines a name.
"""

from __future__ import annotations

from service.lexicon.compile import compile_lexicons
from service.lexicon.errors import LexiconError
from service.lexicon.load import load_entries
from service.lexicon.match import Hit, LexiconSet, resolve_overlaps
from service.lexicon.plain import PlainPatterns
from service.lexicon.schema import CATEGORIES, SENSES, Entry

__all__ = [
    "CATEGORIES",
    "SENSES",
    "Entry",
    "Hit",
    "LexiconError",
    "LexiconSet",
    "PlainPatterns",
    "compile_lexicons",
    "load_entries",
    "resolve_overlaps",
]
