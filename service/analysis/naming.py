"""A speaker's label for something: "called the deal a disaster", "described him as reckless".

A verb that names or characterises its object reports the speaker's words for it, the
label, whether or not the verb introduces a clause: "Trump called the deal a disaster"
credits "a disaster" to Trump. :func:`service.analysis.reporting.reports` asks
:func:`gives_a_label`; "call it a day" and "call it quits" are idioms of stopping, no label.

References: Levin (1993), English Verb Classes and Alternations, "dub" verbs and
"characterize" verbs; Merriam-Webster, "call it a day", "call it quits".
"""

from __future__ import annotations

from spacy.tokens import Token

#: Prepositions that introduce a speaker's label for an object: "described it as", and
#: "likened it to" after a verb of likening only ("cast him to the ground", "saw them to
#: the door" give no label).
_LABEL_PREPOSITIONS = frozenset({"as", "to"})
_LIKENING = frozenset({"liken", "compare"})
#: Idioms of "call it ...": to stop ("call it quits", "call it a day"), not a label.
#: Merriam-Webster, "call it a day", "call it quits".
_CALL_IT_IDIOMS = frozenset({"quits", "quit", "day", "night", "even"})


def gives_a_label(verb: Token) -> bool:
    """Return whether the verb gives its object a label: "called the deal a disaster".

    The label is an object predicate, a second object ("dub" verbs, Levin 1993: the parse
    gives "calling Obama an 'ignorant baboon'" two), or an "as" or "to" phrase after a
    direct object ("described the plan as reckless", "likened the race to a referendum").
    """
    children = list(verb.children)
    if any(child.dep_ == "oprd" for child in children) or passive_label(verb) is not None:
        return True
    objects = [child for child in children if child.dep_ == "dobj"]
    if len(objects) > 1:
        return True  # "calling him an “ignorant baboon”": the parse's two objects
    if any(_quoted_label(obj) for obj in objects):
        return True  # "called his actions “a crucial step forward”"
    return bool(objects) and any(
        child.dep_ == "prep" and child.lower_ in _LABEL_PREPOSITIONS and child.i > verb.i
        and (child.lower_ == "as" or verb.lemma_.lower() in _LIKENING) for child in children)


#: Verbs of a charge whose "of" or "for" phrase is the charge: "accused her of
#: deliberately trying to delay", "blamed him for the loss" (Merriam-Webster, "accuse":
#: to charge with a fault).
_CHARGES = frozenset({"accuse", "blame", "criticize", "criticise", "fault", "condemn",
                      "praise", "credit"})


def passive_label(verb: Token) -> tuple[int, int, Token] | None:
    """Return the label a passive verb gives with its agent, and the agent's head.

    "The plan was described as reckless by Democrats", "was hailed as a 'game changer'
    by supporters", "have been criticized as unnecessarily cruel by many leaders": the
    words after "as" are the agent's (Levin 1993, "characterize" verbs, in the passive).
    The parser often hangs "by" inside the label's phrase; it is looked for after "as"
    in the verb's subtree. None without "as" or without an agent.
    """
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    marks = [c for c in verb.children if c.i > verb.i and c.lower_ == "as"] + [
        g for c in verb.children if c.dep_ in {"advcl", "acomp", "oprd"} and c.i > verb.i
        for g in c.children if g.lower_ == "as" and g.i < c.i]  # "criticized as cruel"
    if not marks:
        return None
    # Not a "by" of a verb inside the label ("cited as a reason why Allen was defeated by
    # Webb", "an idea influenced by ..."): that verb's own agent.
    by = next((t for t in verb.subtree if t.lower_ == "by" and t.i > marks[0].i
               and t.dep_ in {"agent", "prep"} and (
                   t.head.i == verb.i or t.head.pos_ not in {"VERB", "AUX"})), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if by is None or agent is None or by.i <= marks[0].i + 1:
        return None
    doc = verb.doc
    last = doc[by.i - 1]
    while last.i > marks[0].i + 1 and (last.is_punct and not last.is_quote or last.is_space):
        last = doc[last.i - 1]
    first = doc[marks[0].i + 1]
    return first.idx, last.idx + len(last.text), agent


def label_of(verb: Token) -> tuple[int, int] | None:
    """Return the character span of the words a speaker's label or charge puts on an object.

    "Called the allegations overblown" (an object predicate), "calling him a traitor"
    (the parse's second object), "described the plan as reckless", "likened the race to
    a referendum", "accused her of deliberately trying to delay": the speaker's words
    about the object, which the writer reports. None when the verb gives no label.
    """
    if (passive := passive_label(verb)) is not None:
        return passive[0], passive[1]  # "was described as reckless by Democrats"
    children = list(verb.children)
    objects = [child for child in children if child.dep_ == "dobj"]
    label = next((child for child in children if child.dep_ == "oprd"), None)
    if label is None and len(objects) > 1:
        label = objects[-1]
    if label is None and objects:
        label = next((child for child in children if child.dep_ == "prep" and child.i > verb.i
                      and (child.lower_ == "as" or child.lower_ == "to"
                           and verb.lemma_.lower() in _LIKENING
                           or child.lower_ in {"of", "for"}
                           and verb.lemma_.lower() in _CHARGES)), None)
    if label is None:
        return None
    first, last = label.left_edge, label.right_edge
    return first.idx, last.idx + len(last.text)


def regards_as(verb: Token) -> bool:
    """Return whether the verb regards its object as something: "see Sanders as a threat".

    An object and an "as" phrase after the verb ("what they see as a debacle" too); not a
    small clause ("has seen its population double", "saw the man run away"), which is
    what happened or was seen.
    """
    children = list(verb.children)
    if any(child.dep_ == "dobj" and child.lemma_.lower() in _EXPERIENCES for child in children):
        return False  # "saw combat as a Marine", "saw service as a nurse": lived through
    return any(child.dep_ == "dobj" for child in children) and any(
        child.dep_ == "prep" and child.lower_ == "as" and child.i > verb.i and not any(
            c.dep_ == "pobj" and _no_label(c) for c in child.children)
        for child in children)


#: What one sees by living through it: "saw combat", "saw action", "saw service".
#: Merriam-Webster, "see" transitive verb 1c: to undergo, experience.
_EXPERIENCES = frozenset({"combat", "action", "service", "duty"})
#: What "as" gives that is no label: the subject's role or age at the time ("saw Paris as
#: a student": Merriam-Webster, "as" preposition 1, "in the capacity, character, role,
#: or state of"), a part ("as part of the celebrations").
_ROLES_AT_THE_TIME = frozenset({"child", "kid", "boy", "girl", "teenager", "teen", "youth",
                                "student", "adult", "marine", "soldier", "volunteer",
                                "intern", "part"})


def _no_label(noun: Token) -> bool:
    """Return whether an "as" phrase's noun gives no view of the object.

    "As a result of", "as a consequence of" give a cause (Merriam-Webster, "as a
    result"; "see the defeat as the result of neglect" is a view); "as a student", "as
    part of" give a role or a part.
    """
    if noun.lower_ in {"result", "consequence"}:
        return any(c.dep_ == "det" and c.lower_ == "a" for c in noun.children)
    return noun.lemma_.lower() in _ROLES_AT_THE_TIME


def regarded(verb: Token) -> tuple[int, int] | None:
    """Return the character span of the view a "see X as Y" credits: "Sanders as a threat".

    The object and its "as" phrase when the object follows the verb; the "as" phrase
    alone when it comes first ("what they see as a debacle": "what" stands for the thing
    in the writer's sentence).
    """
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    phrases = [child for child in verb.children
               if child.dep_ == "prep" and child.lower_ == "as" and child.i > verb.i]
    if not objects or not phrases:
        return None
    parts = [objects[0], *phrases] if objects[0].i > verb.i else phrases
    first = min((p.left_edge for p in parts), key=lambda t: t.i)
    last = max((p.right_edge for p in parts), key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


#: Verbs that give their object a name: "called it a hoax", "dubbed him 'Little Marco'".
_NAMING = frozenset({"call", "dub", "label", "brand", "term", "name", "nickname"})


def _quoted_label(obj: Token) -> bool:
    """Return whether a quotation follows an object inside its phrase or right after it."""
    doc = obj.doc
    after = obj.right_edge.i + 1
    # After the object ("called his actions “a crucial step forward”"), or, after a verb
    # that names (call, dub, label), inside the object's phrase where the parser merged
    # object and label (the headline's "calls Obamacare ‘crazy system’").
    first = obj.left_edge.i if obj.head.lemma_.lower() in _NAMING else obj.i
    return any(t.is_quote and t.is_left_punct and t.i > first for t in obj.subtree) or (
        after < len(doc) and doc[after].is_quote and doc[after].is_left_punct)


def calls_it_a_day(verb: Token) -> bool:
    """Return whether "call" is an idiom of stopping: "calling it quits", "called it a day"."""
    return verb.lemma_ == "call" and any(c.lower_ in _CALL_IT_IDIOMS for c in verb.children)


def for_to(word: Token, verb: Token) -> bool:
    """Return whether ``word`` opens a for-to clause of ``verb``: "called for them to go"."""
    return word.dep_ == "mark" and word.lower_ == "for" and word.head.head.i == verb.i and (
        word.head.dep_ in {"advcl", "ccomp"}) and any(c.lower_ == "to" for c in word.head.children)


#: Modals with which a generic "one" imagines a speaker: "one might argue that ...".
_HYPOTHETICAL = frozenset({"might", "could", "may", "would", "can"})


def no_one_speaks(verb: Token) -> bool:
    """Return whether a verb of saying has no speaker but the writer's imagined one.

    "One might argue that ..." (a generic "one" with a modal: Quirk et al. 1985, 6.55, the
    generic pronoun), "Saying that you can't support it would create ..." (the act of
    saying as a clause's subject) and "It's worth noting that ..." are the writer's own
    argument, not a report.
    """
    if verb.dep_ == "csubj" and verb.tag_ == "VBG" and verb.i == verb.sent.start:
        return True  # the clause opens the sentence (not a participle the parse misread)
    if verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "worth":
        return True  # "It's worth noting that ...": the writer's own aside
    return any(c.dep_ == "nsubj" and c.lower_ == "one" and not any(c.children)
               for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in verb.children)
