"""Turn lexicon hits into findings: loaded language, hedges and boosters."""

from __future__ import annotations

from spacy.tokens import Span, Token

from service.analysis.model import Finding
from service.analysis.segments import Segments
from service.lexicon import Hit

#: Entity labels that name a source: a passive whose agent carries one is attributed.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Hedge types that hide who holds a view; dropped when the text names the holder.
SOURCE_HIDING = frozenset({"attribution_shield", "vague_source"})
#: Determiners that keep a noun phrase indefinite ("by some critics", "by many").
_VAGUE_DETERMINERS = frozenset({"some", "many", "several", "various", "certain", "most",
                                "numerous", "few", "others", "other"})


def is_negated(span: Span) -> bool:
    """Return whether a token of ``span`` or its head carries a negation dependent."""
    heads = {t for t in span} | {span.root.head}
    return any(child.dep_ == "neg" for tok in heads for child in tok.children)


def names_its_source(span: Span) -> bool:
    """Return whether a source-hiding hedge in fact names its source.

    "Was criticised by Amnesty International" or "is considered by the ministry to be"
    has a definite agent, so the view is attributed and is no weasel; "is considered by
    some" or "was praised by critics" keeps its agent vague. A group tied to a named
    organisation ("Goldman Sachs analysts say") is likewise attributed, unless a vague
    quantifier keeps it open ("some Pentagon officials").

    References: Wikipedia, Manual of Style/Words to watch (unsupported attributions).
    """
    for token in span:
        for child in token.children:
            if child.dep_ == "agent":
                agents = [t for t in child.children if t.dep_ == "pobj"]
                if any(not _is_vague(agent) for agent in agents):
                    return True
            if (child.dep_ in {"compound", "poss"} and child.ent_type_ == "ORG"
                    and not _has_vague_determiner(token)):
                return True
    return False


def _is_vague(noun: Token) -> bool:
    if noun.lower_ in _VAGUE_DETERMINERS:
        return True
    if noun.pos_ == "PROPN" or noun.ent_type_ in NAMED_LABELS or noun.pos_ == "PRON":
        return False
    if _has_vague_determiner(noun):
        return True
    # A bare plural ("by critics", "by analysts") names no one; "the ministry" does.
    return noun.tag_ in {"NNS", "NNPS"} and not any(
        c.dep_ in {"det", "poss"} for c in noun.children)


def _has_vague_determiner(noun: Token) -> bool:
    return any(c.dep_ in {"det", "amod", "nummod"} and c.lower_ in _VAGUE_DETERMINERS
               for c in noun.children)


def is_comparative(span: Span) -> bool:
    """Return whether a one-word hedge is graded by a comparative ("more likely to").

    "Smokers are more likely to fall ill" compares two likelihoods; it states a finding
    rather than hedging one.
    """
    return len(span) == 1 and any(
        child.dep_ == "advmod" and child.tag_ == "RBR" for child in span[0].children)


def is_graded(span: Span) -> bool:
    """Return whether a vague quantifier is graded or questioned ("so many", "how many").

    A graded quantifier intensifies or asks; it does not approximate a number.
    """
    first = span[0]
    return any(child.dep_ == "advmod" and child.i < first.i for child in first.children)


def keeps(hit: Hit) -> bool:
    """Return whether a hit survives the context rules of its category."""
    entry = hit.entry
    if entry.category != "hedge":
        return True
    if entry.type in SOURCE_HIDING:
        return not names_its_source(hit.span)
    if entry.type == "speculative":
        return not is_comparative(hit.span)
    if entry.type == "approximator":
        return not is_graded(hit.span)
    return True


def findings(hits: list[Hit], segments: Segments) -> tuple[Finding, ...]:
    """Describe each hit with its sentence, quotation and negation context."""
    out = []
    for hit in hits:
        if not keeps(hit):
            continue
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
