"""Attribution: reporting cues, their sources, and whether each source is named."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from service.analysis.model import Attribution, SourceSpan
from service.analysis.segments import Segments
from service.lexicon import Hit

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj"})
_MAX_SOURCE_TOKENS = 14


def attributions(
    doc: Doc, hits: dict[str, list[Hit]], segments: Segments
) -> tuple[Attribution, ...]:
    """Return each reporting cue with its source span and the kind of source."""
    source_hits = [h for h in hits["attribution"]
                   if h.entry.type in {"unnamed_source", "vague_source"}]
    source_hits += [h for h in hits["hedge"] if h.entry.type == "vague_source"]
    out = []
    for hit in hits["attribution"]:
        kind = hit.entry.type
        if kind not in {"neutral_verb", "loaded_verb", "according_to"}:
            continue
        span = hit.span
        if kind == "according_to":
            head = _object_of(span)
        else:
            head = _speaker(span.root)
            if head is None and not _introduces_content(span.root):
                continue
        source = _source(doc, head, source_hits) if head is not None else None
        out.append(
            Attribution(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=kind,
                entry_id=hit.entry.id,
                sentence_index=segments.sentence_of(span.start_char),
                source=source,
            )
        )
    return tuple(out)


def _speaker(verb: Token) -> Token | None:
    """Return the head of who is reported to speak: the agent of a passive, else the subject."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        if child.dep_ in _SUBJECT and child.lower_ not in {"it", "that", "which", "this"}:
            if child.dep_ == "nsubjpass":
                return None  # "the report was confirmed": who confirmed is unsaid
            return child
    return None


def _introduces_content(verb: Token) -> bool:
    return any(child.dep_ in {"ccomp", "parataxis"} for child in verb.children)


def _object_of(span: Span) -> Token | None:
    last = span[-1]
    for child in last.children:
        if child.dep_ in {"pobj", "dobj"}:
            return child
    return None


def _source(doc: Doc, head: Token, source_hits: list[Hit]) -> SourceSpan:
    start, end = head.left_edge.i, head.right_edge.i + 1
    if end - start > _MAX_SOURCE_TOKENS:
        start, end = head.i, head.i + 1
        for chunk in doc.noun_chunks:
            if chunk.start <= head.i < chunk.end:
                start, end = chunk.start, chunk.end
                break
    span = doc[start:end]
    return SourceSpan(span.start_char, span.end_char, span.text, _kind(span, head, source_hits))


def _kind(span: Span, head: Token, source_hits: list[Hit]) -> str:
    if any(ent.label_ in NAMED_LABELS for ent in span.ents) or head.pos_ == "PROPN":
        # "U.S. officials" names a country, not a person: the officials stay unnamed.
        if not (head.ent_type_ == "" and _overlaps(head, source_hits, "unnamed_source")):
            return "named"
    if _overlaps(head, source_hits, "vague_source"):
        return "vague"
    if _overlaps(head, source_hits, "unnamed_source"):
        return "unnamed"
    if head.pos_ == "PRON":
        return "pronoun"
    return "other"


def _overlaps(head: Token, hits: list[Hit], kind: str) -> bool:
    return any(h.entry.type == kind and h.span.start <= head.i < h.span.end for h in hits)
