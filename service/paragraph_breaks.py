"""Where a paragraph ends in plain text: the rule that parsing and lexicon matching share.

A leaf module, importing nothing of the service, so that ``service.analysis.parsing``
(which splits texts into paragraphs) and ``service.lexicon`` (which matches entries across
white space, but never across a paragraph break) both read it without importing each other.
"""

from __future__ import annotations

import re

#: A run of whitespace holding a line break that ends a paragraph: a blank line, or a
#: break right after a sentence-final character.
PARAGRAPH_BREAK = re.compile(r"[ \t]*(?:\r?\n[ \t]*){2,}\s*|(?<=[.!?:;\"'”’»)\]])[ \t]*\r?\n\s*")


def ends_paragraph(before: str, space: str) -> bool:
    """Return whether white space ``space``, after the character ``before``, ends a paragraph."""
    text = before + space
    match = PARAGRAPH_BREAK.match(text, len(before))
    return match is not None and match.end() == len(text)
