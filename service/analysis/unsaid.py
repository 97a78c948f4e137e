"""Speech the sentence says no one made: a cue that reports no words.

"The militants released the video without saying they would kill him" and "No one is
saying the economy is in recession" name speech only to deny it; "Iran might agree to
refrain from ..." names an act that may come, not one made. Each is the writer's claim
about what was not said or done, so the verb is no attribution and its clause stays in
the writer's voice; so is a source's request not to be named ("officials who asked not to
be identified") (Sauri and Pustejovsky 2009, FactBank: events under negation or a
modal of possibility are not asserted as facts; Quirk et al. 1985, 10.58 on "no one").
"""

from __future__ import annotations

from spacy.tokens import Token

#: The lexicon entry of stated intentions, expectations and agreements.
INTENTION = "attribution.verb.intention"
#: Its verbs that name an act (an agreement, a promise, a refusal), not a state of mind:
#: under a modal of possibility the act has not been made ("Iran might agree to ...").
#: A stance keeps its source under one ("states that may not want to chip in").
_ACTS = frozenset({"agree", "promise", "pledge", "refuse", "decline", "demand"})
_POSSIBLE = frozenset({"might", "may", "could", "would"})
_NO_ONE = frozenset({"nobody", "none", "noone", "no-one"})
#: "asked not to be named", "declined to be identified": how a report says why it does not
#: name its source (AP Stylebook, "anonymous sources"), not words the source gave.
_NAMED = frozenset({"name", "identify", "quote"})


def unsaid(verb: Token, entry_id: str) -> bool:
    """Return whether a cue's verb names speech the sentence says no one made."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "without":
        return True  # "released the video without saying ...": nothing said
    if verb.dep_ == "conj" and head.i < verb.i and head.dep_ == "pcomp" and (
            head.head.lower_ == "without"):
        return True  # "without elaborating or explicitly saying ..."
    for child in verb.children:
        if child.dep_ == "nsubj" and (child.lower_ in _NO_ONE or any(
                d.dep_ == "det" and d.lower_ == "no" and not (  # not "No 10", "world No 1"
                    d.i + 1 < len(d.doc) and d.doc[d.i + 1].is_digit)
                or d.dep_ in {"preconj", "det"} and d.lower_ == "neither" for d in child.children)):
            return True  # "No one is saying", "no official said", "Neither he nor ... said"
    if any(child.dep_ == "xcomp" and child.lemma_ in _NAMED and any(
            c.dep_ == "auxpass" for c in child.children) for child in verb.children):
        return True  # "who asked not to be identified": the source's anonymity, no words
    return entry_id == INTENTION and verb.lemma_ in _ACTS and any(
        child.dep_ == "aux" and child.lower_ in _POSSIBLE for child in verb.children)
