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
"in" on a noun ("her lead in the polls" is a phrase of a sentence that may say
anything), on a participle or relative clause describing something ("the voters
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
    if any(child.dep_ in {"neg", "auxpass"} or child.lower_ in {"never", "ever"}
           for child in head.children):
        # "Clinton has never trailed in a poll": the writer's sum of all polls; "errors
        # were found in the survey": the survey's own pages
        return None
    if not _a_pollster(noun) and (_dated(noun) or not _a_figure(head, preposition)):
        # "weakened in Sunday's poll", "defeated in the 1997 poll": an election (British
        # "poll"); a clause with no figure or standing and no pollster credits nothing
        return None
    return preposition


#: Words of a candidate's or a view's standing in a poll: "led", "is ahead", "trails".
_STANDING = frozenset({"lead", "ahead", "trail", "behind", "top", "tie", "edge", "beat",
                       "rise", "fall", "drop", "slip", "gain", "climb", "surge", "favor",
                       "approve", "disapprove", "support", "oppose", "prefer", "rate",
                       "view", "say", "think", "believe", "want", "percent", "point"})


def _a_pollster(noun: Token) -> bool:
    """Return whether a poll is named by its pollster: "an NBC News poll", "Gallup's poll"."""
    return any(child.dep_ in {"compound", "poss", "nmod"} and (
        child.pos_ == "PROPN" or child.ent_type_ in {"ORG", "PERSON"})
        and child.ent_type_ not in {"DATE", "TIME"}  # "Thursday's poll" names a day
        for child in noun.subtree if child.i < noun.i)


def _dated(noun: Token) -> bool:
    """Return whether a poll is named by its date: "Sunday's poll", "the 1997 poll"."""
    return any(child.ent_type_ in {"DATE", "TIME"} for child in noun.children
               if child.i < noun.i and child.dep_ in {"poss", "compound", "nummod", "amod"})


def _a_figure(head: Token, preposition: Token) -> bool:
    """Return whether the clause the poll backs states a figure or a standing.

    "Clinton led Sanders 64-27", "31% said", "Walker's job approval fell to 41 percent":
    a number, a percentage or a word of standing, outside the poll's own phrase.
    """
    inside = range(preposition.left_edge.i, preposition.right_edge.i + 1)
    return any(t.i not in inside and (t.like_num or t.text == "%" or t.lemma_.lower() in _STANDING)
               for t in head.subtree)
