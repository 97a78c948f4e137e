"""Parallel reports: two sources, each with its own words, in one sentence.

"Six in 10 voters said Clinton is honest, and three-quarters said the same of Sanders";
"74 percent said they are set on Trump, while 22 percent said they might change their
mind". A poll story or a round-up sets one source's words beside another's, joined by
"and", "but", "while" or "whereas". The parser often hangs the second frame inside the
first one's clause, as if the first source had reported it; but the second has a subject
of its own and a conjunction before it, and what the first source said ends at that
conjunction. A frame with no conjunction before it is nested ("Dayton said he thinks
Clinton would win": Dayton's words).

References: Pareti 2016, PARC 3.0 (an attribution relation per source; nested relations
only where one source reports another); AP Stylebook, "polls and surveys".
"""

from __future__ import annotations

from spacy.tokens import Token

#: Conjunctions that join a second report to the first: coordination and contrast.
JOINS = frozenset({"and", "but", "while", "whereas"})
#: Lexicon entries of verbs that report words ("said", "asked", "claimed", "pointed out",
#: "called for"). Not verbs of thought, intention or evidence: "she said she appreciated
#: the apology and that she wanted to move forward", "said that while he fears ..."
#: carry on the first source's words.
SPEECH = frozenset({"attribution.verb.said", "attribution.verb.asked",
                    "attribution.verb.claimed", "attribution.verb.pointed_out",
                    "attribution.verb.called_for"})


def joining(verb: Token) -> Token | None:
    """Return the conjunction that sets ``verb``'s clause beside the clause before it.

    The verb must have its own subject, no "that", and hang after the clause it joins,
    inside another clause (not be the root: "while he fears X, ..." opens the words of
    the frame before it).
    The conjunction is the verb's own "while"/"whereas" ("while 22 percent said ...") or
    the word just before its subject, after an optional comma ("..., and three-quarters
    said ..."). Returns None when there is none.
    """
    if verb.dep_ not in {"ccomp", "advcl", "conj"} or verb.i < verb.head.i or not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) or any(
            c.dep_ == "mark" and c.lower_ not in JOINS for c in verb.children):
        return None  # "... and that she wanted": the first source's words go on
    first = verb.left_edge
    if first.dep_ == "mark" and first.head.i == verb.i and first.lower_ in JOINS:
        return first
    i = first.i - 1
    if i >= verb.sent.start and verb.doc[i].lower_ in JOINS:
        return verb.doc[i]
    return None
