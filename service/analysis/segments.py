"""Sentence bounds and quotation regions of a parsed document."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from service.analysis.model import Quote

# A direct quotation: curly or straight double quotes, on one line, bounded length so
# an unbalanced mark cannot swallow an article. Negated classes keep matching linear.
_QUOTE = re.compile(r"“[^”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|«[^»\n]{1,3000}»")


@dataclass(frozen=True)
class Segments:
    """Sentences (whitespace trimmed) and quotation regions, with fast offset look-ups."""

    sentences: tuple[Span, ...]
    starts: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...]
    #: The document's text. ``Doc.text`` joins every token on each access, so analyzers
    #: that need the text per sentence read it here instead.
    text: str = ""

    def sentence_of(self, char: int) -> int:
        """Return the index of the sentence holding character offset ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def quoted_within(self, start: int, end: int) -> bool:
        """Return whether any direct quotation overlaps ``[start, end)``."""
        # Quotations never overlap, so the last one opening before ``end`` closes last.
        i = bisect_right(self.quotes, (end, -1)) - 1
        return i >= 0 and self.quotes[i][1] > start

    def in_quote(self, start: int, end: int) -> bool:
        """Return whether ``[start, end)`` lies inside a direct quotation."""
        i = bisect_right(self.quotes, (start, float("inf"))) - 1
        return i >= 0 and self.quotes[i][0] <= start and end <= self.quotes[i][1]


def segment(doc: Doc) -> Segments:
    """Split ``doc`` into non-empty sentences and find its direct quotations."""
    sentences = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            sentences.append(doc[start:end])
    text = doc.text
    quotes = tuple((m.start(), m.end()) for m in _QUOTE.finditer(text))
    return Segments(tuple(sentences), tuple(s.start_char for s in sentences), quotes, text)


def find_quotes(doc: Doc, segments: Segments) -> tuple[Quote, ...]:
    """Return the direct quotations of ``doc``."""
    return tuple(
        Quote(start, end, segments.text[start:end], segments.sentence_of(start))
        for start, end in segments.quotes
    )
