"""Negation: whether a lexicon term is negated in its sentence.

A finding reports ``negated`` rather than being dropped: "not a brutal crackdown" still
uses the words, and the editor decides.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

#: Dependencies of a word that modifies another ("brutal crackdown", "deeply flawed").
_MODIFIERS = frozenset({"amod", "compound", "advmod", "nmod"})
#: Dependencies of a verb's subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Focusing adverbs that turn a "not" into "and more": "not just a brutal crackdown" says
#: it was one (Quirk et al. 1985, §8.116, restrictive focusing subjuncts).
_FOCUSING = frozenset({"just", "only", "merely", "simply", "solely"})


def is_negated(span: Span) -> bool:
    """Return whether ``span`` is negated: a "not"/"never" on it or its head, or a "no".

    A negation that is part of the term ("no doubt", "it is not clear") does not count,
    and a verb's negation does not negate its subject ("many may not speak Russian").

    A modifier is negated with the predicate it modifies: "It is not a brutal crackdown"
    (the negation sits on "is", the copula of "crackdown") and "There was no brutal
    crackdown" (a determiner "no" on the noun) both negate "brutal"; "the brutal
    crackdown did not end" negates the ending, not "brutal"; "not just a brutal
    crackdown" negates nothing.
    """
    root = span.root
    heads = set(span)
    if root.dep_ not in _SUBJECTS:
        heads.add(root.head)
    if root.dep_ in _MODIFIERS and root.head.dep_ in {"attr", "acomp", "oprd"}:
        heads.add(root.head.head)  # the copula of the phrase it modifies
    return any((child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"))
               and not span.start <= child.i < span.end  # "no doubt", "not clear" are the term
               and not (child.dep_ == "neg" and _focuses(child))
               and not _outscopes(root, child)
               for tok in heads for child in tok.children)


def _outscopes(term: Token, negation: Token) -> bool:
    """Return whether an adverb before the negation of its verb scopes over it.

    "Clearly the administration did not leave a plan", "Republicans probably won't go":
    the sentence adverb comes first and says how sure the not-doing is, so it is not
    negated; "is not clearly wrong", "don't really like" put it inside the negation
    (Quirk et al. 1985, §10.58: the scope of negation runs from the negative onwards).
    """
    return (term.dep_ == "advmod" and negation.dep_ == "neg" and term.i < negation.i
            and negation.head.i == term.head.i)


def _focuses(negation: Token) -> bool:
    """Return whether a "not" opens "not just/only/merely X", which asserts X and more."""
    doc = negation.doc
    return negation.i + 1 < len(doc) and doc[negation.i + 1].lower_ in _FOCUSING
