"""Whether a reporting verb reports speech, and the clauses it reports.

A verb of saying found by the lexicon may be used in another sense ("North Korea's
military boasts one of the largest forces", "called the police", "continued to
campaign"). :func:`reports` reads the parse: a verb reports when it introduces content,
frames a quotation or a clause ("..., he said"), is an "as" frame, labels something, has
a speaker speak about a topic, or stands bare with its speaker after the words it frames.
:mod:`service.analysis.attribution` asks it of every verb cue.

References: Pareti 2016, PARC 3.0 (cues and their content); AP Stylebook, "quotations in
the news" and "attribution".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from service.analysis.segments import Segments


def content_clauses(verb: Token) -> list[Token]:
    """Return the clauses a verb of saying reports: its ccomp and parataxis, a verbal xcomp."""
    return [child for child in verb.children if child.dep_ in {"ccomp", "parataxis"} or (
        child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"})]


def reports(verb: Token, speaker: Token | None, kind: str, segments: Segments,
             cue: Span | None = None, bare: bool = True, aims: bool = False,
             states: bool = False) -> bool:
    """Return whether a reporting verb is used to report speech, not in another sense.

    It reports when it introduces content ("said that ...", a quotation), is the
    inverted frame of a quotation ("..., Zelenskyy said") or an "as" frame with a
    speaker ("as the minister claimed, ..."), stands in a sentence with a
    direct quotation, names its speaker as the agent of a passive, or has a speaker
    speak "about" something ("the media has speculated about"). A neutral verb
    with a direct object ("denied the report") reports too, unless the object is a
    count ("added three goals"). "North Korea's military boasts one of the largest
    forces" has none of these and is no attribution. A speaker who labels something
    ("called the deal a disaster", "described him as reckless", "likened it to") or a
    phrasal cue with its object ("called for a ban") reports too. With ``bare``, a neutral
    verb with its speaker and nothing it acts on reports ("... , Weaver said."); an entry
    restricted to one sense of its verb ("believe", "think") passes ``bare=False``, since
    a verb with nothing to report shows no sense ("think harder"). With ``aims``, a verb
    of hostile speech with its speaker reports its object ("Clinton mocked Trump"); the
    context rules kept it only with one. With ``states``, a verb whose object is what was
    said ("acknowledged the mistake") reports its object, unless a count ("revealed 30
    new cases").
    """
    if verb.lemma_ == "call" and any(c.lower_ in _CALL_IT_IDIOMS and c.i > verb.i
                                     for c in verb.children):
        return False  # "calling it quits", "called it a day"; not "The day after, X called"
    if _introduces_content(verb) or _frames_content(verb):
        return True
    if speaker is not None and (as_frame(verb) or _labels(verb) or _parenthetical(verb)):
        return True
    if speaker is not None and cue is not None and len(cue) > 1 and cue[-1].pos_ == "ADP" and any(
            child.dep_ in {"pobj", "pcomp"} for child in cue[-1].children):
        return True  # "called for a ban"
    if aims and speaker is not None:
        return True  # "Clinton mocked Trump": words aimed at their object
    if any(child.dep_ == "agent" for child in verb.children):
        return True
    if states and speaker is not None and speaker.lower_ != "it" and any(
            child.dep_ == "dobj" and not _is_count(child) for child in verb.children):
        return True  # "the senator acknowledged the mistake": the words, in short
    if segments.quoted_within(verb.sent.start_char, verb.sent.end_char):
        # A quotation elsewhere in the sentence makes no speech of a verb about a thing:
        # "believes in freedom", "showed no signs of 'privilege'".
        # "Said in an interview" is speech; only a verb restricted to a sense of its own
        # ("believe", "think": not ``bare``) takes "in" as faith.
        return speaker is not None and not any(
            child.dep_ == "dobj" and kind == "loaded_verb"
            or child.dep_ == "prep" and child.lower_ == "in" and not bare
            for child in verb.children)
    if speaker is not None and _speaks_about(verb):
        return True  # "the media has speculated about ...": speech about a topic
    if speaker is not None and verb.pos_ == "ADJ" and any(
            child.dep_ == "prep" and child.lower_ in {"of", "about"} for child in verb.children):
        return True  # "she was critical of the plan": an attitude to its object
    if bare and kind == "neutral_verb" and speaker is not None and _bare(verb):
        return True  # "'Is that all there is?' Trump said.": the frame set apart
    if kind == "neutral_verb" and speaker is not None and speaker.lower_ != "it":
        # "It indicates nothing": with only an object, "it" is a thing, not a speaker.
        return any(child.dep_ in {"dobj", "dative"} and not _is_count(child)
                   for child in verb.children)
    return False


#: Prepositions that introduce a speaker's label for an object: "described it as",
#: "likened it to".
_LABEL_PREPOSITIONS = frozenset({"as", "to"})
#: Idioms of "call it ...": to stop ("call it quits", "call it a day"), not a label.
#: Merriam-Webster, "call it a day", "call it quits".
_CALL_IT_IDIOMS = frozenset({"quits", "quit", "day", "night", "even"})


def _labels(verb: Token) -> bool:
    """Return whether the verb gives its object a label: "called the deal a disaster".

    The label is an object predicate, or an "as" or "to" phrase after a direct object
    ("described the plan as reckless", "likened the race to a referendum").
    """
    children = list(verb.children)
    if any(child.dep_ == "oprd" for child in children):
        return True
    objects = [child for child in children if child.dep_ == "dobj"]
    if len(objects) > 1:
        return True  # "called Merkel 'the Chancellor of the Free World'": two objects
    if any(_quoted_label(obj) for obj in objects):
        return True  # "called his actions “a crucial step forward”"
    return bool(objects) and any(
        child.dep_ == "prep" and child.lower_ in _LABEL_PREPOSITIONS and child.i > verb.i
        for child in children)


def _quoted_label(obj: Token) -> bool:
    """Return whether a quotation follows an object inside its phrase or right after it."""
    doc = obj.doc
    after = obj.right_edge.i + 1
    return any(t.is_quote and t.is_left_punct and t.i > obj.i for t in obj.subtree) or (
        after < len(doc) and doc[after].is_quote and doc[after].is_left_punct)


#: Evidence that states a measurement as its object: "a poll shows Sanders with 47
#: percent", "the survey found a one-point gap". AP Stylebook, "polls and surveys"
#: (attribute a poll's findings to the poll).
_MEASURES = frozenset({"poll", "survey", "study", "report", "data", "analysis", "research",
                       "audit", "review", "census", "figure", "record", "email", "document"})


def measures(verb: Token, subject: Token | None) -> bool:
    """Return whether a poll, study or record shows or finds its object."""
    return subject is not None and subject.lemma_.lower() in _MEASURES and any(
        child.dep_ == "dobj" for child in verb.children)


def _parenthetical(verb: Token) -> bool:
    """Return whether the verb is a parenthetical frame: "Greensboro, Sexton said, made him".

    The parser hangs it on the clause it interrupts; commas set it off on both sides.
    """
    if verb.dep_ not in {"parataxis", "advcl", "ccomp", "conj"} or verb.head.i <= verb.i:
        return False
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    return ((doc[left].is_punct or left > 0 and doc[left - 1].is_punct)
            and (doc[right].is_punct or right + 1 < len(doc) and doc[right + 1].is_punct))


#: Prepositions of the time, place or means of speaking: "said in an interview",
#: "said by telephone"; "responded to the scene" is another verb.
_SPEAKING_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "by",
                                    "via", "through", "over", "from", "outside"})


def _bare(verb: Token) -> bool:
    """Return whether a verb of saying stands with its speaker and nothing it acts on.

    "Weaver said." after a quotation the parser put in a sentence of its own, "police
    said" at the end of a long clause, "said by telephone this week": a neutral verb of
    saying with a speaker and no object reports the words around it. A subordinate
    clause ("as the senator testified on Tuesday") is left to :func:`_as_frame`.
    """
    return verb.dep_ != "acl" and all(
        # "as the senator testified on Tuesday, ...": a time clause, not a frame
        child.dep_ in _FRAME_CHILDREN and child.dep_ != "mark"
        or child.dep_ in {"cc", "conj"}
        or child.dep_ == "prep" and child.lower_ in _SPEAKING_PREPOSITIONS
        for child in verb.children)


def _speaks_about(verb: Token) -> bool:
    """Return whether the verb has an "about" topic, also one the parser hung one PP lower.

    In "speculated for weeks about what ..." the parser attaches "about" to "weeks".
    """
    near = [verb] + [obj for prep in verb.children if prep.dep_ == "prep"
                     for obj in prep.children if obj.dep_ == "pobj"]
    return any(child.dep_ == "prep" and child.lower_ == "about"
               for word in near for child in word.children)


def _introduces_content(verb: Token) -> bool:
    # A ccomp is a clause whatever the tagger made of its head ("groups note that
    # Sanders co-sponsored bans", with "bans" tagged a noun). An adjective's infinitive
    # is no one's view ("is certain to remain", "is sure to spur").
    if verb.pos_ == "ADJ":
        return any(child.dep_ == "ccomp" for child in verb.children)
    return any(clause.pos_ in {"VERB", "AUX"} or clause.dep_ == "ccomp"
               for clause in content_clauses(verb))


def _frames_content(verb: Token) -> bool:
    """Return whether the verb follows the clause it reports ("... , he said").
    """
    head = verb.head
    return (verb.dep_ in {"conj", "parataxis", "ccomp", "advcl"} and head.i < verb.i
            and head.pos_ in {"VERB", "AUX"} and verb.i - head.i > 2
            and any(t.is_punct for t in verb.doc[head.i:verb.i])
            # "..., the majority of whom showed no signs": a verb with an object of its
            # own is a clause of its own, not a frame.
            and not any(child.dep_ == "dobj" for child in verb.children))


#: What a verb framing its clause with "as" may have beside its speaker: "As he said
#: on Tuesday" has a prepositional phrase and is as often a time ("as the senator
#: testified on Tuesday, the crowd ..."), so only bare frames count.
_FRAME_CHILDREN = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "mark", "punct",
                             "advmod", "npadvmod", "agent"})


def as_frame(verb: Token) -> bool:
    """Return whether the verb frames its clause with "as" ("As he said, the data were ...").

    The parse hangs it on the clause it reports, before or after it ("the data, as
    officials insisted, were wrong"), or on a noun of that clause. It is no frame with
    anything of its own beyond its speaker and adverbs ("as he claimed the prize", "as
    the minister complained about the press", "as she pleaded with the crowd"), and none
    in a comparison ("not as widespread as officials claimed"). "As noted above" has no
    speaker and is left out by the caller.
    """
    head = verb.head
    if (verb.dep_ != "advcl" or head.i == verb.i or head.pos_ in {"ADJ", "ADV"}
            or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)):
        return False
    if any(child.dep_ not in _FRAME_CHILDREN for child in verb.children):
        return False
    # "as many troops as officials claimed": the first "as" makes a comparison.
    return not any(t.lower_ == "as" and t.dep_ == "advmod" and t.i < verb.i
                   for t in head.subtree)


def _is_count(noun: Token) -> bool:
    return noun.like_num or any(child.dep_ == "nummod" for child in noun.children)
