"""Turn lexicon hits into findings: loaded language, hedges and boosters."""

from __future__ import annotations

from spacy.tokens import Span

from service.analysis.model import Finding
from service.analysis.segments import Segments
from service.lexicon import Hit


def is_negated(span: Span) -> bool:
    """Return whether a token of ``span`` or its head carries a negation dependent."""
    heads = {t for t in span} | {span.root.head}
    return any(child.dep_ == "neg" for tok in heads for child in tok.children)


def findings(hits: list[Hit], segments: Segments) -> tuple[Finding, ...]:
    """Describe each hit with its sentence, quotation and negation context."""
    out = []
    for hit in hits:
        span, entry = hit.span, hit.entry
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
                quoted=segments.in_quote(start, end),
                negated=is_negated(span),
            )
        )
    return tuple(out)
