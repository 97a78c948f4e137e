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
#: "called for", "called ... a disaster"). Not verbs of thought, intention or evidence:
#: "she said she appreciated the apology and that she wanted to move forward", "said that
#: while he fears ..." carry on the first source's words.
SPEECH = frozenset({"attribution.verb.said", "attribution.verb.asked",
                    "attribution.verb.claimed", "attribution.verb.pointed_out",
                    "attribution.verb.called_for", "attribution.verb.called"})


def joining(verb: Token) -> Token | None:
    """Return the conjunction that sets ``verb``'s clause beside the clause before it.

    The verb must have its own subject, no "that", and hang after the clause it joins,
    inside another clause (not be the root: "while he fears X, ..." opens the words of
    the frame before it).
    The conjunction is the verb's own "while"/"whereas" ("while 22 percent said ...") or
    the word just before its subject, after an optional comma ("..., and three-quarters
    said ..."). Returns None when there is none.
    """
    if (conjunction := after_its_quotation(verb)) is not None:
        return conjunction
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.dep_ not in {"ccomp", "advcl", "conj"} or verb.i < verb.head.i or subject is None or (
            any(c.dep_ == "mark" and c.lower_ not in JOINS for c in verb.children)):
        return None  # "... and that she wanted": the first source's words go on
    if not _can_speak(subject):
        return None  # "..., and the new tax law has added $300 to his pay, she said"
    first = verb.left_edge
    if first.dep_ == "mark" and first.head.i == verb.i and first.lower_ in JOINS:
        return first
    if any(c.tag_ == "WRB" for c in verb.children):
        # "and when he asked why, the officer said", "and how experts say it would":
        # a clause of time or manner inside the first source's words
        return None
    i = first.i - 1
    if i >= verb.sent.start and verb.doc[i].lower_ in JOINS:
        return verb.doc[i]
    return None


def after_its_quotation(verb: Token) -> Token | None:
    """Return the "and" of a second predicate of the speaker after a closing mark.

    'McConnell said Obama "should have kept his mouth shut" and called the criticism
    "classless"': the parser joins "called" to the quoted clause, but the closed
    quotation ends what Obama is said to have done; the speaker goes on. Returns the
    conjunction, or None.
    """
    if verb.dep_ != "conj" or verb.head.dep_ != "ccomp" or verb.i < 2 or any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    conjunction, mark = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    if conjunction.dep_ == "cc" and conjunction.lower_ in {"and", "but"} and (
            mark.text in {"”", "’"} or mark.text == '"' and mark.tag_ == "''"):
        return conjunction
    head = verb.head
    if verb.tag_ in {"VBD", "VBZ"} and (head.tag_ == "VB" or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)) or (
            verb.tag_ == "VBZ" and head.tag_ == "VBP"):  # "officials consider ... and urges"
        # "The plan recommends that officials consider a ban and urges calm": a finite verb
        # cannot share a bare or modal verb's subject ("should have kept"), nor a singular
        # verb a plural one's ("officials consider"), so it goes on from the frame (Quirk
        # et al. 1985, 13.5: coordination joins like forms).
        return next((c for c in head.children if c.dep_ == "cc" and c.i < verb.i), None)
    return None


#: Nouns of a poll's share: "three-quarters said", "a majority said".
_SHARES = frozenset({"percent", "%", "quarter", "quarters", "half", "third", "thirds",
                     "majority", "minority", "share", "plurality", "most", "many", "some"})


def _can_speak(subject: Token) -> bool:
    """Return whether a subject can report words: a name, a pronoun, people, a share."""
    if subject.pos_ in {"PROPN", "PRON", "NUM"} or subject.ent_type_:
        return True
    if subject.lower_ in _SHARES or any(c.dep_ == "nummod" for c in subject.children):
        return True
    # A plural common noun is a group of people far more often than not ("other voters
    # said"); a singular one may be a thing ("the new tax law has added") as well as a
    # person ("the senator"), so it is left nested, as the parse has it.
    return subject.tag_ == "NNS"
