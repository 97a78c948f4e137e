"""Whether a verb of saying reports speech, and which words it reports.

The attribution lexicon finds verbs that may report ("said", "noted", "called", "continued");
the parse says whether one does here: it introduces a clause ("said that ..."), frames a
quotation ('"...," he continued'), labels an object ("called the deal a disaster"), has a
message as its object ("denied the report") and so on. :mod:`service.analysis.attribution`
asks :func:`reports` and :func:`frames_quotation`, and takes what each cue reports from
:func:`content_clauses`: the clauses it reports, never its object ("denied the
allegations" names what was denied in the writer's words, not the source's).

References: Pareti 2016, PARC 3.0 (attribution relations: cue, source, content); Levin
(1993), English Verb Classes and Alternations, "verbs of communication".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from service.analysis.evidence import MEASURES
from service.analysis.implicit import judged, question_put
from service.analysis.naming import calls_it_a_day, for_to, gives_a_label, no_one_speaks
from service.analysis.newsroom import answers_a_request
from service.analysis.occasions import SPEAKING_PREPOSITIONS, hearer, setting, speaking_preposition
from service.analysis.rules import after_a_closing_mark
from service.analysis.segments import Segments


def clause_of(token: Token) -> Token:
    """Return the verb of the clause ``token`` is in (the token itself if it is one)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def content_clauses(verb: Token) -> list[Token]:
    """Return the clauses a verb of saying reports: its ccomp and parataxis, a verbal xcomp.

    Also a finite clause the parser took for an adverbial one ("Trump said after the
    convention he would not accept", where a time phrase stands between verb and clause):
    an adverbial clause with a subject of its own has a conjunction ("when", "if") to
    join it; one with none, after the verb, is what was said.
    """
    return [child for child in verb.children if child.dep_ in {"ccomp", "parataxis"} or (
        child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}) or _bare_clause(verb, child)
        or _leading_clause(verb, child)]


def _leading_clause(verb: Token, child: Token) -> bool:
    """Return whether ``child`` is the clause a frame after it reports, parsed as adverbial.

    "The girl was pepper-sprayed by a bystander, police said": a finite clause that opens
    the sentence with no conjunction, then a comma and the frame's subject. Not a frame
    of its own ("520 superdelegates have said they support Clinton, 39 have said ..."):
    a clause that reports a clause is no content of the next.
    """
    if child.dep_ != "advcl" or child.i > verb.i or child.pos_ not in {"VERB", "AUX"} or any(
            c.dep_ in {"ccomp", "xcomp"} for c in child.children):
        return False
    if any(not (t.is_punct or t.is_space) for t in verb.doc[verb.sent.start:child.left_edge.i]):
        return False
    if any(c.dep_ in {"ccomp", "parataxis"} and c.i > verb.i for c in verb.children):
        return False  # "..., the agency confirmed that ...": the words come after
    subject = [c for c in verb.children if c.dep_ == "nsubj" and c.i > child.i]
    doc = verb.doc
    return bool(subject) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children) and (
        not any(c.dep_ == "mark" or c.tag_ in {"WRB", "WDT", "WP"} for c in child.children)
    ) and any(t.text == "," for t in doc[child.right_edge.i + 1:subject[0].left_edge.i]) and all(
        t.is_punct for t in doc[child.right_edge.i + 1:subject[0].left_edge.i])


def _bare_clause(verb: Token, child: Token) -> bool:
    """Return whether ``child`` is a finite clause after ``verb`` with no conjunction."""
    return child.dep_ == "advcl" and child.i > verb.i and child.pos_ in {"VERB", "AUX"} and (
        any(c.dep_ == "nsubj" for c in child.children)) and any(
        c.dep_ == "aux" and c.lower_ != "to" or c.tag_ in {"VBD", "VBZ", "VBP", "MD"}
        for c in (child, *child.children)) and not any(
        c.dep_ == "mark" or c.tag_ in {"WRB", "WDT", "WP"} for c in child.children)


def end_char(token: Token) -> int:
    return token.idx + len(token.text)


def reports(verb: Token, speaker: Token | None, kind: str, segments: Segments,
             cue: Span | None = None, bare: bool = True, aims: bool = False) -> bool:
    """Return whether a reporting verb is used to report speech, not in another sense.

    It reports when it introduces content ("said that ...", a quotation), is the
    inverted frame of a quotation ("..., Zelenskyy said") or an "as" frame with a
    speaker ("as the minister claimed, ..."), stands in a sentence with a
    direct quotation, names its speaker as the agent of a passive, or has a speaker
    speak "about" something ("the media has speculated about"). A neutral verb
    with a direct object ("denied the report") reports too, unless the object is a
    count ("added three goals"), and so does a loaded verb of telling ("noted the rule",
    ``_TELLS_OBJECT``). "North Korea's military boasts one of the largest
    forces" has none of these and is no attribution. A speaker who labels something
    ("called the deal a disaster", "described him as reckless", "likened it to") or a
    phrasal cue with its object ("called for a ban") reports too. With ``bare``, a neutral
    verb with its speaker and nothing it acts on reports ("... , Weaver said."); an entry
    restricted to one sense of its verb ("believe", "think") passes ``bare=False``, since
    a verb with nothing to report shows no sense ("think harder"). With ``aims``, a verb
    of hostile speech with its speaker reports its object ("Clinton mocked Trump"); the
    context rules kept it only with one.
    """
    if calls_it_a_day(verb) or no_one_speaks(verb):
        return False  # "calling it quits"; "one might argue", "Saying that ... would"
    if cue is not None and len(cue) > 1 and cue[-1].lower_ == "to" and (
            cue[-1].dep_ == "prep") and not any(cue[-1].children) and not any(
            t.tag_ in {"WP", "WDT"} for t in verb.subtree):
        return False  # "in the speech just referred to": "to" left without its object
    if _introduces_content(verb) or _frames_content(verb) or question_put(verb):
        return True
    if cue is not None and verb.lemma_ == "quote" and cue[-1].lemma_ == "say":
        return True  # "was quoted as saying": the phrase says it reports
    if verb.lemma_ == "add" and any(child.dep_ == "dobj" for child in verb.children):
        return False  # "add some nuance to the image of him as ...": a thing added
    if speaker is None and judged(verb):
        return True  # "Quiros was accused of using ...": someone's words, unnamed
    if speaker is not None and (as_frame(verb) or gives_a_label(verb) or parenthetical(verb)
                                or interrupted(verb)):
        return True
    if speaker is not None and cue is not None and len(cue) > 1 and (
            cue[-1].pos_ == "ADP" and any(child.dep_ in {"pobj", "pcomp"}
                                          for child in cue[-1].children)
            or for_to(cue[-1], verb)):
        return True  # "called for a ban", "called for the strongholds to be hit harder"
    if aims and speaker is not None:
        return True  # "Clinton mocked Trump": words aimed at their object
    if speaker is not None and answers_a_request(verb):
        return True  # "did not respond to requests for comment": a source asked
    if any(child.dep_ == "agent" for child in verb.children):
        return True
    if segments.quoted_within(verb.sent.start_char, verb.sent.end_char):
        # A quotation elsewhere in the sentence makes no speech of a verb about a thing:
        # "believes in freedom", "showed no signs of 'privilege'".
        # An "in" of the verb's own ("believes in"), not the time, place or occasion of
        # speaking ('"...," Lasry told Bloomberg Politics in May', "she said in Iowa"): a
        # plain verb of saying (``bare``) has none of its own.
        return speaker is not None and not any(
            child.dep_ == "dobj" and kind == "loaded_verb"
            or child.dep_ == "prep" and child.lower_ == "in" and not bare and not setting(child)
            for child in verb.children)
    if speaker is not None and _speaks_about(verb):
        return True  # "the media has speculated about ...": speech about a topic
    if speaker is not None and (bare and kind == "neutral_verb" and bare_frame(verb) or (
            kind == "loaded_verb" and frames_quotation(verb, segments))):
        return True  # "'Is that all there is?' Trump said.", "'...!' Jane Doe lamented."
    if (kind == "neutral_verb" or verb.lemma_.lower() in _TELLS_OBJECT) and (
            speaker is not None and speaker.lower_ != "it"):
        # "It indicates nothing": with only an object, "it" is a thing, not a speaker.
        return any(child.dep_ in {"dobj", "dative"} and not _is_count(child)
                   or child.dep_ == "intj" and child.lower_ in {"yes", "no"}  # "said no"
                   for child in verb.children)
    return False


#: Loaded verbs of saying whose direct object is what is said: "noted the rule",
#: "acknowledged their uphill battle", "stressed the need" (Merriam-Webster: note,
#: "to make special mention of"; acknowledge, "to disclose knowledge of or agreement
#: with"). Not "claim" ("claimed the title"), "maintain"
#: ("maintained the lead") or "reveal" ("the scan revealed a fracture").
_TELLS_OBJECT = frozenset({"note", "acknowledge", "admit", "concede", "disclose", "stress",
                           "emphasize", "emphasise", "explain", "recount"})
#: Evidence that states a measurement as its object: "a poll shows Sanders with 47
#: percent", "the survey found a one-point gap", "polling averages show Clinton with a
#: lead" (:data:`~service.analysis.evidence.MEASURES`). AP Stylebook, "polls and surveys"
#: (attribute a poll's findings to the poll).


def measures(verb: Token, subject: Token | None) -> bool:
    """Return whether a poll, study or record shows or finds its object."""
    return subject is not None and subject.lemma_.lower() in MEASURES and any(
        child.dep_ == "dobj" for child in verb.children)


#: Dependencies of the clauses a frame may carry beside its own words.
_CLAUSES = frozenset({"advcl", "ccomp", "conj", "parataxis", "csubj"})


def frame_edges(verb: Token) -> tuple[int, int]:
    """Return the first and last token of a frame's own words: speaker, verb, when, where.

    A clause the parser hung on the verb ("Though it was seamless, he said, ...") is not
    part of the frame. An inverted frame starts at its verb ("The surpluses, said Scott
    Pattison, are ...", "In part, says the governor, the plan failed"): what the parser
    hung on it before the verb belongs to the clause it interrupts.
    """
    inverted = any(child.dep_ == "nsubj" and child.i > verb.i for child in verb.children)
    own = [child for child in verb.children
           if child.dep_ not in _CLAUSES and not child.is_punct and child.dep_ != "cc"
           and not (inverted and child.i < verb.i)]
    return (min([verb.i, *(child.left_edge.i for child in own)]),
            max([verb.i, *(child.right_edge.i for child in own)]))


#: What a frame does not have: something it acts on. "The jetliner, a new Boeing 737,
#: showed unstable vertical speed after takeoff, the monitor said" is set off by marks
#: but is the content, not a frame.
_OBJECTS = frozenset({"dobj", "dative", "attr", "acomp", "oprd", "xcomp", "ccomp"})


def _set_off(verb: Token) -> bool:
    """Return whether a frame's own words (nothing it acts on) stand between marks.

    A frame is its speaker, the verb, and when, where or how the words were said ("he
    said Tuesday", "she said in an interview", "pointed out with a side-by-side").
    "Military spending would decline to its 2007 level, said Todd Harrison" is set off by
    commas, but "decline to" is what was said.
    """
    if any(child.dep_ in _OBJECTS and child.i > verb.i and not hearer(verb, child)
           or child.dep_ == "prep" and (
            child.i > verb.i and child.lower_ not in SPEAKING_PREPOSITIONS | {"with"})
           for child in verb.children):
        return False
    doc = verb.doc
    left, right = frame_edges(verb)
    return ((doc[left].is_punct or left > 0 and doc[left - 1].is_punct)
            and (doc[right].is_punct or right + 1 < len(doc) and doc[right + 1].is_punct))


def parenthetical(verb: Token) -> bool:
    """Return whether the verb is a parenthetical frame: "Greensboro, Sexton said, made him".

    The parser hangs it on the clause it interrupts; commas set it off on both sides.
    """
    return verb.dep_ in {"parataxis", "advcl", "ccomp", "conj"} and verb.head.i > verb.i and (
        _set_off(verb)) and not any(  # "..., who believes in ..., hates you": a relative clause
        child.dep_ == "nsubj" and (child.tag_ in {"WP", "WDT"} or child.lower_ == "that")
        for child in verb.children)


def interrupted(verb: Token) -> list[Token]:
    """Return the clauses a frame interrupts when the parser made the frame their root.

    "In fact, she said Tuesday, the plan would cost more": the parser hangs both halves
    of the speaker's sentence on "said". The frame (its speaker, the verb, the time,
    place or means of speaking) is set off by commas, with words of the speaker's before
    it and a clause after it; the reported words are the verb's other children. Empty if
    the verb is no such frame.
    """
    if verb.dep_ != "ROOT" or not _set_off(verb):
        return []
    doc = verb.doc
    left, right = frame_edges(verb)
    if left < 1 or doc[left - 1].text != "," or right + 1 >= len(doc) or (
            doc[right + 1].text != ","):
        return []  # "Cantor, frequently mentioned as a rival, received ...": no frame
    if [child.i < verb.i for child in verb.children if child.dep_ == "nsubj"] != [True]:
        return []
    if any(child.dep_ in {"aux", "neg"} for child in verb.children):
        return []  # "..., he did not say, ...": a frame is the plain verb
    clauses = [child for child in verb.children if child.i > right
               and child.dep_ in _CLAUSES and child.pos_ in {"VERB", "AUX"}]
    before = [child for child in verb.children
              if child.i < left and not child.is_punct and child.dep_ != "cc"]
    return before + clauses if before and clauses else []


def bare_frame(verb: Token) -> bool:
    """Return whether a verb of saying stands with its speaker and nothing it acts on.

    "Weaver said." after a quotation the parser put in a sentence of its own, "police
    said" at the end of a long clause, "said by telephone this week": a neutral verb of
    saying with a speaker and no object reports the words around it, also a fragment
    before it that the parser could not place ("People like Scott, he said."). A
    subordinate clause ("as the senator testified on Tuesday") is left to
    :func:`as_frame`.
    """
    return verb.dep_ != "acl" and all(
        # "as the senator testified on Tuesday, ...": a time clause, not a frame
        child.dep_ in _FRAME_CHILDREN and child.dep_ != "mark"
        or child.dep_ in {"cc", "conj"}
        or child.dep_ == "prep" and speaking_preposition(child)
        or child.dep_ == "dep" and child.i < verb.i and verb.doc[child.right_edge.i + 1].text == ","
        for child in verb.children)


def frames_quotation(verb: Token, segments: Segments) -> bool:
    """Return whether a verb frames a quotation right next to it, or reports a "that" clause.

    '"...," he continued.', 'He continued, "..."', and the frame the parser set apart from
    its quotation ('"..." / Trump continued.'): the verb has nothing of its own but its
    speaker (or its clause is the quotation), and a quotation closes right before the
    frame or opens right after it, in the same paragraph. "The talks continued, and
    'progress' was slow" has a quotation in its sentence but none next to the verb; a
    paragraph that opens "The case continues." after a quoted one frames nothing.
    """
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    if any(any(t.dep_ == "mark" and t.lower_ == "that" for t in c.children) for c in clauses):
        return True  # "She continued that an official had said ...": reported speech
    own = [c for c in verb.children if c.dep_ not in {"ccomp", "parataxis"}]
    if not (bare_frame(verb) or clauses and all(
            segments.quoted_within(c.left_edge.idx, end_char(c.right_edge)) for c in clauses)):
        return False
    left = min([verb.idx, *(c.left_edge.idx for c in own)])
    right = max([end_char(verb), *(end_char(c.right_edge) for c in own)])
    text = segments.text
    return (segments.quoted_within(max(0, left - 3), left) and "\n" not in text[left - 3:left]
            or segments.quoted_within(right, right + 3) and "\n" not in text[right:right + 3]
            or any(segments.quoted_within(c.left_edge.idx, end_char(c.right_edge))
                   for c in clauses))


def _speaks_about(verb: Token) -> bool:
    """Return whether the verb has an "about" topic, also one the parser hung one PP lower.

    In "speculated for weeks about what ..." the parser attaches "about" to "weeks".
    """
    near = [verb] + [obj for prep in verb.children if prep.dep_ == "prep" and not (
        # "responded to a call about smoke": what a response answers decides
        # (answers_a_request); its topic does not make it speech
        prep.lower_ == "to" and verb.lemma_ == "respond")
        for obj in prep.children if obj.dep_ == "pobj"]
    return any(child.dep_ == "prep" and child.lower_ == "about"
               for word in near for child in word.children)


#: What makes a clause of a complement the parser heads with an adjective or a noun:
#: "said (that) she is thrilled", "said he was a liar".
_CLAUSE_MARKS = frozenset({"nsubj", "nsubjpass", "expl", "cop", "mark"})


def _introduces_content(verb: Token) -> bool:
    """Return whether the verb has a clause to report.

    A complement is a clause when it is a verb, has a subject, a copula or "that" of its
    own ("says she's thrilled", where the parse heads the clause with "thrilled"), or
    comes before the verb with a comma between ("Language unclear on leave, experts
    say."): the headline's and the lede's way of putting the frame last.
    """
    return any(clause.pos_ in {"VERB", "AUX"}
               or any(child.dep_ in _CLAUSE_MARKS for child in clause.children)
               or clause.dep_ == "ccomp" and clause.i < verb.i
               and any(t.is_punct for t in verb.doc[clause.right_edge.i:verb.i])
               for clause in content_clauses(verb))


def _frames_content(verb: Token) -> bool:
    """Return whether the verb follows the clause it reports ("... , he said").
    """
    head = verb.head
    return (verb.dep_ in {"conj", "parataxis", "ccomp", "advcl"} and head.i < verb.i
            and head.pos_ in {"VERB", "AUX"} and verb.i - head.i > 2
            and any(t.is_punct for t in verb.doc[head.i:verb.i])
            # "..., the majority of whom showed no signs": a verb with an object of its
            # own is a clause of its own, not a frame; so is one of concession or
            # condition ("..., though it has declined slightly") and a complement ("It is
            # notable that coverage declined").
            and not any(child.dep_ == "dobj" or child.dep_ == "mark"
                        and child.lower_ in _NO_FRAME_MARKS for child in verb.children)
            # "..., and after that the rate would decline": a clause joined by "and".
            and not any(t.dep_ == "cc" and t.head.i in {head.i, verb.i}
                        for t in verb.doc[head.i + 1:verb.i]))


#: Conjunctions of concession, condition and cause, and complementisers: a clause they
#: open is the sentence's own, not a frame ("as", "after", "when" frames: "as the Times
#: reported").
_NO_FRAME_MARKS = frozenset({"though", "although", "if", "unless", "because", "whereas",
                             "that", "whether"})


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


#: Heads of an infinitive that ask for, allow or need speech that has not happened:
#: "the law requires candidates to disclose", "daring him to say", "let editorials tell
#: them", "needs to tell the truth", and of a clause that wishes for it: "She hoped he
#: would say yes" (Sauri and Pustejovsky 2009, FactBank: such events are not asserted as
#: facts).
_UNREALISING = frozenset({"require", "let", "allow", "permit", "dare", "force", "compel",
                          "need", "oblige", "hope", "wish"})


#: Modals of ability or the future that make a stance the writer's supposition or forecast:
#: "Democrats can hope to", "senators will want to know" ("ca", "wo": "can't", "won't").
#: Not "would", "may", "might": "states that may not want to chip in" report a stance.
_HYPOTHETICAL_MODALS = frozenset({"can", "ca", "could", "will", "wo", "'ll"})


def hypothetical(verb: Token) -> bool:
    """Return whether a verb of stance is the writer's supposition, not someone's stance.

    "Republicans have their hands full if they hope to close the gender gap", "He can't
    afford to lose them and hope to be a strong nominee": a condition or a modal of
    ability (also on the verb it is joined to) says what would follow, not what anyone
    hopes, wants or believes (Sauri and Pustejovsky 2009, FactBank: such events are not
    asserted as facts).
    """
    for word in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        if any(child.dep_ == "mark" and child.lower_ in {"if", "unless"} or child.dep_ == "aux"
               and child.lower_ in _HYPOTHETICAL_MODALS for child in word.children):
            return True
    return False


def unrealised(verb: Token) -> bool:
    """Return whether a verb of saying names speech that no one has made.

    An imperative ("Now tell us ...", "Perhaps ask ...": a base form with no subject
    heading its sentence) addresses the reader, and an infinitive under a verb of
    requiring, allowing or needing names speech asked for, not made.
    """
    if verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(
            child.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "expl"}
            for child in verb.children) and not after_a_closing_mark(verb):
        return True  # (not '"...," read the email': a past "read" tagged as a base form)
    if verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.tag_ == "VB":
        return unrealised(verb.head)  # "what to say or not say"
    if verb.tag_ == "VB" and any(child.dep_ == "aux" and child.lower_ == "to"
                                 for child in verb.children) and any(
            child.tag_ in {"WP", "WRB"} or child.lower_ == "whether"
            for child in verb.children):
        return True  # "told them what to say", "did not know how to respond": no one spoke
    head = verb.head
    return verb.dep_ in {"xcomp", "ccomp"} and (
        head.lemma_.lower() in _UNREALISING) and not any(
        # '"... I hope she enjoys it there!" Smith said': the parse hung the frame on the
        # quotation's verb
        t.is_quote for t in verb.doc[min(head.i, verb.i):max(head.i, verb.i)])
