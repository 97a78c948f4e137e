"""Sentences and quotation regions of a parsed document, and their offset look-ups."""

from __future__ import annotations

from service.analysis.segments import segment


def test_quoted_within_finds_every_quotation_overlapping_a_range(analyzer):
    text = ('He said “no” twice. “We will not go,” she said, and "never" again. '
            'Nothing quoted here. “One” and “two”.')
    segments = segment(analyzer.nlp(text))
    assert len(segments.quotes) == 5
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            overlaps = any(s < end and start < e for s, e in segments.quotes)
            assert segments.quoted_within(start, end) == overlaps, (start, end)
