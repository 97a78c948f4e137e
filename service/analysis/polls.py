"""A poll's finding credited with "in": "Clinton led Sanders 64-27 in an NBC News poll".

A poll or a survey is a source: what it found is its finding, not the writer's, and news
style credits it to the poll ("according to" or "in"). "Trump is ahead in public opinion
polls in Florida" and "In a CNN/ORC poll released Monday, Clinton led by 10 points" say
what the poll found, as "according to a CNN/ORC poll" would. The preposition is the cue,
the poll its source, and the clause it hangs on (less the cue's own phrase) the words
credited.

Only one poll is a source: "in the polls" and "in national polls" (plural) are the idiom
for a candidate's standing ("rose in the polls", "is leading in the polls"; Merriam-Webster,
"poll" noun 3a and "the polls"), said of no poll in particular. Not a finding either:
"in" on a noun ("her lead in the polls" is a phrase of a sentence that
may say anything), on a participle or relative clause describing something ("the voters
interviewed in the survey"), or after a verb of taking part in or making the poll
("declined to take part in the survey", "the questions asked in the poll", "was
conducted in the survey"): those say what happened to the poll, not what it found.

References: Pareti 2016, PARC 3.0 (prepositional cues: "according to", "in"); PolNeAR
annotation guidelines (Newell et al., LREC 2018); AP Stylebook, "polls and surveys"
(a poll's results are attributed to it).
"""

from __future__ import annotations

from spacy.tokens import Token

#: The lexicon entry: a poll or survey as a noun, which this module turns into its "in".
IN_A_POLL = "attribution.in_a_poll"
#: Verbs that take part in a poll, make it or publish it, rather than report its finding.
_MAKING_OR_TAKING_PART = frozenset({
    "participate", "take", "ask", "question", "interview", "include", "conduct", "release",
    "publish", "cite", "mention", "appear", "survey", "poll", "use", "vote", "answer",
    "respond", "list", "name"})


def poll_preposition(noun: Token) -> Token | None:
    """Return the "in" that credits a clause to the poll ``noun``, or None.

    "In a CNN/ORC poll, 31% of Republicans said ...": the poll reports what its
    respondents said, so the "in" credits the clause as the verb of saying does.
    """
    preposition = noun.head
    if noun.tag_ != "NN":
        return None  # "rose in the polls", "leading in national polls": a standing
    if noun.dep_ != "pobj" or preposition.lower_ != "in" or preposition.dep_ != "prep":
        return None
    head = preposition.head
    if head.i == preposition.i or head.pos_ not in {"VERB", "AUX", "ADJ", "ADV"}:
        return None  # "her lead in the polls": a noun's phrase
    if head.dep_ in {"acl", "relcl", "amod"} or head.lemma_.lower() in _MAKING_OR_TAKING_PART:
        return None  # "voters interviewed in the survey", "took part in the poll"
    return preposition
