"""Turn lexicon hits into findings: loaded language, hedges and boosters.

A finding is a hit described in its place: the phrase it covers (:mod:`.scope`), its
sentence, whether it is quoted or negated (:mod:`.negation`), and the attribution whose
reported content holds it (:func:`attribute`). Which hits count at all is decided before,
by the context rules (:mod:`.rules`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from service.analysis.model import Finding
from service.analysis.negation import is_negated
from service.analysis.rules import context_rules
from service.analysis.scope import UNWIDENED_TYPES, phrase_scope
from service.analysis.segments import Segments
from service.categories import LOADED_LANGUAGE
from service.lexicon.match import Hit

#: ``context_rules`` lives in :mod:`.rules`; it is named here too because
#: tests/test_lexicon_entries.py imports it from this module.
__all__ = ["attribute", "context_rules", "findings"]


def findings(hits: list[Hit], segments: Segments) -> tuple[Finding, ...]:
    """Describe each hit with its sentence, quotation and negation context."""
    out = []
    for hit in hits:
        term, entry = hit.span, hit.entry
        widen = entry.category == LOADED_LANGUAGE.name and entry.type not in UNWIDENED_TYPES
        span = phrase_scope(term) if widen else term
        start, end = span.start_char, span.end_char
        out.append(
            Finding(
                start=start,
                end=end,
                text=span.text,
                category=entry.category,
                type=entry.type,
                entry_id=entry.id,
                sentence_index=segments.sentence_of(start),
                note=entry.note,
                source=entry.source,
                quoted=segments.in_quote(term.start_char, term.end_char),
                negated=is_negated(term),
                term_start=term.start_char,
                term_end=term.end_char,
                term_text=term.text,
                alternatives=tuple(
                    (wording, alternative.guide)
                    for alternative in entry.alternatives_for([t.lemma_ for t in term], term.text)
                    for wording in alternative.use),
            )
        )
    return tuple(out)


def attribute(items: tuple[Finding, ...], reported: Sequence[tuple[int, int, int]],
              segments: Segments) -> tuple[Finding, ...]:
    """Tie each finding whose term lies in reported content to the innermost such cue.

    ``reported`` holds (start, end, attribution index) character ranges
    (:func:`service.analysis.attribution.reported_content`); each finding looks only at
    the ranges of its own sentence.
    """
    if not reported:
        return items
    by_sentence: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for start, end, index in reported:
        for k in range(segments.sentence_of(start), segments.sentence_of(end - 1) + 1):
            by_sentence[k].append((start, end, index))
    out = []
    for item in items:
        holders = [(end - start, index)
                   for start, end, index in by_sentence[segments.sentence_of(item.term_start)]
                   if start <= item.term_start and item.term_end <= end]
        out.append(dataclasses.replace(item, attribution_index=min(holders)[1])
                   if holders else item)
    return tuple(out)
