"""Convert code-point offsets into the UTF-16 or UTF-8 offsets a client asked for.

spaCy indexes ``doc.text`` by code point, and the service never alters the text,
so every span starts life as a code-point range of the original. A browser editor
counts UTF-16 code units (JavaScript strings); a byte-oriented client counts UTF-8
bytes. Conversion costs O(log k) per offset, k being the number of characters that
widen the encoding, after an O(n) scan of the text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate

ENCODINGS = ("codepoint", "utf-16", "utf-8")

Converter = Callable[[int], int]


def _identity(index: int) -> int:
    return index


def converter(text: str, encoding: str) -> Converter:
    """Return a function mapping a code-point offset of ``text`` to ``encoding`` units."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported offset encoding {encoding!r}")
    if encoding == "codepoint" or text.isascii():
        return _identity
    if encoding == "utf-16":
        positions = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        if not positions:
            return _identity
        # Each astral character before the offset adds one extra code unit.
        return lambda index: index + bisect_left(positions, index)
    widths = [(i, len(ch.encode("utf-8", "surrogatepass")) - 1)
              for i, ch in enumerate(text) if ord(ch) > 0x7F]
    positions = [i for i, _ in widths]
    extra = [0, *accumulate(w for _, w in widths)]
    return lambda index: index + extra[bisect_left(positions, index)]


def encoded_length(text: str, encoding: str) -> int:
    """Return the length of ``text`` in ``encoding`` units."""
    return converter(text, encoding)(len(text))
