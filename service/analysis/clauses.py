"""Clauses that assert nothing: an indirect question, a comparison, a condition.

A hedge or a booster qualifies a claim; in a clause that makes none it qualifies
nothing. "It did not specify what any retaliation might involve" asks, "higher premiums
than they could have had" compares, and "if I know they've been impaired" supposes
(Quirk et al. 1985, 15.5 on indirect questions, 15.63 on comparative clauses, 15.33 on
conditional clauses). :mod:`service.analysis.rules` asks the first of each modal hedge and
the second of each certainty booster.
"""

from __future__ import annotations

from spacy.tokens import Span

#: Words that open an indirect question ("did not say what it might cost", "asked whether").
_ASKING = frozenset({"what", "which", "who", "whom", "whose", "how", "when", "where", "why",
                     "whether"})


def asks_or_compares(span: Span) -> bool:
    """Return whether a modal stands in an indirect question or in a "than" clause.

    "It did not specify what any retaliation might involve" asks, and "higher premiums
    than they could have had" compares: neither presents a claim as only possible (Quirk
    et al. 1985, 15.5 on indirect questions and 15.63 on comparative clauses).
    """
    modal = next((t for t in span if t.tag_ == "MD"), None)
    if modal is None:
        return False
    verb = modal.head
    first = verb.left_edge
    return verb.dep_ in {"ccomp", "dobj", "pcomp", "csubj"} and first.lower_ in _ASKING and (
        first.i < modal.i) or verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "than" for c in verb.children)


#: Conjunctions of a condition: the clause they open supposes, it asserts nothing.
_SUPPOSING = frozenset({"if", "unless"})


def supposed(span: Span) -> bool:
    """Return whether a span stands in a condition's clause: "if I know they've been
    impaired", "unless we are sure" (Quirk et al. 1985, 15.33: a conditional clause
    states a condition, not a fact)."""
    verb = span.root
    while verb.dep_ in {"aux", "auxpass", "advmod", "acomp", "neg", "nsubj"} and (
            verb.head.i != verb.i):
        verb = verb.head
    return any(c.dep_ == "mark" and c.lower_ in _SUPPOSING and c.i < span.start
               for c in verb.children)
