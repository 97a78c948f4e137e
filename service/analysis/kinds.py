"""What kind of source an attribution cites: named, unnamed, vague, a pronoun or other.

A source is classified by its head noun before its modifiers (:func:`source_kind`), and
a role the document also cites as an unnamed source keeps that kind wherever it is cited
(:func:`consistent_kinds`). A source the text says asked not to be named ("a Buttigieg
fundraiser who spoke on the condition of anonymity", "a longtime Romney lieutenant who
asked not to be identified") is unnamed, whatever name its description carries.

References: AP Stylebook, "anonymous sources"; Reuters Handbook of Journalism
(anonymous sources: "sources said" identifies by role, "some sources" is vague).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from service.analysis.blocks import SAYING
from service.analysis.labels import NAMED_SOURCE_LABELS
from service.analysis.model import Attribution

#: Entities that name a source wherever they stand in its phrase ("an article in Fox News").
SOURCE_ENTITIES = frozenset({"PERSON", "ORG"})
#: How a report says its source is not named, in the source's own phrase (AP Stylebook,
#: "anonymous sources": say why the source was not named).
ANONYMITY = re.compile(r"\b(?:(?:on|under) (?:the )?condition (?:of|that (?:\w+ )?not be)"
                       r"|(?:asked|requested|declined|refused) (?:not )?to be (?:named|identified)"
                       r"|(?:requested|insisted on|granted|given) anonymity)"
                       r"|(?:\bnot|n't) authorized to (?:speak|discuss|comment)", re.IGNORECASE)
#: Clauses a source's phrase may report rather than describe it: "Schiff, who has said the
#: whistleblower requested anonymity" names Schiff.
_REPORTED = frozenset({"ccomp", "xcomp", "advcl", "parataxis"})


def consistent_kinds(doc: Doc, found: list[Attribution],
                      roles: Set[str]) -> tuple[Attribution, ...]:
    """Give a source the same kind wherever the document cites it.

    Anonymous "sources" are one group whether a sentence says "sources said" (a role:
    unnamed) or "some sources said" (vague): a source whose head is a role noun (one the
    unnamed-source entries found on its own in the document) that the document also
    cites as an unnamed source is unnamed throughout (Reuters Handbook of Journalism,
    "anonymous sources"). ``roles`` holds those lemmas.
    """
    heads: dict[int, str] = {}
    unnamed: set[str] = set()
    for k, a in enumerate(found):
        if a.source is None or a.source.kind not in {"unnamed", "vague"}:
            continue
        span = doc.char_span(a.source.start, a.source.end, alignment_mode="expand")
        if span is None or span.root.lemma_.lower() not in roles:
            continue  # "many people" names no role; only role nouns are one group
        heads[k] = span.root.lemma_.lower()
        if a.source.kind == "unnamed":
            unnamed.add(heads[k])
    return tuple(
        replace(a, source=replace(a.source, kind="unnamed"))
        if a.source is not None and a.source.kind == "vague" and heads.get(k) in unnamed
        else a for k, a in enumerate(found))


def source_kind(span: Span, head: Token, covered: Mapping[str, Set[int]]) -> str:
    """Classify a source phrase by its head noun: vague, unnamed, named, pronoun or other.

    The head decides before its modifiers: "South Korean media" is a medium with no
    name (vague) and "U.S. officials" are identified by role (unnamed), though each
    carries a country. A named person or organisation anywhere in the phrase ("an
    article by Michael Dorgan in Fox News") names the source. ``covered`` holds, for
    "vague_source" and "unnamed_source", the token indices the source entries found.
    """
    if ANONYMITY.search(_own_words(span)) or any(
            ANONYMITY.search(_own_words(span.doc[c.left_edge.i:c.right_edge.i + 1]))
            for c in head.children if c.dep_ in {"relcl", "acl"} and c.lemma_ not in SAYING):
        # "a Buttigieg fundraiser who spoke on condition of anonymity", "The people, who
        # asked not to be identified because the talks are private, said"
        return "unnamed"
    if head.ent_type_ in NAMED_SOURCE_LABELS or head.pos_ == "PROPN":
        return "named"
    if any(child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN")
           for child in head.children):
        # "the region's top EPA official, political appointee Susan Hedman": the title
        # comes first and the name stands in apposition.
        return "named"
    if head.i in covered["vague_source"]:
        # "Goldman Sachs analysts": a named organisation's people, identified by role;
        # "sources said": a role noun with no vague quantifier.
        return "unnamed" if _of_named_organisation(head) or (
            head.i in covered["unnamed_source"] and not _has_vague_quantifier(head)) else "vague"
    if head.i in covered["unnamed_source"]:
        return "unnamed"
    if head.pos_ == "PRON":
        return "pronoun"
    if any(ent.label_ in SOURCE_ENTITIES for ent in span.ents):
        return "named"
    return "other"


def _of_named_organisation(head: Token) -> bool:
    return (any(c.dep_ in {"compound", "poss"} and c.ent_type_ == "ORG" for c in head.children)
            and not _has_vague_quantifier(head))


def _has_vague_quantifier(head: Token) -> bool:
    return any(c.dep_ in {"det", "amod"} and c.pos_ in {"DET", "ADJ"}
               and c.lower_ in {"some", "many", "several", "various", "certain", "most"}
               for c in head.children)


def _own_words(span: Span) -> str:
    """Return a phrase's text without the clauses its verbs report ("who has said [the
    whistleblower requested anonymity]"); an infinitive of anonymity stays ("asked not to
    be identified")."""
    left_out = {t.i for c in span if (c.dep_ in _REPORTED or c.lemma_ in SAYING and c.dep_ in {
        "relcl", "acl"}) and c.head.i in range(span.start, span.end) and c.lemma_ not in {
        "name", "identify", "authorize"} for t in c.subtree}
    return " ".join(t.text for t in span if t.i not in left_out)
